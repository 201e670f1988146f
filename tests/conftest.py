"""Fixtures shared by the whole suite: two collectivities, each a Wagtail site with its branding."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Site

from home.models import HomePage
from portal.models import BrandingSettings
from portal.pages import translation_of
from tests.factories import BrandingSettingsFactory, HomePageFactory, LocaleFactory, SiteFactory, ensure_tree_roots


@dataclass
class TenantSite:
    """One collectivity as tests see it: its site, home pages and branding."""

    site: Site
    home: HomePage
    home_en: HomePage
    branding: BrandingSettings

    @property
    def hostname(self):
        return self.site.hostname


def make_collectivity(hostname, name, primary, accent, phone, is_default=False):
    french = LocaleFactory(language_code="fr")
    english = LocaleFactory(language_code="en")
    home = HomePageFactory(
        parent=ensure_tree_roots(),
        title=name,
        slug=hostname.split(".")[0],
        locale=french,
        introduction=f"<p>Bienvenue à {name}.</p>",
    )
    site = SiteFactory(hostname=hostname, root_page=home, site_name=name, is_default_site=is_default)
    home_en = translation_of(home, english, introduction=f"<p>Welcome to {name}.</p>")
    branding = BrandingSettingsFactory(
        site=site,
        official_name=f"Communauté de communes {name}",
        short_name=name,
        primary_colour=primary,
        accent_colour=accent,
        support_phone=phone,
    )
    return TenantSite(site=site, home=home, home_en=home_en, branding=branding)


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
