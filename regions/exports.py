"""Members and decisions of a Werkbedrijf as CSV or XLSX (tablib)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

import tablib

from regions.models import Werkbedrijf
from werkkamer.core.exports import FORMATS, attachment, neutral_dataset, table_bytes


def members_dataset(werkbedrijf: Werkbedrijf) -> tablib.Dataset:
    rows = []
    for member in werkbedrijf.members.prefetch_related("representatives"):
        people = list(member.representatives.all()) or [None]
        for person in people:
            rows.append(
                [
                    member.name,
                    member.get_kind_display(),
                    member.start_date.isoformat(),
                    member.end_date.isoformat() if member.end_date else "",
                    person.name if person else "",
                    person.get_role_display() if person else "",
                    person.start_date.isoformat() if person else "",
                    person.end_date.isoformat() if person and person.end_date else "",
                ]
            )
    headers = [
        _("Organisatie"),
        _("Soort"),
        _("Lid vanaf"),
        _("Lid tot"),
        _("Vertegenwoordiger"),
        _("Rol"),
        _("Vanaf"),
        _("Tot"),
    ]
    return neutral_dataset(headers, rows)


def decisions_dataset(werkbedrijf: Werkbedrijf) -> tablib.Dataset:
    rows = [
        [
            decision.standard_point or "",
            decision.title,
            decision.get_status_display(),
            decision.decided_on.isoformat() if decision.decided_on else "",
            decision.text,
        ]
        for decision in werkbedrijf.decisions.all()
    ]
    headers = [_("Beslispunt"), _("Onderwerp"), _("Status"), _("Datum"), _("Besluit")]
    return neutral_dataset(headers, rows)


def response(
    data: tablib.Dataset, fmt: str | None, name: str, werkbedrijf: Werkbedrijf
) -> HttpResponse:
    fmt = fmt if fmt in FORMATS else "csv"
    filename = f"{name}-{werkbedrijf.region.code}.{fmt}"
    return attachment(table_bytes(data, fmt), filename=filename, content_type=fmt)
