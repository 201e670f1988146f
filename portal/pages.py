"""Page helpers every app shares: a site's home in a language, public-only listings, the latest
actualités, and the few writes that build a collectivity's tree (publish, translate, add a child)."""

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


def locales():
    """The French and English locales, created if missing."""
    french, _ = Locale.objects.get_or_create(language_code="fr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return french, english


def publish(page):
    """Publish the latest state of ``page`` as a revision, as an editor would."""
    page.save_revision().publish()
    return page


def translation_of(page, locale, **fields):
    """The translation of ``page`` in ``locale`` with ``fields`` set and published; created once."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


def child_page(parent, model, slug, **fields):
    """The child of ``parent`` with ``slug``, created and published with ``fields`` if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    return publish(page)
