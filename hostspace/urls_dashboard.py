"""The host's dashboard: personal information, accommodations, classifications, documents."""

from django.urls import path

from hostspace.views.dashboard import DashboardView

urlpatterns = [
    path("tableau-de-bord/", DashboardView.as_view(), name="dashboard"),
]
