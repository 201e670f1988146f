"""Accounts taken over from the old platform (created before 1 January 2019).

They arrive with an unusable password and ``must_reset_password``: their owner
chooses a new password through the reset flow before logging in. This module
reads the old platform's CSV export and creates those accounts and their host
records, once: importing the same file again changes nothing.
"""

import csv
import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from hostspace.records.models import Host
from portal import spreadsheets

# Accounts created from this date on belong to the new platform.
CUTOFF = datetime.date(2019, 1, 1)

# CSV column (normalised header) -> Host field; « email », « nom », « date de création » and the address are required.
COLUMNS = {
    "email": "email",
    "nom": "last_name",
    "prenom": "first_name",
    "date_de_creation": "date_joined",
    "raison_sociale": "company_name",
    "siret": "siret",
    "telephone": "phone",
    "adresse": "address_line1",
    "complement_d_adresse": "address_line2",
    "code_postal": "postal_code",
    "commune": "city",
    "reference": "reference",
}
REQUIRED = ["email", "nom", "date_de_creation", "adresse", "code_postal", "commune"]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
MAX_ROWS = 100_000


def is_legacy_account(user):
    """True for an account of the old platform that has not chosen a new password yet."""
    return bool(user.must_reset_password)


def parse_date(value):
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value.strip(), pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(value)


@dataclass
class ImportReport:
    """What an import did: accounts and host records created, lines skipped as already there, line errors."""

    created_accounts: int = 0
    created_hosts: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    def error(self, line, message):
        self.errors.append((line, message))


def read_rows(text):
    """The rows of the old platform's export; ``MissingColumns`` (a ValueError) if a column is missing."""
    return spreadsheets.read_rows(text, REQUIRED)


def import_accounts(text, site, dry_run=False):
    """Create the old platform's accounts listed in ``text`` (CSV) on ``site``; return an :class:`ImportReport`."""
    report = ImportReport()
    user_model = get_user_model()
    rows = read_rows(text)
    line = 1
    while True:
        try:
            line, row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            report.error(line + 1, f"CSV illisible à partir d'ici ({error}) : le reste du fichier est ignoré")
            break
        if line > MAX_ROWS:
            report.error(line, "fichier trop long : découpez-le")
            break
        try:
            with transaction.atomic():
                _import_row(row, site, report, user_model)
                if dry_run:
                    transaction.set_rollback(True)
        except ValidationError as error:
            report.error(line, " ; ".join(error.messages))
    return report


def _import_row(row, site, report, user_model):
    missing = [name for name in REQUIRED if not row.get(name)]
    if missing:
        raise ValidationError(f"colonne(s) vide(s) : {', '.join(missing)}")
    email = user_model.objects.normalize_email(row["email"])
    validate_email(email)
    try:
        created_on = parse_date(row["date_de_creation"])
    except ValueError:
        raise ValidationError(
            f"date de création illisible « {row['date_de_creation'][:30]} » (AAAA-MM-JJ ou JJ/MM/AAAA)"
        ) from None
    if created_on >= CUTOFF:
        raise ValidationError("compte créé après le 31 décembre 2018 : ce n'est pas un compte de l'ancienne plateforme")

    user = user_model.objects.filter(email__iexact=email).first()
    if user is not None and Host.objects.filter(site=site, user=user).exists():
        report.unchanged += 1
        return
    if user is not None and not user.must_reset_password:
        raise ValidationError("un compte actif existe déjà avec ce courriel : rattachez-le depuis l'administration")
    if user is None:
        user = user_model(
            email=email,
            first_name=row.get("prenom", "")[:150],
            last_name=row["nom"][:150],
            must_reset_password=True,
            date_joined=datetime.datetime.combine(created_on, datetime.time(12), tzinfo=datetime.UTC),
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        report.created_accounts += 1
    host = Host(site=site, user=user, contact_email=email)
    for column, field_name in COLUMNS.items():
        if column in ("email", "date_de_creation") or not row.get(column):
            continue
        setattr(host, field_name, row[column])
    host.full_clean()
    host.save()
    report.created_hosts += 1
