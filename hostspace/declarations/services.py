"""The verbs of declarations: which periods an accommodation owes, what a stay owes in a period, declare, correct.

Views (host and agent), the CSV import, the API, reminders and the board call
these functions; none of them computes a period, a status or an amount itself.

- **Periods** follow the deliberation in force on their first day
  (:class:`SiteRules`): its rhythm and its due date. An accommodation owes a
  declaration for every period from the one in which it was registered (its
  earlier nights were declared on the previous platform, or not due) while a
  deliberation taxes its nature *au réel*; a forfait lodging declares otherwise.
- **Tax of a stay**: each night is taxed at the deliberation in force that
  night and the category of the accommodation that night
  (:func:`hostspace.tax.services.category_of`); consecutive nights under the
  same tariff are computed together by the engine, whose one rounding (the
  amount per person per night) is kept. Nights collected by a platform are
  counted, their tax is shown, and nothing is due from the host for them.
- **Declaring** stores an immutable :class:`Declaration` with its lines and
  its état récapitulatif (PDF) in one transaction; a correction is a new version.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hostspace.declarations.models import (
    ZERO,
    Correction,
    Declaration,
    DeclarationLine,
    DeclarationSequence,
    Stay,
)
from hostspace.declarations.periods import ONE_DAY, Period, block_start
from hostspace.records.models import Accommodation
from hostspace.tax import engine
from hostspace.tax import services as tax_services
from hostspace.tax.models import Deliberation

MAX_NIGHTS = 366


class DeclarationError(Exception):
    """A declaration that cannot be made; the message, in the active language, says why and what to do."""


# --- Statuses ------------------------------------------------------------------------------------


class Status:
    """The status of an accommodation's period, as hosts and agents read it."""

    CURRENT = "current"
    TO_DECLARE = "todo"
    LATE = "late"
    DECLARED = "declared"
    PAID = "paid"

    LABELS = {
        CURRENT: _("En cours"),
        TO_DECLARE: _("À déclarer"),
        LATE: _("En retard"),
        DECLARED: _("Déclaré"),
        PAID: _("Payé"),
    }
    # The four statuses of an ended period, in the order the board shows them.
    BOARD = (TO_DECLARE, DECLARED, PAID, LATE)

    @classmethod
    def label(cls, code):
        return cls.LABELS[code]


def status_of(period, declaration, today):
    """The status of a period given its latest declaration (or None)."""
    if declaration is not None:
        return Status.PAID if declaration.is_paid else Status.DECLARED
    if not period.has_ended(today):
        return Status.CURRENT
    return Status.LATE if today > period.due else Status.TO_DECLARE


# --- The deliberations of a collectivity, read once ---------------------------------------------


class SiteRules:
    """A collectivity's deliberations, loaded in one query, to answer many questions about dates in memory."""

    def __init__(self, site, deliberations=None):
        self.site = site
        if deliberations is None:
            deliberations = Deliberation.objects.filter(site=site).order_by("valid_from", "pk")
        self.deliberations = sorted(deliberations, key=lambda d: (d.valid_from, d.pk or 0))
        self._tariffs = {}

    def on(self, day):
        """The deliberation in force on ``day``, or None (the one that started last, as the tax services say)."""
        found = None
        for deliberation in self.deliberations:
            if deliberation.covers(day):
                found = deliberation
        return found

    def tariffs(self, deliberation):
        if deliberation.pk not in self._tariffs:
            self._tariffs[deliberation.pk] = deliberation.tariffs()
        return self._tariffs[deliberation.pk]

    def period_of(self, day):
        """The declaration period holding ``day``, or None when no deliberation is in force then.

        The rhythm is read from the deliberation in force on the day; the period
        is the calendar block of that rhythm (a quarter starts in January,
        April, July or October), and its due date is that deliberation's.
        """
        deliberation = self.on(day)
        if deliberation is None:
            return None
        months = deliberation.months_per_period
        start = block_start(day, months)
        governing = self.on(start) or deliberation
        return Period.of(start, governing.months_per_period, governing.due_days)

    def period_starting(self, day):
        """The period whose first day is ``day``, or None when ``day`` starts no period."""
        period = self.period_of(day) if day else None
        return period if period is not None and period.start == day else None

    def periods(self, first_day, last_day):
        """The periods from the one holding ``first_day`` to the one holding ``last_day``, skipping untaxed spans."""
        found = []
        day = first_day
        while day <= last_day:
            period = self.period_of(day)
            if period is None:
                upcoming = [d.valid_from for d in self.deliberations if d.valid_from > day]
                if not upcoming:
                    break
                day = min(upcoming)
                continue
            if not found or period.start > found[-1].end:
                found.append(period)
            day = period.end + ONE_DAY
        return found

    def is_reel(self, accommodation, period):
        """Whether ``accommodation`` declares its nights for ``period`` (its nature is taxed au réel then)."""
        deliberation = self.on(period.start)
        return deliberation is not None and deliberation.regime_for(accommodation.kind) == engine.REEL


def rules_for(site):
    return SiteRules(site)


def rules_key(site):
    from portal import versions

    return f"declarations:deliberations:{versions.current()}:{site.pk}"


def cached_rules_for(site):
    """:func:`rules_for` from the cache, for pages that only read (a deliberation saved bumps the content version).

    Whatever writes a declaration keeps :func:`rules_for`, straight from the database.
    """
    from portal import fragments

    deliberations = fragments.get_or_build(
        rules_key(site), lambda: list(Deliberation.objects.filter(site=site).order_by("valid_from", "pk")), 60 * 10
    )
    return SiteRules(site, deliberations=deliberations)


def first_day_of(accommodation):
    """The first day the accommodation owes declarations for: the day it was registered on the portal."""
    return timezone.localdate(accommodation.created_at) if accommodation.created_at else timezone.localdate()


def periods_of(accommodation, rules, today, last_day=None):
    """The periods ``accommodation`` declares, from its registration to the one holding ``last_day`` (today)."""
    periods = rules.periods(first_day_of(accommodation), last_day or today)
    return [period for period in periods if rules.is_reel(accommodation, period)]


def owes(accommodation, period, rules):
    """Whether ``accommodation`` declares ``period`` at all."""
    return period.end >= first_day_of(accommodation) and rules.is_reel(accommodation, period)


# --- The tax of a stay's nights ------------------------------------------------------------------


@dataclass
class Segment:
    """Consecutive nights of a stay under one deliberation and one category, computed at once by the engine."""

    deliberation: Deliberation
    category: str
    first_night: datetime.date
    nights: int
    result: engine.TaxResult


def _segments(accommodation, stay, night_dates, rules):
    """The nights grouped by tariff; raises TaxInputError or NoDeliberation as the tax services do."""
    groups = []
    for day in night_dates:
        deliberation = rules.on(day)
        if deliberation is None:
            raise tax_services.NoDeliberation(rules.site, day)
        category = tax_services.category_of(accommodation, day)
        if groups and groups[-1][0] == deliberation and groups[-1][1] == category:
            groups[-1][3] += 1
        else:
            groups.append([deliberation, category, day, 1])
    segments = []
    for deliberation, category, first_night, nights in groups:
        result = engine.compute(
            rules.tariffs(deliberation),
            category,
            engine.Stay(nights=nights, persons=stay.persons, exempt=stay.exempt, price_per_night=stay.price_per_night),
        )
        segments.append(Segment(deliberation, category, first_night, nights, result))
    return segments


def check_stay(accommodation, stay, rules=None):
    """Raise what the engine would refuse about ``stay`` (an unsaved :class:`Stay`) on any of its nights.

    Used by :class:`hostspace.declarations.forms.StayForm`, so that a stay the
    declaration could not compute is refused when it is entered, by every entry point.
    """
    rules = rules or rules_for(accommodation.host.site)
    night_dates = [stay.arrival + ONE_DAY * offset for offset in range(stay.nights)]
    return _segments(accommodation, stay, night_dates, rules)


@dataclass
class StayPart:
    """What one stay declares in one period: its nights there, its person-nights and its tax."""

    stay: Stay
    period: Period
    nights: int
    first_night: datetime.date
    category: str
    person_nights: int
    exempt_person_nights: int
    taxable_person_nights: int
    amount_per_person_night: Decimal | None
    tax: Decimal  # what the nights owe, whoever collected it
    amount_due: Decimal  # what the host owes: 0 when a platform collected the tax
    breakdown: list = field(default_factory=list)

    @property
    def is_platform(self):
        return self.stay.is_platform


def stay_part(accommodation, stay, period, rules):
    """The part of ``stay`` in ``period``, taxed night by night at the tariffs in force."""
    night_dates = period.night_dates(stay.arrival, stay.departure)
    segments = _segments(accommodation, stay, night_dates, rules)
    tax = sum((segment.result.total for segment in segments), ZERO)
    taxable = sum(segment.result.taxable_person_nights for segment in segments)
    units = {segment.result.amount_per_person_night for segment in segments}
    person_nights = stay.persons * len(night_dates)
    breakdown = [
        {
            "first_night": segment.first_night.isoformat(),
            "nights": segment.nights,
            "deliberation": segment.deliberation.label,
            **segment.result.as_dict(),
        }
        for segment in segments
    ]
    return StayPart(
        stay=stay,
        period=period,
        nights=len(night_dates),
        first_night=night_dates[0],
        category=segments[0].category,
        person_nights=person_nights,
        exempt_person_nights=person_nights - taxable,
        taxable_person_nights=taxable,
        amount_per_person_night=units.pop() if len(units) == 1 else None,
        tax=tax,
        amount_due=ZERO if stay.is_platform else tax,
        breakdown=breakdown,
    )


def stays_in(accommodation, period):
    """The stays of ``accommodation`` with at least one night in ``period``."""
    return accommodation.stays.filter(arrival__lte=period.end, departure__gt=period.start).order_by(
        "arrival", "departure", "pk"
    )


@dataclass
class Totals:
    """The sums of a period's parts, as a declaration stores them."""

    stays: int = 0
    nights: int = 0
    person_nights: int = 0
    exempt_person_nights: int = 0
    taxable_person_nights: int = 0
    platform_person_nights: int = 0
    amount_due: Decimal = ZERO
    platform_tax: Decimal = ZERO

    @classmethod
    def of(cls, parts):
        totals = cls()
        for part in parts:
            totals.stays += 1
            totals.nights += part.nights
            totals.person_nights += part.person_nights
            totals.exempt_person_nights += part.exempt_person_nights
            if part.is_platform:
                totals.platform_person_nights += part.taxable_person_nights
                totals.platform_tax += part.tax
            else:
                totals.taxable_person_nights += part.taxable_person_nights
                totals.amount_due += part.amount_due
        return totals


@dataclass
class PeriodPreview:
    """A period of an accommodation before it is declared: its stays' parts, totals, and what cannot be computed."""

    accommodation: Accommodation
    period: Period
    parts: list
    errors: list
    totals: Totals

    @property
    def has_direct_stays(self):
        return any(not part.is_platform for part in self.parts)

    @property
    def has_stays(self):
        return bool(self.parts) or bool(self.errors)


def preview(accommodation, period, rules=None, stays=None):
    """What declaring ``period`` would store now; a stay the engine refuses is listed in ``errors``."""
    rules = rules or rules_for(accommodation.host.site)
    parts, errors = [], []
    for stay in stays if stays is not None else stays_in(accommodation, period):
        try:
            parts.append(stay_part(accommodation, stay, period, rules))
        except (engine.TaxInputError, tax_services.NoDeliberation) as error:
            message = "; ".join(error.errors.values()) if isinstance(error, engine.TaxInputError) else str(error)
            errors.append((stay, message))
    return PeriodPreview(accommodation, period, parts, errors, Totals.of(parts))


# --- Declarations already made -------------------------------------------------------------------


def latest_declarations(accommodations):
    """``{(accommodation id, period start): latest version}`` for ``accommodations``, in one query."""
    from hostspace.payments.ledger import with_paid_amounts

    latest = {}
    declarations = with_paid_amounts(Declaration.objects.filter(accommodation__in=accommodations).order_by("version"))
    for declaration in declarations.only(
        "pk",
        "accommodation_id",
        "period_start",
        "period_end",
        "period_months",
        "due_date",
        "number",
        "version",
        "kind",
        "amount_due",
        "declared_at",
        "on_behalf",
    ):
        latest[(declaration.accommodation_id, declaration.period_start)] = declaration
    return latest


def open_corrections(accommodations):
    """``{(accommodation id, period start): open correction}`` for ``accommodations``, in one query."""
    corrections = Correction.objects.filter(accommodation__in=accommodations, declaration__isnull=True)
    return {(c.accommodation_id, c.period_start): c for c in corrections}


def frozen_ranges(accommodation):
    """The declared periods of ``accommodation`` not opened for correction: their stays are locked."""
    opened = set(
        Correction.objects.filter(accommodation=accommodation, declaration__isnull=True).values_list(
            "period_start", flat=True
        )
    )
    declared = (
        Declaration.objects.filter(accommodation=accommodation)
        .values_list("period_start", "period_end")
        .distinct()
        .order_by("period_start")
    )
    return [(start, end) for start, end in declared if start not in opened]


def frozen_range_for(arrival, departure, ranges):
    """The first locked period (start, end) that one of the nights from ``arrival`` to ``departure`` falls in."""
    for start, end in ranges:
        if arrival <= end and departure > start:
            return start, end
    return None


def is_locked(stay, ranges):
    return frozen_range_for(stay.arrival, stay.departure, ranges) is not None


@dataclass
class PeriodRow:
    """One period of one accommodation in a listing: its status, latest declaration and open correction."""

    accommodation: Accommodation
    period: Period
    status: str
    declaration: Declaration | None = None
    correction: Correction | None = None

    @property
    def status_label(self):
        return Status.label(self.status)

    @property
    def is_declarable(self):
        return self.period.end < timezone.localdate() and (self.declaration is None or self.correction is not None)


def period_rows(accommodations, rules, today, first_day=None, last_day=None):
    """Every period each of ``accommodations`` owes between ``first_day`` and ``last_day`` (today), newest first.

    Three queries at most whatever the number of accommodations and periods:
    the declarations, the open corrections (and the deliberations, in ``rules``).
    """
    accommodations = list(accommodations)
    latest = latest_declarations(accommodations)
    corrections = open_corrections(accommodations)
    last_day = last_day or today
    rows = []
    for accommodation in accommodations:
        start = max(first_day_of(accommodation), first_day) if first_day else first_day_of(accommodation)
        for period in reversed(periods_of(accommodation, rules, today, last_day)):
            if period.end < start:
                continue
            key = (accommodation.pk, period.start)
            declaration = latest.get(key)
            rows.append(
                PeriodRow(
                    accommodation=accommodation,
                    period=period,
                    status=status_of(period, declaration, today),
                    declaration=declaration,
                    correction=corrections.get(key),
                )
            )
    return rows


def dashboard_summary(accommodations, site, today=None):
    """``{"to_declare": n, "late": n}`` for the dashboard's « Mes déclarations » card, in one light query.

    A period is to declare or late only while it has no declaration at all: which one is latest, what was
    paid and the open corrections do not matter here, so only the declared periods' keys are read
    (:func:`period_rows` gives the whole picture, for « Mes déclarations »).
    """
    today = today or timezone.localdate()
    rules = cached_rules_for(site)
    declared = set(
        Declaration.objects.filter(accommodation__in=[a.pk for a in accommodations])
        .order_by()
        .values_list("accommodation_id", "period_start")
        .distinct()
    )
    counts = defaultdict(int)
    for accommodation in accommodations:
        for period in periods_of(accommodation, rules, today):
            if (accommodation.pk, period.start) not in declared:
                counts[status_of(period, None, today)] += 1
    return {"to_declare": counts[Status.TO_DECLARE], "late": counts[Status.LATE]}


def summary(rows):
    """``{status: count}`` over ``rows``."""
    counts = defaultdict(int)
    for row in rows:
        counts[row.status] += 1
    return counts


# --- Declaring -----------------------------------------------------------------------------------


def next_number(site, year):
    """The next declaration number of ``site`` for ``year``: « 2026-00042 ». Serialised by a row lock."""
    sequence, _created = DeclarationSequence.objects.select_for_update().get_or_create(site=site, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{year}-{sequence.last:05d}"


def _resolve_kind(kind, preview_):
    """The kind a request asks for, checked against the register."""
    stays = preview_.parts
    if preview_.errors:
        stay, message = preview_.errors[0]
        raise DeclarationError(
            gettext("Le séjour du %(arrival)s au %(departure)s ne peut pas être calculé : %(message)s")
            % {
                "arrival": date_format(stay.arrival, "d/m/Y"),
                "departure": date_format(stay.departure, "d/m/Y"),
                "message": message,
            }
        )
    if kind in (None, Declaration.Kind.STAYS):
        if not stays:
            raise DeclarationError(
                gettext(
                    "Aucun séjour n'est enregistré sur cette période : ajoutez vos séjours, ou déclarez "
                    "« Aucune nuitée » ou « Fermé »."
                )
            )
        return Declaration.Kind.STAYS if preview_.has_direct_stays else Declaration.Kind.PLATFORMS_ONLY
    if kind in (Declaration.Kind.NO_NIGHTS, Declaration.Kind.CLOSED) and stays:
        raise DeclarationError(
            gettext(
                "Le registre contient %(count)s séjour(s) sur cette période : validez la déclaration avec vos "
                "séjours, ou supprimez-les d'abord."
            )
            % {"count": len(stays)}
        )
    if kind == Declaration.Kind.PLATFORMS_ONLY and preview_.has_direct_stays:
        raise DeclarationError(
            gettext(
                "Le registre contient des séjours vendus en direct sur cette période : validez la déclaration "
                "avec vos séjours."
            )
        )
    return kind


def _check_declarable(accommodation, period, rules, today):
    if period is None:
        raise DeclarationError(gettext("Cette période de déclaration n'existe pas."))
    if not period.has_ended(today):
        raise DeclarationError(
            gettext("La période %(period)s n'est pas terminée : vous pourrez la déclarer à partir du %(day)s.")
            % {"period": period.label, "day": date_format(period.end + ONE_DAY, "j F Y")}
        )
    if not owes(accommodation, period, rules):
        raise DeclarationError(gettext("Cet hébergement ne déclare pas de nuitées pour cette période."))


def _line(declaration, part):
    stay = part.stay
    return DeclarationLine(
        declaration=declaration,
        stay=stay,
        arrival=stay.arrival,
        departure=stay.departure,
        first_night=part.first_night,
        nights=part.nights,
        persons=stay.persons,
        exempt={code: count for code, count in stay.exempt.items() if count},
        price_per_night=stay.price_per_night,
        channel=stay.channel,
        platform_name=stay.platform_name,
        reference=stay.reference,
        category=part.category,
        person_nights=part.person_nights,
        taxable_person_nights=part.taxable_person_nights,
        amount_per_person_night=part.amount_per_person_night,
        amount=part.amount_due,
        breakdown=part.breakdown,
    )


@transaction.atomic
def declare(accommodation, period_start, *, user, kind=None, on_behalf=False, today=None, rules=None, at=None):
    """Declare ``accommodation``'s period starting on ``period_start``; return the stored :class:`Declaration`.

    ``kind`` None (or « stays ») declares the register's stays (« plateformes
    uniquement » when a platform collected every one of them); « Aucune nuitée »,
    « Fermé » and « plateformes uniquement » are one click each, refused when the
    register contradicts them. A period already declared is declared again only
    through an open :class:`Correction`: the new version keeps the number and
    points at the previous one. The état récapitulatif (PDF) is written to
    private storage and recorded with the declaration in one transaction.
    Raises :class:`DeclarationError` with a message for the person declaring.
    ``at`` dates the declaration (the demo's history); it is now otherwise.
    """
    from hostspace.declarations import statements

    today = today or timezone.localdate()
    # One declaration at a time per accommodation (a row lock): two clicks must not make two versions.
    accommodation = (
        Accommodation.objects.select_for_update(of=("self",))
        .select_related("host__site")
        .prefetch_related("classifications")
        .get(pk=accommodation.pk)
    )
    site = accommodation.host.site
    rules = rules or rules_for(site)
    period = rules.period_starting(period_start)
    _check_declarable(accommodation, period, rules, today)

    previous = (
        Declaration.objects.filter(accommodation=accommodation, period_start=period.start).order_by("-version").first()
    )
    correction = Correction.objects.filter(
        accommodation=accommodation, period_start=period.start, declaration__isnull=True
    ).first()
    if previous is not None and correction is None:
        raise DeclarationError(
            gettext("La période %(period)s est déjà déclarée (n° %(number)s) : ouvrez une correction pour la modifier.")
            % {"period": period.label, "number": previous.number_display}
        )

    found = preview(accommodation, period, rules)
    kind = _resolve_kind(kind, found)
    totals = found.totals
    now = at or timezone.now()
    declaration = Declaration(
        accommodation=accommodation,
        period_start=period.start,
        period_end=period.end,
        period_months=period.months,
        due_date=period.due,
        number=previous.number if previous else next_number(site, timezone.localdate(now).year),
        version=previous.version + 1 if previous else 1,
        previous=previous,
        kind=kind,
        reason=correction.reason if correction else "",
        declared_by=user,
        declared_at=now,
        on_behalf=on_behalf,
        stays=totals.stays,
        nights=totals.nights,
        person_nights=totals.person_nights,
        exempt_person_nights=totals.exempt_person_nights,
        taxable_person_nights=totals.taxable_person_nights,
        platform_person_nights=totals.platform_person_nights,
        amount_due=totals.amount_due,
    )
    lines = [_line(declaration, part) for part in found.parts]
    previous_lines = list(previous.lines.all()) if previous else []
    changes = difference(declaration, lines, previous, previous_lines) if previous else None
    pdf = statements.render_pdf(declaration, lines, changes=changes)
    declaration.statement.save(f"etat-{declaration.number}-v{declaration.version}.pdf", ContentFile(pdf), save=False)
    try:
        declaration.save()
        for line in lines:
            line.declaration = declaration
        DeclarationLine.objects.bulk_create(lines)
        if correction is not None:
            correction.declaration = declaration
            correction.save(update_fields=["declaration"])
    except Exception:
        # The row was not stored: its PDF must not stay behind in private storage.
        declaration.statement.storage.delete(declaration.statement.name)
        raise
    return declaration


@dataclass
class Choice:
    """What a host chose for one accommodation on the screen that declares all of them at once."""

    accommodation: Accommodation
    kind: str | None


def declare_many(choices, period_start, *, user, on_behalf=False, today=None):
    """Declare several accommodations' period at once, all or nothing.

    Returns the declarations; raises :class:`DeclarationError` whose ``errors``
    attribute maps each refused accommodation's id to its message (nothing is stored then).
    """
    errors = {}
    declarations = []
    with transaction.atomic():
        for choice in choices:
            try:
                with transaction.atomic():
                    declarations.append(
                        declare(
                            choice.accommodation,
                            period_start,
                            user=user,
                            kind=choice.kind,
                            on_behalf=on_behalf,
                            today=today,
                        )
                    )
            except DeclarationError as error:
                errors[choice.accommodation.pk] = str(error)
        if errors:
            for declaration in declarations:
                declaration.statement.storage.delete(declaration.statement.name)
            transaction.set_rollback(True)
            error = DeclarationError(
                gettext("Aucune déclaration n'a été enregistrée : corrigez les erreurs signalées.")
            )
            error.errors = errors
            raise error
    return declarations


@transaction.atomic
def open_correction(accommodation, period_start, *, user, reason):
    """Open a declared period again so that its stays can be corrected; the rectifying version closes it."""
    reason = (reason or "").strip()
    if not reason:
        raise DeclarationError(gettext("Indiquez le motif de la correction : il figurera sur le nouvel état."))
    if not Declaration.objects.filter(accommodation=accommodation, period_start=period_start).exists():
        raise DeclarationError(gettext("Cette période n'est pas encore déclarée : déclarez-la directement."))
    correction, created = Correction.objects.get_or_create(
        accommodation=accommodation,
        period_start=period_start,
        declaration__isnull=True,
        defaults={"reason": reason, "opened_by": user},
    )
    return correction


@transaction.atomic
def cancel_correction(correction):
    """Give up an open correction: the period is declared as before, its stays locked again.

    Stays changed meanwhile stay changed in the register (it is the host's
    working register); the declaration is unchanged.
    """
    if correction.declaration_id is None:
        Correction.objects.filter(pk=correction.pk, declaration__isnull=True).delete()


# --- Differences between versions -------------------------------------------------------------------


@dataclass
class Difference:
    """What a rectifying version changes: totals before and after, lines added, removed and changed."""

    previous: Declaration
    totals: list  # (name, label, before, after, delta)
    added: list
    removed: list
    changed: list  # (before line, after line)

    @property
    def amount_delta(self):
        for name, _label, _before, _after, delta in self.totals:
            if name == "amount":
                return delta
        return ZERO


def _line_key(line):
    return line.stay_id or (line.arrival, line.departure, line.reference)


def _line_signature(line):
    return (
        line.arrival,
        line.departure,
        line.nights,
        line.persons,
        tuple(sorted((line.exempt or {}).items())),
        line.price_per_night,
        line.channel,
        line.amount,
    )


TOTAL_FIELDS = (
    ("nights", _("Nuits")),
    ("person_nights", _("Nuitées")),
    ("taxable_person_nights", _("Nuitées taxables")),
    ("platform_person_nights", _("Nuitées perçues par une plateforme")),
    ("amount", _("Montant dû (€)")),
)


def difference(declaration, lines, previous, previous_lines):
    """How ``declaration`` (with ``lines``) differs from ``previous`` (with ``previous_lines``)."""
    totals = []
    for name, label in TOTAL_FIELDS:
        attribute = "amount_due" if name == "amount" else name
        before, after = getattr(previous, attribute), getattr(declaration, attribute)
        totals.append((name, label, before, after, after - before))
    before_by_key = {_line_key(line): line for line in previous_lines}
    after_by_key = {_line_key(line): line for line in lines}
    added = [line for key, line in after_by_key.items() if key not in before_by_key]
    removed = [line for key, line in before_by_key.items() if key not in after_by_key]
    changed = [
        (before_by_key[key], line)
        for key, line in after_by_key.items()
        if key in before_by_key and _line_signature(before_by_key[key]) != _line_signature(line)
    ]
    return Difference(previous=previous, totals=totals, added=added, removed=removed, changed=changed)


def difference_of(declaration):
    """The :class:`Difference` of a stored rectifying version with the version it corrects, or None."""
    if declaration.previous_id is None:
        return None
    previous = declaration.previous
    return difference(declaration, list(declaration.lines.all()), previous, list(previous.lines.all()))


# --- Queries shared by the host's and the agents' pages --------------------------------------------------


def declarations_of(accommodation, period_start):
    """Every version of a period's declaration, newest first."""
    return (
        Declaration.objects.filter(accommodation=accommodation, period_start=period_start)
        .select_related("declared_by")
        .order_by("-version")
    )


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def years_with_periods(accommodations, rules, today):
    """The years for which at least one of ``accommodations`` owes a period, newest first."""
    if not accommodations:
        return []
    first = min(first_day_of(accommodation) for accommodation in accommodations)
    periods = rules.periods(first, today)
    return sorted({period.start.year for period in periods}, reverse=True)


def stays_filter_for_periods(periods):
    """A Q matching stays with a night in any of ``periods``."""
    query = Q(pk__in=[])
    for period in periods:
        query |= Q(arrival__lte=period.end, departure__gt=period.start)
    return query
