from __future__ import annotations

from itertools import islice

from django.test import Client
from django.urls import reverse

import pytest

from doelgroepregister.models import ImportStatus, RegisterImport, Registration
from tests.doelgroepregister.factories import csv_bytes, entry, upload, valid_bsns
from tests.worker import wait_for


@pytest.mark.worker
@pytest.mark.django_db(databases="__all__", transaction=True)
def test_a_real_worker_imports_an_uploaded_extract_and_the_page_stops_polling(
    personas, celery_worker_process
):
    rows = [entry(bsn, "wajong", "2021-01-01") for bsn in islice(valid_bsns(56_789_012), 3000)]
    staff = Client()
    staff.force_login(personas.staff)
    response = staff.post(
        reverse("doelgroepregister:import_list"),
        {"file": upload(csv_bytes(rows)), "commit": "1"},
    )
    register_import = RegisterImport.objects.get()
    assert response["Location"] == register_import.get_absolute_url()

    def finished():
        register_import.refresh_from_db()
        return not register_import.is_running

    wait_for(finished, timeout=60, message="the worker to finish the import")
    assert register_import.status == ImportStatus.DONE, celery_worker_process.output()
    assert (register_import.row_count, register_import.inserted) == (3000, 3000)
    assert Registration.objects.count() == 3000
    progress = staff.get(
        reverse("doelgroepregister:import_progress", args=[register_import.pk]),
        HTTP_HX_REQUEST="true",
    )
    assert progress["HX-Refresh"] == "true" and "hx-trigger" not in progress.content.decode()
