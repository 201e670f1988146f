"""The header and footer of every page, rendered once and kept in this worker's memory.

They are the same for every visitor of a site in one language until the content
changes: the navigation, the branding and the language links come from the
content, and the header marks the current address (``aria-current``). So each
part is kept per site, language and content version, and the header per address
too; a content change (``portal.versions``) retires them all, in every worker, as
it retires cached pages. Nothing personal may go into these parts: messages, forms
and anything about the logged-in person stay in the page itself (``base.html``).

Only a request whose content version is known (``portal.page_cache`` activates it)
is served from here; otherwise the part is simply rendered.
"""

from django.conf import settings
from django.utils.translation import get_language

from portal import versions
from portal.page_cache import LocalPages

parts = LocalPages(getattr(settings, "LAYOUT_CACHE_ENTRIES", 1000))


def part_key(template_name, request, site, per_path):
    version = versions.active()
    if version is None or request is None or site is None or request.method not in ("GET", "HEAD"):
        return None
    address = request.get_full_path() if per_path else ""
    return (template_name, site.pk, get_language(), version, address)


def render_part(context, template_name, per_path=False):
    """``template_name`` rendered with ``context``, from memory when the same part was rendered already."""
    key = part_key(template_name, context.get("request"), context.get("current_site"), per_path)
    html = parts.get(key) if key is not None else None
    if html is None:
        template = context.template.engine.get_template(template_name)
        with context.push():
            html = template.render(context)
        if key is not None:
            parts.put(key, html)
    return html
