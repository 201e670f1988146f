"""Agents' exports of hosts, accommodations and classifications, in the import's format.

An export can be corrected in a spreadsheet and imported again
(:mod:`hostspace.backoffice.imports`): semicolons, the import's column names
(« code_postal », « hebergement_type »…), choices as people read them
(« Madame », « Meublé de tourisme », « 3 étoiles ») rather than stored codes,
dates in local time as the import reads them (« 15/01/2026 », « 15/01/2026
14:05 »), never UTC with microseconds. The file is French whatever the agent's
admin language, like the import. Columns the import does not read (an
account's activation, a request's status) come last, named the same way.
"""

import csv
import datetime
from collections import OrderedDict

from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from wagtail.admin.views.mixins import Echo

from portal.spreadsheets import neutralise_formula

CSV_DATE = "%d/%m/%Y"
CSV_DATETIME = "%d/%m/%Y %H:%M"


def label(obj, name):
    """The label of the choice in field ``name`` (« Madame »), or nothing when the field is blank."""
    return getattr(obj, f"get_{name}_display")() if getattr(obj, name) else ""


def _local(value):
    return timezone.localtime(value).replace(microsecond=0, tzinfo=None)


HOST_COLUMNS = {
    "dossier": lambda host: host.reference,
    "civilite": lambda host: label(host, "civility"),
    "prenom": lambda host: host.first_name,
    "nom": lambda host: host.last_name,
    "raison_sociale": lambda host: host.company_name,
    "siret": lambda host: host.siret,
    "courriel": lambda host: host.contact_email,
    # As people write it (04 92 23 00 00): « +33… » would be read as a formula, hence escaped.
    "telephone": lambda host: host.phone_display,
    "adresse": lambda host: host.address_line1,
    "complement_adresse": lambda host: host.address_line2,
    "code_postal": lambda host: host.postal_code,
    "commune": lambda host: host.city,
}


def _current(accommodation):
    return accommodation.current_classification()


ACCOMMODATION_COLUMNS = {
    **{name: (lambda accommodation, read=read: read(accommodation.host)) for name, read in HOST_COLUMNS.items()},
    "hebergement_nom": lambda accommodation: accommodation.name,
    "hebergement_type": lambda accommodation: label(accommodation, "kind"),
    "hebergement_adresse": lambda accommodation: accommodation.address_line1,
    "hebergement_complement_adresse": lambda accommodation: accommodation.address_line2,
    "hebergement_code_postal": lambda accommodation: accommodation.postal_code,
    "hebergement_commune": lambda accommodation: accommodation.commune,
    "capacite": lambda accommodation: accommodation.capacity,
    "numero_enregistrement": lambda accommodation: accommodation.registration_number,
    "periodes_ouverture": lambda accommodation: accommodation.opening_periods_text(),
    "classement": lambda accommodation: label(_current(accommodation), "rating") if _current(accommodation) else "",
    "date_decision": lambda accommodation: getattr(_current(accommodation), "decision_date", None),
    "precisions_ouverture": lambda accommodation: accommodation.opening_notes,
}

HOST_EXPORT_COLUMNS = {**HOST_COLUMNS, "compte_active_le": lambda host: host.activated_at}

CLASSIFICATION_COLUMNS = {
    "dossier": lambda classification: classification.accommodation.host.reference,
    "nom": lambda classification: classification.accommodation.host.last_name,
    "hebergement_nom": lambda classification: classification.accommodation.name,
    "classement": lambda classification: label(classification, "rating"),
    "date_decision": lambda classification: classification.decision_date,
    "expire_le": lambda classification: classification.expires_on,
    "statut": lambda classification: label(classification, "status"),
    "demande_le": lambda classification: classification.submitted_at,
    "examine_le": lambda classification: classification.reviewed_at,
    "motif": lambda classification: classification.review_note,
}


class ReimportableExportMixin:
    """An index view whose CSV and XLSX exports use :attr:`export_columns`, in the import's format.

    The viewset's ``list_export`` names the columns (the keys of ``export_columns``).
    """

    export_columns = {}

    custom_value_preprocess = {
        # datetime before date: a datetime is a date too.
        datetime.datetime: {"csv": lambda value: _local(value).strftime(CSV_DATETIME), "xlsx": _local},
        datetime.date: {"csv": lambda value: value.strftime(CSV_DATE), "xlsx": None},
        # Anything a spreadsheet would run as a formula stays text (Wagtail does it for XLSX).
        str: {"csv": neutralise_formula},
    }

    def to_row_dict(self, item):
        with translation.override("fr"):
            return OrderedDict((name, self.export_columns[name](item)) for name in self.list_export)

    def get_heading(self, queryset, field):
        return field

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield "\ufeff"  # spreadsheets then read the file as UTF-8
        yield writer.writerow({field: field for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response
