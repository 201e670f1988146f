"""A host opens the collectivity's home page: the connection panels, the latest actualités, help and the guide."""

import datetime

import pytest
from django.urls import reverse

from portal.pages import translation_of
from tests.factories import (
    ArticlePageFactory,
    FaqPageFactory,
    GuideDocumentFactory,
    GuidedTourPageFactory,
    HelpIndexPageFactory,
    LegalPageFactory,
    NewsIndexPageFactory,
    TutorialPageFactory,
)

pytestmark = pytest.mark.django_db


def test_home_shows_the_three_connection_panels_of_the_seed(collectivity, client_for):
    response = client_for(collectivity).get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Connexion à la plateforme de déclaration et de reversement taxesejour.fr" in html
    assert "Vous avez déjà un compte sur la plateforme avant le 1<sup>er</sup> janvier 2019 ?" in html
    assert "Vous devez réinitialiser votre mot de passe pour accéder à votre nouvel espace hébergeur." in html
    assert "Vous avez reçu un code pour activer votre compte personnel sur la plateforme." in html
    assert "Vous avez réinitialisé votre mot de passe ou vous avez activé votre compte ?" in html
    assert "Connectez-vous à votre espace hébergeur." in html
    assert ">Activer mon compte</a>" in html
    assert f'href="{reverse("hostspace:login")}">Se connecter</a>' in html


def test_home_links_lead_to_the_host_space_views(collectivity, client_for):
    html = client_for(collectivity).get("/").content.decode()
    assert f'href="{reverse("hostspace:password_reset")}">Réinitialiser mon mot de passe</a>' in html
    assert f'href="{reverse("hostspace:activate")}">Activer mon compte</a>' in html
    assert f'href="{reverse("hostspace:login")}">Se connecter</a>' in html


def test_a_missing_host_space_view_falls_back_to_the_login_page():
    from home.templatetags.public_tags import hostspace_url

    assert hostspace_url("not_built_yet") == reverse("hostspace:login")


def test_home_shows_three_latest_articles_with_the_pinned_one_first(collectivity, client_for, news):
    ArticlePageFactory(parent=news, title="Vieille actualité épinglée", date=datetime.date(2025, 1, 1), pinned=True)
    for day in range(1, 6):
        ArticlePageFactory(parent=news, title=f"Actualité du {day} mars", date=datetime.date(2026, 3, day))
    html = client_for(collectivity).get("/").content.decode()
    positions = [
        html.find(title) for title in ("Vieille actualité épinglée", "Actualité du 5 mars", "Actualité du 4 mars")
    ]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert "Actualité du 3 mars" not in html


def test_home_offers_the_guide_and_help(collectivity, client_for):
    document = GuideDocumentFactory()
    help_page = HelpIndexPageFactory(parent=collectivity.home, guide_document=document)
    GuidedTourPageFactory(parent=help_page)
    html = client_for(collectivity).get("/").content.decode()
    assert document.url in html
    assert "Le guide de la télédéclaration" in html
    assert "/aide/visite-guidee/" in html
    assert "Visionnez nos fonctionnalités disponibles" in html


def test_home_advertises_the_news_feeds(collectivity, client_for, news):
    html = client_for(collectivity).get("/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/actualites/rss/"' in html
    assert 'href="/actualites/atom/"' in html


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_home_query_count_does_not_grow_with_fifty_articles(
    collectivity, locales, client_for, news, django_assert_max_num_queries, path
):
    english = locales[1]
    document = GuideDocumentFactory()
    help_page = HelpIndexPageFactory(parent=collectivity.home, guide_document=document)
    tour = GuidedTourPageFactory(parent=help_page)
    translation_of(news, english, title="News", slug="news")
    translation_of(help_page, english, title="Help", slug="help")
    translation_of(tour, english, title="Tour", slug="tour")
    for number in range(50):
        article = ArticlePageFactory(parent=news, pinned=number == 7)
        translation_of(article, english, title=f"Article {number}", slug=f"article-{number}")
    client = client_for(collectivity)
    client.get(path)  # warm-up: navigation and settings caches
    with django_assert_max_num_queries(10):
        response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode().count('class="card article-teaser') == 3


def test_english_home_shows_english_panels(collectivity, client_for):
    response = client_for(collectivity).get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Activate my account" in html
    assert "Log in" in html


def test_each_collectivity_shows_its_own_articles(collectivity, other_collectivity, client_for):
    ArticlePageFactory(parent=NewsIndexPageFactory(parent=collectivity.home), title="Nouvelle des Écrins")
    ArticlePageFactory(parent=NewsIndexPageFactory(parent=other_collectivity.home), title="Nouvelle de Serre-Ponçon")
    ecrins = client_for(collectivity).get("/").content.decode()
    serre = client_for(other_collectivity).get("/").content.decode()
    assert "Nouvelle des Écrins" in ecrins and "Nouvelle de Serre-Ponçon" not in ecrins
    assert "Nouvelle de Serre-Ponçon" in serre and "Nouvelle des Écrins" not in serre


def test_unknown_page_is_a_404(collectivity, client_for):
    assert client_for(collectivity).get("/cette-page-n-existe-pas/").status_code == 404


def test_home_links_follow_the_editors_changes_despite_the_cache(collectivity, client_for):
    from django.core.files.base import ContentFile

    from portal.pages import publish

    document = GuideDocumentFactory()
    help_page = HelpIndexPageFactory(parent=collectivity.home, guide_document=document)
    client = client_for(collectivity)
    assert document.url in client.get("/").content.decode()

    # A new file for the same document: its URL (which carries the file name) changes at once.
    document.file = ContentFile(b"%PDF-1.4\n%%EOF\n", name="guide-2027.pdf")
    document.save()
    assert "guide-2027.pdf" in client.get("/").content.decode()

    # A tour page published later appears without waiting for the cache to expire.
    assert "/aide/visite-guidee/" not in client.get("/").content.decode()
    publish(GuidedTourPageFactory(parent=help_page))
    assert "/aide/visite-guidee/" in client.get("/").content.decode()


@pytest.fixture
def full_site(collectivity):
    news = NewsIndexPageFactory(parent=collectivity.home)
    ArticlePageFactory(parent=news, slug="article")
    help_page = HelpIndexPageFactory(parent=collectivity.home, guide_document=GuideDocumentFactory())
    TutorialPageFactory(parent=help_page, slug="tutoriel")
    GuidedTourPageFactory(parent=help_page)
    FaqPageFactory(parent=help_page)
    LegalPageFactory(parent=collectivity.home, kind="mentions", slug="mentions-legales")
    return collectivity


PAGES = [
    "/",
    "/actualites/",
    "/actualites/article/",
    "/actualites/rss/",
    "/actualites/atom/",
    "/aide/",
    "/aide/tutoriel/",
    "/aide/visite-guidee/",
    "/aide/questions-frequentes/",
    "/mentions-legales/",
    "/recherche/",
]
HOSTILE_QUERIES = ["page=abc", "page=99999", "page=%ff%fe", "q=%00", "page[]=1&q[]=x", "%00=%00", "page=" + "9" * 400]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_no_page_fails_on_a_malformed_query_string(full_site, client_for, path, query):
    response = client_for(full_site).get(f"{path}?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/en/cette-page-n-existe-pas/", "/actualites/inconnue/", "/aide/tutoriel/inconnu/", "/aide/visite-guidee/x/"],
)
def test_unknown_pages_and_sub_routes_are_404(full_site, client_for, path):
    assert client_for(full_site).get(path).status_code == 404


def test_home_page_title_names_the_page_then_the_collectivity(collectivity, client_for):
    html = client_for(collectivity).get("/").content.decode()

    assert "<title>Accueil – " in html


def test_home_shows_the_first_tutorials_with_their_poster_images(collectivity, client_for):
    import wagtail_factories

    help_page = HelpIndexPageFactory(parent=collectivity.home, title="Besoin d'aide", slug="aide")
    poster = wagtail_factories.ImageFactory(title="Aperçu de la déclaration")
    TutorialPageFactory(parent=help_page, title="Déclarer un mois", with_captions=False, poster=poster)
    TutorialPageFactory(parent=help_page, title="Payer la taxe", with_captions=False)
    TutorialPageFactory(parent=help_page, title="Un troisième tutoriel", with_captions=False)

    html = client_for(collectivity).get("/").content.decode()

    assert ">Déclarer un mois</a>" in html and ">Payer la taxe</a>" in html
    assert "Un troisième tutoriel" not in html
    rendition = poster.get_rendition("fill-480x270")
    size = f'width="{rendition.width}" height="{rendition.height}"'
    assert f'<img src="{rendition.url}" {size} alt="" loading="lazy">' in html
