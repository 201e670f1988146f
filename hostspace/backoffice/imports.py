"""CSV import of hosts with their accommodations, all or nothing.

One line per accommodation; the host columns repeat on each line of the same
host (same « dossier » number). :func:`parse` reads the file, :func:`check`
validates every line with the same rules as the forms and returns the plan
with each line's errors; :func:`save` creates everything in one transaction,
and only when no line has an error.
"""

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from hostspace import previewed_import
from hostspace.previewed_import import parse_rows
from hostspace.records import periods
from hostspace.records.forms import AccommodationCleaning, ClassificationCleaning, HostIdentityCleaning, allow_spaces
from hostspace.records.models import Accommodation, Classification, Host, OpeningPeriod
from portal import spreadsheets

# CSV column -> model field, in the order of the sample file.
HOST_COLUMNS = {
    "dossier": "reference",
    "civilite": "civility",
    "prenom": "first_name",
    "nom": "last_name",
    "raison_sociale": "company_name",
    "siret": "siret",
    "courriel": "contact_email",
    "telephone": "phone",
    "adresse": "address_line1",
    "complement_adresse": "address_line2",
    "code_postal": "postal_code",
    "commune": "city",
}
ACCOMMODATION_COLUMNS = {
    "hebergement_nom": "name",
    "hebergement_type": "kind",
    "hebergement_adresse": "address_line1",
    "hebergement_complement_adresse": "address_line2",
    "hebergement_code_postal": "postal_code",
    "hebergement_commune": "commune",
    "capacite": "capacity",
    "numero_enregistrement": "registration_number",
    "periodes_ouverture": "opening_periods",  # read by hostspace.records.periods.parse, not a model field
}
# Optional: the accommodation's current classification, recorded as validated by the importing agent.
CLASSIFICATION_COLUMNS = {"classement": "rating", "date_decision": "decision_date"}
COLUMNS = [*HOST_COLUMNS, *ACCOMMODATION_COLUMNS, *CLASSIFICATION_COLUMNS]
REQUIRED_COLUMNS = ["nom", "adresse", "code_postal", "commune"]

SAMPLE_ROWS = [
    [
        "H-0101", "Mme", "Claire", "Roux", "", "", "claire.roux@example.org", "04 92 23 45 67",
        "5 rue des Alpes", "", "05340", "Pelvoux",
        "Gîte de l'Ailefroide", "Meublé de tourisme", "Ailefroide", "", "05340", "Pelvoux", "6", "05101000123AB",
        "du 15 juin au 15 septembre", "Non classé", "",
    ],
    [
        "H-0102", "M.", "Marc", "Faure", "Hôtel Faure SARL", "732 829 320 00074", "contact@hotel-faure.example",
        "04 92 23 00 11", "Place de l'Église", "", "05290", "Vallouise-Pelvoux",
        "Hôtel des Écrins", "Hôtel de tourisme", "Place de l'Église", "", "05290", "Vallouise-Pelvoux", "40", "",
        "15/12-15/04; 01/06-30/09", "3 étoiles", "12/05/2022",
    ],
]  # fmt: skip


def sample_csv():
    return spreadsheets.csv_text(COLUMNS, SAMPLE_ROWS)


def _choice(value, choices, labels):
    """A choice given by its code or its French label, in any case; the unknown stays as typed."""
    wanted = value.strip().lower().rstrip(".")
    for code, label in choices:
        with translation.override("fr"):  # the file is French whatever the agent's admin language
            french = str(label).lower()
        if wanted in (str(code).lower(), french, str(label).lower()):
            return code
    return labels.get(wanted, value)


CIVILITY_ALIASES = {"mme": "mme", "madame": "mme", "m": "m", "monsieur": "m", "": ""}


class HostLineForm(HostIdentityCleaning, forms.ModelForm):
    class Meta:
        model = Host
        fields = list(HOST_COLUMNS.values())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allow_spaces(self.fields["siret"], 20)


class AccommodationLineForm(AccommodationCleaning, forms.ModelForm):
    # The column's text is read into « toute l'année » or periods; an unreadable text is a line error.
    opening_periods = forms.CharField(required=False)

    class Meta:
        model = Accommodation
        fields = [field for field in ACCOMMODATION_COLUMNS.values() if field != "opening_periods"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allow_spaces(self.fields["registration_number"], 20)

    def clean_opening_periods(self):
        try:
            return periods.parse(self.cleaned_data.get("opening_periods", ""))
        except ValueError as error:
            raise forms.ValidationError(str(error), code="periods") from None

    def save(self, commit=True):
        accommodation = super().save(commit=False)
        accommodation.open_all_year = self.cleaned_data["opening_periods"][0]
        if commit:
            accommodation.save()
            self.save_periods(accommodation)
        return accommodation

    def save_periods(self, accommodation):
        _all_year, found = self.cleaned_data["opening_periods"]
        OpeningPeriod.objects.bulk_create(OpeningPeriod.copies_of(found, accommodation=accommodation))


class ClassificationLineForm(ClassificationCleaning, forms.ModelForm):
    class Meta:
        model = Classification
        fields = list(CLASSIFICATION_COLUMNS.values())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_date"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]

    def clean(self):
        cleaned = super().clean()
        rating = cleaned.get("rating")
        if rating and rating != Classification.Rating.UNRATED and not cleaned.get("decision_date"):
            self.add_error("decision_date", gettext_lazy("Obligatoire pour un hébergement classé (JJ/MM/AAAA)."))
        return cleaned


RATING_ALIASES = {"nc": Classification.Rating.UNRATED, "non classe": Classification.Rating.UNRATED}


@dataclass
class Line(previewed_import.Line):
    """One line of the file as the agent sees it in the preview."""

    host_form: HostLineForm = None
    accommodation_form: AccommodationLineForm = None
    classification_form: ClassificationLineForm = None

    @property
    def host_label(self):
        return " ".join(filter(None, [self.values.get("prenom"), self.values.get("nom")])) or "—"

    @property
    def accommodation_label(self):
        return self.values.get("hebergement_nom") or "—"


@dataclass
class Plan(previewed_import.Plan):
    @property
    def host_count(self):
        return len({host_key(line.values) for line in self.lines})

    @property
    def accommodation_count(self):
        return sum(1 for line in self.lines if line.values.get("hebergement_nom"))


def host_key(values):
    """Lines of one host: the same dossier number, or without one the same name and address."""
    if values.get("dossier"):
        return ("dossier", values["dossier"].strip())
    return tuple(values.get(column, "").strip().lower() for column in ("nom", "prenom", "adresse", "code_postal"))


def parse(text):
    """The file's non-empty lines as ``(line number, {column: value})``; raises UnreadableFile when unreadable."""
    return parse_rows(text, COLUMNS, REQUIRED_COLUMNS, skip_empty=True)


def _form_errors(form, columns):
    by_field = {field: column for column, field in columns.items()}
    return [f"{by_field.get(name, name)} : {message}" for name, messages in form.errors.items() for message in messages]


def check(site, rows):
    """Validate every line against ``site`` (references already used, inconsistent host lines)."""
    lines = []
    first_of_host = {}
    references = [values["dossier"] for _, values in rows if values.get("dossier")]
    taken = set(Host.objects.filter(site=site, reference__in=references).values_list("reference", flat=True))
    for number, values in rows:
        line = Line(number=number, values=values)
        host_data = {field: values[column] for column, field in HOST_COLUMNS.items()}
        host_data["civility"] = CIVILITY_ALIASES.get(host_data["civility"].lower().rstrip("."), host_data["civility"])
        line.host_form = HostLineForm(data=host_data, instance=Host(site=site))
        if not line.host_form.is_valid():
            line.errors += _form_errors(line.host_form, HOST_COLUMNS)
        if values.get("dossier") in taken:
            line.errors.append(_("dossier : ce numéro existe déjà dans votre collectivité."))
        key = host_key(values)
        if key in first_of_host:
            first = first_of_host[key]
            differing = [c for c in HOST_COLUMNS if c != "dossier" and values[c] != first.values[c]]
            if differing:
                line.errors.append(
                    _("Les colonnes de l'hébergeur diffèrent de la ligne %(line)s : %(columns)s.")
                    % {"line": first.number, "columns": ", ".join(differing)}
                )
        else:
            first_of_host[key] = line
        if values.get("hebergement_nom") or any(values[c] for c in ACCOMMODATION_COLUMNS):
            accommodation_data = {field: values[column] for column, field in ACCOMMODATION_COLUMNS.items()}
            accommodation_data["kind"] = _choice(accommodation_data["kind"], Accommodation.Kind.choices, {})
            line.accommodation_form = AccommodationLineForm(data=accommodation_data)
            if not line.accommodation_form.is_valid():
                line.errors += _form_errors(line.accommodation_form, ACCOMMODATION_COLUMNS)
        if values.get("classement") or values.get("date_decision"):
            if line.accommodation_form is None:
                line.errors.append(
                    _("classement : un classement se rapporte à un hébergement (colonnes hebergement_*).")
                )
            else:
                rating = _choice(values["classement"], Classification.Rating.choices, RATING_ALIASES)
                line.classification_form = ClassificationLineForm(
                    data={"rating": rating, "decision_date": values["date_decision"]}
                )
                if not line.classification_form.is_valid():
                    line.errors += _form_errors(line.classification_form, CLASSIFICATION_COLUMNS)
        lines.append(line)
    return Plan(lines=lines)


@transaction.atomic
def save(site, plan, user):
    """Create the hosts and accommodations of a valid plan; nothing at all when one line is wrong."""
    if not plan.is_valid:
        raise ValueError("Only a plan without errors can be imported.")
    hosts = {}
    created_accommodations = 0
    for line in plan.lines:
        key = host_key(line.values)
        host = hosts.get(key)
        if host is None:
            host = line.host_form.save(commit=False)
            host.site = site
            host.save()
            log(host, "hostspace.import", user=user)
            hosts[key] = host
        if line.accommodation_form is not None:
            accommodation = line.accommodation_form.save(commit=False)
            accommodation.host = host
            accommodation.save()
            line.accommodation_form.save_periods(accommodation)
            log(accommodation, "hostspace.import", user=user)
            created_accommodations += 1
            if line.classification_form is not None:
                classification = line.classification_form.save(commit=False)
                classification.accommodation = accommodation
                classification.status = Classification.Status.VALIDATED
                classification.reviewed_by = user
                classification.reviewed_at = timezone.now()
                classification.save()
                log(classification, "hostspace.import", user=user)
    return len(hosts), created_accommodations
