"""Opening periods of an accommodation: read from French text, checked, written for people.

A period is a day and a month of start and of end, without a year: it comes
back every year, and may span the new year (15 December to 15 April). The
29th of February is a valid day (leap years). Nothing here touches the
database: the model, the forms, the CSV import and the data migration share
these functions so that one rule applies whoever writes the periods.

- :func:`parse` reads what people type (« toute l'année », « du 15 juin au
  15 septembre », « de mai à octobre », « 15/12-15/04; 01/06-30/09 ») into
  ``(all_year, [Period, …])`` or raises ``ValueError`` with a French message;
- :func:`check_date` and :func:`check_periods` refuse impossible dates and
  overlapping periods;
- :func:`summary` and :func:`format_periods` write them in the active
  language, :func:`format_compact` as a text :func:`parse` reads back.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils.dates import MONTHS
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

MAX_TEXT_LENGTH = 500
MAX_PERIODS = 12
# Day numbers within a leap year (1 to 366): 29 February has its place.
_LEAP_YEAR = 2000

DAY_CHOICES = [(day, str(day)) for day in range(1, 32)]
MONTH_CHOICES = [(month, capfirst(name)) for month, name in MONTHS.items()]

COMPACT_ALL_YEAR = "toute l'année"


@dataclass(frozen=True)
class Period:
    start_day: int
    start_month: int
    end_day: int
    end_month: int


def _as_tuple(period):
    return (period.start_day, period.start_month, period.end_day, period.end_month)


def _day_of_year(day, month):
    return datetime.date(_LEAP_YEAR, month, day).timetuple().tm_yday


def days_of(period):
    """The days (1 to 366, in a leap year) a period covers; a period spanning the new year wraps round."""
    start = _day_of_year(period.start_day, period.start_month)
    end = _day_of_year(period.end_day, period.end_month)
    if start <= end:
        return set(range(start, end + 1))
    return set(range(start, 367)) | set(range(1, end + 1))


def open_months(all_year, periods):
    """The months (1 to 12) in which the accommodation is open at least one day."""
    if all_year:
        return list(range(1, 13))
    months = set()
    for period in periods:
        for day in days_of(period):
            months.add((datetime.date(_LEAP_YEAR, 1, 1) + datetime.timedelta(days=day - 1)).month)
    return sorted(months)


# Writing ---------------------------------------------------------------------------------


def month_name(month):
    """The month's name in the active language (Django's own catalogue: « décembre », « December »)."""
    return str(MONTHS[month])


def format_day_month(day, month):
    """« 1er juin », « 15 décembre » (« 1 June », « 15 December » in English)."""
    day_text = pgettext("premier jour du mois", "1er") if day == 1 else str(day)
    return f"{day_text} {month_name(month)}"


def format_period(period):
    """« du 15 décembre au 15 avril » (« 15 December to 15 April »)."""
    return _("du %(start)s au %(end)s") % {
        "start": format_day_month(period.start_day, period.start_month),
        "end": format_day_month(period.end_day, period.end_month),
    }


def format_periods(periods):
    """« du 15 décembre au 15 avril et du 1er juin au 30 septembre »."""
    return str(get_text_list([format_period(period) for period in periods], _("et")))


def summary(all_year, periods):
    """What the host and the agent read: the periods, « Toute l'année » or that nothing is known."""
    if all_year:
        return _("Toute l'année")
    if not periods:
        return _("Périodes d'ouverture non renseignées")
    return capfirst(format_periods(periods))


def format_compact(all_year, periods):
    """« 15/12-15/04; 01/06-30/09 » or « toute l'année »: the export, which :func:`parse` reads back."""
    if all_year:
        return COMPACT_ALL_YEAR
    return "; ".join(
        f"{period.start_day:02d}/{period.start_month:02d}-{period.end_day:02d}/{period.end_month:02d}"
        for period in periods
    )


# Checking --------------------------------------------------------------------------------


def check_date(day, month):
    """Refuse a day that no year has (31 April, 30 February); 29 February is allowed."""
    if not 1 <= month <= 12:
        raise ValueError(_("%(month)s n'est pas un mois : écrivez un nombre de 1 à 12.") % {"month": month})
    try:
        datetime.date(_LEAP_YEAR, month, day)
    except ValueError:
        raise ValueError(_("Le %(day)s %(month)s n'existe pas.") % {"day": day, "month": month_name(month)}) from None


def check_periods(all_year, periods):
    """Refuse periods with an impossible date, overlapping periods, and periods said « toute l'année »."""
    if all_year and periods:
        raise ValueError(
            _(
                "Un hébergement ouvert toute l'année n'a pas de périodes : "
                "décochez « Ouvert toute l'année » ou supprimez les périodes."
            )
        )
    if len(periods) > MAX_PERIODS:
        raise ValueError(_("Indiquez au plus %(max)s périodes d'ouverture.") % {"max": MAX_PERIODS})
    for period in periods:
        check_date(period.start_day, period.start_month)
        check_date(period.end_day, period.end_month)
    covered = []
    for period in periods:
        days = days_of(period)
        for other, other_days in covered:
            if days & other_days:
                raise ValueError(
                    _("Les périodes « %(first)s » et « %(second)s » se chevauchent : corrigez l'une des deux.")
                    % {"first": format_period(other), "second": format_period(period)}
                )
        covered.append((period, days))


# Reading ---------------------------------------------------------------------------------

_MONTH_WORDS = {
    1: ["janvier", "janv"],
    2: ["fevrier", "fevr", "fev"],
    3: ["mars"],
    4: ["avril", "avr"],
    5: ["mai"],
    6: ["juin"],
    7: ["juillet", "juil"],
    8: ["aout"],
    9: ["septembre", "sept"],
    10: ["octobre", "oct"],
    11: ["novembre", "nov"],
    12: ["decembre", "dec"],
}
_MONTHS_BY_WORD = {word: month for month, words in _MONTH_WORDS.items() for word in words}
_MONTH = "(" + "|".join(sorted(_MONTHS_BY_WORD, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2}|premier)(?:er|re|e|eme)?"
_TO = r"(?:\s*-\s*|\s+(?:au|a|jusqu'au|jusqu'a)\s+)"
_OPEN = r"(?:ouvert\s+|ouverture\s+)?"

_ALL_YEAR = re.compile(
    _OPEN + r"(?:toute l'\s*annee|toute l annee|toute annee|a l'\s*annee|a l annee|annee entiere|"
    r"annee complete|toute l'\s*annee entiere|permanent|permanente|12 mois sur 12)"
)
_COMPACT = re.compile(r"(\d{1,2})\s*[/.]\s*(\d{1,2})" + _TO + r"(\d{1,2})\s*[/.]\s*(\d{1,2})")
_DAY_RANGE = re.compile(
    _OPEN + r"(?:du\s+|de\s+|d')?" + _DAY + r"(?:\s+" + _MONTH + ")?" + _TO + _DAY + r"\s+" + _MONTH
)
_MONTH_RANGE = re.compile(
    _OPEN
    + r"(?:de\s+|d'|du mois de\s+|du mois d')?"
    + _MONTH
    + r"(?:\s*-\s*|\s+(?:a|au|jusqu'a|jusqu'en|au mois de|au mois d')\s*)"
    + _MONTH
)
_SINGLE_MONTH = re.compile(_OPEN + r"(?:en\s+|le mois de\s+|le mois d'|mois de\s+|mois d')?" + _MONTH)
_SEPARATORS = re.compile(r"\s*(?:;|,|\s\+\s|\s&\s|\bet\b|\bpuis\b)\s*", re.IGNORECASE)


def _normalise(text):
    """Lower case, without accents, one kind of apostrophe and dash, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = re.sub(r"[’ʼ`´‘]", "'", text)
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(".").strip()


def _day(value):
    return 1 if value == "premier" else int(value)


def _last_day(month):
    """The last day of a month in a leap year: « de janvier à février » includes 29 February."""
    following = datetime.date(_LEAP_YEAR + (month == 12), month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def _parse_segment(segment):
    if match := _COMPACT.fullmatch(segment):
        start_day, start_month, end_day, end_month = (int(value) for value in match.groups())
        return Period(start_day, start_month, end_day, end_month)
    if match := _DAY_RANGE.fullmatch(segment):
        start_day, start_month, end_day, end_month = match.groups()
        end = _MONTHS_BY_WORD[end_month]
        start = _MONTHS_BY_WORD[start_month] if start_month else end
        return Period(_day(start_day), start, _day(end_day), end)
    if match := _MONTH_RANGE.fullmatch(segment):
        start, end = (_MONTHS_BY_WORD[word] for word in match.groups())
        return Period(1, start, _last_day(end), end)
    if match := _SINGLE_MONTH.fullmatch(segment):
        month = _MONTHS_BY_WORD[match.group(1)]
        return Period(1, month, _last_day(month), month)
    return None


def _unknown(segment):
    shown = segment if len(segment) <= 60 else segment[:60] + "…"
    return ValueError(
        _(
            "« %(text)s » n'est pas une période reconnue. Écrivez par exemple « du 15 juin au 15 septembre », "
            "« de mai à octobre », « toute l'année » ou « 15/06-15/09 »."
        )
        % {"text": shown}
    )


def parse(text):
    """``(all_year, [Period, …])`` read from French text; ``ValueError`` (French message) when unreadable.

    An empty text means the periods are not known: ``(False, [])``.
    """
    if text is None:
        return False, []
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(_("Le texte des périodes d'ouverture dépasse %(max)s caractères.") % {"max": MAX_TEXT_LENGTH})
    normalised = _normalise(str(text))
    if not normalised:
        return False, []
    if _ALL_YEAR.fullmatch(normalised):
        return True, []
    # Split what the person typed (to quote it back as typed), then read each part normalised.
    typed = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()
    segments = [segment for segment in _SEPARATORS.split(typed) if segment and _normalise(segment)]
    if not segments:
        raise _unknown(typed)
    if len(segments) > MAX_PERIODS:
        raise ValueError(_("Indiquez au plus %(max)s périodes d'ouverture.") % {"max": MAX_PERIODS})
    periods = []
    for segment in segments:
        normalised_segment = _normalise(segment)
        if _ALL_YEAR.fullmatch(normalised_segment):
            raise ValueError(_("« Toute l'année » ne se combine pas avec des périodes."))
        period = _parse_segment(normalised_segment)
        if period is None:
            raise _unknown(segment)
        periods.append(period)
    check_periods(False, periods)
    return False, sorted(periods, key=lambda period: (period.start_month, period.start_day))


def as_periods(objects):
    """Plain :class:`Period` values of model instances (or anything with the four attributes)."""
    return [Period(*_as_tuple(item)) for item in objects]
