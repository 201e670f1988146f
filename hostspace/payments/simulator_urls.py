"""The PayFiP simulator's URLs, included by portal/urls.py only where ``PAYFIP_SIMULATOR`` is on."""

from django.urls import path

from hostspace.payments import simulator

urlpatterns = [
    path("services/securite", simulator.endpoint, name="payfip_simulator_endpoint"),
    path("paiement/", simulator.payer, name="payfip_simulator_payer"),
]
