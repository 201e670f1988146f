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


def _host_context(request):
    """Whether the visitor is a host of this site (their way back is their space), and why a 403 happened.

    ``reason`` is "staff" for a staff member in the host space (their work is in
    the admin), "no_host_record" for an account without a host record on this
    site, and empty otherwise (a refusal elsewhere says no more than that).
    """
    from hostspace.accounts.access import current_host

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_host": False, "reason": ""}
    if current_host(request) is not None:
        return {"is_host": True, "reason": ""}
    match = getattr(request, "resolver_match", None)
    if match is None or "hostspace" not in match.namespaces:
        return {"is_host": False, "reason": ""}
    return {"is_host": False, "reason": "staff" if user.is_staff else "no_host_record"}


def page_not_found(request, exception=None):
    return render(request, "404.html", _host_context(request), status=404)


def permission_denied(request, exception=None):
    """The branded 403: it tells staff that the host space is for hosts, and anyone the way back."""
    return render(request, "403.html", _host_context(request), status=403)


def csrf_failure(request, reason=""):
    """A form sent from a page too old (or without cookies): the branded page says what to do."""
    return render(request, "403_csrf.html", _host_context(request), status=403)


def server_error(request):
    """Render the branded error page; fall back to a plain one if even that fails."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the database itself may be what failed
        logger.exception("Could not render the branded 500 page")
        return HttpResponse(loader.get_template("500_plain.html").render(), status=500)
