from __future__ import annotations

from django.core.exceptions import ValidationError

import pytest
from hypothesis import given
from hypothesis import strategies as st
from localflavor.nl.validators import NLBSNFieldValidator

from doelgroepregister.protection import (
    bsn_checksum_ok,
    bsn_clean,
    bsn_hash,
    bsn_hasher,
    bsn_mask,
    bsn_normalise,
)
from tests.doelgroepregister.factories import invalid_bsn, valid_bsns


def test_it_accepts_a_bsn_passing_the_elfproef():
    assert bsn_clean("111222333") == "111222333"


@pytest.mark.parametrize("raw", ["111222334", "12345678a", "1234567890", "", "000000000"])
def test_it_rejects_bsn_failing_elfproef_or_format(raw):
    with pytest.raises(ValidationError) as info:
        bsn_clean(raw)
    assert raw not in " ".join(info.value.messages) or raw == ""


def test_generated_test_bsns_pass_and_their_variants_fail():
    bsns = valid_bsns()
    for _ in range(50):
        bsn = next(bsns)
        assert bsn_clean(bsn) == bsn
        with pytest.raises(ValidationError):
            bsn_clean(invalid_bsn(bsn))


def test_it_restores_a_leading_zero_lost_in_a_spreadsheet():
    assert bsn_normalise(12345672) == "012345672"
    assert bsn_normalise("1234 56 782") == "123456782"


def test_the_hash_is_keyed_and_never_contains_the_bsn(settings):
    first = bsn_hash("111222333")
    assert len(first) == 64 and "111222333" not in first
    settings.DOELGROEPREGISTER_BSN_KEY = "another-key"
    assert bsn_hash("111222333") != first


def test_the_mask_shows_only_the_last_three_digits():
    assert bsn_mask("111222333") == "••••••333"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_the_fast_elfproef_agrees_with_localflavor(digits):
    assert bsn_checksum_ok(digits) == NLBSNFieldValidator().bsn_checksum_ok(digits)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_the_bulk_hasher_gives_the_same_hash(digits):
    assert bsn_hasher()(digits) == bsn_hash(digits)


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "written",
    [
        "１１１２２２３３３",  # full-width digits: NFKC makes them ASCII
        "１１１ ２２２ ３３３",
        "111 222 333",
        "111.222.333",
        "111-222-333",
        "111\u00a0222\u00a0333",  # no-break spaces
        "111\u202f222\u202f333",  # narrow no-break spaces
        "111–222–333",  # en dashes
        " 111222333\t",
    ],
)
def test_every_spelling_of_a_bsn_has_one_canonical_form_and_one_hash(written):
    assert bsn_clean(written) == "111222333"
    assert bsn_hash(bsn_clean(written)) == bsn_hash("111222333")


@pytest.mark.parametrize("digits", [ARABIC_INDIC, str.maketrans("0123456789", "०१२३४५६७८९")])
def test_digits_of_other_scripts_are_refused_not_hashed_as_another_number(digits):
    # NFKC keeps Arabic-Indic and Devanagari digits as they are; localflavor's validator would
    # take them (str.isdigit, int()), giving the same person a second hash. They are refused.
    written = "111222333".translate(digits)
    assert NLBSNFieldValidator().bsn_checksum_ok(written)  # the hole this closes
    with pytest.raises(ValidationError) as info:
        bsn_clean(written)
    assert info.value.code == "invalid"
