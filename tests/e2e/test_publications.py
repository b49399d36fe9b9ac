"""Staff publish in Chromium, a real Celery worker renders the PDF, the public downloads it."""

from __future__ import annotations

import hashlib

import pytest

from banenafspraak import services
from banenafspraak.models import DistributionRun
from banenafspraak.publications.models import Publication
from tests.banenafspraak.factories import complete_dataset
from tests.banenafspraak.pdf_checks import first_page_png, pdf_text
from tests.browser import ARTIFACTS, log_in, screenshot
from tests.personas import PASSWORD
from tests.worker import wait_for

pytestmark = pytest.mark.browser
QUEUE = "werkkamer"


@pytest.fixture
def run(celery_worker_process, personas):
    services.reference_data_ensure()  # the transactional test database starts empty
    complete_dataset(is_demo=True)
    services.distribution_request(reason="start")
    return wait_for(DistributionRun.objects.current, message="the first run")


@pytest.mark.worker
@pytest.mark.postgres
def test_staff_publish_see_progress_then_everyone_downloads_the_pdf(
    run, celery_worker_process, personas, page, browser, live_server, tmp_path
):
    from werkkamer.celery import app

    worker = [celery_worker_process.name]
    log_in(page, personas.staff.email, PASSWORD, personas.totp_secrets[personas.staff.email])
    page.goto("/banenafspraak/publicaties/nieuw/")
    page.get_by_label("Berekening").select_option(str(run.pk))
    page.get_by_label("Titel").fill("Regionale verdeling Banenafspraak 2025")
    page.get_by_label("Samenvatting").fill("De indicatieve verdeling per arbeidsmarktregio.")
    # Hold the worker off the queue so the progress state is visible for certain.
    app.control.cancel_consumer(QUEUE, destination=worker, reply=True)
    page.get_by_role("button", name="Verder: controleren en publiceren").click()
    # the confirmation step says what is fixed and who will see it, before anything happens
    page.get_by_role("heading", name="Wie het ziet").wait_for()
    assert not Publication.objects.exists()
    screenshot(page, "publicatie-bevestigen")
    page.get_by_role("button", name="Ja, publiceren").click()
    page.get_by_text("De PDF wordt gemaakt").wait_for()
    assert page.locator("progress").is_visible()
    screenshot(page, "publicatie-voortgang")
    app.control.add_consumer(QUEUE, destination=worker, reply=True)
    # htmx polls the status and reloads the page once the worker is done
    page.get_by_role("link", name="Rapport (PDF)").wait_for(timeout=60_000)
    publication = Publication.objects.get()
    assert publication.is_ready and publication.attempts == 1
    assert page.get_by_text("Gepubliceerd op").is_visible()
    screenshot(page, "publicatie-klaar")

    visitor = browser.new_context(base_url=live_server.url, locale="nl-NL")
    public = visitor.new_page()
    public.goto("/banenafspraak/publicaties/")
    public.get_by_role("heading", name="Regionale verdeling Banenafspraak 2025").wait_for()
    assert public.get_by_text("fictief (demo)").first.is_visible()
    with public.expect_download() as download:
        public.get_by_role("link", name="Rapport (PDF)").click()
    path = tmp_path / "rapport.pdf"
    download.value.save_as(path)
    content = path.read_bytes()
    assert hashlib.sha256(content).hexdigest() == publication.pdf_sha256
    assert run.checksum in pdf_text(content)
    screenshot(public, "publicaties-openbaar")
    visitor.close()
    png = first_page_png(path, ARTIFACTS / "publicatie-pdf-pagina-1.png")
    if png is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no PNG of the PDF's first page")
    assert png.stat().st_size > 10_000


def test_the_publication_pages_have_no_serious_accessibility_violations(
    personas, browser, live_server, django_capture_on_commit_callbacks
):
    from banenafspraak.publications import services as services_publications
    from tests.banenafspraak.publications.factories import done_run
    from tests.e2e.helpers import audit, require_axe

    require_axe()
    run = done_run(django_capture_on_commit_callbacks, is_demo=True)
    with django_capture_on_commit_callbacks(execute=True):
        publication, _ = services_publications.publication_create(
            run=run, title="Verdeling", summary="Samenvatting.", user=personas.staff
        )
    # only this audit context may inject axe past the portal's CSP
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    failures = []
    pages = [
        "/banenafspraak/publicaties/",
        publication.get_absolute_url(),
        "staff",
        "/banenafspraak/publicaties/nieuw/",
        publication.get_absolute_url(),
    ]
    for path in pages:
        if path == "staff":
            log_in(
                page, personas.staff.email, PASSWORD, personas.totp_secrets[personas.staff.email]
            )
            continue
        page.goto(path)
        failures += [f"{path}: {v['id']} [{v['impact']}]" for v in audit(page)]
    context.close()
    assert not failures, "\n".join(failures)
