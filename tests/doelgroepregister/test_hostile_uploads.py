"""Hostile uploads to the register's import and bulk check: a clear error, no 500, nothing changed."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from doelgroepregister.models import CheckLog, RegisterImport, Registration

pytestmark = pytest.mark.django_db

IMPORT_URL = "/doelgroepregister/imports/"
BULK_URL = "/doelgroepregister/controle/lijst/"


def _state() -> tuple[int, int, int]:
    return Registration.objects.count(), RegisterImport.objects.count(), CheckLog.objects.count()


def _post(client, url, upload, **extra):
    data = {"file": upload, "commit": "1", "own_staff": "on", **extra}
    return client.post(url, data)


@pytest.mark.parametrize(
    ("name", "content"), [("extract.exe", b"MZ\x90\x00"), ("../../../etc/passwd", b"root:x:0:0")]
)
@pytest.mark.parametrize(("persona", "url"), [("staff", IMPORT_URL), ("employer", BULK_URL)])
def test_a_wrong_kind_of_file_is_refused_with_a_clear_message(
    client_for, persona, url, name, content
):
    before = _state()
    response = _post(client_for(persona), url, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert "Kies een CSV- of XLSX-bestand." in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize(("persona", "url"), [("staff", IMPORT_URL), ("employer", BULK_URL)])
def test_an_oversized_file_is_refused(client_for, settings, persona, url):
    settings.DOELGROEPREGISTER_IMPORT_MAX_MB = 1
    before = _state()
    big = SimpleUploadedFile("extract.csv", b"bsn;grondslag\n" + b"x" * (11 * 1024 * 1024))
    response = _post(client_for(persona), url, big)
    assert response.status_code == 200
    assert "Het bestand is groter dan" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize(("persona", "url"), [("staff", IMPORT_URL), ("employer", BULK_URL)])
def test_html_behind_an_xlsx_name_is_refused_as_damaged_and_changes_nothing(
    client_for, persona, url
):
    before = _state()
    fake = SimpleUploadedFile("../evil.xlsx", b"<html><script>alert(1)</script></html>")
    response = _post(client_for(persona), url, fake)
    assert response.status_code in (200, 302)
    body = response.content.decode() if response.status_code == 200 else ""
    assert "<script>alert(1)</script>" not in body
    assert Registration.objects.count() == before[0]
    assert CheckLog.objects.count() == before[2]
