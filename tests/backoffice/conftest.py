"""Two collectivities onboarded as a new one is (``create_collectivity``, with their administrator), for the tests
that need everything onboarding creates: roles, groups, collections, settings."""

import pytest

from portal.collectivities import create_collectivity


@pytest.fixture
def ecrins(locales):
    return create_collectivity("Pays des Écrins", "ecrins.example", admin_email="admin@ecrins.example")


@pytest.fixture
def serreponcon(locales):
    return create_collectivity("Serre-Ponçon", "serreponcon.example", admin_email="admin@serreponcon.example")
