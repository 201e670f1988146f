"""A CDN or Varnish in front is told which URLs to forget when their pages change."""

import pytest

from portal.pages import publish
from tests.cache_backends import RecordingPurgeBackend
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.cache_backends.RecordingPurgeBackend"}}
    RecordingPurgeBackend.purged = []
    return RecordingPurgeBackend.purged


def test_a_published_page_is_purged(collectivity, news, purged):
    article = publish(ArticlePageFactory(parent=news, slug="ouverture"))
    assert any(url.endswith("/actualites/ouverture/") for url in purged)
    assert article.live


def test_new_branding_purges_every_page_of_the_site(
    collectivity, other_collectivity, news, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        collectivity.branding.short_name = "Écrins et Vallées"
        collectivity.branding.save()
    assert "http://paysdesecrins.localhost/" in purged
    assert any(url.endswith("/actualites/") for url in purged)
    assert not [url for url in purged if "serreponcon" in url]
