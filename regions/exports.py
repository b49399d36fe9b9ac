"""Members and decisions of a Werkbedrijf as CSV or XLSX (tablib)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

import tablib

from regions.models import Werkbedrijf
from werkkamer.core.exports import neutralise

# A cell starting with one of these is read as a formula by spreadsheet programs (CSV injection).
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _dataset(headers: list[str], rows: list[list[Any]]) -> tablib.Dataset:
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append([neutralise("" if value is None else value) for value in row])
    return data


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
    return _dataset(headers, rows)


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
    return _dataset(headers, rows)


def response(
    data: tablib.Dataset, fmt: str | None, name: str, werkbedrijf: Werkbedrijf
) -> HttpResponse:
    fmt = fmt if fmt in FORMATS else "csv"
    body = data.export(fmt)
    if fmt == "csv":
        body = "\ufeff" + body  # so Excel reads the file as UTF-8
    reply = HttpResponse(body, content_type=FORMATS[fmt])
    filename = f"{name}-{werkbedrijf.region.code}.{fmt}"
    reply["Content-Disposition"] = f'attachment; filename="{filename}"'
    return reply
