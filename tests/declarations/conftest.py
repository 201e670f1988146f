"""Fixtures of the declarations tests: Pays des Écrins levying the tax in 2025 and 2026, a host with a
3-star hotel and an unclassified meublé, both declaring since 1 January 2025."""

import datetime

import pytest

from hostspace.records.models import Accommodation, Classification
from tests.declarations.calendar import JULY  # noqa: E402, F401  re-exported for fixtures
from tests.factories import ClassificationFactory, DeclaringAccommodationFactory, DeliberationFactory, HostFactory


@pytest.fixture
def deliberations(collectivity):
    """Monthly declarations due on the 15th, the tariffs of SPEC.md (3 stars 1.50 €, unclassified 5 %, +10 %)."""
    return [DeliberationFactory(site=collectivity.site, year=year) for year in (2025, 2026)]


@pytest.fixture
def host(collectivity, deliberations):
    return HostFactory(
        with_account=True, site=collectivity.site, first_name="Claire", last_name="Montagnier", reference="ECR-0001"
    )


@pytest.fixture
def hotel(host):
    hotel = DeclaringAccommodationFactory(host=host, name="Hôtel des Écrins", kind=Accommodation.Kind.HOTEL)
    ClassificationFactory(
        accommodation=hotel, rating=Classification.Rating.THREE, decision_date=datetime.date(2024, 5, 14)
    )
    return hotel


@pytest.fixture
def meuble(host):
    return DeclaringAccommodationFactory(
        host=host,
        name="Chalet du Pré",
        kind=Accommodation.Kind.FURNISHED,
        registration_number="05101000123AB",
        capacity=6,
    )


@pytest.fixture
def host_client(client_for, collectivity, host):
    client = client_for(collectivity)
    client.force_login(host.user)
    return client
