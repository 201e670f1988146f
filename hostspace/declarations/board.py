"""The agents' period board: per period, how many accommodations are in each status, what was declared and paid.

Everything is computed from four queries whatever the size of the collectivity:
its deliberations, its accommodations (with their hosts), the declarations of
the periods shown and, for the détail, nothing more. The export lays the same
rows out for the régie's accountant: one row per accommodation and period,
amounts as numbers, a total line.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hostspace.declarations import services
from hostspace.declarations.models import ZERO, Declaration
from hostspace.declarations.services import Status
from hostspace.payments.ledger import with_paid_amounts
from hostspace.records.models import Accommodation


@dataclass
class Entry:
    """One accommodation in one period, as the board and the export see it."""

    accommodation: Accommodation
    period: object
    status: str
    declaration: Declaration | None

    @property
    def status_label(self):
        return Status.label(self.status)

    @property
    def amount_due(self):
        return self.declaration.amount_due if self.declaration else ZERO

    @property
    def paid_amount(self):
        return self.declaration.paid_amount if self.declaration else ZERO

    @property
    def remaining(self):
        return self.declaration.remaining if self.declaration else ZERO


@dataclass
class PeriodSummary:
    """A period's line of the board."""

    period: object
    counts: dict = field(default_factory=dict)
    declared_amount: Decimal = ZERO
    paid_amount: Decimal = ZERO
    entries: list = field(default_factory=list)

    @property
    def remaining_amount(self):
        return max(self.declared_amount - self.paid_amount, ZERO)

    @property
    def late(self):
        return [entry for entry in self.entries if entry.status == Status.LATE]

    @property
    def total(self):
        return len(self.entries)

    def count(self, status):
        return self.counts.get(status, 0)

    @property
    def status_counts(self):
        """``[(label, count)]`` in the board's order."""
        return [(Status.label(status), self.count(status), status) for status in Status.BOARD]


def accommodations_of(site, search=""):
    """The accommodations of ``site`` (with their host), narrowed by a text typed by the agent."""
    accommodations = (
        Accommodation.objects.filter(host__site=site)
        .select_related("host")
        .order_by("host__last_name", "host__first_name", "name", "pk")
    )
    search = (search or "").strip()
    if search:
        accommodations = accommodations.filter(
            Q(name__icontains=search)
            | Q(host__last_name__icontains=search)
            | Q(host__company_name__icontains=search)
            | Q(host__reference__icontains=search)
            | Q(registration_number__icontains=search)
        )
    return accommodations


def years(site, today):
    """The years that hold periods of ``site``, newest first."""
    rules = services.rules_for(site)
    if not rules.deliberations:
        return [today.year]
    periods = rules.periods(rules.deliberations[0].valid_from, today)
    return sorted({period.start.year for period in periods}, reverse=True) or [today.year]


def build(site, today, *, year=None, period_start=None, status="", search=""):
    """The board of ``site``: a :class:`PeriodSummary` per period that has started, newest first.

    ``year`` or ``period_start`` chooses the periods; ``status`` keeps only the
    entries of that status (the counts stay whole); ``search`` narrows the
    accommodations.
    """
    rules = services.rules_for(site)
    if period_start is not None:
        period = rules.period_starting(period_start)
        periods = [period] if period is not None and period.start <= today else []
    else:
        year = year or today.year
        first, last = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
        periods = rules.periods(first, last) if first <= last else []
        periods = [period for period in periods if period.start.year == year]
    accommodations = list(accommodations_of(site, search))
    if not periods or not accommodations:
        return [PeriodSummary(period=period) for period in reversed(periods)]
    declarations = {}
    found = with_paid_amounts(
        Declaration.objects.filter(
            accommodation__in=accommodations,
            period_start__gte=periods[0].start,
            period_start__lte=periods[-1].start,
        ).order_by("version")
    )
    for declaration in found:
        declarations[(declaration.accommodation_id, declaration.period_start)] = declaration
    summaries = []
    for period in reversed(periods):
        summary = PeriodSummary(period=period)
        for accommodation in accommodations:
            if not services.owes(accommodation, period, rules):
                continue
            declaration = declarations.get((accommodation.pk, period.start))
            code = services.status_of(period, declaration, today)
            summary.counts[code] = summary.counts.get(code, 0) + 1
            if declaration is not None:
                summary.declared_amount += declaration.amount_due
                summary.paid_amount += declaration.paid_amount
            if not status or status == code:
                summary.entries.append(Entry(accommodation, period, code, declaration))
        summaries.append(summary)
    return summaries


# Export for the régie's accountant ------------------------------------------------------------------------------

EXPORT_HEADER = [
    gettext_lazy("Période"),
    gettext_lazy("Début"),
    gettext_lazy("Fin"),
    gettext_lazy("Date limite"),
    gettext_lazy("Dossier"),
    gettext_lazy("Hébergeur"),
    gettext_lazy("SIRET"),
    gettext_lazy("Hébergement"),
    gettext_lazy("N° d'enregistrement"),
    gettext_lazy("Nature"),
    gettext_lazy("Statut"),
    gettext_lazy("N° de déclaration"),
    gettext_lazy("Version"),
    gettext_lazy("Déclarée le"),
    gettext_lazy("Saisie par un agent"),
    gettext_lazy("Nuitées"),
    gettext_lazy("Nuitées taxables"),
    gettext_lazy("Nuitées perçues par une plateforme"),
    gettext_lazy("Montant dû (€)"),
    gettext_lazy("Montant payé (€)"),
    gettext_lazy("Reste à payer (€)"),
]
# The columns holding euros (formatted as such in the XLSX, with a decimal comma in the CSV).
MONEY_COLUMNS = (18, 19, 20)


def export_rows(summaries):
    """One row per accommodation and period, then a total line; amounts are Decimal."""
    rows = []
    totals = [ZERO, ZERO, ZERO]
    for summary in summaries:
        period = summary.period
        for entry in summary.entries:
            declaration = entry.declaration
            host = entry.accommodation.host
            amounts = [entry.amount_due, entry.paid_amount, max(entry.amount_due - entry.paid_amount, ZERO)]
            totals = [total + amount for total, amount in zip(totals, amounts, strict=True)]
            rows.append(
                [
                    str(period.label),
                    period.start,
                    period.end,
                    period.due,
                    host.reference,
                    str(host),
                    host.siret,
                    entry.accommodation.name,
                    entry.accommodation.registration_number,
                    str(entry.accommodation.get_kind_display()),
                    str(entry.status_label),
                    declaration.number if declaration else "",
                    declaration.version if declaration else "",
                    date_format(declaration.declared_at, "d/m/Y") if declaration else "",
                    (_("oui") if declaration.on_behalf else _("non")) if declaration else "",
                    declaration.person_nights if declaration else "",
                    declaration.taxable_person_nights if declaration else "",
                    declaration.platform_person_nights if declaration else "",
                    *amounts,
                ]
            )
    rows.append([_("Total"), *[""] * 17, *totals])
    return rows
