"""The distribution pages: table, chart, status, comparison, what-if, region section, demo."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from banenafspraak import demo, services
from banenafspraak.models import DistributionRun, RegionFigures
from banenafspraak.selectors import run_allocations, shifts
from tests.banenafspraak.factories import complete_dataset, targets_formset_data
from werkkamer.core.charts import nice_ceiling
from werkkamer.core.charts import stacked_bar_chart as bar_chart

pytestmark = pytest.mark.django_db


def _publish(reason: str = "test") -> DistributionRun:
    run = services.distribution_request(reason=reason)
    services.distribution_run_compute(run_id=run.pk)
    return DistributionRun.objects.get(pk=run.pk)


@pytest.fixture
def published():
    complete_dataset()
    return _publish()


def test_the_distribution_page_shows_dutch_numbers_totals_and_an_svg_chart(published, client):
    page = client.get(reverse("banenafspraak:distribution")).content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "100.000" in page and "25.000" in page  # the 2025 totals row, Dutch grouping
    assert "Groot Amsterdam" in page
    assert "<script" not in page.split("</head>")[1]  # no inline script in the body
    assert "fictief (demo)" not in page
    assert ">2025</th>" in page and 'value="2025" selected' in page  # years are not grouped


def test_while_a_recompute_is_pending_the_status_polls_and_then_refreshes_the_page(
    published, client
):
    RegionFigures.objects.filter(region__code="AM01").update(wajong=1)
    pending = services.distribution_request(reason="test")
    page = client.get(reverse("banenafspraak:distribution")).content.decode()
    assert "De verdeling wordt herberekend" in page
    assert 'hx-trigger="every 1s"' in page
    status_url = reverse("banenafspraak:status") + f"?versie={published.pk}"
    assert client.get(status_url, HTTP_HX_REQUEST="true").get("HX-Refresh") is None
    services.distribution_run_compute(run_id=pending.pk)
    response = client.get(status_url, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    settled = client.get(reverse("banenafspraak:status") + f"?versie={pending.pk}")
    assert "hx-trigger" not in settled.content.decode()


def test_the_comparison_lists_shifts_by_size_with_percentages(published, client):
    RegionFigures.objects.filter(region__code="AM18").update(unemployed=60_000)
    newer = _publish()
    response = client.get(
        reverse("banenafspraak:compare"),
        {"a": published.pk, "b": newer.pk, "year": 2025, "sector": ""},
    )
    rows = response.context["shifts"]
    assert rows[0].code == "AM18" and rows[0].absolute < 0
    assert [abs(r.absolute) for r in rows] == sorted((abs(r.absolute) for r in rows), reverse=True)
    assert sum(r.absolute for r in rows) == 0
    assert "%" in response.content.decode()


def test_shift_percentages_are_relative_to_the_old_number():
    before = {("AM01", 2025, "market"): 200, ("AM02", 2025, "market"): 0}
    after = {("AM01", 2025, "market"): 150, ("AM02", 2025, "market"): 50}
    result = {s.code: s for s in shifts(before, after, year=2025)}
    assert result["AM01"].percent == Decimal(-25)
    assert result["AM02"].percent is None


def test_what_if_shows_other_parameters_without_saving_a_run(published, client_for):
    staff = client_for("staff")
    response = staff.get(reverse("banenafspraak:whatif"), {"alpha": "0", "beta": "0"})
    assert response.status_code == 200
    assert DistributionRun.objects.count() == 1
    assert response.context["shifts"]
    assert sum(s.after for s in response.context["shifts"]) == 125_000


def test_what_if_rejects_bad_parameters_next_to_the_field(published, client_for):
    response = client_for("staff").get(
        reverse("banenafspraak:whatif"), {"alpha": "-1", "beta": "x"}
    )
    assert response.context["form"].errors.keys() == {"alpha", "beta"}


def test_editing_a_figure_re_renders_errors_with_the_users_input(published, client_for):
    url = reverse("banenafspraak:figures_edit", kwargs={"code": "AM01"})
    response = client_for("staff").post(
        url,
        {
            "employment": "100",
            "employment_market": "90",
            "employment_government": "20",
            "unemployed": "-3",
            "wajong": "7",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="-3"' in page
    assert "Marktsector (90) en overheid (20) samen zijn 110" in page
    assert DistributionRun.objects.count() == 1


def test_a_total_that_is_not_market_plus_government_is_refused_with_the_numbers(
    published, client_for
):
    """Issue 13 §2: a total of 300,000 next to 264,876 in the sectors was saved before."""
    url = reverse("banenafspraak:figures_edit", kwargs={"code": "AM01"})
    response = client_for("staff").post(
        url,
        {
            "employment": "300000",
            "employment_market": "230000",
            "employment_government": "34876",
            "unemployed": "4000",
            "wajong": "2000",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Marktsector (230.000) en overheid (34.876) samen zijn 264.876" in page
    assert "de totale werkgelegenheid is 300.000" in page
    assert 'value="300000"' in page
    assert RegionFigures.objects.get(dataset=published.dataset, region__code="AM01").employment != (
        300_000
    )
    assert DistributionRun.objects.count() == 1


def test_saving_unchanged_figures_makes_no_new_version_and_says_so(
    published, client_for, django_capture_on_commit_callbacks
):
    figures = RegionFigures.objects.get(dataset=published.dataset, region__code="AM01")
    url = reverse("banenafspraak:figures_edit", kwargs={"code": "AM01"})
    data = {
        name: getattr(figures, name)
        for name in (
            "employment",
            "employment_market",
            "employment_government",
            "unemployed",
            "wajong",
        )
    }
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for("staff").post(url, data, follow=True)
    assert "Er is niets gewijzigd: er komt geen nieuwe versie van de verdeling." in (
        response.content.decode()
    )
    assert callbacks == []
    assert DistributionRun.objects.count() == 1


def test_the_region_page_shows_its_allocation(published, client):
    page = client.get(reverse("regions:detail", kwargs={"code": "AM01"})).content.decode()
    allocations = run_allocations(published)
    total = allocations[("AM01", 2025, "market")] + allocations[("AM01", 2025, "government")]
    assert "Indicatieve verdeling Banenafspraak" in page
    assert f'<td class="num">{total:,}</td>'.replace(",", ".") in page


def test_demo_data_are_generated_once_and_labelled_fictief_everywhere(
    client, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert "fictieve basisgegevens" in demo.seed()
    assert demo.seed() == "basisgegevens bestonden al"
    run = DistributionRun.objects.current()
    assert run is not None and run.is_demo
    for url in (
        reverse("banenafspraak:distribution"),
        run.get_absolute_url(),
        reverse("regions:detail", kwargs={"code": "AM18"}),
    ):
        assert "fictief (demo)" in client.get(url).content.decode(), url


def test_the_bar_chart_scales_bars_to_a_nice_axis():
    chart = bar_chart([("A", 300, 100), ("B", 700, 250)], width=500, label_width=100)
    assert nice_ceiling(950) == 1000 and nice_ceiling(2100) == 2500 and nice_ceiling(0) == 1
    assert nice_ceiling(5467) == 6000 and [t.value for t in bar_chart([("x", 5467, 0)]).ticks] == [
        0,
        1000,
        2000,
        3000,
        4000,
        5000,
        6000,
    ]
    assert [t.value for t in chart.ticks] == [0, 200, 400, 600, 800, 1000]
    a, b = chart.bars
    assert a.market_width * 3 == pytest.approx(a.government_width * 9)
    assert b.government_x == pytest.approx(b.market_x + b.market_width)
    assert chart.ticks[-1].x == pytest.approx(100 + 350)


# --- issue 13 §3: a year beyond the last national target says so; staff add new years ---------


def test_a_year_beyond_the_last_target_says_so(published, client):
    response = client.get(published.get_absolute_url(), {"jaar": "2027"})
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Voor 2027 is er geen verdeling: de landelijke doelstellingen lopen tot en met 2025."
        in (page)
    )


def test_the_targets_screen_warns_and_staff_add_a_new_year_that_is_then_distributed(
    published, client_for, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from banenafspraak.models import NationalTarget
    from banenafspraak.selectors import region_allocation
    from regions.models import Arbeidsmarktregio

    new_year = max(2026, timezone.localdate().year)  # the warning is about the current year
    staff = client_for("staff")
    url = reverse("banenafspraak:targets")
    page = staff.get(url).content.decode()
    assert "De landelijke doelstellingen lopen tot en met 2025" in page
    data = targets_formset_data(
        [
            {"year": str(new_year), "sector": sector, "jobs": str(jobs), "source": "test"}
            for sector, jobs in [("market", 105_000), ("government", 26_000)]
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, data)
    assert response.status_code == 302
    assert NationalTarget.objects.filter(year=new_year).count() == 2
    allocation = region_allocation(region=Arbeidsmarktregio.objects.get(code="AM01"))
    assert new_year in allocation
    assert "lopen tot en met 2025" not in staff.get(url).content.decode()


@pytest.mark.parametrize("year", ["9" * 5000, "²⁰²⁵", "-1", "20250"])
def test_a_hostile_year_in_the_query_is_ignored_not_a_500(published, client, year):
    for url in (reverse("banenafspraak:distribution"), published.get_absolute_url()):
        response = client.get(url, {"jaar": year})
        assert response.status_code == 200
        assert 'value="2025" selected' in response.content.decode()


def test_the_comparison_labels_versions_by_date_and_reason_and_draws_the_shifts(published, client):
    RegionFigures.objects.filter(region__code="AM18").update(unemployed=60_000)
    newer = _publish(reason="nieuwe CBS-cijfers")  # a done run is immutable: the reason comes first
    response = client.get(
        reverse("banenafspraak:compare"),
        {"a": published.pk, "b": newer.pk, "year": 2025, "sector": ""},
    )
    body = response.content.decode()
    when = timezone.localtime(newer.finished_at).strftime("%H:%M")
    assert f"versie {newer.pk} van " in body and when in body and "nieuwe CBS-cijfers" in body
    chart = body.split('class="bar-chart shift-chart"')[1].split("</svg>")[0]
    shifts = response.context["shifts"]
    assert chart.count("<rect") == len(shifts)
    assert "#a90061" in chart  # AM18 lost jobs: its bar is drawn left of the zero line


def test_a_shift_chart_puts_gains_right_and_losses_left_of_zero():
    from werkkamer.core.charts import shift_chart

    chart = shift_chart([("Groningen", 30), ("Twente", -60)])
    gain, loss = chart.bars
    assert gain.x == chart.zero_x and loss.x + loss.width == chart.zero_x
    assert loss.width == 2 * gain.width
