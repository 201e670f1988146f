from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portail")

    def ready(self):
        from portal import admin_widgets, frontend_cache, localize_access, renditions, signals  # noqa: F401

        admin_widgets.install()
        localize_access.install()
