"""Anonymous visitors get public pages from the page cache, and never a stale one.

Each invalidation test first proves the page was served from the cache (so the
test could fail), then changes what the visitor sees the way an editor or agent
does, then checks that the next visit shows the change.
"""

import datetime
from decimal import Decimal

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from guides.models import TaxSimulatorPage
from portal.pages import publish
from tests.cache_backends import counting_cache, counting_cache_settings
from tests.factories import (
    ArticlePageFactory,
    DeliberationFactory,
    GuideDocumentFactory,
    HelpIndexPageFactory,
    LegalPageFactory,
    NewsIndexPageFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


def cached_visit(client, url, **params):
    """Visit ``url`` twice and check that the second answer came from the cache; return its text."""
    first = client.get(url, params)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    second = client.get(url, params)
    assert second.status_code == 200 and second["X-Page-Cache"] == "hit"
    return second.content.decode()


def visit(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def article(news):
    return publish(ArticlePageFactory(parent=news, title="Ouverture de la saison", slug="ouverture"))


# --- What is served from the cache ------------------------------------------------------------


def test_a_second_anonymous_visit_is_served_without_touching_the_database(
    collectivity, client_for, article, django_assert_num_queries
):
    client = client_for(collectivity)
    assert client.get("/")["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit" and "Ouverture de la saison" in response.content.decode()


@pytest.fixture
def version_announced(monkeypatch, settings, request):
    """A worker subscribed to the version's announcements (Redis pub/sub): it knows the version without asking."""
    from portal import versions

    settings.CACHES = {**settings.CACHES, "default": counting_cache_settings(request)}
    monkeypatch.setattr(versions.watcher, "version", versions.read())


def test_a_worker_that_knows_the_version_serves_a_page_from_memory_without_asking_redis(
    collectivity, client_for, article, version_announced
):
    client = client_for(collectivity)
    assert client.get("/")["X-Page-Cache"] == "miss"
    with counting_cache() as calls:
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit" and calls == []


def test_a_bump_retires_the_pages_a_worker_holds_in_memory(collectivity, client_for, article, version_announced):
    client = client_for(collectivity)
    assert "Ouverture de la saison" in cached_visit(client, "/")
    article.title = "Saison reportée"
    publish(article)
    assert "Saison reportée" in visit(client, "/")


def test_each_collectivity_has_its_own_cached_pages(collectivity, other_collectivity, client_for):
    cached_visit(client_for(collectivity), "/")
    other = visit(client_for(other_collectivity), "/")
    assert "Serre-Ponçon" in other and "Pays des Écrins" not in other


def test_each_query_string_is_its_own_page(collectivity, client_for, news):
    for number in range(12):
        publish(ArticlePageFactory(parent=news, title=f"Actualité numéro {number}"))
    client = client_for(collectivity)
    first = cached_visit(client, news.url)
    second = visit(client, news.url, page=2)
    assert first != second


def test_a_host_with_a_session_never_gets_the_cached_page(collectivity, host_client, client_for, article):
    cached_visit(client_for(collectivity), "/")
    response = host_client.get("/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response and "public" not in response.get("Cache-Control", "")


def test_a_page_with_a_form_and_its_csrf_token_is_never_stored(collectivity, client_for, article):
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="x")
    client = client_for(collectivity)
    for _ in range(2):
        response = client.get(article.url)
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert response.get("X-Page-Cache") != "hit" and "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/espace-hebergeur/connexion/", "/en/espace-hebergeur/connexion/", "/admin/"])
def test_the_host_space_and_the_admin_are_never_cached_nor_kept(collectivity, client_for, path):
    client = client_for(collectivity)
    for _ in range(2):
        response = client.get(path)
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-store"


def test_when_redis_is_down_the_page_cache_is_skipped(collectivity, client_for, article, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "tests.cache_backends.UnreachableRedisCache", "OPTIONS": {"COOLDOWN": 0}},
    }
    client = client_for(collectivity)
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
        assert "Ouverture de la saison" in response.content.decode()


# --- HTTP caching headers ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_public_pages_may_be_kept_by_browsers_and_proxies_whatever_the_language_header(collectivity, client_for, path):
    response = client_for(collectivity).get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300"
    assert response["ETag"].startswith('"')
    assert "accept-language" not in response.get("Vary", "").lower()
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("cached", [False, True])
def test_a_browser_that_has_the_page_gets_a_304(collectivity, client_for, cached):
    client = client_for(collectivity)
    etag = client.get("/")["ETag"]
    if not cached:
        from django.core.cache import cache

        cache.clear()
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""


# --- Every change a visitor may see retires the cached page ------------------------------------


def test_publishing_a_change_shows_at_once(collectivity, client_for, article):
    client = client_for(collectivity)
    assert "Ouverture de la saison" in cached_visit(client, "/")
    cached_visit(client, article.url)
    article.title = "Saison reportée"
    publish(article)
    assert "Saison reportée" in visit(client, "/")
    assert "Saison reportée" in visit(client, article.url)


def test_the_version_changes_again_when_the_change_is_committed(
    collectivity, article, django_capture_on_commit_callbacks
):
    """A page rendered by another worker before the commit (from the old rows) must not outlive it."""
    from portal import versions

    before = versions.read()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Saison reportée"
        publish(article)
        during = versions.read()
    assert before < during < versions.read()


def test_unpublishing_removes_the_page_at_once(collectivity, client_for, article):
    client = client_for(collectivity)
    cached_visit(client, "/")
    cached_visit(client, article.url)
    article.unpublish()
    assert "Ouverture de la saison" not in visit(client, "/")
    assert client.get(article.url).status_code == 404


def test_moving_a_page_shows_at_once(collectivity, other_collectivity, client_for, article):
    client = client_for(collectivity)
    cached_visit(client, "/")
    other_news = NewsIndexPageFactory(parent=other_collectivity.home)
    article.move(other_news, pos="last-child")
    assert "Ouverture de la saison" not in visit(client, "/")


def test_deleting_a_page_shows_at_once(collectivity, client_for, article):
    client = client_for(collectivity)
    cached_visit(client, "/")
    article.delete()
    assert "Ouverture de la saison" not in visit(client, "/")


def test_a_scheduled_publication_shows_when_it_goes_live(collectivity, client_for, news):
    client = client_for(collectivity)
    draft = ArticlePageFactory(parent=news, title="Actualité programmée", live=False)
    assert "Actualité programmée" not in cached_visit(client, "/")
    draft.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert "Actualité programmée" in visit(client, "/")


def test_changing_the_branding_shows_at_once(collectivity, client_for):
    client = client_for(collectivity)
    cached_visit(client, "/")
    collectivity.branding.short_name = "Écrins et Vallées"
    collectivity.branding.save()
    assert "Écrins et Vallées" in visit(client, "/")


def test_an_image_replaced_in_place_shows_at_once(collectivity, client_for, news):
    image = wagtail_factories.ImageFactory(title="Lac", file=get_test_image_file(filename="lac.png"))
    article = ArticlePageFactory(parent=news, image=image)
    publish(article)
    client = client_for(collectivity)
    assert "lac.width-960" in cached_visit(client, article.url)
    # What the admin's image edit view does when a new file is chosen.
    image.file = get_test_image_file(filename="glacier.png", colour="blue")
    image.save()
    image.renditions.all().delete()
    html = visit(client, article.url)
    assert "glacier.width-960" in html and "lac.width-960" not in html


def test_a_document_replaced_in_place_shows_at_once(collectivity, client_for):
    document = GuideDocumentFactory()
    HelpIndexPageFactory(parent=collectivity.home, guide_document=document)
    client = client_for(collectivity)
    # The stored name may carry a suffix when another test stored the same file name first.
    assert document.url in cached_visit(client, "/")
    document.file = ContentFile(b"%PDF-1.4\n%%EOF\n", name="guide-remplace-sur-place.pdf")
    document.save()
    assert "guide-remplace-sur-place" in visit(client, "/")


@pytest.fixture
def cgu_page(collectivity):
    TermsVersionFactory(site=collectivity.site, kind="cgu", label="Version 1", in_force_from=datetime.date(2025, 1, 1))
    return LegalPageFactory(parent=collectivity.home, kind="cgu", title="CGU", slug="cgu")


def test_a_new_cgu_version_shows_at_once(collectivity, client_for, cgu_page):
    client = client_for(collectivity)
    assert "Version 1" in cached_visit(client, cgu_page.url)
    TermsVersionFactory(site=collectivity.site, kind="cgu", label="Version 2", in_force_from=timezone.localdate())
    assert "Version 2" in visit(client, cgu_page.url)


def test_a_cgu_version_coming_into_force_at_midnight_shows_the_next_day(
    collectivity, client_for, cgu_page, monkeypatch
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    TermsVersionFactory(site=collectivity.site, kind="cgu", label="Version 2", in_force_from=tomorrow)
    client = client_for(collectivity)
    assert "Version 2" not in cached_visit(client, cgu_page.url)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert "Version 2" in visit(client, cgu_page.url)


def test_new_tariffs_show_at_once_in_the_simulator(collectivity, client_for):
    deliberation = DeliberationFactory(site=collectivity.site, year=2026)
    help_page = HelpIndexPageFactory(parent=collectivity.home)
    simulator = help_page.add_child(instance=TaxSimulatorPage(title="Simulateur", slug="simulateur"))
    stay = {"category": "3-stars", "arrival": "2026-07-14", "nights": "2", "persons": "2"}
    client = client_for(collectivity)
    # 1.50 € × 1.10 = 1.65 € per person-night, 4 person-nights.
    assert "6,60 €" in cached_visit(client, simulator.url, **stay)
    deliberation.tariff_3_stars = Decimal("2.00")
    deliberation.save()
    assert "8,80 €" in visit(client, simulator.url, **stay)
