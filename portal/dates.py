"""Long dates as French writes them: « 1er janvier 2026 », the ordinal only for the first of the month."""

from django.utils.formats import date_format
from django.utils.translation import get_language


def long_date(value):
    """``value`` as « j F Y », with « 1er » for the first day of the month in French."""
    if not value:
        return ""
    text = date_format(value, "j F Y")
    if value.day == 1 and (get_language() or "fr").startswith("fr"):
        text = "1er" + text[1:]
    return text
