"""Names of the host-record actions shown in Wagtail's history of each object."""

from django.utils.translation import gettext_lazy as _

ACTIONS = [
    ("hostspace.classification.request", _("Demande de classement"), _("Changement de classement demandé")),
    ("hostspace.classification.validate", _("Classement validé"), _("Classement validé par la collectivité")),
    ("hostspace.classification.reject", _("Classement refusé"), _("Demande de classement refusée")),
    ("hostspace.classification.withdraw", _("Demande retirée"), _("Demande de classement retirée par l'hébergeur")),
    ("hostspace.email_change_requested", _("Changement de courriel demandé"), _("Lien de confirmation envoyé")),
    ("hostspace.email_changed", _("Courriel modifié"), _("Nouveau courriel de connexion confirmé")),
    ("hostspace.import", _("Import CSV"), _("Créé par un import CSV")),
]


def register(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
