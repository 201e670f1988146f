"""Payments in the Wagtail admin: the agents' screens (payments, PayFiP operations, cheques and transfers
recorded) and the names of the logged actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

import hostspace.payments.admin_views  # noqa: F401  the agents' screens register their URLs and menu

ACTIONS = [
    ("hostspace.payment.basket", _("Panier de paiement"), _("Panier de paiement créé par l'hébergeur")),
    ("hostspace.payment.record", _("Paiement enregistré"), _("Chèque ou virement enregistré par un agent")),
    ("hostspace.payment.reverse", _("Paiement annulé"), _("Paiement annulé par un agent")),
]


@hooks.register("register_log_actions")
def register_payment_actions(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
