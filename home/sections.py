"""The links the home page shows besides the latest actualités: news index, feeds, help, tour, guide,
and the first tutorials with their poster images.

They change only when an editor publishes a page or changes a document, so
they are cached per home page under the navigation's version (bumped by every
publication, see ``portal.signals``, and by document changes, see
``home.signals``). The latest actualités themselves are never cached.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

from portal import fragments
from portal.navigation import CACHE_SECONDS
from portal.navigation import version as navigation_version

# The home page shows the first tutorials of « Besoin d'aide » as pictures, as that page does.
HOME_TUTORIALS = 2
POSTER_FILTER = "fill-480x270"


def _build(home, request):
    from guides.models import GuidedTourPage, HelpIndexPage, TutorialPage
    from news.models import NewsIndexPage
    from portal.pages import exclude_private

    help_page = exclude_private(HelpIndexPage.objects.child_of(home).live()).select_related("guide_document").first()
    # The news index and the tour page in one query, as light deferred instances (URL and title only).
    pages = exclude_private(Page.objects.live()).filter(
        Q(depth=home.depth + 1, content_type=ContentType.objects.get_for_model(NewsIndexPage))
        | Q(depth=home.depth + 2, content_type=ContentType.objects.get_for_model(GuidedTourPage)),
        path__startswith=home.path,
    )
    found = {type(page): page for page in pages.order_by("path").specific(defer=True)}
    news_index = found.get(NewsIndexPage)
    tour_page = found.get(GuidedTourPage)
    document = help_page.guide_document if help_page else None

    def link(page):
        return {"url": page.get_url(request=request), "title": page.title} if page else None

    tutorials = []
    if help_page is not None:
        found_tutorials = exclude_private(TutorialPage.objects.child_of(help_page).live()).select_related("poster")
        for tutorial in found_tutorials.order_by("path")[:HOME_TUTORIALS]:
            poster = tutorial.poster.get_rendition(POSTER_FILTER) if tutorial.poster else None
            tutorials.append(
                {
                    **link(tutorial),
                    "duration": tutorial.duration,
                    "poster": {"url": poster.url, "width": poster.width, "height": poster.height} if poster else None,
                }
            )

    return {
        "news": link(news_index),
        "feed_urls": news_index.feed_urls(request) if news_index else None,
        "help": link(help_page),
        "tour": link(tour_page),
        "guide": {"url": document.url, "file_size": document.file_size} if document else None,
        "tutorials": tutorials,
    }


def sections_key(home, request):
    host = request.get_host() if request is not None else ""
    return f"home:sections:{navigation_version()}:{home.pk}:{host}"


def home_sections(home, request):
    """A dict of plain values (URLs, titles, sizes) for ``home``, from the cache when possible."""
    return fragments.get_or_build(sections_key(home, request), lambda: _build(home, request), CACHE_SECONDS)
