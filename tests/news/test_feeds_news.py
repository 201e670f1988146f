"""Feed readers follow a collectivity's actualités in RSS or Atom, per site and per language."""

import xml.etree.ElementTree as ET

import pytest

from portal.pages import translation_of
from tests.factories import ArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(content):
    return ET.fromstring(content)  # noqa: S314 - the portal's own feed, generated in the test


@pytest.fixture
def news(news):
    """The actualités with one article."""
    ArticlePageFactory(parent=news, slug="ouverture", title="Ouverture des déclarations", summary="C'est parti.")
    return news


def test_rss_feed_lists_the_site_articles(collectivity, other_collectivity, client_for, news):
    ArticlePageFactory(parent=NewsIndexPageFactory(parent=other_collectivity.home), title="Ailleurs")
    response = client_for(collectivity).get("/actualites/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response.content).find("channel")
    assert channel.findtext("language") == "fr"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Ouverture des déclarations"]
    assert items[0].findtext("link") == "http://paysdesecrins.localhost/actualites/ouverture/"
    assert items[0].findtext("description") == "C'est parti."


def test_atom_feed_is_valid_atom(collectivity, client_for, news):
    response = client_for(collectivity).get("/actualites/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://paysdesecrins.localhost/actualites/atom/"
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == ["Ouverture des déclarations"]


def test_english_feed_carries_english_articles(collectivity, locales, client_for, news):
    english = locales[1]
    translation_of(news, english, title="News", slug="news")
    article = news.get_children().first().specific
    translation_of(article, english, title="Declarations open", slug="declarations-open")
    response = client_for(collectivity).get("/en/news/rss/")
    channel = parse(response.content).find("channel")
    assert channel.findtext("language") == "en"
    assert [item.findtext("title") for item in channel.findall("item")] == ["Declarations open"]


def test_feeds_are_advertised_in_the_head_of_news_pages(collectivity, client_for, news):
    client = client_for(collectivity)
    for path in ("/", "/actualites/", "/actualites/ouverture/"):
        html = client.get(path).content.decode()
        head = html[: html.index("</head>")]
        assert '<link rel="alternate" type="application/rss+xml"' in head
        assert 'href="/actualites/rss/"' in head
        assert 'href="/actualites/atom/"' in head
