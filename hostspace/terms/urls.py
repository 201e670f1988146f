"""Acceptance of the terms in force, and the pages showing their text."""

from django.urls import path

from hostspace.terms.views import TermsAcceptanceView, TermsDocumentView

urlpatterns = [
    path("conditions/", TermsAcceptanceView.as_view(), name="terms"),
    path("conditions/<slug:kind>/", TermsDocumentView.as_view(), name="terms_document"),
]
