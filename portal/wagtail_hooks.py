"""Portal-wide additions to the Wagtail admin."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_widgets_without_inline_scripts():
    """Initialise the admin widgets whose inline scripts the CSP forbids (see portal/middleware.py)."""
    return format_html('<script src="{}"></script>', static("portal/js/admin-widgets.js"))
