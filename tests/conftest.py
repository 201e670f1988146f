"""Fixtures shared by the whole suite: two collectivities, each a Wagtail site with its branding; a host of the
first with their logged-in client; an agent with their admin; hosts' private files in the test's own folder."""

import pytest
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Site

from tests.factories import (
    HostFactory,
    LocaleFactory,
    NewsIndexPageFactory,
    agent_client,
    make_agent,
    make_collectivity,
)


@pytest.fixture(autouse=True)
def _clear_cache():
    from portal import layout, page_cache, sites

    # The sites, pages and page parts held in process memory too: each test's database has its own.
    sites.clear()
    page_cache.local_pages.clear()
    layout.parts.clear()
    for cache in caches.all():
        cache.clear()
    yield
    sites.clear()
    for cache in caches.all():
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
        "paysdesecrins.localhost", "Pays des Écrins", "#1d4f91", "#005f73", "04 92 23 00 00", is_default=True
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


@pytest.fixture
def private_media(settings, tmp_path):
    """Hosts' private files (decisions, letters) go to this test's own folder, returned."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def host(collectivity):
    """A host of Pays des Écrins who has an account."""
    return HostFactory(site=collectivity.site, with_account=True)


@pytest.fixture
def host_client(client_for, collectivity, host):
    """``host``, logged into the host space."""
    client = client_for(collectivity)
    client.force_login(host.user)
    return client


@pytest.fixture
def agent(collectivity):
    """An agent of Pays des Écrins: staff in the agents' group."""
    return make_agent(collectivity)


@pytest.fixture
def agent_admin(client_for, collectivity, agent):
    """``agent``, logged into the Wagtail admin with their second factor."""
    return agent_client(client_for, collectivity, agent)


@pytest.fixture
def site_history_report(client_for, collectivity, other_collectivity):
    """Reads « Historique du site » as a new agent of Pays des Écrins, once a host of each collectivity was edited.

    « Écrinsois » is their collectivity's host, « Ponçonnais » the other's. A function, so that a test may first
    change how Wagtail lists its log models.
    """
    from wagtail.log_actions import log

    def read():
        log(HostFactory(site=collectivity.site, with_account=True, last_name="Écrinsois"), "wagtail.edit")
        log(HostFactory(site=other_collectivity.site, with_account=True, last_name="Ponçonnais"), "wagtail.edit")
        return agent_client(client_for, collectivity).get("/admin/reports/site-history/")

    return read


@pytest.fixture
def news(collectivity):
    """The « Actualités » index of Pays des Écrins, still empty."""
    return NewsIndexPageFactory(parent=collectivity.home)
