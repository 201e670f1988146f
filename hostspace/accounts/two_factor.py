"""« Sécurité du compte »: two-factor authentication for hosts (optional) and staff (required).

The setup, backup-code and disable pages are django-two-factor-auth's views,
shown in the portal's layout; they send each person back to where they came
from: the host space for a host, the Wagtail admin for staff.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from django_otp.plugins.otp_static.models import StaticToken
from two_factor.utils import default_device, get_otpauth_url, totp_digits
from two_factor.views import BackupTokensView, DisableView, ProfileView, QRGeneratorView, SetupCompleteView, SetupView
from wagtail.models import Site

from hostspace.accounts.access import HostRequiredMixin, current_host
from portal.models import BrandingSettings


def issuer_for(request):
    """The name shown in the authenticator app: the collectivity's, so hosts of two of them tell them apart."""
    site = Site.find_for_request(request)
    branding = BrandingSettings.for_site(site) if site is not None else None
    name = (branding.short_name if branding else "") or (site.site_name if site else "")
    return f"{name} – {settings.OTP_TOTP_ISSUER}" if name else settings.OTP_TOTP_ISSUER


def backup_codes_left(user):
    """How many unused backup codes ``user`` still has."""
    device = user.staticdevice_set.first()
    return device.token_set.count() if device else 0


def security_home_url(request):
    """Where someone managing their second factor comes back to: the host space, or the admin for staff."""
    if current_host(request) is not None:
        return reverse("hostspace:security")
    if request.user.is_authenticated and request.user.is_staff:
        return reverse("wagtailadmin_home")
    return reverse("two_factor:profile")


class HostSecurityView(HostRequiredMixin, TemplateView):
    """The host's « Sécurité du compte » page: turn two-factor authentication on or off, backup codes."""

    template_name = "accounts/security.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["device"] = default_device(user)
        context["backup_codes_left"] = backup_codes_left(user)
        return context


class SecurityBackMixin:
    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["security_home_url"] = security_home_url(self.request)
        return context


class PortalSetupView(SetupView):
    """The library's setup wizard with the portal's labels, a plain text field for the code and the collectivity as issuer."""

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step=step, **kwargs)
        form.label_suffix = ""
        if "token" in form.fields:
            form.fields["token"].label = _("Code de vérification")
            form.fields["token"].help_text = _("Les 6 chiffres affichés par votre application d'authentification.")
            # A text field, not a number one: no spinner, and a code starting with 0 stays as typed.
            form.fields["token"].widget = forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*", "maxlength": 6}
            )
            for key in ("invalid", "min_value", "max_value"):
                form.fields["token"].error_messages[key] = _("Saisissez les 6 chiffres du code.")
            # A copy: the library's dict belongs to the form class.
            form.error_messages = {
                **form.error_messages,
                "invalid_token": _("Ce code n'est pas valide. Saisissez le code affiché maintenant."),
            }
        return form

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        context["cancel_url"] = security_home_url(self.request)
        if "secret_key" in context:
            context["issuer"] = issuer_for(self.request)
            context["otpauth_url"] = get_otpauth_url(
                self.request.user.get_username(), context["secret_key"], context["issuer"], totp_digits()
            )
        return context


class PortalQRGeneratorView(QRGeneratorView):
    """The QR code of the setup page, naming the collectivity as issuer."""

    def get_issuer(self):
        return issuer_for(self.request)


def ensure_backup_codes(user, count=BackupTokensView.number_of_tokens):
    """The user's unused backup codes, a fresh set made first when there are none."""
    device, _created = user.staticdevice_set.get_or_create(defaults={"name": "backup"})
    if not device.token_set.exists():
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=StaticToken.random_token()) for _ in range(count)
        )
    return list(device.token_set.values_list("token", flat=True))


class PortalSetupCompleteView(SecurityBackMixin, SetupCompleteView):
    """After the authenticator is set up: the backup codes, then on to where the person was going.

    The library sends a staff member's first login straight on to ``next`` (the
    admin), past this page: nobody was ever offered backup codes, and a lost
    phone meant calling the operator. Here the page always shows, with a set of
    codes made at once, and « Continuer » leads to ``next``.
    """

    def get(self, request, *args, **kwargs):
        next_url = request.session.pop("next", None)
        allowed = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure())
        self.continue_url = next_url if allowed else None
        return TemplateView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["backup_codes"] = ensure_backup_codes(self.request.user)
        context["continue_url"] = self.continue_url or context["security_home_url"]
        return context


class PortalBackupTokensView(SecurityBackMixin, BackupTokensView):
    pass


class PortalProfileView(SecurityBackMixin, ProfileView):
    """The library's profile page; hosts use their own page in the host space."""

    def get(self, request, *args, **kwargs):
        if current_host(request) is not None:
            return redirect("hostspace:security")
        return super().get(request, *args, **kwargs)


class PortalDisableView(SecurityBackMixin, DisableView):
    @property
    def success_url(self):
        return security_home_url(self.request)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.label_suffix = ""
        form.fields["understand"].label = _(
            "Je comprends que mon compte sera moins bien protégé sans la double authentification."
        )
        return form


@require_GET
def wagtail_login_closed(request):
    """Wagtail's own login page is closed: everyone goes through the two-factor login."""
    return redirect_to_login(request.GET.get("next") or reverse("wagtailadmin_home"), reverse("two_factor:login"))
