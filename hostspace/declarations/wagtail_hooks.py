"""The declarations in the Wagtail admin: agents' board, hosts' declarations, reminders; names of logged actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

import hostspace.declarations.admin_views  # noqa: F401  the agents' screens register their URLs and menu

ACTIONS = [
    ("hostspace.declaration", _("Déclaration"), _("Période déclarée")),
    ("hostspace.declaration.on_behalf", _("Déclaration saisie par un agent"), _("Période déclarée par un agent")),
    ("hostspace.api_token.create", _("Jeton d'API créé"), _("Jeton d'API créé par l'hébergeur")),
    ("hostspace.api_token.revoke", _("Jeton d'API révoqué"), _("Jeton d'API révoqué par l'hébergeur")),
]


@hooks.register("register_log_actions")
def register_declaration_actions(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
