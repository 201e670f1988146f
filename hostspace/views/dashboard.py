"""The host's dashboard (« Bienvenue sur votre tableau de bord »).

One page that summarises everything the host can do: personal information,
accommodations and their classifications, documents, news, help and the
guided tour. Content edited in the CMS comes from the news and guides
selectors; the dashboard still opens when one of them is missing.
"""

import importlib
import logging

from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from hostspace.access import HostRequiredMixin

logger = logging.getLogger(__name__)


def optional(module_name, attribute):
    """A function of another app, or None while that app does not provide it."""
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, attribute, None)


def optional_url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def call_selector(module_name, attribute, *args, default=None, **kwargs):
    """Call a selector of another app; an error there must not take the dashboard down."""
    selector = optional(module_name, attribute)
    if selector is None:
        return default
    try:
        return selector(*args, **kwargs)
    except Exception:  # the dashboard degrades to "nothing to show" rather than a 500
        logger.exception("Selector %s.%s failed", module_name, attribute)
        return default


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


class TourStep:
    """One step of the guided tour: the dashboard element it points at (``target``), a title and a text."""

    def __init__(self, target, title, text, image=None, plain=False, image_alt=""):
        self.target, self.title, self.text, self.image, self.plain = target, title, text, image, plain
        self.image_alt = image_alt


def tour_steps_for(site):
    steps = call_selector("guides.selectors", "tour_steps", site, default=None)
    if steps:
        return [
            TourStep(
                getattr(step, "target", "welcome") or "welcome",
                getattr(step, "title", ""),
                getattr(step, "text", "") or "",
                getattr(step, "image", None),
                plain=not isinstance(getattr(step, "text", ""), str)
                and not hasattr(getattr(step, "text", ""), "source"),
            )
            for step in steps
        ]
    return [TourStep(target, str(title), str(text), plain=True) for target, title, text in DEFAULT_TOUR]


CMS_CACHE_SECONDS = 300


def page_url(page, site):
    """The URL of a CMS page as a string (cacheable), or None."""
    if page is None:
        return None
    try:
        return page.get_url(current_site=site)
    except Exception:  # a page without a route must not take the dashboard down
        logger.exception("No URL for page %s", getattr(page, "pk", None))
        return None


def cms_content(site):
    """News, guide, tutorials and tour of ``site`` in the active language.

    The same for every host of the collectivity, so cached; the key follows the
    navigation's version, which page publication bumps (``portal.signals``).
    """
    version_of = optional("portal.navigation", "_version")
    version = version_of() if version_of else 0
    key = f"hostspace.dashboard.cms.{site.pk}.{get_language()}.{version}"
    content = cache.get(key)
    if content is None:
        content = {
            "articles": call_selector("news.selectors", "latest_articles", site, limit=3, default=[]),
            "guide": call_selector("guides.selectors", "guide_document", site),
            "tutorials": call_selector("guides.selectors", "tutorials", site, limit=3, default=[]),
            "tour_steps": tour_steps_for(site),
            "help_url": page_url(call_selector("guides.selectors", "help_index", site), site),
        }
        try:
            cache.set(key, content, CMS_CACHE_SECONDS)
        except Exception:  # an unpicklable value must not break the page; it is simply not cached
            logger.warning("Dashboard CMS content of site %s not cached", site.pk)
    return content


class DashboardView(HostRequiredMixin, TemplateView):
    template_name = "hostspace/dashboard.html"

    def get_context_data(self, **kwargs):
        host = self.request.host
        site = host.site
        accommodations = list(host.accommodations.prefetch_related("classifications", "opening_periods"))
        for accommodation in accommodations:
            accommodation.current = accommodation.current_classification()
            accommodation.pending = accommodation.pending_classification()
        return super().get_context_data(
            host=host,
            accommodations=accommodations,
            expiring=[a for a in accommodations if a.current and a.current.expires_soon()],
            expired=[a for a in accommodations if a.current and a.current.is_expired()],
            pending_count=sum(1 for a in accommodations if a.pending),
            **cms_content(site),
            security_url=optional_url("hostspace:security"),
            logout_url=optional_url("hostspace:logout"),
            **kwargs,
        )
