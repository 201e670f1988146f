"""Template tags of the public portal pages."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def hostspace_url(name, fallback="login"):
    """The URL of the host-space view ``name``, or of ``fallback`` (the login page) while it does not exist.

    The host space is built alongside the public portal: a link to a view that
    is not there yet must not break the home page.
    """
    for candidate in (name, fallback):
        try:
            return reverse(f"hostspace:{candidate}")
        except NoReverseMatch:
            continue
    return "/"


@register.filter
def filesize_ko(size):
    """A file size in kilo-octets or méga-octets, French style (« 120 Ko », « 1,2 Mo »)."""
    try:
        size = int(size)
    except (TypeError, ValueError):
        return ""
    if size < 1024 * 1024:
        return _("%(size)s Ko") % {"size": max(1, round(size / 1024))}
    return _("%(size)s Mo") % {"size": number_format(size / (1024 * 1024), 1)}
