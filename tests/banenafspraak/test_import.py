"""Import and export of base data and targets: preview, row errors, all or nothing, one run."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import openpyxl
import pytest
import tablib

from banenafspraak.models import (
    BaseDataSet,
    DistributionRun,
    NationalTarget,
    PendingImport,
    RegionFigures,
)
from banenafspraak.resources import RegionFiguresResource
from tests.banenafspraak.factories import complete_dataset, enqueued

pytestmark = pytest.mark.django_db
IMPORT = reverse("banenafspraak:basedata_import")


@pytest.fixture
def staff(client_for):
    return client_for("staff")


def _exported_csv(staff) -> str:
    response = staff.get(reverse("banenafspraak:basedata_export", kwargs={"file_format": "csv"}))
    assert response["Content-Disposition"].endswith('.csv"')
    return response.content.decode()


def _preview(staff, content: bytes, name: str = "basis.csv", date: str = "2024-01-01"):
    upload = SimpleUploadedFile(name, content)
    data = {"file": upload, "reference_date": date, "source": "CBS 70072NED"}
    return staff.post(IMPORT, data)


def _edit_all(csv_text: str, column: str, delta: int) -> bytes:
    data = tablib.Dataset().load(csv_text, format="csv")
    index = data.headers.index(column)
    rows = [list(row) for row in data]
    for row in rows:
        row[index] = str(int(row[index]) + delta)
    return tablib.Dataset(*rows, headers=data.headers).export("csv").encode()


def test_exporting_and_reimporting_updates_without_duplicates_and_makes_one_run(
    staff, django_capture_on_commit_callbacks
):
    dataset = complete_dataset(reference_date="2024-01-01")
    changed = _edit_all(_exported_csv(staff), "wajong", 100)
    preview = _preview(staff, changed)
    assert preview.status_code == 200
    assert "gewijzigd: 35" in preview.content.decode()
    assert RegionFigures.objects.filter(wajong__gte=2_100).count() < 35  # preview saved nothing
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff.post(IMPORT, {"confirm": "1"})
    assert response.status_code == 302
    assert len(enqueued(callbacks)) == 1
    assert RegionFigures.objects.filter(dataset=dataset).count() == 35
    assert BaseDataSet.objects.count() == 1
    assert DistributionRun.objects.count() == 1
    assert DistributionRun.objects.get().inputs["regions"][0]["wajong"] == 2_100


def test_an_xlsx_file_with_a_new_reference_date_creates_a_new_data_set(staff):
    complete_dataset(reference_date="2023-01-01")
    xlsx = RegionFiguresResource(BaseDataSet.objects.get()).export().export("xlsx")
    assert _preview(staff, xlsx, "basis.xlsx", "2025-01-01").status_code == 200
    staff.post(IMPORT, {"confirm": "1"})
    assert BaseDataSet.objects.active().reference_date.year == 2025
    assert BaseDataSet.objects.active().figures.count() == 35


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows: rows[0].__setitem__(0, "AM99"), "Onbekende regiocode: AM99"),
        (lambda rows: rows[1].__setitem__(2, "-5"), "niet negatief"),
        (lambda rows: rows[2].__setitem__(6, "veel"), "Geen geheel getal: veel"),
        (lambda rows: rows.pop(), "Deze regio&#x27;s ontbreken: AM38"),
    ],
)
def test_bad_rows_are_clear_errors_and_nothing_is_saved(staff, change, message):
    complete_dataset(reference_date="2024-01-01")
    data = tablib.Dataset().load(_exported_csv(staff), format="csv")
    rows = [list(row) for row in data]
    change(rows)
    content = tablib.Dataset(*rows, headers=data.headers).export("csv").encode()
    before = list(RegionFigures.objects.values_list("employment", "wajong"))
    response = _preview(staff, content)
    page = response.content.decode()
    assert "Het bestand bevat fouten. Er is niets opgeslagen." in page
    assert message in page
    assert "Bevestig import" not in page
    response = staff.post(IMPORT, {"confirm": "1"})
    assert list(RegionFigures.objects.values_list("employment", "wajong")) == before
    assert not DistributionRun.objects.exists()


def test_targets_round_trip_through_xlsx_keyed_on_year_and_sector(staff):
    url = reverse("banenafspraak:targets_export", kwargs={"file_format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(staff.get(url).content))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    assert headers == ["year", "sector", "jobs", "source", "interpolated"]
    for row in sheet.iter_rows(min_row=2):
        if str(row[0].value) == "2025" and row[1].value == "market":
            row[2].value = 100_500
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("doelen.xlsx", buffer.getvalue())
    staff.post(reverse("banenafspraak:targets_import"), {"file": upload})
    staff.post(reverse("banenafspraak:targets_import"), {"confirm": "1"})
    assert NationalTarget.objects.count() == 22
    assert NationalTarget.objects.get(year=2025, sector="market").jobs == 100_500


# --- issue 12 §3: bounded uploads, nothing in the session; issue 13 §2: figures that add up ----


def test_a_1_kb_xlsx_with_200000_empty_rows_is_refused_in_dutch_not_a_500(staff):
    from tests.core.test_uploads import empty_rows_200000

    complete_dataset(reference_date="2024-01-01")
    response = _preview(staff, empty_rows_200000(), "basis.xlsx")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Het werkblad heeft te veel rijen: 200.000" in page
    assert "Bevestig import" not in page
    assert not PendingImport.objects.exists()


def test_a_zip_bomb_is_refused_before_parsing(staff):
    from tests.core.test_uploads import high_ratio

    response = _preview(staff, high_ratio(), "basis.xlsx")
    assert "verdacht sterk gecomprimeerd" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(staff, settings):
    settings.BANENAFSPRAAK_IMPORT_MAX_BYTES = 4 * 1024
    response = _preview(staff, b"region_code,employment\n" + b"AM01,1\n" * 2_000)
    assert "Het bestand is te groot: hoogstens 4 kB." in response.content.decode()


def test_the_upload_waits_in_the_database_not_in_the_session(staff):
    complete_dataset(reference_date="2024-01-01")
    content = _edit_all(_exported_csv(staff), "wajong", 100)
    _preview(staff, content)
    pending = PendingImport.objects.get()
    assert bytes(pending.content) == content
    session = staff.session
    assert session["banenafspraak_import"] == pending.pk
    assert all(len(str(value)) < 100 for value in session.values())
    staff.post(IMPORT, {"confirm": "1"})
    assert not PendingImport.objects.exists()


def test_cancel_deletes_the_upload_and_saves_nothing(staff):
    complete_dataset(reference_date="2024-01-01")
    before = list(RegionFigures.objects.values_list("wajong", flat=True))
    _preview(staff, _edit_all(_exported_csv(staff), "wajong", 100))
    response = staff.post(IMPORT, {"cancel": "1"}, follow=True)
    assert "De import is geannuleerd" in response.content.decode()
    assert not PendingImport.objects.exists()
    assert list(RegionFigures.objects.values_list("wajong", flat=True)) == before
    assert not DistributionRun.objects.exists()


def test_an_expired_upload_is_purged_and_cannot_be_confirmed(staff, settings):
    from datetime import timedelta

    from django.utils import timezone

    from banenafspraak import services

    complete_dataset(reference_date="2024-01-01")
    _preview(staff, _edit_all(_exported_csv(staff), "wajong", 100))
    PendingImport.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    response = staff.post(IMPORT, {"confirm": "1"}, follow=True)
    assert "De voorvertoning is verlopen" in response.content.decode()
    assert not DistributionRun.objects.exists()
    _preview(staff, _edit_all(_exported_csv(staff), "wajong", 100))
    PendingImport.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert services.pending_import_purge() == 1
    assert not PendingImport.objects.exists()


def test_the_preview_shows_each_changed_figure_old_and_new_per_region(staff):
    complete_dataset(reference_date="2024-01-01")
    data = tablib.Dataset().load(_exported_csv(staff), format="csv")
    rows = [list(row) for row in data]
    wajong = data.headers.index("wajong")
    old = rows[0][wajong]
    rows[0][wajong] = str(int(old) + 5)
    content = tablib.Dataset(*rows, headers=data.headers).export("csv").encode()
    page = _preview(staff, content).content.decode()
    assert "Deze cijfers veranderen" in page
    assert page.count("<code>wajong</code>") == 1
    dutch = lambda n: f"{int(n):,}".replace(",", ".")  # noqa: E731 - the page groups thousands
    assert f'<td class="number">{dutch(old)}</td><td class="number">{dutch(int(old) + 5)}</td>' in (
        page
    )
    assert "(AM01)" in page


def test_importing_unchanged_figures_makes_no_new_version_and_says_so(
    staff, django_capture_on_commit_callbacks
):
    complete_dataset(reference_date="2024-01-01")
    page = _preview(staff, _exported_csv(staff).encode()).content.decode()
    assert "Geen enkel cijfer verandert" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(IMPORT, {"confirm": "1"}, follow=True)
    assert "Het bestand verandert niets" in response.content.decode()
    assert not DistributionRun.objects.exists()


def test_a_row_whose_sectors_do_not_add_up_is_named_with_its_numbers(staff):
    complete_dataset(reference_date="2024-01-01")
    data = tablib.Dataset().load(_exported_csv(staff), format="csv")
    rows = [list(row) for row in data]
    h = data.headers
    rows[2][h.index("employment")] = "300000"
    rows[2][h.index("employment_market")] = "230000"
    rows[2][h.index("employment_government")] = "34876"
    content = tablib.Dataset(*rows, headers=h).export("csv").encode()
    page = _preview(staff, content).content.decode()
    assert "Het bestand bevat fouten. Er is niets opgeslagen." in page
    assert "Rij 3" in page
    assert "Marktsector (230.000) en overheid (34.876) samen zijn 264.876" in page
    assert "de totale werkgelegenheid is 300.000" in page


def test_a_session_from_before_with_the_file_in_it_is_an_expired_preview_not_a_500(staff):
    session = staff.session
    session["banenafspraak_import"] = {"kind": "basedata", "extension": "csv", "content": "eA=="}
    session.save()
    response = staff.post(IMPORT, {"confirm": "1"}, follow=True)
    assert "De voorvertoning is verlopen" in response.content.decode()
