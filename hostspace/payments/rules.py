"""The PayFiP field rules, in one pure module: what the DGFiP's web service accepts, and money to cents.

The published constraints (domain notes, « PayFiP »): ``numcli`` is 6 digits;
``refdet`` 1–30 letters and digits, unique per basket; ``objet`` at most 100
characters of ``[A-Za-z0-9 ]``; ``mel`` 6–80 characters; ``montant`` in cents;
``saisie`` T (test), X (activation) or W (production). Amounts are ``Decimal``
euros everywhere in the portal; they become cents only here, at the boundary,
and an amount that is not a whole number of cents is refused rather than
rounded a second time.
"""

import re
import secrets
import unicodedata
from decimal import Decimal

NUMCLI = re.compile(r"^[0-9]{6}$")
REFDET = re.compile(r"^[A-Za-z0-9]{1,30}$")
OBJET_MAX = 100
MEL_MIN, MEL_MAX = 6, 80
SAISIE_TEST, SAISIE_ACTIVATION, SAISIE_PRODUCTION = "T", "X", "W"
SAISIES = (SAISIE_TEST, SAISIE_ACTIVATION, SAISIE_PRODUCTION)
CENT = Decimal("0.01")
# Unambiguous letters and digits for references a host copies by hand on a cheque or a transfer (no 0/O, 1/I).
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class InvalidField(ValueError):
    """A value PayFiP would refuse; the message names the field."""


def new_refdet(today, length=8):
    """A basket reference: « TS », the year and month, then random characters (16 in all, unique in practice)."""
    suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))
    return f"TS{today:%Y%m}{suffix}"


def check_refdet(value):
    if not REFDET.match(value or ""):
        raise InvalidField(f"refdet must be 1 to 30 letters or digits: {value!r}")
    return value


def check_numcli(value):
    if not NUMCLI.match(value or ""):
        raise InvalidField(f"numcli must be 6 digits: {value!r}")
    return value


def check_saisie(value):
    if value not in SAISIES:
        raise InvalidField(f"saisie must be one of T, X, W: {value!r}")
    return value


def check_mel(value):
    value = (value or "").strip()
    if not MEL_MIN <= len(value) <= MEL_MAX or "@" not in value:
        raise InvalidField(f"mel must be an address of 6 to 80 characters: {value!r}")
    return value


def sanitise_objet(text):
    """``text`` as PayFiP accepts it: accents dropped, any other character a space, spaces squeezed, 100 at most."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    kept = "".join(char if (char.isascii() and char.isalnum()) else " " for char in ascii_only)
    return " ".join(kept.split())[:OBJET_MAX].strip()


def to_cents(amount):
    """A positive ``Decimal`` of euros as whole cents (``Decimal("19.80")`` → 1980); never a float."""
    if not isinstance(amount, Decimal):
        raise TypeError("Amounts are Decimal euros.")
    if amount <= 0:
        raise InvalidField(f"montant must be positive: {amount}")
    if amount != amount.quantize(CENT):
        raise InvalidField(f"montant must be a whole number of cents: {amount}")
    return int(amount * 100)


def from_cents(cents):
    """Whole cents (as PayFiP returns them, a string or an int) as ``Decimal`` euros."""
    text = str(cents).strip()
    if not text.isdigit():
        raise InvalidField(f"montant must be a number of cents: {cents!r}")
    return (Decimal(text) / 100).quantize(CENT)
