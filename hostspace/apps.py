from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostspaceConfig(AppConfig):
    """The host space's shell: the layout, includes, styles and translations its domain apps share."""

    name = "hostspace"
    verbose_name = _("Espace hébergeur")
