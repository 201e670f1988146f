"""The portal's Content-Security-Policy middleware."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
# Swagger UI (the API documentation page) styles itself inline; its script is a static file.
INLINE_STYLE_PREFIXES = (ADMIN_PREFIX, "/api/v1/docs/")


class PortalCSPMiddleware(CSPMiddleware):
    """The strict policy of ``CONTENT_SECURITY_POLICY`` everywhere.

    Wagtail's admin still writes inline styles (``style="…"`` attributes, and
    ``<style>`` elements from the Draftail editor), so admin pages alone accept
    inline *styles* and local ``blob:`` image previews; that is the lesser risk,
    and only staff see these pages. Scripts stay ``'self'`` only: the admin's few
    inline scripts are replaced by data attributes (portal/templates/wagtailadmin)
    read by ``portal/js/admin-widgets.js``.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path.startswith(INLINE_STYLE_PREFIXES):
            parts.update = {
                **(parts.update or {}),
                "style-src": [UNSAFE_INLINE],
                "img-src": ["blob:"],
            }
        return parts
