"""After every save the page says what was saved: a success alert in the messages region.

One case per POST view that saves something a user made (create, edit, add, adopt, publish,
withdraw, finalise, import start and confirm, settings). Each case prepares what the view needs,
posts valid data as a persona who may, follows the redirect and finds the Dutch message, naming
what was saved, as an ``utrecht-alert--ok`` in the messages region of ``templates/base.html``.

POST views without a success message, and why:

- ``doelgroepregister:check`` and ``bulk_check``: look-ups, nothing the user made is saved; the
  answer panel (``aria-live``) is the answer, and the list check also says "De lijst is
  gecontroleerd." (``tests/doelgroepregister/test_check.py``).
- ``banenafspraak:basedata_import`` and ``targets_import``, the upload step: a preview that saves
  nothing yet; the page shows what would change and asks to confirm (the confirm step is here).
- ``regions:section_edit``, ``action_add`` and ``action_edit`` through htmx: the swapped-in part
  shows what was saved (a section says "Opgeslagen." beside its text); without htmx they are here.
- allauth (login, MFA), the admin and the language switch keep their own answers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.urls import resolve, reverse
from django.utils import timezone

import pytest
import tablib
from openpyxl import load_workbook

from tests.personas import REGION_A

# the removal spends from the daily budget on the doelgroepregister's own connection
pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(scope="module", autouse=True)
def _close_audit_connection(django_db_setup, django_db_blocker):
    """That connection must be closed before the test database is dropped."""
    yield
    if "audit" in connections.settings:
        with django_db_blocker.unblock():
            connections["audit"].close()


@dataclass
class Post:
    url: str
    data: dict
    message: str


@dataclass
class Context:
    personas: object
    client: object  # the test client, logged in as the case's persona
    capture: Callable  # django_capture_on_commit_callbacks


# --- regions: the Werkbedrijf and its plan (coordinator of region A) -------------------------


def _werkbedrijf(ctx: Context):
    from tests.regions import factories

    return factories.werkbedrijf(ctx.personas.region_a)


def _region_url(name: str, **kwargs) -> str:
    return reverse(f"regions:{name}", kwargs={"code": REGION_A, **kwargs})


def member_add(ctx: Context) -> Post:
    _werkbedrijf(ctx)
    data = {"name": "FNV Noord", "kind": "werknemers", "start_date": "2015-01-01"}
    return Post(_region_url("member_add"), data, "Deelnemer ‘FNV Noord’ is opgeslagen.")


def member_edit(ctx: Context) -> Post:
    from tests.regions.factories import MemberFactory

    member = MemberFactory(werkbedrijf=_werkbedrijf(ctx), name="UWV", kind="uwv")
    data = {"name": "UWV Noord", "kind": "uwv", "start_date": "2015-01-01", "version": 1}
    return Post(
        _region_url("member_edit", pk=member.pk), data, "Deelnemer ‘UWV Noord’ is opgeslagen."
    )


def representative_add(ctx: Context) -> Post:
    from tests.regions.factories import MemberFactory

    member = MemberFactory(werkbedrijf=_werkbedrijf(ctx))
    data = {"name": "Wethouder Jansen", "role": "chair", "start_date": "2015-01-01"}
    return Post(
        _region_url("representative_add", pk=member.pk),
        data,
        "Vertegenwoordiger ‘Wethouder Jansen (Voorzitter)’ is opgeslagen.",
    )


def representative_edit(ctx: Context) -> Post:
    from tests.regions.factories import MemberFactory, RepresentativeFactory

    member = MemberFactory(werkbedrijf=_werkbedrijf(ctx))
    person = RepresentativeFactory(member=member, name="Jansen")
    data = {"name": "Jansen", "role": "ambassador", "start_date": "2015-01-01", "version": 1}
    return Post(
        _region_url("representative_edit", pk=person.pk),
        data,
        "Vertegenwoordiger ‘Jansen (Ambassadeur)’ is opgeslagen.",
    )


def decision_add(ctx: Context) -> Post:
    _werkbedrijf(ctx)
    data = {"title": "Inkoopbeleid", "status": "taken", "decided_on": "2020-01-01", "text": "Ja."}
    return Post(_region_url("decision_add"), data, "Besluit ‘Inkoopbeleid’ is opgeslagen.")


def decision_edit(ctx: Context) -> Post:
    decision = _werkbedrijf(ctx).decisions.get(standard_point=1)
    data = {"status": "taken", "decided_on": "2015-03-01", "text": "Convenant.", "version": 1}
    return Post(
        _region_url("decision_edit", pk=decision.pk),
        data,
        f"Besluit ‘{decision.title}’ is opgeslagen.",
    )


def attachment_add(ctx: Context) -> Post:
    from tests.regions.factories import pdf_upload

    decision = _werkbedrijf(ctx).decisions.get(standard_point=1)
    return Post(
        _region_url("attachment_add", pk=decision.pk),
        {"file": pdf_upload("convenant.pdf")},
        f"De bijlage ‘convenant.pdf’ is toegevoegd aan ‘{decision.title}’.",
    )


def realisations(ctx: Context) -> Post:
    _werkbedrijf(ctx)
    data = {"year": 2024, "market": 120, "government": 30, "source": "UWV-monitor"}
    return Post(_region_url("realisations"), data, "De realisatie van 2024 is opgeslagen.")


def plan_start(ctx: Context) -> Post:
    _werkbedrijf(ctx)
    return Post(
        _region_url("plan_start"),
        {},
        "Het concept ‘Plan van aanpak Groningen’ staat klaar. Het vastgestelde plan blijft "
        "gelden en openbaar tot u dit concept vaststelt.",
    )


def _draft(ctx: Context, **options):
    from tests.regions import factories

    return factories.draft_plan(_werkbedrijf(ctx), user=ctx.personas.coordinator_a, **options)


def plan_adopt(ctx: Context) -> Post:
    plan = _draft(ctx, filled=True)
    return Post(
        _region_url("plan_adopt", pk=plan.pk),
        {},
        "Het plan ‘Plan van aanpak Groningen’ is vastgesteld. Het is nu openbaar en niet meer "
        "te wijzigen.",
    )


def section_edit(ctx: Context) -> Post:
    section = _draft(ctx).sections.get(key="werkgevers")
    return Post(
        _region_url("section_edit", pk=section.pk),
        {"body": "Werkgeversdienstverlening in één team.", "version": section.version},
        f"Onderdeel van het plan ‘{section.get_key_display()}’ is opgeslagen.",
    )


ACTION = {"owner": "WSP", "deadline": "2026-10-01", "status": "planned"}


def action_add(ctx: Context) -> Post:
    plan = _draft(ctx)
    return Post(
        _region_url("action_add", pk=plan.pk),
        {"title": "Banenmarkt", **ACTION},
        "Actie ‘Banenmarkt’ is opgeslagen.",
    )


def action_edit(ctx: Context) -> Post:
    from tests.regions.factories import PlanActionFactory

    action = PlanActionFactory(plan=_draft(ctx), title="Jobcoaching")
    return Post(
        _region_url("action_edit", pk=action.pk),
        {"title": "Jobcoaching in de regio", **ACTION, "version": action.version},
        "Actie ‘Jobcoaching in de regio’ is opgeslagen.",
    )


def goals_edit(ctx: Context) -> Post:
    plan = _draft(ctx)
    data = {
        "doelen-TOTAL_FORMS": "1",
        "doelen-INITIAL_FORMS": "0",
        "doelen-0-year": "2026",
        "doelen-0-market": "800",
        "doelen-0-government": "200",
    }
    return Post(
        _region_url("goals_edit", pk=plan.pk),
        data,
        "De doelen van ‘Plan van aanpak Groningen’ zijn opgeslagen.",
    )


# --- banenafspraak: inputs of the distribution and publications (staff) -----------------------


def _dataset():
    from tests.banenafspraak.factories import complete_dataset

    return complete_dataset(reference_date=date(2024, 1, 1))


def figures_edit(ctx: Context) -> Post:
    figures = _dataset().figures.get(region__code=REGION_A)
    fields = ("employment", "employment_market", "employment_government", "unemployed")
    data = {name: getattr(figures, name) for name in fields} | {"wajong": figures.wajong + 100}
    return Post(
        reverse("banenafspraak:figures_edit", kwargs={"code": REGION_A}),
        data,
        "De basisgegevens van Groningen zijn opgeslagen. De verdeling wordt herberekend.",
    )


def targets(ctx: Context) -> Post:
    from tests.banenafspraak.factories import targets_formset_data

    _dataset()
    new = {"year": "2031", "sector": "market", "jobs": "110000", "source": "Kamerbrief"}
    data = targets_formset_data([new])
    return Post(
        reverse("banenafspraak:targets"),
        data,
        "De landelijke doelstellingen zijn opgeslagen. De verdeling wordt herberekend.",
    )


def method(ctx: Context) -> Post:
    from banenafspraak.models import MethodParameters

    _dataset()
    version = MethodParameters.objects.order_by("-version").first().version + 1
    return Post(
        reverse("banenafspraak:method"),
        {"alpha": "1", "beta": "0.5", "note": "Afspraak in het bestuurlijk overleg."},
        f"Methodeversie {version} is opgeslagen. De verdeling wordt herberekend.",
    )


def basedata_import(ctx: Context) -> Post:
    _dataset()
    url = reverse("banenafspraak:basedata_import")
    export = reverse("banenafspraak:basedata_export", kwargs={"file_format": "csv"})
    table = tablib.Dataset().load(ctx.client.get(export).content.decode(), format="csv")
    wajong = table.headers.index("wajong")
    rows = [[*row[:wajong], str(int(row[wajong]) + 100), *row[wajong + 1 :]] for row in table]
    content = tablib.Dataset(*rows, headers=table.headers).export("csv").encode()
    preview = ctx.client.post(
        url,
        {
            "file": SimpleUploadedFile("basis.csv", content),
            "reference_date": "2024-01-01",
            "source": "CBS 70072NED",
        },
    )
    assert "gewijzigd: 35" in preview.content.decode()
    return Post(
        url,
        {"confirm": "1"},
        "De basisgegevens uit het bestand zijn opgeslagen. De verdeling wordt herberekend.",
    )


def targets_import(ctx: Context) -> Post:
    _dataset()
    url = reverse("banenafspraak:targets_import")
    export = reverse("banenafspraak:targets_export", kwargs={"file_format": "xlsx"})
    book = load_workbook(io.BytesIO(ctx.client.get(export).content))
    for row in book.active.iter_rows(min_row=2):
        if str(row[0].value) == "2025" and row[1].value == "market":
            row[2].value = 100_500
    content = io.BytesIO()
    book.save(content)
    ctx.client.post(url, {"file": SimpleUploadedFile("doelen.xlsx", content.getvalue())})
    return Post(
        url,
        {"confirm": "1"},
        "De landelijke doelstellingen uit het bestand zijn opgeslagen. De verdeling wordt "
        "herberekend.",
    )


def _publication(ctx: Context):
    from banenafspraak.publications import services
    from tests.banenafspraak.publications.factories import done_run

    run = done_run(ctx.capture)
    with ctx.capture(execute=False):  # the PDF is not made: these cases need no file
        publication, _ = services.publication_create(
            run=run, title="Verdeling 2026", summary="De verdeling.", user=ctx.personas.staff
        )
    return publication


def publication_create(ctx: Context) -> Post:
    from tests.banenafspraak.publications.factories import done_run

    run = done_run(ctx.capture)
    data = {"run": run.pk, "title": "Verdeling 2026", "summary": "De verdeling.", "confirm": "1"}
    return Post(
        reverse("banenafspraak:publication_create"),
        data,
        "De publicatie ‘Verdeling 2026’ is opgeslagen. De PDF wordt nu gemaakt; daarna staat "
        "zij voor iedereen op de publicatiepagina.",
    )


def publication_withdraw(ctx: Context) -> Post:
    publication = _publication(ctx)
    return Post(
        reverse("banenafspraak:publication_withdraw", kwargs={"pk": publication.pk}),
        {"reason": "Fout in de invoer", "confirm": "1"},
        "De publicatie ‘Verdeling 2026’ is ingetrokken; zij blijft bewaard.",
    )


def publication_retry(ctx: Context) -> Post:
    from banenafspraak.publications.models import Publication, PublicationStatus

    publication = _publication(ctx)
    Publication.objects.filter(pk=publication.pk).update(status=PublicationStatus.FAILED)
    return Post(
        reverse("banenafspraak:publication_retry", kwargs={"pk": publication.pk}),
        {},
        "De PDF van ‘Verdeling 2026’ wordt opnieuw gemaakt.",
    )


# --- doelgroepregister: imports and removals (staff) -----------------------------------------


def _register_import(ctx: Context, status: str, **fields):
    from doelgroepregister.models import RegisterImport

    return RegisterImport.objects.create(
        original_name="extract-mei.csv", uploaded_by=ctx.personas.staff, status=status, **fields
    )


def import_list(ctx: Context) -> Post:
    from tests.doelgroepregister.factories import csv_bytes, entry, upload, valid_bsns

    content = csv_bytes([entry(next(valid_bsns()))])
    return Post(
        reverse("doelgroepregister:import_list"),
        {"file": upload(content, "extract-mei.csv"), "commit": "0"},
        "Het bestand ‘extract-mei.csv’ is geüpload en wordt gecontroleerd (proefrun).",
    )


def import_commit(ctx: Context) -> Post:
    checked = _register_import(ctx, "checked")
    return Post(
        reverse("doelgroepregister:import_commit", args=[checked.pk]),
        {},
        "Het bestand ‘extract-mei.csv’ wordt nu ingelezen.",
    )


def import_retry(ctx: Context) -> Post:
    stalled = _register_import(
        ctx, "validating", commit=True, heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    return Post(
        reverse("doelgroepregister:import_retry", args=[stalled.pk]),
        {},
        "Het bestand ‘extract-mei.csv’ staat opnieuw in de wachtrij.",
    )


def import_cancel(ctx: Context) -> Post:
    checked = _register_import(ctx, "checked")
    return Post(
        reverse("doelgroepregister:import_cancel", args=[checked.pk]),
        {},
        "De import van ‘extract-mei.csv’ is geannuleerd en het bestand verwijderd.",
    )


def removal(ctx: Context) -> Post:
    from doelgroepregister.models import Grondslag, Registration
    from doelgroepregister.protection import bsn_hash
    from tests.doelgroepregister.factories import valid_bsns

    bsn = next(valid_bsns(23_456_789))
    Registration.objects.create(
        bsn_hash=bsn_hash(bsn), grondslag=Grondslag.WAJONG, start_date=date(2020, 1, 1)
    )
    return Post(
        reverse("doelgroepregister:removal"),
        {"bsn": bsn, "kind": "end", "reason": "Verzoek van betrokkene"},
        "1 inschrijving beëindigd; vastgelegd in het log.",
    )


# --- loonwaarde: assessments (assessor) and the minimum wage (staff) --------------------------


def _assessment(ctx: Context, **options):
    from loonwaarde.services import reference_data_ensure
    from tests.loonwaarde.factories import CertificationFactory, make_assessment, task

    reference_data_ensure()
    p = ctx.personas
    CertificationFactory(assessor=p.assessor, number="ULM-2026-0815")
    return make_assessment(
        assessor=p.assessor,
        employer=p.organisation_a,
        region=p.region_a,
        tasks=[task(100, 50)],
        **options,
    )


def _assessment_form(ctx: Context) -> dict:
    from tests.loonwaarde.test_views import form_data

    return form_data(ctx.personas, [("Maaien", "100", "50", "100", "100")])


def assessment_create(ctx: Context) -> Post:
    from loonwaarde.services import reference_data_ensure

    reference_data_ensure()
    return Post(
        reverse("loonwaarde:create"),
        _assessment_form(ctx),
        "De beoordeling ‘KAND-0042’ is opgeslagen als concept.",
    )


def assessment_edit(ctx: Context) -> Post:
    assessment = _assessment(ctx)
    return Post(
        reverse("loonwaarde:edit", kwargs={"pk": assessment.pk}),
        _assessment_form(ctx),
        "De beoordeling ‘KAND-0042’ is opgeslagen als concept.",
    )


def assessment_finalise(ctx: Context) -> Post:
    assessment = _assessment(ctx)
    return Post(
        reverse("loonwaarde:finalise", kwargs={"pk": assessment.pk}),
        {"bevestigd": "ja"},
        "De beoordeling ‘KAND-0001’ is definitief gemaakt.",
    )


def assessment_new_version(ctx: Context) -> Post:
    assessment = _assessment(ctx, finalise=True)
    return Post(
        reverse("loonwaarde:new_version", kwargs={"pk": assessment.pk}),
        {},
        "Versie 2 van de beoordeling ‘KAND-0001’ is als concept opgeslagen; pas haar aan en "
        "maak haar definitief.",
    )


def minimum_wages(ctx: Context) -> Post:
    from loonwaarde.models import MinimumWage
    from loonwaarde.services import reference_data_ensure

    reference_data_ensure()
    MinimumWage.objects.filter(valid_from__gt=date(2026, 1, 1)).delete()
    return Post(
        reverse("loonwaarde:wages"),
        {"valid_from": "2026-07-01", "hourly": "14,90", "source": "Stcrt. 2026, nr. 12345"},
        "Het minimumloon vanaf 1 juli 2026 is vastgelegd.",
    )


COORDINATOR = "coordinator_a"
CASES = {
    "regions:member_add": (COORDINATOR, member_add),
    "regions:member_edit": (COORDINATOR, member_edit),
    "regions:representative_add": (COORDINATOR, representative_add),
    "regions:representative_edit": (COORDINATOR, representative_edit),
    "regions:decision_add": (COORDINATOR, decision_add),
    "regions:decision_edit": (COORDINATOR, decision_edit),
    "regions:attachment_add": (COORDINATOR, attachment_add),
    "regions:realisations": (COORDINATOR, realisations),
    "regions:plan_start": (COORDINATOR, plan_start),
    "regions:plan_adopt": (COORDINATOR, plan_adopt),
    "regions:section_edit": (COORDINATOR, section_edit),
    "regions:action_add": (COORDINATOR, action_add),
    "regions:action_edit": (COORDINATOR, action_edit),
    "regions:goals_edit": (COORDINATOR, goals_edit),
    "banenafspraak:figures_edit": ("staff", figures_edit),
    "banenafspraak:targets": ("staff", targets),
    "banenafspraak:method": ("staff", method),
    "banenafspraak:basedata_import": ("staff", basedata_import),
    "banenafspraak:targets_import": ("staff", targets_import),
    "banenafspraak:publication_create": ("staff", publication_create),
    "banenafspraak:publication_withdraw": ("staff", publication_withdraw),
    "banenafspraak:publication_retry": ("staff", publication_retry),
    "doelgroepregister:import_list": ("staff", import_list),
    "doelgroepregister:import_commit": ("staff", import_commit),
    "doelgroepregister:import_retry": ("staff", import_retry),
    "doelgroepregister:import_cancel": ("staff", import_cancel),
    "doelgroepregister:removal": ("staff", removal),
    "loonwaarde:create": ("assessor", assessment_create),
    "loonwaarde:edit": ("assessor", assessment_edit),
    "loonwaarde:finalise": ("assessor", assessment_finalise),
    "loonwaarde:new_version": ("assessor", assessment_new_version),
    "loonwaarde:wages": ("staff", minimum_wages),
}


class _MessagesRegion(HTMLParser):
    """The texts of the success alerts in base.html's messages region: the first
    ``<div class="messages" role="status">`` in ``main``, before the page's own content."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # nested divs, while inside the region
        self.seen = False
        self.success = False  # inside an utrecht-alert--ok
        self.texts: list[str] | None = None
        self.successes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if not self.depth:
            region = classes == ["messages"] and attrs.get("role") == "status"
            if tag == "div" and region and not self.seen:
                self.depth, self.seen = 1, True
            return
        if tag == "div":
            self.depth += 1
            if "utrecht-alert" in classes:
                self.success = "utrecht-alert--ok" in classes
        if tag == "p" and "utrecht-alert__message" in classes and self.success:
            self.texts = []

    def handle_endtag(self, tag):
        if tag == "p" and self.texts is not None:
            self.successes.append("".join(self.texts))
            self.texts = None
        if tag == "div" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.texts is not None:
            self.texts.append(data)


def success_messages(page: str) -> list[str]:
    """The texts of the success alerts in the page's messages region."""
    parser = _MessagesRegion()
    parser.feed(page.split("<main", 1)[1])
    return parser.successes


@pytest.mark.parametrize("url_name", CASES)
def test_a_save_ends_on_a_page_that_says_what_was_saved(
    url_name, personas, client_for, django_capture_on_commit_callbacks
):
    persona, prepare = CASES[url_name]
    client = client_for(persona)
    post = prepare(Context(personas, client, django_capture_on_commit_callbacks))
    assert resolve(post.url).view_name == url_name
    response = client.post(post.url, post.data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain, "a save redirects (POST, redirect, GET)"
    assert success_messages(response.content.decode()) == [post.message]


def test_a_message_is_an_nl_design_system_alert_in_a_status_region(personas, client_for):
    client = client_for(COORDINATOR)
    post = member_add(Context(personas, client, None))
    page = client.post(post.url, post.data, follow=True).content.decode()
    region = page.split('<div class="messages" role="status">')[1]
    assert region.index("utrecht-alert--ok") < region.index("</main>")
    assert page.index('<div class="messages" role="status">') < page.index("<h1")
