"""« Mes paiements » in the host space (namespace ``hostspace``)."""

from django.urls import path

from hostspace.payments import views

PREFIX = "tableau-de-bord/paiements/"

urlpatterns = [
    path(PREFIX, views.PaymentsHomeView.as_view(), name="payments"),
    path(f"{PREFIX}quittances/<int:pk>/", views.ReceiptView.as_view(), name="payment_receipt"),
    path(f"{PREFIX}<str:reference>/", views.BasketView.as_view(), name="payment_basket"),
    path(f"{PREFIX}<str:reference>/payfip/", views.StartPayfipView.as_view(), name="payment_payfip"),
    path(f"{PREFIX}<str:reference>/retour/", views.ReturnView.as_view(), name="payment_return"),
    path(f"{PREFIX}<str:reference>/avis-de-paiement.pdf", views.PaymentRequestView.as_view(), name="payment_request"),
]
