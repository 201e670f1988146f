"""What the dashboard shows from the CMS: latest news, the guide, tutorials, help page and guided tour.

The same for every host of a collectivity, so cached per site and language; the
key follows the navigation's version, which page publication bumps
(``portal.signals``).
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

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


def _build(site):
    help_page = guides.help_index(site)
    articles = latest_articles(site, limit=3)
    tutorials = guides.tutorials(site, limit=3)
    # The template writes ``page.url``: each page carries the sites' root paths with it into the cache,
    # so that no request reads them from the cache once per link (Wagtail keeps them on the page object).
    root_paths = Site.get_site_root_paths()
    for page in [*articles, *tutorials]:
        page._wagtail_cached_site_root_paths = root_paths
    return {
        "articles": articles,
        "guide": guides.guide_document(site),
        "tutorials": tutorials,
        "tour_steps": tour_steps_for(site),
        "help_url": help_page.get_url(current_site=site) if help_page else None,
    }


def cms_content(site):
    """News, guide, tutorials, help page and tour of ``site`` in the active language.

    Fetched in the same round trip as the page's layout (``portal.fragments``).
    """
    fragments.prefetch([cms_content_key(site), navigation.navigation_key(site)])
    return fragments.get_or_build(cms_content_key(site), lambda: _build(site), CMS_CACHE_SECONDS)
