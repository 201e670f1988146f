"""Read-only queries on actualités that other apps (home page, host dashboard) reuse."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.utils.translation import get_language
from wagtail.models import Locale, PageViewRestriction

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


def exclude_private(pages):
    """``pages`` without those in a private section, in the same SQL query.

    Wagtail's ``PageQuerySet.public()`` first loads every view restriction (one
    more query per call); this subquery keeps listings at a fixed query count.
    """
    restricted = PageViewRestriction.objects.annotate(
        candidate_path=ExpressionWrapper(OuterRef("path"), output_field=CharField())
    ).filter(candidate_path__startswith=F("page__path"))
    return pages.exclude(Exists(restricted))


def latest_articles(site, language=None, limit=3):
    """The ``limit`` latest live actualités of ``site`` in ``language``: pinned first, then newest.

    At most two queries (the home page in that language, unless it is the
    site's root; the articles); the list carries no lazy relation.
    """
    return articles_under(site_home(site, language), limit=limit)


def articles_under(home, limit=3):
    """The ``limit`` latest live public actualités below ``home`` (a home page in one language), pinned first."""
    if home is None:
        return []
    articles = (
        exclude_private(ArticlePage.objects.live())
        .filter(path__startswith=home.path, depth__gt=home.depth, locale_id=home.locale_id)
        .order_by(*ArticlePage.LISTING_ORDER)
        .select_related("locale")
    )
    if limit:
        articles = articles[:limit]
    return list(articles)
