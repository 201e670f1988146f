"""The way into the host space: login (with an optional second factor), logout, password reset.

The login views are django-two-factor-auth's wizard: the first step is our
form (rules in :mod:`hostspace.accounts.rules`), the next one asks for a TOTP or backup
code when the account has turned two-factor authentication on.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView
from two_factor.utils import default_device
from two_factor.views import LoginView as TwoFactorLoginView
from wagtail.admin.views.account import LogoutView as WagtailLogoutView
from wagtail.models import Site

from hostspace.accounts import activation, throttling
from hostspace.accounts.access import HostRequiredMixin, current_host
from hostspace.accounts.forms import (
    ActivationForm,
    HostLoginForm,
    HostPasswordChangeForm,
    HostPasswordResetForm,
    HostSetPasswordForm,
    StaffLoginForm,
)

REMEMBER_ME_KEY = "remember_me"


def optional_url(name):
    """The URL of ``name``, or None while the view behind it does not exist yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def followable(url, request):
    """True when ``url`` (a login's ``?next=``) is a page of this site that exists: then it may be followed.

    Django only checks the host and scheme, and ``redirect()`` reads a bare word
    (``?next=abc``) as a URL name to reverse: the login answered 500 with
    ``NoReverseMatch``. Only a path of this site that resolves, in either language
    (``/en/…`` resolves only while English is active), is followed.
    """
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return False
    path = urlsplit(url).path
    if not path.startswith("/"):
        return False
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            try:
                resolve(path)
            except Resolver404:
                continue
            return True
    return False


class PortalLoginView(TwoFactorLoginView):
    """The two-factor login wizard with the portal's own first step and labels."""

    def get_redirect_url(self):
        """The ``next`` page when :func:`followable`, otherwise nothing (the default page is used)."""
        url = super().get_redirect_url()
        return url if followable(url, self.request) else ""

    def post(self, *args, **kwargs):
        if self.AUTH_STEP + "-password" in self.request.POST and not throttling.client_may_try_logins(self.request):
            # A client failing on account after account: refused before the password is hashed (Argon2 costs a core).
            return throttling.lockout_response(self.request)
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

    template_name = "accounts/login.html"
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
    template_name = "accounts/logged_out.html"


class StaffLogoutView(WagtailLogoutView):
    """The admin's « Se déconnecter », by POST only, ending the session on the server.

    Wagtail's view deletes the session cookie on any method: a GET (a link, an
    image in a page) answered 405 yet logged the browser out, and left the
    session itself alive on the server for whoever held its cookie. Here
    anything but a POST is refused before the session is touched; a POST ends
    it with Django's ``logout`` (the session is flushed from the store), as in
    the host space. Wagtail's menu already logs out by POST.
    """

    http_method_names = ["post", "options"]

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class HostPasswordChangeView(HostRequiredMixin, auth_views.PasswordChangeView):
    """« Changer mon mot de passe » for a logged-in host: current password, new one twice; the session stays.

    Django's view keeps the session (``update_session_auth_hash``). Wrong current
    passwords are counted per account: past a few, the form is refused for a
    while (429) without checking anything.
    """

    form_class = HostPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("hostspace:security")

    def post(self, request, *args, **kwargs):
        if not throttling.may_try_current_password(request.user):
            return self.render_to_response(self.get_context_data(throttled=True), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.wrong_current_password:
            throttling.record_wrong_current_password(self.request.user)
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        throttling.clear_wrong_current_passwords(self.request.user)
        messages.success(self.request, _("Votre mot de passe est changé. Utilisez-le à votre prochaine connexion."))
        return response


class HostPasswordResetView(auth_views.PasswordResetView):
    """« Mot de passe oublié ? »: the same answer whatever the email."""

    form_class = HostPasswordResetForm  # its save() queues the email with its own templates
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("hostspace:password_reset_done")


class HostPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class HostPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of the email: choose a new password (which also ends the old-platform status)."""

    form_class = HostSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("hostspace:password_reset_complete")
    post_reset_login = False


class HostPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class ActivationView(FormView):
    """Create (or bind) the account of a host record from the code of its letter, then ask for the terms."""

    template_name = "accounts/activate.html"
    form_class = ActivationForm

    def dispatch(self, request, *args, **kwargs):
        self.site = Site.find_for_request(request)
        if self.site is None:
            raise Http404
        if current_host(request) is not None:
            return redirect("hostspace:dashboard")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not throttling.check_code_attempts(request):
            return render(request, "accounts/activate_locked.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = activation.activate(data["code"], self.site, data["email"], data["password1"])
        except activation.ActivationError:
            self._failed()
            form.add_error(
                "code",
                _(
                    "Ce code d'activation n'est pas valable : vérifiez-le sur votre courrier. "
                    "Un code ne sert qu'une fois et expire après quelques mois ; votre collectivité peut vous en envoyer un nouveau."
                ),
            )
            form.describe_fields()
            return self.form_invalid(form)
        except activation.AccountRefused:
            self._failed()
            form.add_error(
                None,
                _(
                    "Impossible d'activer le compte avec ces informations. Si vous avez déjà un compte sur la plateforme, "
                    "saisissez son courriel et son mot de passe actuel ; sinon, choisissez une autre adresse électronique."
                ),
            )
            return self.form_invalid(form)
        throttling.clear_code_attempts(self.request)
        if not result.created:
            # An existing account may be protected by a second factor: it logs in the usual way.
            messages.success(
                self.request,
                _("Ce dossier est maintenant rattaché à votre compte. Connectez-vous pour accéder à votre espace."),
            )
            return redirect("hostspace:login")
        login(self.request, result.user, backend=MODEL_BACKEND)
        return redirect("hostspace:terms")

    def _failed(self):
        throttling.record_failed_code(self.request)
        if not throttling.check_code_attempts(self.request):
            # The next attempt will be refused; say so now rather than surprise the person.
            self.extra_context = {"throttled_next": True}
