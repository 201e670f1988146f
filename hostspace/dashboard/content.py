"""What the dashboard shows from the CMS: latest news, the guide, tutorials, help page and guided tour.

The same for every host of a collectivity, so cached per site and language; the
key follows the navigation's version, which page publication bumps
(``portal.signals``).
"""

import dataclasses
import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guides import selectors as guides
from guides.selectors import TourStep
from portal import fragments, navigation
from portal.pages import latest_articles

CMS_CACHE_SECONDS = 300

# Shown when the collectivity has not written its own guided tour in the CMS yet.
DEFAULT_TOUR = [
    ("welcome", _("Votre tableau de bord"), _("Retrouvez ici tout ce qui concerne votre compte d'hébergeur.")),
    (
        "personal-info",
        _("Vos informations personnelles"),
        _("Vérifiez votre civilité, votre adresse, votre téléphone et votre courriel, et modifiez-les si besoin."),
    ),
    (
        "accommodations",
        _("Vos hébergements"),
        _("Vérifiez le type, la capacité, le numéro d'enregistrement et les périodes d'ouverture de chacun."),
    ),
    (
        "classifications",
        _("Vos classements"),
        _("Demandez un changement de classement en joignant la décision ; la collectivité le valide."),
    ),
    ("documents", _("Mes documents"), _("Le guide de la télédéclaration, votre lettre d'activation et vos décisions.")),
    ("news", _("Actualités"), _("Les dernières nouvelles de votre collectivité.")),
    ("help", _("Besoin d'aide"), _("Tutoriels vidéo, visite guidée et questions fréquentes.")),
    ("contact", _("Service technique"), _("Le numéro et les horaires du service technique de votre collectivité.")),
]


def tour_steps_for(site):
    """The collectivity's guided tour in the active language, or the default one."""
    return guides.tour_steps(site) or [
        TourStep(number=number, title=str(title), text=str(text), target=target)
        for number, (target, title, text) in enumerate(DEFAULT_TOUR, start=1)
    ]


def cms_content_key(site):
    return f"hostspace.dashboard.cms.{site.pk}.{get_language()}.{navigation.version()}"


@dataclasses.dataclass(frozen=True)
class Link:
    """A page the dashboard links to, as the cache keeps it: its title, its URL and its date (for news)."""

    title: str
    url: str
    date: datetime.date | None = None


TOUR_IMAGE = "max-480x270"


def _links(pages, site):
    return [
        Link(title=page.title, url=page.get_url(current_site=site), date=getattr(page, "date", None)) for page in pages
    ]


def _build(site):
    """What the template shows, ready: links rather than pages, renditions rather than images.

    Nothing of it reads the database or the cache again while the page renders (a page's URL, an image's
    rendition), and the cached value stays small.
    """
    help_page = guides.help_index(site)
    tour_steps = [
        dataclasses.replace(step, rendition=step.image.get_rendition(TOUR_IMAGE)) if step.image else step
        for step in tour_steps_for(site)
    ]
    return {
        "articles": _links(latest_articles(site, limit=3), site),
        "guide": guides.guide_document(site),
        "tutorials": _links(guides.tutorials(site, limit=3), site),
        "tour_steps": tour_steps,
        "help_url": help_page.get_url(current_site=site) if help_page else None,
    }


def cms_content(site):
    """News, guide, tutorials, help page and tour of ``site`` in the active language.

    Fetched in the same round trip as the page's layout (``portal.fragments``).
    """
    fragments.prefetch([cms_content_key(site), navigation.navigation_key(site)])
    return fragments.get_or_build(cms_content_key(site), lambda: _build(site), CMS_CACHE_SECONDS)
