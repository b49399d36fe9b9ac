"""A bound on every request body (the hostile review of issues 12 and 13): file parts are not
counted by DATA_UPLOAD_MAX_MEMORY_SIZE, so before this an anonymous visitor could post gigabytes
to the login form, spooled to disk before any form looked at them."""

from __future__ import annotations

import tempfile
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest

MB = 1024 * 1024


def spooling():
    spooled = []
    real = tempfile.NamedTemporaryFile

    def spy(*args, **kwargs):
        spooled.append(kwargs.get("dir"))
        return real(*args, **kwargs)

    return spooled, mock.patch("django.core.files.uploadedfile.tempfile.NamedTemporaryFile", spy)


@pytest.mark.django_db
def test_an_anonymous_body_over_the_form_limit_is_refused_before_it_is_read(settings):
    spooled, spy = spooling()
    big = SimpleUploadedFile("a.bin", b"\0" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + MB))
    with spy:
        response = Client().post("/accounts/login/", {"login": "x@example.nl", "file": big})
    assert response.status_code == 413 and not spooled
    assert Client().post("/accounts/login/", {"login": "x@example.nl"}).status_code == 200


@pytest.mark.django_db
def test_a_logged_in_body_is_bounded_by_the_largest_upload_of_its_role(client_for, settings):
    spooled, spy = spooling()
    big = SimpleUploadedFile("lijst.csv", b"bsn\n" + b"1" * (22 * MB))
    with spy:
        response = client_for("employer").post(
            reverse("doelgroepregister:bulk_check"), {"file": big, "own_staff": "on"}
        )
    assert response.status_code == 413 and not spooled
    assert "te groot" in response.content.decode()
