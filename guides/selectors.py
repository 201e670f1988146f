"""Read-only queries on the help content that other apps (home page, host dashboard) reuse."""

from dataclasses import dataclass

from guides.models import TOUR_TARGETS, GuidedTourPage, HelpIndexPage, TutorialPage
from portal.pages import site_home

TARGET_LABELS = dict(TOUR_TARGETS)


@dataclass(frozen=True)
class TourStep:
    """One step of the guided tour; ``target`` is a key of ``guides.models.TOUR_TARGETS``."""

    number: int
    title: str
    text: str
    target: str
    image: object = None
    image_alt: str = ""
    rendition: object = None  # the image at the size a page shows it, when the page made it ready

    @property
    def target_label(self):
        return TARGET_LABELS.get(self.target, self.target)


def _live_under(model, home):
    return (
        model.objects.live()
        .public()
        .filter(path__startswith=home.path, depth__gt=home.depth, locale_id=home.locale_id)
        .order_by("path")
    )


def help_index(site, language=None):
    """The live « Besoin d'aide » page of ``site`` in the active language, or None."""
    home = site_home(site, language)
    if home is None:
        return None
    return _live_under(HelpIndexPage, home).select_related("guide_document").first()


def guide_document(site, language=None):
    """The Wagtail document « Le guide de la télédéclaration » of ``site``, or None.

    The help page in the active language decides; a translation without its own
    guide falls back to the one of the site's original (French) help page.
    """
    page = help_index(site, language)
    if page is not None and page.guide_document_id:
        return page.guide_document
    original = help_index(site, site.root_page.locale.language_code) if site else None
    return original.guide_document if original is not None else None


def tutorials(site, limit=None, language=None):
    """The live tutorial pages of ``site`` in the active language, in the editors' order."""
    home = site_home(site, language)
    if home is None:
        return []
    pages = _live_under(TutorialPage, home).select_related("poster", "locale")
    if limit:
        pages = pages[:limit]
    return list(pages)


def tour_page(site, language=None):
    """The live « Visite guidée » page of ``site`` in the active language, or None."""
    home = site_home(site, language)
    if home is None:
        return None
    return _live_under(GuidedTourPage, home).first()


def tour_steps(site, language=None):
    """The ordered steps of the site's guided tour in the active language (empty without a tour page)."""
    page = tour_page(site, language)
    if page is None:
        return []
    steps = []
    for number, block in enumerate((b for b in page.steps if b.block_type == "step"), start=1):
        value = block.value
        steps.append(
            TourStep(
                number=number,
                title=value.get("title", ""),
                text=value.get("text", ""),
                target=value.get("target", ""),
                image=value.get("image"),
                image_alt=value.get("image_alt", ""),
            )
        )
    return steps
