from __future__ import annotations

import csv
import io
from datetime import date
from itertools import islice

from django.db import connection
from django.urls import reverse

import pytest

from doelgroepregister import loading, rows, services
from doelgroepregister.models import ImportStatus, RegisterImport, Registration
from doelgroepregister.protection import bsn_hash
from tests.doelgroepregister.factories import (
    csv_bytes,
    entry,
    invalid_bsn,
    upload,
    valid_bsns,
    xlsx_bytes,
)

# progress is written on the ``audit`` connection, outside the import's transaction
pytestmark = pytest.mark.django_db(databases="__all__")
BSNS = list(islice(valid_bsns(23_456_780), 6))


def snapshot() -> list[tuple]:
    return sorted(
        Registration.objects.values_list(
            "bsn_hash", "grondslag", "start_date", "end_date", "region_id"
        )
    )


@pytest.fixture
def run_import(personas, django_capture_on_commit_callbacks):
    def run(content: bytes, name: str = "extract.csv", commit: bool = True) -> RegisterImport:
        with django_capture_on_commit_callbacks(execute=True):
            created = services.register_import_create(
                user=personas.staff, upload=upload(content, name), commit=commit
            )
        return RegisterImport.objects.get(pk=created.pk)

    return run


def report_rows(register_import: RegisterImport, *, columns: int = 3) -> list[list[str]]:
    """Row, field and reason of each problem (``columns=5``: also the value and the expected)."""
    with register_import.report_file.open("rb") as raw:
        rows = list(csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig"), delimiter=";"))[1:]
    return [row[:columns] for row in rows]


GOOD_ROWS = [
    entry(BSNS[0], "wajong", "2020-01-01", "", "AM01"),
    entry(BSNS[1], "lid2", "15-03-2021", "31-12-2030", "am18"),
    entry(BSNS[2], "PW", "20220101", "2029-06-30"),
]


def test_it_imports_a_semicolon_csv_with_bom_and_counts_new_entries(run_import, personas):
    done = run_import(csv_bytes(GOOD_ROWS, bom=True))
    assert done.status == ImportStatus.DONE, report_rows(done) if done.report_file else done
    assert (done.row_count, done.inserted, done.updated, done.error_count) == (3, 3, 0, 0)
    entry_b = Registration.objects.get(bsn_hash=bsn_hash(BSNS[1]))
    assert entry_b.grondslag == "lid2"
    assert (entry_b.start_date, entry_b.end_date) == (date(2021, 3, 15), date(2030, 12, 31))
    assert entry_b.region == personas.region_b
    assert Registration.objects.get(bsn_hash=bsn_hash(BSNS[2])).region is None


def test_it_reads_comma_separated_windows_1252_with_extra_columns(run_import):
    header = ("BSN", "Grondslag", "Startdatum", "Einddatum", "Opmerking")
    rows = [(BSNS[0], "wsw", "2019-05-01", "", "één café")]
    content = csv_bytes(rows, header=header, delimiter=",", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    done = run_import(content)
    assert done.status == ImportStatus.DONE
    assert Registration.objects.filter(bsn_hash=bsn_hash(BSNS[0]), grondslag="wsw").exists()


def test_it_imports_xlsx_with_date_cells_and_numeric_bsns(run_import):
    leading_zero = next(b for b in valid_bsns(1_000_000) if b.startswith("0"))
    rows = [
        (int(leading_zero), "wajong", date(2020, 1, 1), None, "AM01"),
        (BSNS[3], "vso", date(2021, 2, 3), date(2024, 12, 31), None),
    ]
    done = run_import(xlsx_bytes(rows), "extract.xlsx")
    assert done.status == ImportStatus.DONE, report_rows(done)
    assert Registration.objects.filter(bsn_hash=bsn_hash(leading_zero)).exists()
    assert Registration.objects.get(bsn_hash=bsn_hash(BSNS[3])).end_date == date(2024, 12, 31)


def test_reimporting_the_same_file_changes_nothing(run_import):
    content = csv_bytes(GOOD_ROWS)
    run_import(content)
    before = snapshot()
    again = run_import(content)
    assert again.status == ImportStatus.DONE
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert snapshot() == before


def test_a_changed_end_date_updates_the_entry_on_its_natural_key(run_import):
    run_import(csv_bytes(GOOD_ROWS))
    changed = [GOOD_ROWS[0][:3] + ("2027-12-31", "")] + GOOD_ROWS[1:]
    done = run_import(csv_bytes(changed))
    assert (done.inserted, done.updated, done.unchanged) == (0, 1, 2)
    first = Registration.objects.get(bsn_hash=bsn_hash(BSNS[0]))
    assert first.end_date == date(2027, 12, 31)
    assert first.region is not None  # an empty region never erases a known one
    assert Registration.objects.count() == 3


def test_a_dry_run_reports_the_counts_and_changes_nothing_until_committed(run_import):
    checked = run_import(csv_bytes(GOOD_ROWS), commit=False)
    assert checked.status == ImportStatus.CHECKED
    assert (checked.inserted, checked.unchanged) == (3, 0)
    assert Registration.objects.count() == 0


def test_committing_a_clean_dry_run_loads_it_once(run_import, django_capture_on_commit_callbacks):
    checked = run_import(csv_bytes(GOOD_ROWS), commit=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.register_import_commit(register_import=checked)
    checked.refresh_from_db()
    assert checked.status == ImportStatus.DONE and checked.inserted == 3
    assert Registration.objects.count() == 3
    assert not checked.staged_file
    assert services.register_import_commit(register_import=checked) is False


def test_the_upload_is_deleted_and_the_staged_file_holds_no_plaintext_bsn(run_import):
    checked = run_import(csv_bytes(GOOD_ROWS), commit=False)
    assert not checked.upload
    staged = checked.staged_file.read().decode()
    assert bsn_hash(BSNS[0]) in staged
    assert not any(bsn in staged for bsn in BSNS)


BAD_FILES = {
    "bad elfproef": (
        csv_bytes([GOOD_ROWS[0], entry(invalid_bsn(BSNS[4]))]),
        [["3", "bsn", "geen geldig BSN (9 cijfers en de 11-proef)"]],
    ),
    "impossible date": (
        csv_bytes([GOOD_ROWS[0], entry(BSNS[4], start="2023-02-30")]),
        [["3", "begindatum", "deze datum bestaat niet"]],
    ),
    "unparseable date": (
        csv_bytes([entry(BSNS[4], end="volgend jaar"), GOOD_ROWS[0]]),
        [["2", "einddatum", "geen datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ"]],
    ),
    "end before start": (
        csv_bytes([GOOD_ROWS[0], entry(BSNS[4], start="2022-05-01", end="2022-04-30")]),
        [["3", "einddatum", "de einddatum ligt voor de begindatum"]],
    ),
    "unknown grondslag": (
        csv_bytes([GOOD_ROWS[0], entry(BSNS[4], grondslag="beschut")]),
        [["3", "grondslag", "onbekende of lege grondslag"]],
    ),
    "duplicate rows": (
        csv_bytes([GOOD_ROWS[0], GOOD_ROWS[1], GOOD_ROWS[0]]),
        [["4", "bsn", "dubbele rij: zelfde BSN, grondslag en begindatum als rij 2"]],
    ),
    "duplicate rows of an entry already in the register": (
        csv_bytes([GOOD_ROWS[2][:3] + ("2031-01-01",), GOOD_ROWS[0], GOOD_ROWS[2]]),
        [["4", "bsn", "dubbele rij: zelfde BSN, grondslag en begindatum als rij 2"]],
    ),
    "duplicate rows with the same date written differently": (
        csv_bytes([GOOD_ROWS[1], GOOD_ROWS[1][:2] + ("2021-03-15", "")]),
        [["3", "bsn", "dubbele rij: zelfde BSN, grondslag en begindatum als rij 2"]],
    ),
    "empty file": (b"", [["", "bestand", "Het bestand is leeg."]]),
    "header only": (
        csv_bytes([]),
        [["", "bestand", "Het bestand bevat een kopregel maar geen gegevensrijen."]],
    ),
    "missing column": (
        csv_bytes([(BSNS[4], "wajong")], header=("bsn", "grondslag")),
        [
            [
                "",
                "bestand",
                "De kopregel mist de kolom(men): begindatum, einddatum. "
                "Verwacht: bsn, grondslag, begindatum, einddatum.",
            ]
        ],
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_gives_row_level_errors_and_leaves_the_register_as_before(run_import, kind):
    run_import(csv_bytes([GOOD_ROWS[2]]))
    before = snapshot()
    content, expected = BAD_FILES[kind]
    result = run_import(content)
    assert result.status == ImportStatus.INVALID
    assert report_rows(result) == expected
    assert snapshot() == before


def test_a_truncated_xlsx_is_rejected_as_damaged(run_import):
    content = xlsx_bytes([GOOD_ROWS[0]] * 1 + [entry(b) for b in BSNS[3:]])
    result = run_import(content[: len(content) // 2], "extract.xlsx")
    assert result.status == ImportStatus.INVALID
    assert report_rows(result)[0][1:] == [
        "bestand",
        "Het bestand is beschadigd of onvolledig en kan niet worden gelezen.",
    ]
    assert Registration.objects.count() == 0


def test_every_bad_row_is_reported_not_only_the_first(run_import):
    rows = [
        entry(invalid_bsn(BSNS[0]), grondslag="x", start="31-02-2020"),
        GOOD_ROWS[1],
        GOOD_ROWS[1],
    ]
    result = run_import(csv_bytes(rows))
    assert [r[:2] for r in report_rows(result)] == [
        ["2", "bsn"],
        ["2", "grondslag"],
        ["2", "begindatum"],
        ["4", "bsn"],
    ]
    assert result.error_count == 2 and Registration.objects.count() == 0


def test_the_portable_loader_gives_the_same_outcome(run_import, monkeypatch):
    monkeypatch.setattr(loading.connection, "vendor", "sqlite")
    first = run_import(csv_bytes(GOOD_ROWS))
    again = run_import(csv_bytes([GOOD_ROWS[0][:3] + ("2027-12-31", "")] + GOOD_ROWS[1:]))
    dupes = run_import(csv_bytes([GOOD_ROWS[0], GOOD_ROWS[0]]))
    assert (first.inserted, again.updated, again.unchanged) == (3, 1, 2)
    assert dupes.status == ImportStatus.INVALID and report_rows(dupes)[0][:2] == ["3", "bsn"]
    assert Registration.objects.count() == 3
    assert connection.vendor in {"sqlite", "postgresql"}


def test_a_suspected_duplicate_that_is_not_one_is_still_imported(run_import, monkeypatch):
    # Every row's key hash the same: the parser suspects duplicates in every row, the exact
    # search in the database finds none, and the import goes on.
    monkeypatch.setattr(rows, "hash", lambda key: 0, raising=False)
    result = run_import(csv_bytes(GOOD_ROWS))
    assert (result.status, result.inserted, result.error_count) == (ImportStatus.DONE, 3, 0)
    assert Registration.objects.count() == 3


def test_a_row_error_shows_the_value_masked_if_it_could_be_a_bsn_and_what_was_expected(
    run_import, client_for
):
    wrong = invalid_bsn(BSNS[4])
    others = list(islice(valid_bsns(45_678_901), 3))
    rows = [entry(wrong), entry(others[0], grondslag="beschut"), entry(others[1], regio="AM04")]
    rows.append(entry(others[2], grondslag="beschut"))
    result = run_import(csv_bytes(rows))
    details = report_rows(result, columns=5)
    assert details[0][:4] == [
        "2",
        "bsn",
        "geen geldig BSN (9 cijfers en de 11-proef)",
        f"••••••{wrong[-3:]}",
    ]
    assert details[1][3] == "beschut" and "wajong" in details[1][4]
    region = next(row for row in details if row[1] == "regio")
    assert region[3] == "AM04" and "AM03" in region[4] and "AM04" not in region[4]
    assert not any(bsn in ";".join(row) for row in details for bsn in (wrong, *BSNS, *others))
    page = client_for("staff").get(result.get_absolute_url()).content.decode()
    # identical problems once, with their rows; the accepted codes on the upload page
    assert page.count("onbekende of lege grondslag") == 1 and "3, 5" in page
    assert wrong not in page
    upload_page = client_for("staff").get(reverse("doelgroepregister:import_list")).content.decode()
    assert "pw_verzoek" in upload_page and "Schoolverlater praktijkonderwijs" in upload_page
