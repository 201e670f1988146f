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


class PermissionsPolicyMiddleware:
    """Every response says which browser features the portal's pages may use (``PERMISSIONS_POLICY``), and no ``Server``.

    The portal uses none of the powerful features (camera, microphone,
    location, payment…): hosts pay the tax on the DGFiP's own site (PayFiP, by
    redirect), staff use TOTP codes, not security keys. Tutorial videos may go
    full screen and picture-in-picture, on the portal's own pages only. Turning
    everything else off means a script that slipped in could not ask for them,
    nor could a framed page (framing is refused anyway). First in MIDDLEWARE,
    so static files and error pages carry it too.

    A ``Server`` header set by anything in the application is removed; gunicorn
    writes its own after the application, which the reverse proxy hides (README,
    « Deployment »).
    """

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        if "Server" in response.headers:
            del response.headers["Server"]
        return response
