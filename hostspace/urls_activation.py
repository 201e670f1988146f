"""Account activation with the letter's code, and acceptance of the terms."""

from django.urls import path

from hostspace.views.activation import ActivationView
from hostspace.views.terms import TermsAcceptanceView, TermsDocumentView

urlpatterns = [
    path("activer/", ActivationView.as_view(), name="activate"),
    path("conditions/", TermsAcceptanceView.as_view(), name="terms"),
    path("conditions/<slug:kind>/", TermsDocumentView.as_view(), name="terms_document"),
]
