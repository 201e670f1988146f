"""Fixtures of the payments tests: Pays des Écrins with its régie in PayFiP test mode, a host with two
accommodations declaring since 2025, July and August 2026 declared and owing money."""

import datetime
from decimal import Decimal

import pytest

from hostspace.records.models import Accommodation
from tests.factories import DeclaringAccommodationFactory, DeliberationFactory, HostFactory, declared, payment_settings

JULY = datetime.date(2026, 7, 1)
AUGUST = datetime.date(2026, 8, 1)


@pytest.fixture
def regie(collectivity):
    for year in (2025, 2026):
        DeliberationFactory(site=collectivity.site, year=year)
    return payment_settings(collectivity.site)


@pytest.fixture
def host(collectivity, regie):
    return HostFactory(with_account=True, site=collectivity.site, first_name="Claire", last_name="Montagnier")


@pytest.fixture
def hotel(host):
    return DeclaringAccommodationFactory(host=host, name="Hôtel des Écrins", kind=Accommodation.Kind.HOTEL)


@pytest.fixture
def meuble(host):
    return DeclaringAccommodationFactory(
        host=host, name="Chalet du Pré", kind=Accommodation.Kind.FURNISHED, registration_number="05101000123AB"
    )


@pytest.fixture
def july(hotel):
    return declared(hotel, JULY, Decimal("19.80"))


@pytest.fixture
def august(meuble):
    return declared(meuble, AUGUST, Decimal("7.35"))


@pytest.fixture
def host_client(client_for, collectivity, host):
    client = client_for(collectivity)
    client.force_login(host.user)
    return client
