"""Checks of the identifiers a host or an agent types: SIRET, SIREN, phone number, registration number, postal code.

Each validator raises a ``ValidationError`` with a message that tells the person
what is expected; the normalising helpers return the value as it is stored.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SIRET_LENGTH = 14
# La Poste's establishments share the SIREN 356 000 000: their SIRET follows a different rule.
LA_POSTE_SIREN = "356000000"
# Numéro d'enregistrement of a meublé de tourisme: INSEE code of the commune (5, Corsica 2A/2B),
# 6 digits, 2 check characters — 13 characters in all, e.g. 05023000123AB.
REGISTRATION_NUMBER = re.compile(r"^(\d{5}|2[AB]\d{3})\d{6}[0-9A-Z]{2}$")


def normalise_siret(value):
    """The SIRET without the spaces or dots people type between digit groups."""
    return re.sub(r"[\s.\u00a0]", "", value or "")


def luhn_is_valid(digits):
    """True when the digit string passes the Luhn checksum (used by SIREN and SIRET)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def validate_siret(value):
    """A SIRET has 14 digits whose Luhn checksum is right (La Poste: digit sum multiple of 5)."""
    siret = normalise_siret(value)
    if not siret.isdigit() or len(siret) != SIRET_LENGTH:
        raise ValidationError(_("Le SIRET doit comporter 14 chiffres."), code="siret_length")
    valid = luhn_is_valid(siret)
    if not valid and siret.startswith(LA_POSTE_SIREN):
        # La Poste's many establishments are numbered with a digit sum that is a multiple of 5.
        valid = sum(int(char) for char in siret) % 5 == 0
    if not valid:
        raise ValidationError(_("Ce numéro SIRET n'est pas valide : vérifiez les 14 chiffres."), code="siret_checksum")


def validate_siren(value):
    """A SIREN has 9 digits whose Luhn checksum is right (a collectivity's, as DELTA names it)."""
    if not (value or "").isdigit() or len(value) != 9:
        raise ValidationError(_("Le SIREN doit comporter 9 chiffres, sans espace."), code="siren_length")
    if not luhn_is_valid(value):
        raise ValidationError(_("Ce numéro SIREN n'est pas valide : vérifiez les 9 chiffres."), code="siren_checksum")


def normalise_phone(value, region="FR"):
    """The phone number in international format (+33…), or a ValidationError."""
    try:
        number = phonenumbers.parse(value or "", region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Ce numéro de téléphone n'est pas valide. Exemple : 04 92 23 00 00 ou +33 4 92 23 00 00."),
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value, region="FR"):
    """A stored number as people read it: national format for France, international otherwise."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return value
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_phone(value):
    normalise_phone(value)


def normalise_registration_number(value):
    """Upper case, without spaces: the number as the town hall issued it."""
    return re.sub(r"\s", "", value or "").upper()


def validate_registration_number(value):
    """13 characters: the commune's INSEE code, 6 digits and 2 check characters."""
    number = normalise_registration_number(value)
    if len(number) != 13:
        raise ValidationError(
            _("Le numéro d'enregistrement doit comporter 13 caractères (par exemple 05023000123AB)."),
            code="registration_length",
        )
    if not REGISTRATION_NUMBER.match(number):
        raise ValidationError(
            _(
                "Le numéro d'enregistrement doit commencer par le code INSEE de la commune (5 caractères), "
                "suivi de 6 chiffres et de 2 caractères de contrôle (par exemple 05023000123AB)."
            ),
            code="registration_format",
        )


def normalise_postal_code(value):
    """The postal code without the spaces people type (« 05 340 »), or a ValidationError.

    A French postal code has 5 digits: « 5340 » (a spreadsheet that dropped the
    leading zero) is refused rather than guessed.
    """
    postal_code = re.sub(r"[\s\u00a0]", "", value or "")
    if not (postal_code.isdigit() and len(postal_code) == 5):
        raise ValidationError(_("Le code postal comporte 5 chiffres."), code="postal_code")
    return postal_code
