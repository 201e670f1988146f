"""« Sécurité » in the Wagtail admin: staff reach their second factor and backup codes from the admin itself."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def security_menu_item():
    """In the sidebar, next to the account: Wagtail 7's own account menu takes no hook."""
    return MenuItem(
        gettext_lazy("Sécurité"), reverse("two_factor:profile"), name="security", icon_name="lock", order=100000
    )


@hooks.register("register_account_menu_item")
def security_account_item(request):
    """On the admin's « Compte » page."""
    return {
        "url": reverse("two_factor:profile"),
        "label": _("Sécurité"),
        "help_text": _("Double authentification : votre application d'authentification et vos codes de secours."),
    }
