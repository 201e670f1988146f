"""Forms of the way in: « Activer mon compte » with the letter's code, and acceptance of the terms."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from hostspace import activation


class AccessibleFormMixin:
    """Link each field to its help and errors (``aria-describedby``) and flag errors (``aria-invalid``)."""

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def describe_fields(self):
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if self.is_bound and name in self.errors:
                described.append(f"{bound.auto_id}_errors")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def error_summary(self):
        """``[(field id or None, message)]`` for the summary at the top of the form."""
        summary = [(None, error) for error in self.non_field_errors()]
        for name in self.fields:
            if name in self.errors:
                summary.extend((self[name].auto_id, error) for error in self.errors[name])
        return summary


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


class TermsAcceptanceForm(AccessibleFormMixin, forms.Form):
    """Two required checkboxes, one per document in force."""

    accept_cgu = forms.BooleanField(
        label=_("Accepter les CONDITIONS GÉNÉRALES D'UTILISATION"),
        required=True,
        error_messages={"required": _("Vous devez accepter les conditions générales d'utilisation.")},
    )
    accept_privacy = forms.BooleanField(
        label=_("Accepter la POLITIQUE DE CONFIDENTIALITÉ"),
        required=True,
        error_messages={"required": _("Vous devez accepter la politique de confidentialité.")},
    )

    FIELD_FOR_KIND = {"cgu": "accept_cgu", "privacy": "accept_privacy"}

    def __init__(self, *args, kinds=("cgu", "privacy"), **kwargs):
        super().__init__(*args, **kwargs)
        for kind, name in self.FIELD_FOR_KIND.items():
            if kind not in kinds:
                del self.fields[name]
        self.describe_fields()
