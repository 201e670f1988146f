"""The PayFiP field rules: references, the object's characters, amounts in cents, never a float."""

import datetime
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostspace.payments import rules


def test_a_basket_reference_is_16_letters_and_digits_starting_with_the_month():
    reference = rules.new_refdet(datetime.date(2026, 7, 14))
    assert re.fullmatch(r"TS202607[A-Z2-9]{8}", reference)
    assert rules.check_refdet(reference) == reference


@pytest.mark.parametrize("value", ["", "A" * 31, "TS-2026", "TS 2026", "TSé"])
def test_a_reference_payfip_would_refuse_is_refused(value):
    with pytest.raises(rules.InvalidField):
        rules.check_refdet(value)


def test_the_object_loses_its_accents_and_punctuation():
    assert (
        rules.sanitise_objet("Taxe de séjour – Pays des Écrins (juillet)") == "Taxe de sejour Pays des Ecrins juillet"
    )


@given(st.text(max_size=300))
def test_any_object_becomes_at_most_100_allowed_characters(text):
    assert re.fullmatch(r"[A-Za-z0-9 ]{0,100}", rules.sanitise_objet(text))


def test_amounts_become_cents_exactly():
    assert rules.to_cents(Decimal("19.80")) == 1980
    assert rules.to_cents(Decimal("0.01")) == 1
    assert rules.from_cents("1980") == Decimal("19.80")


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1.00"), Decimal("1.005")])
def test_a_zero_negative_or_sub_cent_amount_is_refused_not_rounded(amount):
    with pytest.raises(rules.InvalidField):
        rules.to_cents(amount)


def test_a_float_is_never_accepted_as_money():
    with pytest.raises(TypeError):
        rules.to_cents(19.8)


@pytest.mark.parametrize(("check", "value"), [(rules.check_numcli, "12345"), (rules.check_numcli, "12345a"),
                                              (rules.check_saisie, "P"), (rules.check_mel, "a@b")])  # fmt: skip
def test_numcli_saisie_and_mel_follow_the_protocol(check, value):
    with pytest.raises(rules.InvalidField):
        check(value)
