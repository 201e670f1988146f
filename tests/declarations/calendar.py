"""Dates the declaration tests share: the month most of them declare."""

import datetime

JULY = datetime.date(2026, 7, 1)
