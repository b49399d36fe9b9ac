"""The "why this number?" arithmetic (pure, no database) and where it is shown."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banenafspraak.distribution import GOVERNMENT, MARKET, Parameters, RegionFigures, distribute
from banenafspraak.explanation import explain, sensitivity

TARGETS = {
    (2015, MARKET): 6_000,
    (2015, GOVERNMENT): 3_000,
    (2025, MARKET): 100_000,
    (2025, GOVERNMENT): 25_000,
}


def regions(n: int = 35) -> list[RegionFigures]:
    return [
        RegionFigures(
            code=f"AM{i:02d}",
            employment=100_000 + 7_919 * i,
            employment_market=85_000 + 6_733 * i,
            employment_government=15_000 + 1_009 * i,
            unemployed=4_000 + 211 * (i % 7),
            wajong=2_000 + 97 * (i % 5),
        )
        for i in range(1, n + 1)
    ]


def test_every_step_ends_in_the_number_the_engine_allocated():
    figures = regions()
    result = distribute(figures, TARGETS, Parameters())
    for region in figures:
        explained = explain(figures, TARGETS, Parameters(), region.code)
        for sector in explained.sectors:
            assert sector.share == result.shares[sector.sector][region.code]
            for step in sector.steps:
                assert step.final == result.allocations[(region.code, step.year, sector.sector)]
                assert step.whole + step.extra == step.final
                assert step.quota == step.target * sector.share
                assert step.extra == (1 if step.rank <= step.left_over else 0)


def test_the_factors_follow_the_method_for_one_region():
    figures = regions(3)
    explained = explain(figures, TARGETS, Parameters(), "AM02")
    market = explained.sector(MARKET)
    e = [r.employment_market for r in figures]
    w = [r.wajong for r in figures]
    u = [r.unemployed for r in figures]
    assert market.basis == MARKET and market.employment == e[1]
    assert market.wajong_index == Fraction(w[1], e[1]) / Fraction(sum(w), sum(e))
    assert market.unemployment_index == Fraction(u[1], e[1]) / Fraction(sum(u), sum(e))
    a, b = float(market.wajong_index), float(market.unemployment_index)
    assert float(market.weight) == pytest.approx(e[1] * a**0.5 / b**0.5, rel=1e-12)
    assert float(market.weight / market.weight_sum) == pytest.approx(float(market.share))


def test_the_remainder_ranks_count_the_jobs_left_over_exactly():
    figures = regions()
    for sector in (MARKET, GOVERNMENT):
        explained = [
            explain(figures, TARGETS, Parameters(), r.code).sector(sector) for r in figures
        ]
        last = [s.steps[-1] for s in explained]
        assert sorted(step.rank for step in last) == list(range(1, len(figures) + 1))
        assert sum(step.extra for step in last) == last[0].left_over


def test_sensitivity_recomputes_with_only_this_region_changed():
    figures = regions()
    rows = sensitivity(figures, TARGETS, Parameters(), "AM05")
    assert [(r.figure, r.percent) for r in rows] == [
        ("unemployed", -10),
        ("unemployed", 10),
        ("employment", -10),
        ("employment", 10),
    ]
    more_unemployed = rows[1]
    changed = [
        RegionFigures(**{**r.__dict__, "unemployed": round(r.unemployed * 1.1)})
        if r.code == "AM05"
        else r
        for r in figures
    ]
    expected = distribute(changed, TARGETS, Parameters()).region_total("AM05", 2025)
    assert more_unemployed.after["total"] == expected
    assert more_unemployed.change() < 0 < rows[0].change()  # more unemployment: fewer jobs
    assert rows[3].change() > 0  # more employment: more jobs


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1_000, 10**6), st.integers(1, 10**5), st.integers(1, 10**5)),
        min_size=2,
        max_size=12,
    ),
    st.sampled_from(["0", "0.5", "1.25"]),
    st.integers(0, 10**6),
)
def test_for_any_inputs_the_explanation_reproduces_the_allocation(rows, exponent, target):
    figures = [
        RegionFigures(code=f"AM{i:02d}", employment=e, unemployed=u, wajong=w)
        for i, (e, u, w) in enumerate(rows, start=1)
    ]
    parameters = Parameters(alpha=Decimal(exponent), beta=Decimal(exponent))
    targets = {(2025, MARKET): target, (2025, GOVERNMENT): target // 4}
    result = distribute(figures, targets, parameters)
    for region in figures:
        for sector in explain(figures, targets, parameters, region.code).sectors:
            step = sector.steps[0]
            assert sector.basis == "total"
            assert step.final == result.allocations[(region.code, 2025, sector.sector)]


# --- where it is shown: the region page and the regional one-pager ----------------------------


def _nl(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.mark.django_db
def test_the_region_page_explains_its_number_with_the_runs_figures(
    client, personas, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from banenafspraak.selectors_explanation import run_explanation
    from tests.banenafspraak.publications.factories import done_run

    run = done_run(django_capture_on_commit_callbacks)
    page = client.get(reverse("regions:detail", kwargs={"code": "AM01"})).content.decode()
    explained = run_explanation(run=run, code="AM01").explanation
    assert "Waarom krijgt Groningen dit aantal?" in page
    assert f"versie {run.pk}" in page
    market = explained.sector(MARKET)
    assert _nl(market.employment) in page and _nl(explained.unemployed) in page
    last = market.steps[-1]
    assert f"Eind {last.year}, marktsector: {_nl(last.target)} ×" in page
    assert f"staat op plaats {last.rank}" in page
    assert "Gevoeligheid" in page and "Werkloosheid +10 %" in page
    # the figures are this run's: the total shown is the run's allocation
    allocated = run.allocations.get(region__code="AM01", year=last.year, sector=MARKET).jobs
    assert last.final == allocated


@pytest.mark.django_db
def test_the_one_pager_explains_the_number_and_stays_one_page(
    personas, django_capture_on_commit_callbacks
):
    from banenafspraak.publications import services as services_publications
    from tests.banenafspraak.factories_api import published
    from tests.banenafspraak.pdf_checks import page_count, pdf_text
    from tests.banenafspraak.publications.factories import done_run

    publication = published(done_run(django_capture_on_commit_callbacks))
    pdf = services_publications.region_report_pdf(publication=publication, code="AM18")
    text = pdf_text(pdf)
    assert page_count(pdf) == 1
    assert "Waarom dit aantal?" in text and "Gevoeligheid" in text
    assert "Wajong-index a" in text and "Werkloosheidsindex b" in text
