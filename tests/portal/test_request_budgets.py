"""What one request costs: SQL queries and cache round trips, rendered and from the page cache.

Counted, never timed: speed is measured by ``make bench``, not asserted here.
The cache is ``tests.cache_backends.CountingLocMemCache``, which counts each
call as the round trip it would be to Redis.
"""

import pytest

from tests.cache_backends import counting_cache, counting_cache_settings
from tests.factories import (
    AccommodationFactory,
    ArticlePageFactory,
    GuideDocumentFactory,
    GuidedTourPageFactory,
    HelpIndexPageFactory,
    LegalPageFactory,
    TermsAcceptanceFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def counting_cache_backend(settings, request):
    settings.CACHES = {**settings.CACHES, "default": counting_cache_settings(request)}


@pytest.fixture
def public_site(collectivity, news):
    """A home page with its help, tour, guide, a legal page and a few actualités."""
    help_page = HelpIndexPageFactory(parent=collectivity.home, guide_document=GuideDocumentFactory())
    GuidedTourPageFactory(parent=help_page)
    LegalPageFactory(parent=collectivity.home, kind="mentions")
    articles = [ArticlePageFactory(parent=news) for _ in range(5)]
    return {"home": "/", "news": news.url, "article": articles[-1].url}


@pytest.mark.parametrize(("page", "max_queries"), [("home", 5), ("news", 8), ("article", 8)])
def test_a_public_page_rendered_again_costs_few_queries_and_two_cache_round_trips(
    public_site, collectivity, client_for, django_assert_max_num_queries, page, max_queries
):
    client = client_for(collectivity)
    client.get(public_site[page])  # the fragments (navigation, links) are cached by the first visit
    with counting_cache() as calls, django_assert_max_num_queries(max_queries):
        response = client.get(public_site[page])
    assert response.status_code == 200
    # The content version, then every fragment of the page in one get_many; nothing written.
    assert [operation for operation, _keys in calls] == ["get", "get_many"], calls


def test_a_page_from_the_page_cache_costs_one_round_trip_and_no_query(
    public_site, collectivity, client_for, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = True
    client = client_for(collectivity)
    client.get("/")
    with counting_cache() as calls, django_assert_num_queries(0):
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert [operation for operation, _keys in calls] == ["get_many"]


def test_the_logo_is_not_written_to_the_cache_on_each_request(collectivity, client_for):
    import wagtail_factories

    collectivity.branding.logo = wagtail_factories.ImageFactory(title="Logo")
    collectivity.branding.save()
    client = client_for(collectivity)
    assert "site-brand__logo" in client.get("/").content.decode()
    with counting_cache() as calls:
        client.get("/")
    assert not [operation for operation, _keys in calls if operation.startswith("set")]


@pytest.fixture
def host_with_terms(collectivity, other_collectivity, news, host):
    """A host who accepted the terms, with two accommodations; actualités to link to, on one of two sites
    (with two sites, Wagtail writes absolute links, and reads the sites' root paths to do so)."""
    for _ in range(3):
        ArticlePageFactory(parent=news)
    for kind in ("cgu", "privacy"):
        TermsAcceptanceFactory(user=host.user, version=TermsVersionFactory(site=collectivity.site, kind=kind))
    for _ in range(2):
        AccommodationFactory(host=host)
    return host


@pytest.mark.parametrize(
    ("url", "max_queries"),
    [("/espace-hebergeur/tableau-de-bord/", 7), ("/espace-hebergeur/tableau-de-bord/declarations/", 8)],
)
def test_a_host_page_keeps_to_its_query_budget_and_two_cache_round_trips(
    host_with_terms, host_client, django_assert_max_num_queries, url, max_queries
):
    host_client.get(url)  # the first visit remembers in the session that the terms are accepted
    with counting_cache() as calls, django_assert_max_num_queries(max_queries):
        response = host_client.get(url)
    assert response.status_code == 200
    assert [operation for operation, _keys in calls] == ["get", "get_many"], calls


def test_a_new_terms_version_is_still_asked_for_after_the_session_remembered_the_old_ones(
    collectivity, host_with_terms, host_client
):
    assert host_client.get("/espace-hebergeur/tableau-de-bord/").status_code == 200
    TermsVersionFactory(site=collectivity.site, kind="cgu", label="Version 2")
    response = host_client.get("/espace-hebergeur/tableau-de-bord/")
    assert response.status_code == 302 and response["Location"].endswith("/conditions/")
