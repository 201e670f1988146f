"""Project-wide views: the per-site stylesheet and the error pages."""

import hashlib
import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from portal.models import BrandingSettings

logger = logging.getLogger(__name__)

BRANDING_CSS = """:root {{
  --brand-primary: {primary};
  --brand-on-primary: {on_primary};
  --brand-accent: {accent};
}}
"""


def branding_stylesheet(branding):
    """The CSS custom properties that carry a collectivity's colours to its pages."""
    if branding is None:
        branding = BrandingSettings()
    return BRANDING_CSS.format(
        primary=branding.primary_colour,
        on_primary=branding.text_on_primary,
        accent=branding.accent_colour,
    )


def branding_version(branding):
    """A short fingerprint of the stylesheet, put in its URL so browsers may cache it for long."""
    return hashlib.sha256(branding_stylesheet(branding).encode()).hexdigest()[:12]


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24 * 30)
def branding_css(request):
    """The colours of the requesting site, as a stylesheet (no inline style, so the CSP holds)."""
    site = Site.find_for_request(request)
    branding = BrandingSettings.for_site(site) if site else None
    return HttpResponse(branding_stylesheet(branding), content_type="text/css; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Render the branded error page; fall back to a plain one if even that fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the database itself may be what failed
        logger.exception("Could not render the branded 500 page")
        return HttpResponse(loader.get_template("500_plain.html").render(), status=500)
