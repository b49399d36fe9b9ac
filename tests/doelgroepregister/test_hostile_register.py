"""The hostile review of issues 12 and 13 on the register: each attack that got through, as a
test that failed before its fix (the attack is named in each test)."""

from __future__ import annotations

from datetime import date
from itertools import islice

from django.urls import reverse

import pytest

from doelgroepregister.forms import RemovalForm
from doelgroepregister.models import Grondslag, RegisterRemoval, Registration
from doelgroepregister.protection import bsn_hash
from loonwaarde.validators import holds_bsn
from tests.doelgroepregister.factories import valid_bsns

AUDIT = pytest.mark.django_db(databases="__all__", transaction=True)
IN_REGISTER, *OTHERS = islice(valid_bsns(56_789_012), 10)
BSN = "123456782"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def bold(digits: str) -> str:
    return "".join(chr(0x1D7CE + int(d)) for d in digits)  # MATHEMATICAL BOLD DIGIT ZERO…


# Spellings of one BSN in free text that a person (or a script) might use.
HIDDEN_BSNS = [
    BSN.translate(SUPERSCRIPT),
    bold(BSN),
    "kenmerk 12 123456782",  # a number in front joined the BSN into 11 digits
    "2024 123 456 782",
    "123 / 456 / 782",
    "123,456,782",
    "123\t456\n782",
    "123  456  782",
]


@pytest.mark.parametrize("text", HIDDEN_BSNS)
def test_a_bsn_hidden_in_free_text_is_found(text):
    # before: superscripts and a number in front passed the removal reason; a number in front,
    # a slash, a comma, a tab or two spaces passed the loonwaarde free text
    assert holds_bsn(text)
    form = RemovalForm(data={"bsn": OTHERS[0], "kind": "end", "reason": f"Verzoek {text}"})
    assert not form.is_valid() and "reason" in form.errors


@pytest.mark.parametrize(
    "text",
    ["Correctie UWV, kenmerk 2026-0012", "Verzoek van 1-2-2026, 36 uur", "telefoon 06 12345678"],
)
def test_a_reason_without_a_bsn_is_kept(text):
    assert not holds_bsn(text)
    assert RemovalForm(data={"bsn": OTHERS[0], "kind": "end", "reason": text}).is_valid()


@AUDIT
def test_the_removal_page_is_no_lookup_without_a_trace_nor_past_the_budget(
    personas, client_for, settings
):
    # before: a BSN not in the register answered "geen geldige inschrijving" and left no trace,
    # and no budget applied: staff could try numbers on this page without end or record
    settings.DOELGROEPREGISTER_BUDGET_PER_DAY_USER = 2
    Registration.objects.create(
        bsn_hash=bsn_hash(IN_REGISTER), grondslag=Grondslag.WAJONG, start_date=date(2020, 1, 1)
    )
    staff = client_for("staff")
    url = reverse("doelgroepregister:removal")
    for bsn in OTHERS[:2]:
        staff.post(url, {"bsn": bsn, "kind": "end", "reason": "Verzoek"})
    tried = RegisterRemoval.objects.order_by("pk")
    assert [(r.bsn_hash, r.entries) for r in tried] == [(bsn_hash(b), 0) for b in OTHERS[:2]]
    page = staff.post(url, {"bsn": IN_REGISTER, "kind": "end", "reason": "Verzoek"}, follow=True)
    assert "dagbudget" in page.content.decode()
    assert Registration.objects.get(bsn_hash=bsn_hash(IN_REGISTER)).end_date is None
    assert RegisterRemoval.objects.count() == 2
