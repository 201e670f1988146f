"""The public CGU and privacy pages show the version in force of their collectivity, FR and EN."""

import datetime

import pytest

from portal.pages import translation_of
from tests.factories import LegalPageFactory, TermsVersionFactory

pytestmark = pytest.mark.django_db


def test_the_public_cgu_page_shows_the_version_in_force(collectivity, other_collectivity, client_for):
    page = LegalPageFactory(parent=collectivity.home, kind="cgu", title="CGU", slug="cgu", body="<p>Texte de repli</p>")
    TermsVersionFactory(site=collectivity.site, kind="cgu", label="Version 1", in_force_from=datetime.date(2025, 1, 1))
    TermsVersionFactory(
        site=collectivity.site,
        kind="cgu",
        label="Version 2",
        in_force_from=datetime.date(2026, 2, 1),
        text="<p>Texte de la version deux.</p>",
        text_en="<p>Text of version two.</p>",
    )
    TermsVersionFactory(site=other_collectivity.site, kind="cgu", label="Version voisine")
    response = client_for(collectivity).get(page.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Version 2" in content and "Texte de la version deux." in content
    assert "Version voisine" not in content and "Texte de repli" not in content
    english = translation_of(page, collectivity.home_en.locale, title="Terms of use")
    content_en = client_for(collectivity).get(english.url).content.decode()
    assert "Text of version two." in content_en


def test_without_a_version_the_page_body_is_shown(collectivity, client_for):
    page = LegalPageFactory(
        parent=collectivity.home, kind="privacy", slug="confidentialite", body="<p>Texte de repli</p>"
    )
    assert "Texte de repli" in client_for(collectivity).get(page.url).content.decode()
