"""Long dates as a French reader expects them."""

import datetime

from django.utils import translation

from portal.dates import long_date


def test_the_first_of_the_month_is_written_1er_in_french():
    with translation.override("fr"):
        assert long_date(datetime.date(2026, 1, 1)) == "1er janvier 2026"
        assert long_date(datetime.date(2026, 1, 15)) == "15 janvier 2026"


def test_english_keeps_the_plain_day():
    with translation.override("en"):
        assert long_date(datetime.date(2026, 1, 1)) == "1 January 2026"
