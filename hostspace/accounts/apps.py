from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hostspace.accounts"
    label = "accounts"
    verbose_name = _("Comptes des hébergeurs")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from hostspace.accounts import throttling

        # Counts failures for the caps across clients and accounts (axes counts one account from one client).
        user_login_failed.connect(throttling.on_login_failed, dispatch_uid="hostspace.accounts.login_failed_caps")
