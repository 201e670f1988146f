"""Acceptance of the CGU and privacy policy in force."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import AccessibleFormMixin


class TermsAcceptanceForm(AccessibleFormMixin, forms.Form):
    """Two required checkboxes, one per document in force."""

    accept_cgu = forms.BooleanField(
        label=_("Accepter les conditions générales d'utilisation"),
        required=True,
        error_messages={"required": _("Vous devez accepter les conditions générales d'utilisation.")},
    )
    accept_privacy = forms.BooleanField(
        label=_("Accepter la politique de confidentialité"),
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
