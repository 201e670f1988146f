"""Template tags of the portal's layout."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from portal import dates, fragments, navigation, versions

register = template.Library()


@register.filter
def long_date(value):
    """« 1er janvier 2026 » in French, « 1 January 2026 » in English."""
    return dates.long_date(value)


@register.simple_tag(takes_context=True)
def layout_part(context, template_name, per_path=False):
    """The header or footer of the page (``template_name``), rendered once per site, language and version."""
    from portal import layout

    return layout.render_part(context, template_name, per_path=per_path)


def language_links_key(site, page, language=None):
    """The cache key of ``page``'s language links on ``site`` (they change with the content version)."""
    return f"portal:languages:{versions.current()}:{site.pk if site else 0}:{page.pk}:{language or get_language()}"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language to the same page in that language (its translation, or the same view).

    For a Wagtail page, cached per page, language and content version: finding
    the translations costs queries that a published page does not need twice.
    """
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        site = context.get("current_site")
        return fragments.get_or_build(
            language_links_key(site, page), lambda: _language_links(context), navigation.CACHE_SECONDS
        )
    return _language_links(context)


def _language_links(context):
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    translations = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request=request)
        elif isinstance(page, Page):
            # No translation of this page: the home page in that language.
            locale = Locale.objects.filter(language_code=code).first()
            site = context.get("current_site")
            root = site.root_page if site else None
            home = root.get_translation_or_none(locale) if (root and locale) else None
            url = home.get_url(request=request) if home else "/"
        else:
            url = translate_url(request.get_full_path() if request else "/", code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
