"""CSV import of stays into the host's register: preview with each line's errors, then all or nothing.

Each line becomes a :class:`~hostspace.declarations.forms.StayForm`, the same
rules as the host's form and the API: the import adds no rule of its own
beyond reading the file (dates as 31/12/2026 or 2026-12-31, a decimal comma,
the channel by code or name, the accommodation by name or registration
number) and refusing the same booking reference twice in one file.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from hostspace import previewed_import
from hostspace.declarations.forms import StayForm
from hostspace.declarations.models import EXEMPT_FIELDS, Channel, Stay
from hostspace.previewed_import import Plan, parse_rows
from hostspace.tax import engine
from portal import spreadsheets

# CSV column -> form field, in the order of the template file.
COLUMNS_TO_FIELDS = {
    "hebergement": "accommodation",
    "arrivee": "arrival",
    "depart": "departure",
    "occupants": "persons",
    "mineurs": EXEMPT_FIELDS[engine.MINORS],
    "saisonniers": EXEMPT_FIELDS[engine.SEASONAL_WORKERS],
    "hebergement_urgence": EXEMPT_FIELDS[engine.EMERGENCY_HOUSING],
    "petit_loyer": EXEMPT_FIELDS[engine.LOW_RENT],
    "prix_nuitee": "price_per_night",
    "canal": "channel",
    "plateforme": "platform_name",
    "reference": "reference",
}
COLUMNS = list(COLUMNS_TO_FIELDS)
FIELDS_TO_COLUMNS = {value: key for key, value in COLUMNS_TO_FIELDS.items()}


def required_columns(host):
    """« hebergement » is needed only when the host has several accommodations."""
    columns = ["arrivee", "depart", "occupants"]
    if host.accommodations.count() > 1:
        columns.insert(0, "hebergement")
    return columns


def channel_help():
    """The channel codes a file may use, with their names."""
    with translation.override("fr"):
        return [(code, str(label)) for code, label in Channel.choices]


def sample_csv(host):
    """A template with two example lines, on the host's own first accommodation."""
    first = host.accommodations.order_by("name", "pk").first()
    name = first.name if first else "Mon hébergement"
    rows = [
        [name, "03/07/2026", "07/07/2026", "4", "2", "0", "0", "0", "", "direct", "", "R-2026-0117"],
        [name, "10/07/2026", "12/07/2026", "2", "0", "0", "0", "0", "85,00", "airbnb", "", "HMABC123"],
    ]
    return spreadsheets.csv_text(COLUMNS, rows)


def parse(text, host):
    """The file's lines as ``(line number, {column: value})``; raises UnreadableFile when unreadable."""
    return parse_rows(text, COLUMNS, required_columns(host))


@dataclass
class Line(previewed_import.Line):
    """One line of the file as the host sees it in the preview."""

    form: StayForm = None

    @property
    def label(self):
        return f"{self.values.get('arrivee') or '?'} – {self.values.get('depart') or '?'}"


def _accommodation_id(value, accommodations):
    """The accommodation a line names (by name or registration number, in any case), or the value as typed."""
    if len(accommodations) == 1 and not value.strip():
        return accommodations[0].pk
    wanted = value.strip().lower()
    for accommodation in accommodations:
        if wanted in (accommodation.name.lower(), accommodation.registration_number.lower(), str(accommodation.pk)):
            return accommodation.pk
    return value


def _channel(value):
    wanted = value.strip().lower()
    if not wanted:
        return Channel.DIRECT
    with translation.override("fr"):
        for code, label in Channel.choices:
            if wanted in (code, str(label).lower()):
                return code
    names = {"booking": Channel.BOOKING, "vrbo": Channel.ABRITEL, "abritel": Channel.ABRITEL}
    return names.get(wanted, value)


def form_data(values, accommodations):
    """A file line as the data of a :class:`StayForm`."""
    data = {COLUMNS_TO_FIELDS[column]: value for column, value in values.items()}
    data["accommodation"] = _accommodation_id(values.get("hebergement", ""), accommodations)
    data["channel"] = _channel(values.get("canal", ""))
    for name in EXEMPT_FIELDS.values():
        data[name] = data.get(name) or "0"
    return data


def _errors(form):
    """« colonne : message » for each error of the form, in the file's column names."""
    found = []
    for name, messages in form.errors.items():
        column = FIELDS_TO_COLUMNS.get(name)
        for message in messages:
            found.append(f"{column} : {message}" if column else message)
    return found


def check(host, rows, rules=None):
    """Validate every line with the stays' rules; a reference given twice in the file is an error too."""
    accommodations = list(host.accommodations.prefetch_related("classifications"))
    lines = []
    seen_references = {}
    for number, values in rows:
        line = Line(number=number, values=values)
        line.form = StayForm(data=form_data(values, accommodations), host=host, rules=rules)
        if not line.form.is_valid():
            line.errors += _errors(line.form)
        reference = values.get("reference", "").strip()
        key = (line.form.cleaned_data.get("accommodation"), reference)
        if reference and key in seen_references:
            line.errors.append(
                _("reference : déjà utilisée à la ligne %(line)s du fichier.") % {"line": seen_references[key]}
            )
        elif reference:
            seen_references[key] = number
        lines.append(line)
    return Plan(lines=lines)


@transaction.atomic
def save(plan, user):
    """Add every stay of a valid plan to the register; nothing at all when a line is wrong."""
    if not plan.is_valid:
        raise ValueError("Only a plan without errors can be imported.")
    for line in plan.lines:
        stay = line.form.save(commit=False)
        stay.source = Stay.Source.CSV
        stay.created_by = user
        stay.save()
    return len(plan.lines)
