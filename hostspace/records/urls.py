"""The host's accommodations and classifications, and the decisions they uploaded."""

from django.urls import path

from hostspace.records.views import (
    AccommodationEditView,
    AccommodationListView,
    ClassificationListView,
    ClassificationRequestView,
    ClassificationWithdrawView,
    DecisionDocumentView,
)

urlpatterns = [
    path("tableau-de-bord/hebergements/", AccommodationListView.as_view(), name="accommodations"),
    path("tableau-de-bord/hebergements/<int:pk>/", AccommodationEditView.as_view(), name="accommodation_edit"),
    path("tableau-de-bord/classements/", ClassificationListView.as_view(), name="classifications"),
    path("tableau-de-bord/classements/demande/", ClassificationRequestView.as_view(), name="classification_request"),
    path(
        "tableau-de-bord/classements/<int:pk>/retirer/",
        ClassificationWithdrawView.as_view(),
        name="classification_withdraw",
    ),
    path("tableau-de-bord/documents/decisions/<int:pk>/", DecisionDocumentView.as_view(), name="decision_document"),
]
