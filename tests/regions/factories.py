"""Werkbedrijf test data: factory_boy for the rows, helpers that go through the services."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

import factory

from regions import services
from regions.models import (
    ActionPlan,
    Arbeidsmarktregio,
    Member,
    MemberKind,
    PlanAction,
    Representative,
    RepresentativeRole,
    Werkbedrijf,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = MemberKind.GEMEENTE
    start_date = date(2015, 1, 1)


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    member = factory.SubFactory(MemberFactory)
    name = factory.Sequence(lambda n: f"Vertegenwoordiger {n}")
    role = RepresentativeRole.MEMBER
    start_date = date(2015, 1, 1)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    title = factory.Sequence(lambda n: f"Actie {n}")
    owner = "UWV"
    deadline = date(2026, 12, 31)


def werkbedrijf(region: Arbeidsmarktregio, *, complete: bool = False) -> Werkbedrijf:
    """The region's Werkbedrijf; ``complete`` adds the four required kinds and a chair."""
    result = services.werkbedrijf_ensure(region=region)
    if complete:
        for kind in ("gemeente", "uwv", "werkgevers", "werknemers"):
            member = MemberFactory(werkbedrijf=result, kind=kind)
            role = RepresentativeRole.CHAIR if kind == "gemeente" else RepresentativeRole.MEMBER
            RepresentativeFactory(member=member, role=role)
    return result


def draft_plan(werkbedrijf: Werkbedrijf, *, user=None, filled: bool = False) -> ActionPlan:
    """A draft; ``filled`` gives every section text and one goal, so it can be adopted."""
    plan = services.plan_start(werkbedrijf=werkbedrijf, user=user)
    if filled:
        for section in plan.sections.all():
            section.body = f"Tekst over {section.get_key_display().lower()}."
            section.version += 1
            section.save()
        services.plan_goals_save(plan=plan, user=user, goals={2026: (100, 20)})
    return plan


def adopted_plan(werkbedrijf: Werkbedrijf, *, user=None) -> ActionPlan:
    plan = draft_plan(werkbedrijf, user=user, filled=True)
    PlanActionFactory(plan=plan)
    return services.plan_adopt(plan=plan, user=user)


def pdf_upload(name: str = "besluit.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def ooxml_bytes(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main_part, "<document/>")
    return buffer.getvalue()
