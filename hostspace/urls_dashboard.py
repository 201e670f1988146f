"""The host's dashboard: personal information, accommodations, classifications, documents."""

from django.urls import path

from hostspace.views.accommodations import AccommodationEditView, AccommodationListView
from hostspace.views.classifications import ClassificationListView, ClassificationRequestView
from hostspace.views.dashboard import DashboardView
from hostspace.views.documents import ActivationLetterView, DecisionDocumentView, DocumentListView
from hostspace.views.profile import ConfirmEmailView, PersonalInfoView

urlpatterns = [
    path("tableau-de-bord/", DashboardView.as_view(), name="dashboard"),
    path("tableau-de-bord/informations/", PersonalInfoView.as_view(), name="profile"),
    path("tableau-de-bord/courriel/<str:token>/", ConfirmEmailView.as_view(), name="confirm_email"),
    path("tableau-de-bord/hebergements/", AccommodationListView.as_view(), name="accommodations"),
    path("tableau-de-bord/hebergements/<int:pk>/", AccommodationEditView.as_view(), name="accommodation_edit"),
    path("tableau-de-bord/classements/", ClassificationListView.as_view(), name="classifications"),
    path("tableau-de-bord/classements/demande/", ClassificationRequestView.as_view(), name="classification_request"),
    path("tableau-de-bord/documents/", DocumentListView.as_view(), name="documents"),
    path("tableau-de-bord/documents/decisions/<int:pk>/", DecisionDocumentView.as_view(), name="decision_document"),
    path("tableau-de-bord/documents/lettre-activation/", ActivationLetterView.as_view(), name="activation_letter"),
]
