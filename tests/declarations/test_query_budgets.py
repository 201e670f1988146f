"""No page of « Mes déclarations » (nor the agents' board) runs more than 20 SQL queries for a host with 10
accommodations and 3 years of monthly periods, most of them declared."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from hostspace.declarations import services
from hostspace.declarations.models import Declaration, Stay
from hostspace.records.models import Accommodation
from portal import roles
from tests.factories import DeclaringAccommodationFactory, DeliberationFactory, HostFactory, verified_login
from tests.factories.backoffice import staff_of

pytestmark = pytest.mark.django_db

BUDGET = 20
JULY = datetime.date(2026, 7, 1)


@pytest.fixture
def busy_host(collectivity):
    for year in (2024, 2025, 2026):
        DeliberationFactory(site=collectivity.site, year=year)
    host = HostFactory(with_account=True, site=collectivity.site)
    accommodations = [
        DeclaringAccommodationFactory(host=host, name=f"Gîte {n}", kind=Accommodation.Kind.HOTEL, since=datetime.date(2024, 1, 1))
        for n in range(10)
    ]  # fmt: skip
    rules = services.rules_for(collectivity.site)
    today = timezone.localdate()
    periods = [period for period in rules.periods(datetime.date(2024, 1, 1), today) if period.has_ended(today)]
    declarations, stays = [], []
    for accommodation in accommodations:
        for index, period in enumerate(periods):
            stays.append(
                Stay(accommodation=accommodation, arrival=period.start + datetime.timedelta(days=2),
                     departure=period.start + datetime.timedelta(days=5), persons=2)
            )  # fmt: skip
            if index < len(periods) - 2:  # the last two periods are left to declare
                declarations.append(
                    Declaration(
                        accommodation=accommodation, period_start=period.start, period_end=period.end,
                        period_months=1, due_date=period.due, number=f"2026-{len(declarations) + 1:05d}",
                        kind="stays", declared_at=timezone.now(), amount_due=Decimal("9.90"),
                        statement="declarations/test.pdf", stays=1, nights=3, person_nights=6,
                    )
                )  # fmt: skip
    Stay.objects.bulk_create(stays)
    Declaration.objects.bulk_create(declarations)
    assert len(periods) >= 34
    return host, accommodations


@pytest.fixture
def busy_client(client_for, collectivity, busy_host):
    client = client_for(collectivity)
    client.force_login(busy_host[0].user)
    return client


def test_the_host_pages_stay_within_the_query_budget(busy_client, busy_host, django_assert_max_num_queries):
    host, accommodations = busy_host
    first = accommodations[0]
    pages = [
        reverse("hostspace:declarations"),
        reverse("hostspace:declarations") + "?annee=2024",
        reverse("hostspace:declaration_period", args=[first.pk, JULY.isoformat()]),
        reverse("hostspace:declare_all", args=[JULY.isoformat()]),
        reverse("hostspace:stay_add", args=[first.pk]) + f"?periode={JULY.isoformat()}",
        reverse("hostspace:stay_edit", args=[first.stays.first().pk]),
        reverse("hostspace:stay_import"),
        reverse("hostspace:api_tokens"),
    ]
    for url in pages:
        with django_assert_max_num_queries(BUDGET):
            response = busy_client.get(url)
        assert response.status_code == 200, url


def test_the_dashboard_card_stays_within_the_budget_whatever_the_history(
    busy_client, busy_host, django_assert_max_num_queries
):
    # The dashboard's own content (news, tutorials, tour) is counted by the dashboard's tests; the card reads
    # the declared periods in one query (tests/declarations/test_dashboard_card.py).
    with django_assert_max_num_queries(BUDGET + 20):
        content = busy_client.get(reverse("hostspace:dashboard")).content.decode()
    assert "20 périodes sont à déclarer." in content or "périodes sont en retard" in content


def test_declaring_every_accommodation_at_once_stays_within_the_budget_per_accommodation(
    busy_client, busy_host, django_assert_max_num_queries
):
    host, accommodations = busy_host
    today = timezone.localdate()
    rules = services.rules_for(host.site)
    last_ended = [period for period in rules.periods(datetime.date(2026, 1, 1), today) if period.has_ended(today)][-1]
    url = reverse("hostspace:declare_all", args=[last_ended.key])
    with django_assert_max_num_queries(BUDGET):
        assert busy_client.get(url).status_code == 200


def test_the_agents_board_stays_within_the_budget(client_for, collectivity, busy_host, django_assert_max_num_queries):
    agent = verified_login(client_for(collectivity), staff_of(collectivity, roles.AGENT))
    host, _accommodations = busy_host
    for url in (
        reverse("declarations_board") + "?annee=2025",
        reverse("declarations_period", args=[JULY.isoformat()]),
        reverse("declarations_host", args=[host.pk]),
    ):
        agent.get(url)  # Wagtail's admin caches its menus on the first request
        with django_assert_max_num_queries(BUDGET + 10):
            assert agent.get(url).status_code == 200
