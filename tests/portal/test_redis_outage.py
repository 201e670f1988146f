"""Redis is a cache: while it is down, pages render from the database; the counters that guard accounts refuse.

``tests.cache_backends`` points the portal's real backends at a port where
nothing listens (Django's Redis client then raises, as when Redis is stopped),
and offers a local cache that raises on demand, to watch recovery.
"""

import logging

import pytest
from django.core.cache import caches
from django.test import override_settings

from hostspace.accounts import activation
from tests.cache_backends import FlakyResilientCache, RaisingLocMemCache, counting_cache_settings
from tests.factories import ArticlePageFactory, DeliberationFactory, HostFactory

pytestmark = pytest.mark.django_db

REDIS_DOWN = {
    "default": {"BACKEND": "tests.cache_backends.UnreachableRedisCache"},
    "security": {"BACKEND": "tests.cache_backends.UnreachableSecurityCache"},
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = REDIS_DOWN
    settings.PAGE_CACHE_ENABLED = True


def test_without_the_wrapper_a_cache_that_raises_would_fail_the_page(collectivity, client_for, settings):
    """The reason for the wrapper: Django's own backend raises, and the page answers 500."""
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "tests.cache_backends.RaisingLocMemCache"}}
    RaisingLocMemCache.down = True
    try:
        client = client_for(collectivity)
        client.raise_request_exception = False
        assert client.get("/").status_code == 500
    finally:
        RaisingLocMemCache.down = False


def test_public_pages_render_from_the_database_while_redis_is_down(redis_down, collectivity, client_for, news, caplog):
    article = ArticlePageFactory(parent=news, title="Ouverture de la saison")
    client = client_for(collectivity)
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        for url in ["/", "/en/", news.url, article.url, "/espace-hebergeur/"]:
            response = client.get(url)
            assert response.status_code == 200, url
        assert "Ouverture de la saison" in client.get("/").content.decode()
    records = caplog.get_records("setup") + caplog.get_records("call")
    warnings = [record for record in records if "unreachable" in record.getMessage()]
    assert len(warnings) == 1  # the breaker logs an outage once (here while the fixtures wrote), not per request


def test_a_host_logs_in_and_opens_the_dashboard_while_redis_is_down(redis_down, collectivity, client_for, host):
    from tests.factories import DEFAULT_PASSWORD

    client = client_for(collectivity)
    response = client.post(
        "/espace-hebergeur/",
        {"host_login_view-current_step": "auth", "auth-username": host.user.email, "auth-password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    dashboard = client.get(response["Location"], follow=True)
    assert dashboard.status_code == 200
    assert "tableau de bord" in dashboard.content.decode()


def test_the_cache_recovers_by_itself_and_says_so(settings, caplog, request):
    settings.CACHES = {
        **settings.CACHES,
        "default": counting_cache_settings(
            request, "tests.cache_backends.FlakyResilientCache", OPTIONS={"COOLDOWN": 0}
        ),
    }
    cache = caches["default"]
    cache.set("clé", "valeur")
    FlakyResilientCache.down = True
    try:
        with caplog.at_level(logging.WARNING, logger="portal.cache"):
            assert cache.get("clé") is None
            assert cache.set("autre", 1) is None
            assert cache.get_many(["clé"]) == {}
    finally:
        FlakyResilientCache.down = False
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        assert cache.get("clé") == "valeur"
    messages = [record.getMessage() for record in caplog.records]
    assert sum("unreachable" in message for message in messages) == 1
    assert sum("reachable again" in message for message in messages) == 1


def test_the_breaker_leaves_a_failed_cache_alone_for_a_while(settings, request):
    settings.CACHES = {
        **settings.CACHES,
        "default": counting_cache_settings(
            request, "tests.cache_backends.FlakyResilientCache", OPTIONS={"COOLDOWN": 60}
        ),
    }
    cache = caches["default"]
    cache.set("clé", "valeur")
    FlakyResilientCache.down = True
    try:
        assert cache.get("clé") is None
    finally:
        FlakyResilientCache.down = False
    # Back, but not tried again before the cooldown: no request waits on a server that just failed.
    assert cache.get("clé") is None


# --- Security counters fail closed ------------------------------------------------------------


@override_settings(CACHES=REDIS_DOWN)
def test_an_activation_code_is_refused_while_the_guess_counter_is_unavailable(collectivity, client_for):
    host = HostFactory(site=collectivity.site)
    good = activation.issue_code(host)
    response = client_for(collectivity).post(
        "/espace-hebergeur/activer/",
        {
            "code": good,
            "email": "nouvel.hote@example.com",
            "password1": "Glacier-Blanc-2026-Ecrins",
            "password2": "Glacier-Blanc-2026-Ecrins",
        },
    )
    assert response.status_code == 429
    host.refresh_from_db()
    assert host.user is None


@override_settings(CACHES=REDIS_DOWN)
def test_the_throttled_api_refuses_while_its_counter_is_unavailable(collectivity, client_for):
    DeliberationFactory(site=collectivity.site, year=2026)
    response = client_for(collectivity).get("/api/v1/tariffs/", {"date": "2026-07-14"})
    assert response.status_code == 429


@override_settings(CACHES=REDIS_DOWN)
def test_no_reset_email_leaves_while_its_allowance_is_unavailable(collectivity, client_for, host, mailoutbox):
    client_for(collectivity).post("/espace-hebergeur/mot-de-passe-oublie/", {"email": host.user.email})
    assert mailoutbox == []


def test_the_throttled_api_answers_while_its_counter_works(collectivity, client_for):
    DeliberationFactory(site=collectivity.site, year=2026)
    response = client_for(collectivity).get("/api/v1/tariffs/", {"date": "2026-07-14"})
    assert response.status_code == 200
