"""The host's dashboard, personal information and « Mes documents »."""

from django.urls import path

from hostspace.dashboard.views import (
    ActivationLetterView,
    ConfirmEmailView,
    DashboardView,
    DocumentListView,
    PersonalInfoView,
)

urlpatterns = [
    path("tableau-de-bord/", DashboardView.as_view(), name="dashboard"),
    path("tableau-de-bord/informations/", PersonalInfoView.as_view(), name="profile"),
    path("tableau-de-bord/courriel/<str:token>/", ConfirmEmailView.as_view(), name="confirm_email"),
    path("tableau-de-bord/documents/", DocumentListView.as_view(), name="documents"),
    path("tableau-de-bord/documents/lettre-activation/", ActivationLetterView.as_view(), name="activation_letter"),
]
