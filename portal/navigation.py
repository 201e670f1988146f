"""The header and footer links of a collectivity's site, with its branding, cached per site and language.

Pages, branding and the logo's rendition are looked up once per site and
language and the result is kept in the cache until the content version changes
(a page published, moved or deleted, the branding saved…: ``portal.signals``).
So a page that is not in the page cache still reads its layout in the one
``get_many`` of its fragments (``portal.fragments``), with no query.
"""

from django.apps import apps
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from portal import fragments, versions

CACHE_SECONDS = 60 * 10
# The logo in the header: 64 pixels high (twice the displayed 32, for sharp screens).
LOGO_SPEC = "height-64"

# Page types linked from the main navigation, in order, after « Accueil ».
MAIN_PAGE_TYPES = ["news.NewsIndexPage", "guides.HelpIndexPage"]
# Page types linked from the footer, in order (the legal pages).
FOOTER_PAGE_TYPES = ["guides.LegalPage"]


def _models(labels):
    found = []
    for label in labels:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return found


def version():
    """The content version (``portal.versions``), read once per request."""
    return versions.current()


def invalidate():
    """Forget every cached navigation, fragment and page, after a change visitors may see."""
    versions.bump()


def _pages_of_types(home, models):
    """Live pages under ``home`` of the given types, ordered by the given type order then tree order."""
    if not models:
        return []
    pages = Page.objects.live().public().descendant_of(home).type(*models).specific(defer=True).order_by("path")
    order = {model: index for index, model in enumerate(models)}
    return sorted(pages, key=lambda page: (order.get(type(page), len(order)), page.path))


def build_navigation(site, language):
    """Compute the links for ``site`` in ``language``: a dict with ``main`` and ``footer`` lists."""
    root = site.root_page
    home = root
    locale = Locale.objects.filter(language_code=language).first()
    if locale and root.locale_id != locale.pk:
        home = root.get_translation_or_none(locale) or root
    home_url = home.get_url(request=None, current_site=site) or "/"
    main = [{"title": _("Accueil"), "url": home_url, "kind": "home"}]
    for page in _pages_of_types(home, _models(MAIN_PAGE_TYPES)):
        main.append({"title": page.title, "url": page.get_url(current_site=site), "kind": "page"})
    main.append({"title": _("Espace hébergeur"), "url": reverse("hostspace:login"), "kind": "hostspace"})
    footer = [
        {"title": page.title, "url": page.get_url(current_site=site)}
        for page in _pages_of_types(home, _models(FOOTER_PAGE_TYPES))
    ]
    return {"home_url": home_url, "main": main, "footer": footer}


def logo_of(branding, spec=LOGO_SPEC):
    """The URL and size of the logo's rendition (made here, once per navigation, never per request)."""
    if branding is None or branding.logo_id is None:
        return None
    rendition = branding.logo.get_rendition(spec)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


def build_layout(site, language):
    """The navigation of ``site`` in ``language`` with its branding (the settings row, its stylesheet's
    fingerprint and its logo), everything the base template shows around a page."""
    from portal.models import BrandingSettings
    from portal.views import branding_version

    layout = build_navigation(site, language)
    branding = BrandingSettings.for_site(site)
    layout["branding"] = branding.keep_support_hours() if branding is not None else None
    layout["branding_version"] = branding_version(branding)
    layout["logo"] = logo_of(branding)
    return layout


def navigation_key(site, language=None):
    return f"portal:navigation:{version()}:{site.pk}:{language or get_language() or 'fr'}"


def navigation_for(site, language=None):
    """The cached navigation and branding of ``site`` in ``language`` (the active one by default)."""
    if site is None:
        return {"home_url": "/", "main": [], "footer": [], "branding": None, "branding_version": "", "logo": None}
    language = language or get_language() or "fr"
    return fragments.get_or_build(navigation_key(site, language), lambda: build_layout(site, language), CACHE_SECONDS)
