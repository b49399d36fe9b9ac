"""The pure report module: tables, totals, shifts and export rows from a snapshot (no database)."""

from __future__ import annotations

from banenafspraak import report


def snapshot(jobs: dict[str, tuple[list[int], list[int]]], years=(2024, 2025), previous=None):
    return {
        "years": list(years),
        "regions": [
            {"code": code, "name": f"Regio {code}", "jobs": {"market": m, "government": g}}
            for code, (m, g) in sorted(jobs.items())
        ],
        "previous": previous,
    }


SNAP = snapshot({"AM01": ([10, 20], [1, 2]), "AM02": ([30, 40], [3, 4])})


def test_a_sector_table_sums_each_year_over_the_regions():
    table = report.sector_table(SNAP, "market")
    assert table.years == (2024, 2025)
    assert [row.jobs for row in table.rows] == [(10, 20), (30, 40)]
    assert table.totals == (40, 60)


def test_chart_rows_and_region_totals_use_the_last_year_by_default():
    assert report.chart_rows(SNAP) == [("Regio AM01", 20, 2), ("Regio AM02", 40, 4)]
    assert report.region_totals(SNAP) == {"AM01": 22, "AM02": 44}
    assert report.region_totals(SNAP, 2024) == {"AM01": 11, "AM02": 33}


def test_flat_rows_list_every_region_and_year_then_the_totals():
    rows = report.flat_rows(SNAP)
    assert rows[0] == ("AM01", "Regio AM01", 2024, 10, 1, 11)
    assert rows[-2:] == [("", "", 2024, 40, 4, 44), ("", "", 2025, 60, 6, 66)]
    assert len(rows) == 2 * 2 + 2


def test_shifts_compare_the_latest_common_year_largest_first():
    previous = snapshot(
        {"AM01": ([10, 30, 99], [0, 0, 0]), "AM02": ([30, 40, 99], [0, 4, 0])},
        years=(2023, 2024, 2025),
    )
    shifts = report.shifts({**SNAP, "previous": previous})
    assert shifts.year == 2025
    # the larger shift first
    assert shifts.rows == (("AM01", "Regio AM01", 99, 22), ("AM02", "Regio AM02", 99, 44))


def test_ties_in_the_shift_go_by_region_code():
    previous = snapshot({"AM02": ([0, 0], [0, 0]), "AM01": ([0, 0], [0, 0])})
    after = snapshot({"AM01": ([0, 5], [0, 0]), "AM02": ([0, 5], [0, 0])}, previous=previous)
    shifts = report.shifts(after)
    assert [r.code for r in shifts.rows] == ["AM01", "AM02"]


def test_without_a_previous_publication_there_is_no_shift():
    assert report.shifts(SNAP) is None
    assert report.shifts({**SNAP, "previous": snapshot({}, years=(2019,))}) is None
