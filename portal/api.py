"""The public API, versioned in its path (``/api/v1/``), described by OpenAPI at ``/api/v1/schema/``.

Each domain keeps its endpoints in its own ``api.py``; this module only lays
them out, with the schema and its documentation page (Swagger UI served from
the drf-spectacular-sidecar package: nothing comes from a CDN, and the page's
script is a static file, so the CSP holds).
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from hostspace.declarations.api import AccommodationListView, StayDetailView, StayListView
from hostspace.tax.api import EstimateView, TariffsView

app_name = "api"


def public_endpoints_only(endpoints, **kwargs):
    """The schema describes this API, not the Wagtail admin's internal one (also under the same URLconf)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


urlpatterns = [
    path("tariffs/", TariffsView.as_view(), name="tariffs"),
    path("estimate/", EstimateView.as_view(), name="estimate"),
    path("stays/", StayListView.as_view(), name="stays"),
    path("stays/<int:pk>/", StayDetailView.as_view(), name="stay"),
    path("accommodations/", AccommodationListView.as_view(), name="accommodations"),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
