"""A host reads the actualités: a paginated list with pinned articles on top, and each article."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from news.models import ArticlePage, NewsIndexPage
from portal.models import set_support_hours
from portal.pages import latest_articles, translation_of
from tests.factories import ArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def test_news_list_shows_pinned_article_first_then_newest(collectivity, client_for, news):
    ArticlePageFactory(parent=news, title="Ancienne mais épinglée", date=datetime.date(2024, 1, 1), pinned=True)
    ArticlePageFactory(parent=news, title="Récente", date=datetime.date(2026, 5, 1))
    ArticlePageFactory(parent=news, title="Moins récente", date=datetime.date(2026, 4, 1))
    html = client_for(collectivity).get("/actualites/").content.decode()
    assert html.index("Ancienne mais épinglée") < html.index("Récente") < html.index("Moins récente")
    assert "Épinglée" in html


def test_news_list_is_paginated_by_ten(collectivity, client_for, news):
    for day in range(1, 26):
        ArticlePageFactory(parent=news, title=f"Nouvelle du jour {day:02d}", date=datetime.date(2026, 1, day))
    client = client_for(collectivity)
    first = client.get("/actualites/").content.decode()
    third = client.get("/actualites/?page=3").content.decode()
    assert "Nouvelle du jour 25" in first and "Nouvelle du jour 15" not in first
    assert "Nouvelle du jour 05" in third and "Nouvelle du jour 06" not in third
    assert 'aria-label="Pagination"' in first
    assert 'href="?page=2"' in first


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0", "1.5", "%00", "2' OR 1=1"])
def test_a_malformed_page_number_never_breaks_the_list(collectivity, client_for, news, page):
    for _ in range(12):
        ArticlePageFactory(parent=news)
    response = client_for(collectivity).get("/actualites/", {"page": page})
    assert response.status_code == 200
    assert "Actualité numéro" in response.content.decode()


def test_news_list_query_count_does_not_grow_with_articles(
    collectivity, client_for, news, django_assert_max_num_queries
):
    for _ in range(40):
        ArticlePageFactory(parent=news)
    client = client_for(collectivity)
    client.get("/actualites/")
    # Site, routing, view restrictions, count, articles, branding and the language switcher: never per article.
    with django_assert_max_num_queries(13):
        assert client.get("/actualites/?page=2").status_code == 200


def test_article_shows_its_date_summary_and_body(collectivity, client_for, news):
    ArticlePageFactory(
        parent=news,
        slug="tarifs",
        title="Les tarifs 2026",
        date=datetime.date(2026, 1, 5),
        summary="Les nouveaux tarifs votés.",
        body="<p>Tarif par nuit et par personne.</p>",
    )
    html = client_for(collectivity).get("/actualites/tarifs/").content.decode()
    assert "<h1>Les tarifs 2026</h1>" in html
    assert '<time datetime="2026-01-05">5 janvier 2026</time>' in html
    assert "Les nouveaux tarifs votés." in html
    assert "Tarif par nuit et par personne." in html


def test_technical_service_article_shows_phone_and_hours_from_branding(collectivity, client_for, news):
    ArticlePageFactory(
        parent=news,
        slug="service-technique",
        title="Si vous n'arrivez pas à vous connecter, appelez le service technique de votre collectivité…",
        pinned=True,
        show_support_contact=True,
    )
    client = client_for(collectivity)
    html = client.get("/actualites/service-technique/").content.decode()
    assert 'href="tel:0492230000"' in html
    assert "du lundi au vendredi, de 9 h à 12 h" in html

    # One source of truth: changing the branding changes the article, nothing to edit in the page.
    collectivity.branding.support_phone = "04 92 99 88 77"
    collectivity.branding.save()
    set_support_hours(collectivity.site, "le mardi de 14 h à 16 h")
    html = client.get("/actualites/service-technique/").content.decode()
    assert "04 92 99 88 77" in html
    assert "le mardi de 14 h à 16 h" in html


def test_ordinary_article_has_no_contact_box(collectivity, client_for, news):
    ArticlePageFactory(parent=news, slug="simple")
    html = client_for(collectivity).get("/actualites/simple/").content.decode()
    assert "support-contact-title" not in html


def test_latest_articles_are_pinned_first_and_limited(collectivity, news):
    ArticlePageFactory(parent=news, title="Épinglée", date=datetime.date(2020, 1, 1), pinned=True)
    for day in range(1, 5):
        ArticlePageFactory(parent=news, title=f"Jour {day}", date=datetime.date(2026, 2, day))
    titles = [article.title for article in latest_articles(collectivity.site)]
    assert titles == ["Épinglée", "Jour 4", "Jour 3"]


def test_latest_articles_skip_drafts_and_private_sections(collectivity, news):
    ArticlePageFactory(parent=news, title="Publique")
    ArticlePageFactory(parent=news, title="Brouillon", live=False)
    private = ArticlePageFactory(parent=news, title="Réservée")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert [article.title for article in latest_articles(collectivity.site, limit=10)] == ["Publique"]


def test_latest_articles_follow_the_language(collectivity, locales, news):
    article = ArticlePageFactory(parent=news, title="Les déclarations sont ouvertes")
    translation_of(article, locales[1], title="Declarations are open", slug="declarations-open")
    assert [a.title for a in latest_articles(collectivity.site, language="fr")] == ["Les déclarations sont ouvertes"]
    assert [a.title for a in latest_articles(collectivity.site, language="en")] == ["Declarations are open"]


def test_latest_articles_never_mix_collectivities(collectivity, other_collectivity, news):
    ArticlePageFactory(parent=news, title="Écrins")
    ArticlePageFactory(parent=NewsIndexPageFactory(parent=other_collectivity.home), title="Serre-Ponçon")
    assert [a.title for a in latest_articles(other_collectivity.site)] == ["Serre-Ponçon"]


def test_latest_articles_take_two_queries_at_most(collectivity, news, django_assert_max_num_queries):
    for _ in range(20):
        ArticlePageFactory(parent=news)
    site = type(collectivity.site).objects.select_related("root_page__locale").get(pk=collectivity.site.pk)
    with django_assert_max_num_queries(2):
        articles = latest_articles(site, language="fr")
        [article.locale.language_code for article in articles]


def test_editors_can_only_put_articles_under_a_news_index():
    assert ArticlePage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsIndexPage.allowed_subpage_models() == [ArticlePage]
    assert ArticlePage.allowed_subpage_models() == []


def test_english_technical_service_article_shows_the_english_hours(collectivity, locales, client_for, news):
    article = ArticlePageFactory(parent=news, slug="service-technique", show_support_contact=True, pinned=True)
    translation_of(news, locales[1], title="News", slug="news")
    translation_of(article, locales[1], title="Call the technical service", slug="technical-service")
    set_support_hours(collectivity.site, "le lundi", "Monday to Friday, 9 am to 12 pm")
    html = client_for(collectivity).get("/en/news/technical-service/").content.decode()
    contact = html[html.index('id="support-contact-title"') :]
    assert "Opening hours: Monday to Friday, 9 am to 12 pm" in contact
    assert 'href="tel:0492230000"' in contact


def test_article_image_carries_the_editor_alt_text(collectivity, client_for, news):
    import wagtail_factories

    image = wagtail_factories.ImageFactory(title="Lac")
    ArticlePageFactory(parent=news, slug="lac", image=image, image_alt="Le lac de Serre-Ponçon au printemps")
    ArticlePageFactory(parent=news, slug="deco", image=image, image_alt="")
    client = client_for(collectivity)
    assert 'alt="Le lac de Serre-Ponçon au printemps"' in client.get("/actualites/lac/").content.decode()
    decorative = client.get("/actualites/deco/").content.decode()
    assert 'class="article__image"' in decorative
    assert 'alt=""' in decorative
