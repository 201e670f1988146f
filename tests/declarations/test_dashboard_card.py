"""The dashboard's « Mes déclarations » card counts what the host still owes: the ended periods without any
declaration, to declare until their due date and late after it, in one query."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from hostspace.declarations import services
from hostspace.declarations.models import Declaration
from hostspace.records.models import Accommodation
from tests.factories import DeclaringAccommodationFactory, DeliberationFactory, HostFactory

pytestmark = pytest.mark.django_db

# Monthly periods due 15 days after their end: on 10 April, January and February are late, March is to declare
# (due 15 April) and April is under way.
TODAY = datetime.date(2026, 4, 10)
JANUARY, FEBRUARY, MARCH = (datetime.date(2026, month, 1) for month in (1, 2, 3))


def declare(accommodation, start, version=1):
    period = services.rules_for(accommodation.host.site).period_of(start)
    return Declaration.objects.create(
        accommodation=accommodation, period_start=period.start, period_end=period.end, period_months=1,
        due_date=period.due, number=f"2026-{Declaration.objects.count() + 1:05d}", version=version, kind="stays",
        declared_at=timezone.now(), amount_due=Decimal("9.90"), statement="declarations/test.pdf",
        stays=1, nights=3, person_nights=6,
    )  # fmt: skip


@pytest.fixture
def accommodations(collectivity):
    DeliberationFactory(site=collectivity.site, year=2026)
    host = HostFactory(site=collectivity.site)
    chalet, gite = (
        DeclaringAccommodationFactory(host=host, name=name, kind=Accommodation.Kind.HOTEL, since=JANUARY)
        for name in ("Chalet", "Gîte")
    )
    declare(chalet, JANUARY)
    declare(chalet, JANUARY, version=2)  # a correction: still one declared period
    declare(chalet, FEBRUARY)
    declare(gite, FEBRUARY)
    return [chalet, gite]


def test_the_card_counts_ended_periods_without_declaration_as_to_declare_or_late(collectivity, accommodations):
    card = services.dashboard_summary(accommodations, collectivity.site, today=TODAY)

    assert card == {"to_declare": 2, "late": 1}  # both Marches; the gîte's January


def test_the_card_agrees_with_the_statuses_of_mes_declarations_on_every_day(collectivity, accommodations):
    rules = services.rules_for(collectivity.site)
    for today in (datetime.date(2026, 1, 31), datetime.date(2026, 2, 1), datetime.date(2026, 2, 16), TODAY):
        statuses = services.summary(services.period_rows(accommodations, rules, today))
        expected = {"to_declare": statuses[services.Status.TO_DECLARE], "late": statuses[services.Status.LATE]}

        assert services.dashboard_summary(accommodations, collectivity.site, today=today) == expected, today


def test_the_card_reads_the_declared_periods_in_one_query(collectivity, accommodations, django_assert_num_queries):
    services.dashboard_summary(accommodations, collectivity.site, today=TODAY)  # the deliberations, now cached

    with django_assert_num_queries(1):
        services.dashboard_summary(accommodations, collectivity.site, today=TODAY)
