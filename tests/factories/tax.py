"""Factories for the tourist tax: a collectivity's deliberation, a line of the national grid.

``DeliberationFactory(site=collectivity.site)`` is a réel deliberation for the
calendar year 2026 with the Pays des Écrins tariffs of SPEC.md and the
departmental additional tax; pass ``valid_from``/``valid_until`` (or
``year=2027``) for another period.
"""

import datetime
from decimal import Decimal

import factory

from hostspace.tax import engine
from hostspace.tax.models import Deliberation, NationalGrid

D = Decimal


class DeliberationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliberation
        exclude = ["year"]

    year = 2026
    site = None  # always given: a deliberation belongs to one collectivity
    label = factory.LazyAttribute(lambda o: f"Délibération n° {o.year - 1}-14 du 12 septembre {o.year - 1}")
    adopted_on = factory.LazyAttribute(lambda o: datetime.date(o.year - 1, 9, 12))
    valid_from = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    valid_until = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))
    tariff_palace = D("4.00")
    tariff_5_stars = D("2.80")
    tariff_4_stars = D("2.00")
    tariff_3_stars = D("1.50")
    tariff_2_stars = D("0.90")
    tariff_1_star = D("0.80")
    tariff_camping_3_5_stars = D("0.60")
    tariff_camping_1_2_stars = D("0.20")
    unclassified_rate = D("5")
    surcharge_departmental = True
    low_rent_threshold = D("1.00")
    declaration_frequency = Deliberation.Frequency.MONTHLY
    due_days = 15


class NationalGridFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalGrid
        django_get_or_create = ("year", "category")

    year = 2027
    category = "palace"
    minimum = D("0.70")
    maximum = D("5.00")


def load_national_grid():
    """The known years of the grid (2024, 2026) as the migration loads them; again after a flush (browser tests)."""
    for year, rows in engine.NATIONAL_GRID.items():
        for category, (minimum, maximum) in rows.items():
            NationalGrid.objects.get_or_create(
                year=year, category=category, defaults={"minimum": minimum, "maximum": maximum}
            )
    return NationalGrid.objects.all()
