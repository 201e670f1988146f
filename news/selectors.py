"""Read-only queries on actualités that other apps (home page, host dashboard) reuse."""

from django.utils.translation import get_language
from wagtail.models import Locale

from news.models import ArticlePage


def site_home(site, language=None):
    """The home page of ``site`` in ``language`` (the active one by default), or its French original."""
    if site is None:
        return None
    root = site.root_page
    language = (language or get_language() or "fr").split("-")[0]
    if root.locale.language_code == language:
        return root
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return root
    return root.get_translation_or_none(locale) or root


def latest_articles(site, language=None, limit=3):
    """The ``limit`` latest live actualités of ``site`` in ``language``: pinned first, then newest.

    At most three queries (the home page in that language, the view
    restrictions, the articles); the list carries no lazy relation.
    """
    home = site_home(site, language)
    if home is None:
        return []
    articles = (
        ArticlePage.objects.live()
        .filter(path__startswith=home.path, depth__gt=home.depth, locale_id=home.locale_id)
        .public()
        .order_by(*ArticlePage.LISTING_ORDER)
        .select_related("locale")
    )
    if limit:
        articles = articles[:limit]
    return list(articles)
