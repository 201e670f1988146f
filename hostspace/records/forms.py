"""Forms of the host's dashboard: personal information, accommodations, classification requests.

Every identifier is checked by :mod:`hostspace.records.validators`; a form never saves
anything when one field is wrong, and keeps what the person typed.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hostspace.records import documents, periods, validators
from hostspace.records.models import Accommodation, Classification, Host, OpeningPeriod
from portal.forms import CappedFormSet, RefusedUploadsMixin


def allow_spaces(field, length):
    """Let people type an identifier with spaces; its clean method normalises it to the stored length."""
    field.max_length = length
    field.widget.attrs["maxlength"] = length
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]


class HostIdentityCleaning:
    """SIRET, phone and postal code as people type them (spaces allowed), checked, then stored normalised.

    Shared by the host's own form, the agents' admin form and the CSV import,
    so a host record obeys one rule whoever writes it.
    """

    def clean_postal_code(self):
        return validators.normalise_postal_code(self.cleaned_data.get("postal_code", ""))

    def clean_siret(self):
        siret = validators.normalise_siret(self.cleaned_data.get("siret", ""))
        if siret:
            validators.validate_siret(siret)
        return siret

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        return validators.normalise_phone(phone) if phone else ""


class PersonalInfoForm(HostIdentityCleaning, forms.ModelForm):
    """The host's identity and contact details; a new email address is only taken once confirmed."""

    required_css_class = "required"

    email = forms.EmailField(
        label=_("Courriel de connexion"),
        help_text=_("Si vous le modifiez, un lien de confirmation est envoyé à la nouvelle adresse."),
    )

    class Meta:
        model = Host
        fields = [
            "civility",
            "first_name",
            "last_name",
            "company_name",
            "siret",
            "address_line1",
            "address_line2",
            "postal_code",
            "city",
            "phone",
        ]
        help_texts = {
            "siret": _("14 chiffres, pour une société ou un entrepreneur individuel."),
            "phone": _("Par exemple 04 92 23 00 00 ou +33 4 92 23 00 00."),
        }
        widgets = {"civility": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["email"].initial = user.email
        if self.instance.phone and not self.is_bound:
            self.initial["phone"] = self.instance.phone_display
        self.fields["civility"].choices = Host.Civility.choices
        self.fields["civility"].required = False
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["company_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["address_line1"].widget.attrs["autocomplete"] = "address-line1"
        self.fields["address_line2"].widget.attrs["autocomplete"] = "address-line2"
        self.fields["postal_code"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["phone"].widget = forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["siret"].widget.attrs["inputmode"] = "numeric"
        allow_spaces(self.fields["siret"], 20)

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"])
        if email != self.user.email and get_user_model().objects.filter(email__iexact=email).exists():
            # Said gently, without confirming whose address it is.
            raise forms.ValidationError(_("Cette adresse ne peut pas être utilisée."), code="email_taken")
        return email

    @property
    def email_changed(self):
        return self.is_valid() and self.cleaned_data["email"] != self.user.email


class AccommodationCleaning:
    """Postal code, capacity and registration number checked the same way by the host, the agent and the CSV import."""

    def clean_postal_code(self):
        return validators.normalise_postal_code(self.cleaned_data.get("postal_code", ""))

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and not 1 <= capacity <= 100000:
            raise forms.ValidationError(
                _("La capacité d'accueil est un nombre de personnes entre 1 et 100 000."), code="capacity"
            )
        return capacity

    def clean_registration_number(self):
        number = validators.normalise_registration_number(self.cleaned_data.get("registration_number", ""))
        if number:
            validators.validate_registration_number(number)
        return number

    def clean(self):
        cleaned = super().clean()
        missing_number = not cleaned.get("registration_number") and "registration_number" not in self.errors
        if "kind" in self.fields and cleaned.get("kind") == Accommodation.Kind.FURNISHED and missing_number:
            self.add_error(
                "registration_number",
                forms.ValidationError(
                    _("Un meublé de tourisme doit avoir son numéro d'enregistrement (13 caractères)."),
                    code="registration_required",
                ),
            )
        return cleaned


def complete_periods(forms_):
    """:class:`periods.Period` values of the valid, complete, not deleted period forms."""
    found = []
    for form in forms_:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE") or form.errors:
            continue
        values = [data.get(name) for name in ("start_day", "start_month", "end_day", "end_month")]
        if all(value is not None for value in values):
            found.append(periods.Period(*values))
    return found


class OpeningPeriodForm(forms.ModelForm):
    """One period: a day and a month of start and of end, chosen in lists."""

    class Meta:
        model = OpeningPeriod
        fields = ["start_day", "start_month", "end_day", "end_month"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class NonOverlappingPeriods:
    """A formset of opening periods refused as a whole when its periods overlap (host form and admin panel)."""

    default_error_messages = {"too_many_forms": _("Indiquez au plus %(num)d périodes d'ouverture.")}

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        try:
            periods.check_periods(False, complete_periods(self.forms))
        except ValueError as error:
            raise forms.ValidationError(str(error), code="periods") from None


class BaseOpeningPeriodFormSet(NonOverlappingPeriods, CappedFormSet, forms.BaseInlineFormSet):
    """The host's periods: each checked by :meth:`OpeningPeriod.clean`, together for overlaps, at most 12."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Supprimer cette période")


OpeningPeriodFormSet = forms.inlineformset_factory(
    Accommodation,
    OpeningPeriod,
    form=OpeningPeriodForm,
    formset=BaseOpeningPeriodFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=periods.MAX_PERIODS,
    validate_max=True,
    absolute_max=periods.MAX_PERIODS,
)


class AccommodationForm(AccommodationCleaning, forms.ModelForm):
    """What a host may change about one of their accommodations, with its opening periods.

    The periods are an inline formset (``self.periods``) validated and saved
    with the form, in one transaction: nothing is saved half-way.
    """

    required_css_class = "required"
    periods_prefix = "periodes"

    class Meta:
        model = Accommodation
        fields = [
            "name",
            "kind",
            "address_line1",
            "address_line2",
            "postal_code",
            "commune",
            "capacity",
            "registration_number",
            "open_all_year",
            "opening_notes",
        ]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["capacity"].widget.attrs.update({"min": 1, "max": 100000, "inputmode": "numeric"})
        allow_spaces(self.fields["registration_number"], 20)
        self.fields["opening_notes"].widget = forms.Textarea(attrs={"rows": 2, "maxlength": 300})
        self.fields["open_all_year"].help_text = _("Sinon, indiquez ci-dessous chaque période d'ouverture.")
        self.periods = OpeningPeriodFormSet(
            data=self.data if self.is_bound else None, instance=self.instance, prefix=self.periods_prefix
        )

    def is_valid(self):
        form_valid = super().is_valid()
        return self.periods.is_valid() and form_valid

    @property
    def has_any_error(self):
        return bool(self.errors) or bool(self.periods.total_error_count())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("open_all_year") and self.periods.is_valid() and complete_periods(self.periods.forms):
            self.add_error(
                "open_all_year",
                forms.ValidationError(
                    _(
                        "Un hébergement ouvert toute l'année n'a pas de périodes : "
                        "décochez « Ouvert toute l'année » ou supprimez les périodes."
                    ),
                    code="all_year_with_periods",
                ),
            )
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        accommodation = super().save(commit=commit)
        if commit:
            self.periods.instance = accommodation
            self.periods.save()
        return accommodation


def pending_request_message(accommodation):
    return _(
        "Une demande de classement attend déjà la décision de la collectivité pour « %(name)s ». "
        "Pour en envoyer une autre, retirez d'abord celle-ci dans « Mes classements »."
    ) % {"name": accommodation.name}


class ClassificationCleaning:
    """The decision date of a classification, checked the same way in the host's request and the CSV import."""

    def clean_decision_date(self):
        date = self.cleaned_data.get("decision_date")
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("La date de la décision ne peut pas être dans le futur."), code="future")
        return date


class ClassificationRequestForm(RefusedUploadsMixin, ClassificationCleaning, forms.ModelForm):
    """A host asks for a new classification, with the decision that proves it."""

    required_css_class = "required"

    decision_document = forms.FileField(
        label=_("Décision de classement"),
        help_text=_("PDF, JPEG ou PNG, 5 Mo au maximum."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )

    class Meta:
        model = Classification
        fields = ["accommodation", "rating", "decision_date"]
        widgets = {"decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, host, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["accommodation"].queryset = host.accommodations.all()
        self.fields["accommodation"].empty_label = None
        self.fields["decision_date"].required = True
        self.fields["decision_date"].help_text = _("La date figurant sur la décision de classement.")

    def clean_accommodation(self):
        accommodation = self.cleaned_data.get("accommodation")
        if accommodation is not None and accommodation.classifications.filter(status=Classification.Status.PENDING):
            raise forms.ValidationError(pending_request_message(accommodation), code="pending_request")
        return accommodation

    def clean_decision_document(self):
        uploaded = self.cleaned_data.get("decision_document")
        if uploaded:
            self.sniffed_type = documents.validate_decision_document(uploaded)
        return uploaded

    def save(self, commit=True):
        classification = super().save(commit=False)
        uploaded = self.cleaned_data["decision_document"]
        classification.decision_document_name = uploaded.name[-255:]
        extension = documents.EXTENSIONS[self.sniffed_type]
        uploaded.name = f"decision.{extension}"
        classification.decision_document = uploaded
        classification.status = Classification.Status.PENDING
        if commit:
            classification.save()
        return classification
