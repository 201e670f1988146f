"""Forms of the way in: host and staff login, password reset request, new password.

The login forms ask :mod:`hostspace.accounts.rules` who may log in; they keep the email
typed but never the password, and every failure but one reads the same.
"""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from hostspace.accounts import activation, rules
from portal.forms import AccessibleFormMixin
from portal.models import BrandingSettings
from portal.tenancy import base_url

# Long enough for any real password, short enough that hashing it costs nothing.
PASSWORD_MAX_LENGTH = 1024


class LoginForm(forms.Form):
    """Email and password; subclasses choose the rule that decides who may log in on this site."""

    username = forms.EmailField(
        label=_("Identifiant (Courriel)"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}, render_value=False),
    )

    error_messages = {
        rules.INVALID: _(
            "Identifiant ou mot de passe incorrect. Vérifiez votre courriel et votre mot de passe, puis réessayez."
        ),
        rules.MUST_RESET: _(
            "Vous devez réinitialiser votre mot de passe pour accéder à votre nouvel espace hébergeur."
        ),
        rules.TOO_MANY_FAILURES: _(
            "Trop de tentatives de connexion ont échoué pour ce courriel. Par sécurité, la connexion par mot de "
            "passe est suspendue pendant une heure : si un compte correspond, un lien pour choisir un nouveau mot "
            "de passe a été envoyé à son adresse."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.request = request
        self.user_cache = None
        self.refusal = None

    def authenticate(self, email, password, site):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("username"), cleaned.get("password")
        if self.errors or not email or password is None:
            return cleaned
        site = Site.find_for_request(self.request) if self.request is not None else None
        try:
            self.user_cache = self.authenticate(email, password, site)
        except rules.LoginRefused as refusal:
            self.refusal = refusal.code
            raise forms.ValidationError(self.error_messages[refusal.code], code=refusal.code) from None
        return cleaned

    @property
    def must_reset(self):
        return self.refusal in (rules.MUST_RESET, rules.TOO_MANY_FAILURES)

    def get_user(self):
        return self.user_cache


class HostLoginForm(LoginForm):
    """The host space's login: « Identifiant (Courriel) », « Mot de passe », « Se souvenir de moi »."""

    remember_me = forms.BooleanField(
        label=_("Se souvenir de moi"),
        required=False,
        help_text=_("Rester connecté 30 jours sur cet appareil. Ne cochez pas sur un ordinateur partagé."),
    )

    def authenticate(self, email, password, site):
        return rules.authenticate_host(self.request, email, password, site)


class StaffLoginForm(LoginForm):
    """The Wagtail admin's login, for the collectivity's staff."""

    error_messages = {
        rules.INVALID: LoginForm.error_messages[rules.INVALID],
        rules.MUST_RESET: LoginForm.error_messages[rules.INVALID],
    }

    def authenticate(self, email, password, site):
        return rules.authenticate_staff(self.request, email, password, site)


# Why a reset link is mailed: the person asked for it, or the account was tried too often (throttling).
REASON_ASKED = "asked"
REASON_FAILED_LOGINS = "failed_logins"


class HostPasswordResetForm(PasswordResetForm):
    """Asks for the email; sends the link only to hosts of this collectivity, and says the same to everyone."""

    email = forms.EmailField(
        label=_("Courriel"),
        max_length=254,
        help_text=_("L'adresse avec laquelle vous vous connectez à votre espace hébergeur."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.site = None

    def get_users(self, email):
        """Active accounts with a host record on this site; old-platform accounts included (no usable password)."""
        if self.site is None:
            return
        users = (
            get_user_model()
            .objects.filter(email__iexact=rules.normalise_email(email), is_active=True, host_records__site=self.site)
            .distinct()
        )
        for user in users:
            if (user.has_usable_password() or user.must_reset_password) and _may_mail_reset_link(user):
                yield user

    def save(self, request=None, **kwargs):
        """Queue the email (``accounts.tasks.send_password_reset``); the answer never depends on the account."""
        from hostspace.accounts.tasks import send_password_reset

        site = Site.find_for_request(request)
        send_password_reset.enqueue(
            email=self.cleaned_data["email"],
            site_id=site.pk if site is not None else None,
            language=translation.get_language(),
        )

    def send_links(self, site, reason=REASON_ASKED):
        """Mail the link to the accounts of ``site`` with this email (run by the job queue).

        The link is on the collectivity's canonical address, whatever host name,
        port or scheme the request that asked for it used.
        """
        self.site = site
        branding = BrandingSettings.for_site(site)
        scheme, _sep, domain = base_url(site).partition("://")
        super().save(
            domain_override=domain,
            use_https=scheme == "https",
            subject_template_name="accounts/email/password_reset_subject.txt",
            email_template_name="accounts/email/password_reset_email.txt",
            html_email_template_name="accounts/email/password_reset_email.html",
            extra_email_context={
                "branding": branding,
                "collectivity_name": _collectivity_name(branding, site),
                "after_failed_logins": reason == REASON_FAILED_LOGINS,
            },
        )


# Reset emails per account and hour: enough for a lost message, too few to flood a mailbox.
RESET_EMAILS_PER_HOUR = 3


def _may_mail_reset_link(user):
    """Count one more reset email for ``user``; False beyond the hourly allowance (the page says the same)."""
    from hostspace.accounts.throttling import count_in_window
    from portal.cache import CACHE_ERRORS, security_counter_failed

    try:
        sent = count_in_window(f"hostspace:reset-emails:{user.pk}", 60 * 60)
    except CACHE_ERRORS:  # fail closed: no mail rather than an unlimited number of them
        security_counter_failed("reset-emails")
        return False
    return sent <= RESET_EMAILS_PER_HOUR


def _collectivity_name(branding, site):
    if branding is not None and (branding.official_name or branding.short_name):
        return branding.official_name or branding.short_name
    return site.site_name if site is not None else ""


class HostSetPasswordForm(SetPasswordForm):
    """The new password, checked by the validators (12 characters, not common, not like the email)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nouveau mot de passe")
        self.fields["new_password2"].label = _("Confirmation du nouveau mot de passe")
        self.fields["new_password2"].help_text = _("Saisissez le même mot de passe, pour vérification.")
        for name in ("new_password1", "new_password2"):
            self.fields[name].max_length = PASSWORD_MAX_LENGTH
            self.fields[name].validators.append(_max_length_validator())

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            rules.password_was_reset(user)
        return user


class HostPasswordChangeForm(PasswordChangeForm):
    """« Changer mon mot de passe »: the current password, then the new one twice, checked by the validators."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _(
            "Le mot de passe actuel est incorrect. Saisissez celui avec lequel vous vous connectez."
        ),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mot de passe actuel")
        self.fields["new_password1"].label = _("Nouveau mot de passe")
        self.fields["new_password1"].help_text = _(
            "Au moins 12 caractères, ni trop courant, ni proche de votre courriel."
        )
        self.fields["new_password2"].label = _("Confirmation du nouveau mot de passe")
        self.fields["new_password2"].help_text = _("Saisissez le même mot de passe, pour vérification.")
        for name in ("old_password", "new_password1", "new_password2"):
            self.fields[name].max_length = PASSWORD_MAX_LENGTH
            self.fields[name].validators.append(_max_length_validator())

    @property
    def wrong_current_password(self):
        return any(error.code == "password_incorrect" for error in self.errors.as_data().get("old_password", []))


def _max_length_validator():
    from django.core.validators import MaxLengthValidator

    return MaxLengthValidator(PASSWORD_MAX_LENGTH)


class ActivationForm(AccessibleFormMixin, forms.Form):
    """The code printed on the letter, the email that becomes the login, and a new password twice."""

    code = forms.CharField(
        label=_("Code d'activation"),
        max_length=activation.MAX_INPUT_LENGTH,
        help_text=_("Il figure sur le courrier de votre collectivité, par exemple ABCD-EFGH-JKMN-PQRS."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("Saisissez le code d'activation reçu par courrier.")},
    )
    email = forms.EmailField(
        label=_("Courriel"),
        max_length=254,
        help_text=_("Ce sera votre identifiant de connexion."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Saisissez votre adresse électronique."),
            "invalid": _("Saisissez une adresse électronique valide, par exemple nom@exemple.fr."),
        },
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        max_length=128,
        help_text=_("Au moins 12 caractères, ni trop courant, ni proche de votre courriel."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choisissez un mot de passe.")},
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Saisissez à nouveau le mot de passe.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_fields()

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not activation.normalise(code):
            raise forms.ValidationError(
                _("Saisissez le code tel qu'il figure sur le courrier : des lettres et des chiffres."), code="format"
            )
        return code

    def clean_email(self):
        return get_user_model().objects.normalize_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif password1 and "password1" not in self.errors:
            candidate = get_user_model()(email=cleaned.get("email") or "")
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
