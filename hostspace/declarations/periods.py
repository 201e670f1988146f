"""Declaration periods, computed rather than stored: a pure module on dates.

A collectivity's deliberation sets the rhythm of declarations (monthly,
quarterly or half-yearly) and how many days after a period's end the host
declares and pays. Periods are aligned on the calendar (January, the first
quarter, the first half-year), so a period is named by its first day and
needs no row in the database: an empty period costs nothing, and a change of
rhythm in a new deliberation simply yields other periods from then on.

A stay's nights are the nights *starting* on each day from its arrival to the
day before its departure; a stay that crosses a period's end is split there,
each period counting the nights that start within it.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

ONE_DAY = datetime.timedelta(days=1)


def add_months(day, months):
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def block_start(day, months):
    """The first day of the calendar block of ``months`` months (1, 3 or 6) that holds ``day``."""
    return datetime.date(day.year, (day.month - 1) // months * months + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    """A declaration period: its first and last day, its due date and its length in months."""

    start: datetime.date
    end: datetime.date
    due: datetime.date
    months: int

    @classmethod
    def of(cls, start, months, due_days):
        """The period of ``months`` months starting on ``start``, due ``due_days`` days after its end."""
        end = add_months(start, months) - ONE_DAY
        return cls(start=start, end=end, due=end + datetime.timedelta(days=due_days), months=months)

    @property
    def key(self):
        """How URLs and forms name the period: its first day, « 2026-10-01 »."""
        return self.start.isoformat()

    @property
    def label(self):
        """« octobre 2026 », « 3e trimestre 2026 », « 1er semestre 2026 » in the active language."""
        if self.months == 1:
            return date_format(self.start, "F Y")
        number = (self.start.month - 1) // self.months + 1
        if self.months == 3:
            ordinal = pgettext("quarter", "1er") if number == 1 else pgettext("quarter", "%(n)se") % {"n": number}
            return gettext("%(ordinal)s trimestre %(year)s") % {"ordinal": ordinal, "year": self.start.year}
        ordinal = pgettext("half-year", "1er") if number == 1 else pgettext("half-year", "2e")
        return gettext("%(ordinal)s semestre %(year)s") % {"ordinal": ordinal, "year": self.start.year}

    @property
    def dates_display(self):
        """« du 1 octobre 2026 au 31 octobre 2026 »."""
        return gettext("du %(start)s au %(end)s") % {
            "start": date_format(self.start, "j F Y"),
            "end": date_format(self.end, "j F Y"),
        }

    def has_ended(self, today):
        return self.end < today

    def contains(self, day):
        return self.start <= day <= self.end

    def nights_of(self, arrival, departure):
        """How many nights of a stay from ``arrival`` to ``departure`` start within the period."""
        first = max(arrival, self.start)
        after_last = min(departure, self.end + ONE_DAY)
        return max(0, (after_last - first).days)

    def night_dates(self, arrival, departure):
        """The dates of those nights (each night is named by the day it starts)."""
        first = max(arrival, self.start)
        return [first + ONE_DAY * offset for offset in range(self.nights_of(arrival, departure))]


def parse_key(text):
    """The date a period key names, or None when it is not a date."""
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def nights_between(arrival, departure):
    """The number of nights of a stay (0 when the dates are not in order)."""
    return max(0, (departure - arrival).days)
