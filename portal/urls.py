"""The portal's URLs: French unprefixed, English under /en/."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from hostspace.accounts.two_factor import wagtail_login_closed
from hostspace.accounts.urls import two_factor_patterns
from hostspace.accounts.views import StaffLogoutView
from hostspace.payments import views as payment_views
from portal import views
from portal.media import public_media

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    # Wagtail's own login is closed: staff log in with a second factor (two_factor:login).
    path("admin/login/", wagtail_login_closed),
    # Wagtail's logout, POST-only and ending the server session (hostspace/accounts/views.py).
    path("admin/logout/", StaffLogoutView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("branding.css", views.branding_css, name="branding_css"),
    path("api/v1/", include("portal.api")),
    # PayFiP's server-to-server notification: outside the language prefixes, the same for every collectivity.
    path("paiements/payfip/notification/", payment_views.payfip_notification, name="payfip_notification"),
]

if settings.PAYFIP_SIMULATOR:
    # Development and tests only (« Simulateur PayFiP — aucun paiement réel »): never in production.
    urlpatterns.append(path("simulateur-payfip/", include("hostspace.payments.simulator_urls")))

if settings.PORTAL_SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    # Public uploads, in production too, with safe headers (portal/media.py).
    urlpatterns.append(re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", public_media))

urlpatterns += i18n_patterns(
    path("espace-hebergeur/", include("hostspace.urls")),
    path("securite/", include((two_factor_patterns, "two_factor"))),
    path("recherche/", home_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
