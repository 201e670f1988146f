"""The way into the host space: login (with an optional second factor), logout, password reset.

The login views are django-two-factor-auth's wizard: the first step is our
form (rules in :mod:`hostspace.auth`), the next one asks for a TOTP or backup
code when the account has turned two-factor authentication on.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from two_factor.utils import default_device
from two_factor.views import LoginView as TwoFactorLoginView

from hostspace.access import current_host
from hostspace.forms_auth import HostLoginForm, HostPasswordResetForm, HostSetPasswordForm, StaffLoginForm

REMEMBER_ME_KEY = "remember_me"


def optional_url(name):
    """The URL of ``name``, or None while the view behind it does not exist yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


class PortalLoginView(TwoFactorLoginView):
    """The two-factor login wizard with the portal's own first step and labels."""

    def post(self, *args, **kwargs):
        # The library would look up devices of a user not yet authenticated (and fail): start again instead.
        goto = self.request.POST.get("wizard_goto_step")
        wants_later_step = "challenge_device" in self.request.POST or goto not in (None, self.AUTH_STEP)
        if wants_later_step and not self.get_user():
            self.storage.reset()
            return self.render_goto_step(self.AUTH_STEP)
        return super().post(*args, **kwargs)

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step=step, **kwargs)
        if "otp_token" in form.fields:
            form.label_suffix = ""
            token = form.fields["otp_token"]
            if (step or self.steps.current) == self.BACKUP_STEP:
                token.label = _("Code de secours")
                token.help_text = _("Un des codes de secours que vous avez imprimés ou notés.")
            else:
                token.label = _("Code de vérification")
                token.help_text = _("Les 6 chiffres affichés par votre application d'authentification.")
                token.widget.attrs["inputmode"] = "numeric"
        return form


class HostLoginView(PortalLoginView):
    """« Espace hébergeur »: a host logs in on the site of a collectivity where they have a host record."""

    template_name = "hostspace/login.html"
    form_list = (
        (PortalLoginView.AUTH_STEP, HostLoginForm),
        *[(name, form) for name, form in TwoFactorLoginView.form_list if name != TwoFactorLoginView.AUTH_STEP],
    )

    def get(self, request, *args, **kwargs):
        if current_host(request) is not None:
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def process_step(self, form):
        data = super().process_step(form)
        if self.steps.current == self.AUTH_STEP:
            self.storage.data[REMEMBER_ME_KEY] = bool(form.is_valid() and form.cleaned_data.get("remember_me"))
        return data

    def done(self, form_list, **kwargs):
        remember = bool(self.storage.data.get(REMEMBER_ME_KEY))
        response = super().done(form_list, **kwargs)
        # Without « Se souvenir de moi » the session cookie dies with the browser.
        self.request.session.set_expiry(settings.SESSION_COOKIE_AGE if remember else 0)
        return response

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        context["activation_url"] = optional_url("hostspace:activate")
        context["password_reset_url"] = reverse("hostspace:password_reset")
        context.pop("cancel_url", None)
        return context


class StaffLoginView(PortalLoginView):
    """The only way into the Wagtail admin: password, then a second factor (set up at the first login)."""

    template_name = "two_factor/core/login.html"
    form_list = (
        (PortalLoginView.AUTH_STEP, StaffLoginForm),
        *[(name, form) for name, form in TwoFactorLoginView.form_list if name != TwoFactorLoginView.AUTH_STEP],
    )

    def get_success_url(self):
        return self.get_redirect_url() or reverse("wagtailadmin_home")

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        if default_device(self.request.user) is None:
            # First admin login: the second factor is set up before anything else opens.
            self.request.session["next"] = self.get_success_url()
            return redirect("two_factor:setup")
        return response

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        context["login_url"] = reverse("hostspace:login")
        context.pop("cancel_url", None)
        return context


class HostLogoutView(auth_views.LogoutView):
    """Logout, by POST only (a link or an image cannot log anyone out)."""

    http_method_names = ["post", "options"]
    template_name = "hostspace/logged_out.html"


class HostPasswordResetView(auth_views.PasswordResetView):
    """« Mot de passe oublié ? »: the same answer whatever the email."""

    form_class = HostPasswordResetForm
    template_name = "hostspace/password_reset_form.html"
    subject_template_name = "hostspace/email/password_reset_subject.txt"
    email_template_name = "hostspace/email/password_reset_email.txt"
    html_email_template_name = "hostspace/email/password_reset_email.html"
    success_url = reverse_lazy("hostspace:password_reset_done")


class HostPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "hostspace/password_reset_done.html"


class HostPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of the email: choose a new password (which also ends the old-platform status)."""

    form_class = HostSetPasswordForm
    template_name = "hostspace/password_reset_confirm.html"
    success_url = reverse_lazy("hostspace:password_reset_complete")
    post_reset_login = False


class HostPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "hostspace/password_reset_complete.html"
