"""A host searches the site: results from this collectivity, in the current language, paginated."""

import pytest

from portal.pages import translation_of
from tests.factories import ArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_an_article_by_a_word_of_its_body(collectivity, client_for, news):
    ArticlePageFactory(parent=news, title="Tarifs", slug="tarifs", body="<p>Les campings trois étoiles.</p>")
    ArticlePageFactory(parent=news, title="Autre sujet", body="<p>Rien à voir.</p>")
    response = client_for(collectivity).get("/recherche/", {"q": "campings"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/actualites/tarifs/">Tarifs</a>' in html
    assert "Autre sujet" not in html
    assert "1 résultat pour « campings »" in html


def test_search_with_nothing_found_says_zero_in_the_singular_as_french_does(collectivity, client_for, news):
    html = client_for(collectivity).get("/recherche/", {"q": "introuvable"}).content.decode()
    assert "0 résultat pour « introuvable »" in html


def test_search_keeps_the_query_in_the_box(collectivity, client_for):
    html = client_for(collectivity).get("/recherche/", {"q": "déclaration"}).content.decode()
    assert 'name="q" value="déclaration"' in html
    assert '<label for="search-q">' in html


def test_search_stays_on_the_current_site(collectivity, other_collectivity, client_for, news):
    ArticlePageFactory(parent=NewsIndexPageFactory(parent=other_collectivity.home), title="Lac de Serre-Ponçon")
    html = client_for(collectivity).get("/recherche/", {"q": "Serre-Ponçon lac"}).content.decode()
    assert "Lac de Serre-Ponçon" not in html


def test_search_stays_in_the_current_language(collectivity, locales, client_for, news):
    article = ArticlePageFactory(parent=news, title="Ouverture des déclarations", body="<p>Ouverture.</p>")
    translation_of(news, locales[1], title="News", slug="news")
    translation_of(article, locales[1], title="Declarations open", slug="open", summary="Open.", body="<p>Opening.</p>")
    client = client_for(collectivity)
    french = client.get("/recherche/", {"q": "déclarations"}).content.decode()
    english = client.get("/en/recherche/", {"q": "declarations"}).content.decode()
    assert "Ouverture des déclarations" in french and "Declarations open" not in french
    assert "Declarations open" in english and "Ouverture des déclarations" not in english


def test_search_results_are_paginated(collectivity, client_for, news):
    for number in range(23):
        ArticlePageFactory(parent=news, title=f"Hébergement numéro {number}", body="<p>Meublé de tourisme.</p>")
    client = client_for(collectivity)
    first = client.get("/recherche/", {"q": "meublé"}).content.decode()
    assert "23 résultats pour « meublé »" in first
    assert first.count('class="card"') == 10
    assert 'href="?q=meubl%C3%A9&amp;page=2"' in first
    last = client.get("/recherche/", {"q": "meublé", "page": "3"}).content.decode()
    assert last.count('class="card"') == 3


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 5000},
        {"q": '"<script>alert(1)</script>'},
        {"q": "AND OR NOT * ( ) \" '"},
        {"q": "%00\x00"},
        {"q": "meublé", "page": "abc"},
        {"q": "meublé", "page": "99999"},
        {"q": "meublé", "page": "-3"},
        {"q": ["deux", "valeurs"]},
    ],
)
def test_hostile_or_malformed_search_never_fails(collectivity, client_for, news, params):
    ArticlePageFactory(parent=news, title="Meublé", body="<p>Meublé de tourisme.</p>")
    response = client_for(collectivity).get("/recherche/", params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_does_not_list_drafts(collectivity, client_for, news):
    ArticlePageFactory(parent=news, title="Brouillon secret", live=False, body="<p>Confidentiel.</p>")
    html = client_for(collectivity).get("/recherche/", {"q": "confidentiel"}).content.decode()
    assert "Brouillon secret" not in html


def test_every_page_links_to_the_search(collectivity, client_for):
    assert 'href="/recherche/"' in client_for(collectivity).get("/").content.decode()
