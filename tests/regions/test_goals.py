from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from regions import selectors
from regions.goals import bar_chart, goal_rows
from tests.regions import factories

ALLOCATION = {
    2025: {"market": 900, "government": 250, "total": 1150},
    2026: {"market": 1000, "government": 300, "total": 1300},
}


def test_goal_rows_put_goal_beside_allocation_with_the_gap():
    rows = goal_rows(
        goals={2026: (1100, 150)}, allocation=ALLOCATION, realisations={2025: (800, 200)}
    )
    assert [r.year for r in rows] == [2025, 2026]
    assert rows[0].goal is None and rows[0].gap is None and rows[0].realised.total == 1000
    assert rows[1].goal.total == 1250 and rows[1].allocation.total == 1300
    assert rows[1].gap == -50


def test_the_chart_scales_bars_to_the_largest_figure():
    rows = goal_rows(goals={2026: (1100, 150)}, allocation=ALLOCATION, realisations={})
    chart = bar_chart(rows, width=640, height=260)
    assert chart.ticks[-1].value == 2000  # 1,300 / 4 = 325, rounded up to the nice step 500
    bars = {(b.year, b.series): b for b in chart.bars}
    assert set(bars) == {(2025, "allocation"), (2026, "allocation"), (2026, "goal")}
    plot_height = chart.bottom - chart.ticks[-1].y
    assert bars[2026, "allocation"].height == pytest.approx(plot_height * 1300 / 2000, abs=0.1)
    assert bars[2026, "goal"].x > bars[2026, "allocation"].x


def test_the_goal_table_shows_the_allocation_and_the_gap_in_dutch_numbers():
    rows = goal_rows(goals={2026: (1100, 150)}, allocation=ALLOCATION, realisations={})
    html = render_to_string(
        "regions/snippets/goal_table.html", {"goal_rows": rows, "has_allocation": True}
    )
    assert "1.300" in html and "1.250" in html and "-50" in html
    assert '<th scope="row">2026</th>' in html  # a year is not a number with a separator


def test_the_allocation_comes_from_the_current_distribution_run(
    db, personas, django_capture_on_commit_callbacks
):
    from banenafspraak import services as distribution
    from banenafspraak.models import NationalTarget
    from tests.banenafspraak.factories import complete_dataset

    assert selectors.region_allocation(region=personas.region_a) == {}
    with django_capture_on_commit_callbacks(execute=True):
        complete_dataset()
        distribution.distribution_request(reason="test")
    allocation = selectors.region_allocation(region=personas.region_a)
    target_2025 = {t.sector: t.jobs for t in NationalTarget.objects.filter(year=2025)}
    assert set(allocation) >= {2016, 2025}
    row = allocation[2025]
    assert row["total"] == row["market"] + row["government"]
    assert 0 < row["market"] < target_2025["market"]


@pytest.mark.django_db
def test_the_plan_and_the_region_dashboard_show_goals_beside_the_allocation(
    personas, client_for, monkeypatch
):
    # the distribution (banenafspraak) is wired in later; give the dashboard an allocation here
    monkeypatch.setattr("regions.selectors.region_allocation", lambda *, region: ALLOCATION)
    monkeypatch.setattr("regions.services.region_allocation", lambda *, region: ALLOCATION)
    monkeypatch.setattr("regions.navigation.region_allocation", lambda *, region: ALLOCATION)
    werkbedrijf = factories.werkbedrijf(personas.region_a)
    plan = factories.adopted_plan(werkbedrijf)  # goal 2026: 100 market + 20 government
    factories.services.realisation_save(
        werkbedrijf=werkbedrijf, user=None, year=2025, market=700, government=90, source="UWV"
    )
    client = client_for("anonymous")
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "-1.180" in page  # 120 - 1,300
    dashboard = client.get(reverse("regions:detail", kwargs={"code": "AM01"})).content.decode()
    assert "<svg" in dashboard and 'class="bar bar-allocation"' in dashboard
    assert 'class="bar bar-realised"' in dashboard and 'class="bar bar-goal"' in dashboard
    assert "790" in dashboard  # the 2025 realisation in the table


@pytest.mark.django_db
def test_the_goals_form_shows_the_allocation_and_saves_the_goals(personas, client_for, monkeypatch):
    monkeypatch.setattr("regions.views.plan.region_allocation", lambda *, region: ALLOCATION)
    plan = factories.draft_plan(factories.werkbedrijf(personas.region_a))
    url = reverse("regions:goals_edit", kwargs={"code": "AM01", "pk": plan.pk})
    client = client_for("coordinator_a")
    assert "1.300" in client.get(url).content.decode()
    data = {
        "doelen-TOTAL_FORMS": "3",
        "doelen-INITIAL_FORMS": "0",
        "doelen-0-year": "2025",
        "doelen-0-market": "800",
        "doelen-0-government": "200",
        "doelen-1-year": "2025",
        "doelen-1-market": "1",
        "doelen-1-government": "1",
    }
    duplicate = client.post(url, data)
    assert "Elk jaar mag maar één keer voorkomen." in duplicate.content.decode()
    assert 'value="800"' in duplicate.content.decode()  # the input is kept
    data["doelen-1-year"] = "2026"
    assert client.post(url, data).status_code == 302
    assert list(plan.goals.values_list("year", "market", "government")) == [
        (2025, 800, 200),
        (2026, 1, 1),
    ]
    # a year left out is removed, and the removal is in the history
    data.update({"doelen-INITIAL_FORMS": "2", "doelen-0-DELETE": "on"})
    assert client.post(url, data).status_code == 302
    assert list(plan.goals.values_list("year", flat=True)) == [2026]
    removed = plan.goals.model.history.filter(plan_id=plan.pk, history_type="-").get()
    assert (removed.year, removed.history_user) == (2025, personas.coordinator_a)
