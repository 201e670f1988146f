"""Fixtures shared by the whole suite: two collectivities, each a Wagtail site with its branding."""

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Site

from tests.factories import LocaleFactory, make_collectivity


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _french_by_default():
    """Each test starts in French, whatever language a previous request left active in this thread."""
    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture
def locales(db):
    return LocaleFactory(language_code="fr"), LocaleFactory(language_code="en")


@pytest.fixture
def collectivity(db, locales):
    """Pays des Écrins: the default site, as in the demo."""
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    return make_collectivity(
        "paysdesecrins.localhost", "Pays des Écrins", "#1d4f91", "#a52a1a", "04 92 23 00 00", is_default=True
    )


@pytest.fixture
def other_collectivity(db, locales):
    """Serre-Ponçon: a second collectivity whose data must never leak into the first."""
    return make_collectivity("serreponcon.localhost", "Serre-Ponçon", "#0b6b5d", "#7a3e9d", "04 92 44 00 00")


@pytest.fixture
def client_for():
    """A test client whose requests carry the given collectivity's host name."""
    from django.test import Client

    def make(tenant, **kwargs):
        return Client(HTTP_HOST=tenant.hostname, **kwargs)

    return make
