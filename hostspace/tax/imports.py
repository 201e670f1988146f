"""Import of a collectivity's deliberation from the DGFiP's DELTA file: read, preview, then all or nothing.

:func:`read` parses the file (:mod:`hostspace.tax.delta`), finds the
deliberation of the collectivity by the SIREN of its branding settings and
turns it into unsaved :class:`Deliberation` rows, each validated as an
agent's form would be (national grid, overlaps). :func:`save` creates them in
one transaction, only when none has an error. Between preview and
confirmation only the rows' values wait in the session (the national file
runs to tens of megabytes); the confirmation validates them again.

What DELTA does not carry is taken from the collectivity's latest
deliberation (or the defaults): the rhythm and deadline of declarations. The
meaning of DELTA's ``natureId`` is not known (see :mod:`hostspace.tax.delta`):
a file whose natures do not all share one regime is refused, to be entered by
hand.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from hostspace.records import periods
from hostspace.records.models import Accommodation
from hostspace.tax import delta, engine
from hostspace.tax.models import CATEGORY_FIELDS, RATE_FIELD, SURCHARGE_FIELDS, CollectionPeriod, Deliberation
from portal.models import BrandingSettings

IMPORT_ACTION = "hostspace.tax.delta_import"

# Fields of a row as kept between preview and confirmation.
_DECIMAL_FIELDS = [*CATEGORY_FIELDS.values(), RATE_FIELD, "low_rent_threshold", "abatement_percent"]
_DATE_FIELDS = ["adopted_on", "valid_from", "valid_until"]


@dataclass
class Row:
    """One deliberation to create, as the agent sees it in the preview, with its errors."""

    deliberation: Deliberation
    collection_periods: list
    errors: list = field(default_factory=list)
    warning: str | None = None

    @property
    def tariffs(self):
        """``[(label, value)]`` for every category, None where the deliberation sets none."""
        return [
            (engine.CATEGORY_LABELS[code], getattr(self.deliberation, name)) for code, name in CATEGORY_FIELDS.items()
        ]

    @property
    def surcharges(self):
        return [engine.SURCHARGE_BY_CODE[code] for code in self.deliberation.surcharge_codes()]

    @property
    def regime(self):
        forfait = self.deliberation.forfait_kinds
        return dict(engine.REGIMES)[engine.FORFAIT if forfait else engine.REEL]

    @property
    def periods_text(self):
        return periods.format_periods(self.collection_periods) if self.collection_periods else ""


@dataclass
class Plan:
    """What the file holds for the collectivity: rows to create, or why nothing can be."""

    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    source: delta.Deliberation | None = None
    carried_over: Deliberation | None = None

    @property
    def is_valid(self):
        return not self.errors and bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def warnings(self):
        return sorted({row.warning for row in self.rows if row.warning})

    def as_session(self):
        """The rows' values, JSON-safe, for the confirmation."""
        return [_serialise(row) for row in self.rows]


def _serialise(row):
    deliberation = row.deliberation
    values = {
        "label": deliberation.label,
        "regimes": dict(deliberation.regimes),
        "declaration_frequency": deliberation.declaration_frequency,
        "due_days": deliberation.due_days,
        "surcharges": deliberation.surcharge_codes(),
        "collection_periods": [
            [period.start_day, period.start_month, period.end_day, period.end_month]
            for period in row.collection_periods
        ],
    }
    for name in _DECIMAL_FIELDS:
        value = getattr(deliberation, name)
        values[name] = None if value is None else str(value)
    for name in _DATE_FIELDS:
        value = getattr(deliberation, name)
        values[name] = None if value is None else value.isoformat()
    return values


def _deserialise(site, values):
    deliberation = Deliberation(
        site=site,
        label=values["label"],
        regimes=values["regimes"],
        declaration_frequency=values["declaration_frequency"],
        due_days=values["due_days"],
    )
    for name in _DECIMAL_FIELDS:
        setattr(deliberation, name, None if values[name] is None else Decimal(values[name]))
    for name in _DATE_FIELDS:
        setattr(deliberation, name, None if values[name] is None else datetime.date.fromisoformat(values[name]))
    _set_surcharges(deliberation, values["surcharges"])
    return deliberation, [periods.Period(*period) for period in values["collection_periods"]]


def _set_surcharges(deliberation, codes):
    for code, name in SURCHARGE_FIELDS.items():
        setattr(deliberation, name, code in codes)


def siren_of(site):
    """The SIREN the collectivity's branding settings give, or ""."""
    return BrandingSettings.for_site(site).siren


def _label(source, period=None, several=False):
    label = _("Délibération DELTA")
    if source.date:
        label = _("Délibération du %(date)s (DELTA)") % {"date": date_format(source.date, "j F Y")}
    if several and period is not None:
        label = _("%(label)s – du %(start)s au %(end)s") % {
            "label": label,
            "start": date_format(period.start, "j F Y"),
            "end": date_format(period.end, "j F Y"),
        }
    return label[:200]


def _rows_from(site, source, carried_over):
    """Unsaved rows for the file's deliberation: one for all its periods when they share their tariffs, else one per period."""
    regime = source.single_regime if source.regimes else engine.REEL
    if regime is None:
        return [], [
            _(
                "Le fichier fixe des régimes différents selon la nature d'hébergement ; la correspondance "
                "de ses natures avec celles du portail n'est pas connue : saisissez cette délibération à la main."
            )
        ]
    rates = sorted({abatement.rate for abatement in source.abatements})
    if len(rates) > 1:
        return [], [
            _(
                "Le fichier fixe plusieurs abattements selon la durée d'ouverture, que le portail ne gère pas : "
                "saisissez cette délibération à la main."
            )
        ]
    abatement = rates[0] if rates else Decimal(0)
    regimes = dict.fromkeys(Accommodation.Kind.values, engine.FORFAIT) if regime == engine.FORFAIT else {}

    def collection_periods(chosen):
        if regime != engine.FORFAIT:
            return []
        return [
            periods.Period(period.start.day, period.start.month, period.end.day, period.end.month) for period in chosen
        ]

    def build(chosen, label):
        first = chosen[0]
        deliberation = Deliberation(
            site=site,
            label=label,
            adopted_on=source.date,
            valid_from=first.start,
            valid_until=chosen[-1].end,
            unclassified_rate=first.unclassified_rate,
            low_rent_threshold=source.low_rent_threshold,
            regimes=regimes,
            abatement_percent=abatement,
            declaration_frequency=carried_over.declaration_frequency
            if carried_over
            else Deliberation.Frequency.MONTHLY,
            due_days=carried_over.due_days if carried_over else 15,
        )
        for code, name in CATEGORY_FIELDS.items():
            setattr(deliberation, name, first.tariffs.get(code))
        _set_surcharges(deliberation, source.surcharges)
        return deliberation, collection_periods(chosen)

    same = all(
        (period.tariffs, period.unclassified_rate) == (source.periods[0].tariffs, source.periods[0].unclassified_rate)
        for period in source.periods
    )
    if same:
        return [build(list(source.periods), _label(source))], []
    return [build([period], _label(source, period, several=True)) for period in source.periods], []


def _messages(error):
    """A ValidationError's messages, each prefixed with its field's label unless it names its category itself."""
    found = []
    for name, messages in error.message_dict.items():
        for message in messages:
            if name in (NON_FIELD_ERRORS, RATE_FIELD, *CATEGORY_FIELDS.values()):
                found.append(message)
            else:
                label = capfirst(Deliberation._meta.get_field(name).verbose_name)
                found.append(f"{label} : {message}")
    return found


def check(site, built):
    """Validate each ``(deliberation, collection periods)`` as the admin form would; return the rows."""
    rows = []
    for deliberation, collection_periods in built:
        row = Row(deliberation=deliberation, collection_periods=collection_periods)
        try:
            deliberation.full_clean(exclude=["site"])
        except ValidationError as error:
            row.errors.extend(_messages(error))
        try:
            periods.check_periods(False, collection_periods)
        except ValueError as error:
            row.errors.append(str(error))
        if deliberation.forfait_kinds and not collection_periods:
            row.errors.append(_("Le forfait n'a aucune période de perception."))
        row.warning = deliberation.grid_warning
        rows.append(row)
    return rows


def latest_deliberation(site):
    return Deliberation.objects.filter(site=site).order_by("-valid_from", "-pk").first()


def read(site, data):
    """The plan of the import of ``data`` (the file's bytes) for ``site``: never raises on a bad file."""
    siren = siren_of(site)
    if not siren:
        return Plan(
            errors=[
                _(
                    "Le SIREN de votre collectivité n'est pas renseigné : un administrateur de la collectivité "
                    "le saisit dans Paramètres › Identité de la collectivité, puis vous pourrez importer le fichier."
                )
            ]
        )
    try:
        parsed = delta.parse(data)
    except delta.DeltaError as error:
        return Plan(errors=[_("Le fichier est refusé :"), *error.messages])
    source = parsed.find(siren=siren)
    if source is None:
        return Plan(
            errors=[
                _(
                    "Le fichier contient %(count)s délibération(s), aucune pour le SIREN %(siren)s de votre "
                    "collectivité. Vérifiez le fichier, ou le SIREN dans Paramètres › Identité de la collectivité."
                )
                % {"count": len(parsed.deliberations), "siren": siren}
            ]
        )
    carried_over = latest_deliberation(site)
    built, errors = _rows_from(site, source, carried_over)
    return Plan(rows=check(site, built), errors=errors, source=source, carried_over=carried_over)


def restore(site, values):
    """The plan again from the rows kept in the session, validated anew (the collectivity's data may have changed)."""
    return Plan(rows=check(site, [_deserialise(site, row) for row in values]))


def save(site, plan, user):
    """Create the plan's deliberations, all or nothing; returns them. Refuses a plan with errors."""
    if not plan.is_valid:
        raise ValueError("A plan with errors is never saved.")
    created = []
    with transaction.atomic():
        for row in plan.rows:
            deliberation = row.deliberation
            deliberation.site = site
            # Validated again inside the transaction: another agent may have saved one meanwhile.
            deliberation.full_clean()
            deliberation.save()
            CollectionPeriod.objects.bulk_create(
                CollectionPeriod.copies_of(row.collection_periods, deliberation=deliberation)
            )
            log(deliberation, IMPORT_ACTION, user=user)
            created.append(deliberation)
    return created
