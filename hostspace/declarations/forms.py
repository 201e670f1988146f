"""The one set of rules for a stay, whoever enters it: the host's form, the CSV import, the API, an agent.

:class:`StayForm` checks the dates, the occupants and the exempt persons, the
price an unclassified lodging needs, the sales channel, that the booking
reference is not used twice, that the nights do not fall in a declared period
(unless a correction is open), and that the engine can tax every night (a
deliberation in force, a tariff for the category). The CSV import and the API
build the same form from their rows and bodies and report its errors.
"""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hostspace.declarations import services
from hostspace.declarations.models import EXEMPT_FIELDS, Channel, Stay
from hostspace.tax import engine
from hostspace.tax import services as tax_services

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

# The engine names what it refuses by its own field names; the form shows them on its fields.
ENGINE_FIELDS = {
    "nights": "departure",
    "persons": "persons",
    "exempt": "persons",
    "price_per_night": "price_per_night",
}


class StayForm(forms.ModelForm):
    """A stay of the register, for one accommodation given, or one of ``host``'s chosen in the form."""

    accommodation = forms.ModelChoiceField(queryset=None, label=_("Hébergement"), required=True)

    class Meta:
        model = Stay
        fields = [
            "accommodation",
            "arrival",
            "departure",
            "persons",
            *EXEMPT_FIELDS.values(),
            "price_per_night",
            "channel",
            "platform_name",
            "reference",
        ]
        widgets = {
            "arrival": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "departure": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, accommodation=None, host=None, rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
        if accommodation is not None or self.instance.pk:
            self.fixed_accommodation = accommodation or self.instance.accommodation
            del self.fields["accommodation"]
        else:
            self.fixed_accommodation = None
            self.fields["accommodation"].queryset = host.accommodations.all()
        for name in ("arrival", "departure"):
            self.fields[name].input_formats = DATE_FORMATS
        self.fields["persons"].widget.attrs.update(min=1, inputmode="numeric")
        for name in EXEMPT_FIELDS.values():
            field = self.fields[name]
            field.required = False
            field.widget.attrs.update(min=0, inputmode="numeric")
        price = self.fields["price_per_night"]
        price.localize = True
        price.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        self.fields["channel"].required = False
        # The instance's old dates: moving a locked stay out of its declared period is not allowed either.
        self.old_dates = (self.instance.arrival, self.instance.departure) if self.instance.pk else None

    @property
    def target_accommodation(self):
        return self.fixed_accommodation or self.cleaned_data.get("accommodation")

    def clean_channel(self):
        return self.cleaned_data.get("channel") or Channel.DIRECT

    def clean(self):
        cleaned = super().clean()
        for name in EXEMPT_FIELDS.values():
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        accommodation = self.target_accommodation
        arrival, departure = cleaned.get("arrival"), cleaned.get("departure")
        dates_ok = arrival is not None and departure is not None
        if dates_ok and departure <= arrival:
            self.add_error("departure", gettext("La date de départ doit suivre la date d'arrivée."))
            dates_ok = False
        elif dates_ok and (departure - arrival).days > services.MAX_NIGHTS:
            self.add_error(
                "departure",
                gettext("Un séjour compte au plus %(max)s nuits : déclarez un séjour plus long en plusieurs fois.")
                % {"max": services.MAX_NIGHTS},
            )
            dates_ok = False

        persons = cleaned.get("persons")
        exempt = sum(cleaned.get(name) or 0 for name in EXEMPT_FIELDS.values())
        if persons is not None and exempt > persons:
            self.add_error(
                "persons",
                gettext(
                    "Il y a plus de personnes exonérées (%(exempt)s) que d'occupants (%(persons)s) : "
                    "le nombre d'occupants compte tout le monde, exonérés compris."
                )
                % {"exempt": exempt, "persons": persons},
            )

        channel = cleaned.get("channel")
        if channel == Channel.OTHER_PLATFORM and not (cleaned.get("platform_name") or "").strip():
            self.add_error("platform_name", gettext("Indiquez le nom de la plateforme qui a perçu la taxe."))
        elif channel != Channel.OTHER_PLATFORM:
            cleaned["platform_name"] = ""

        reference = (cleaned.get("reference") or "").strip()
        cleaned["reference"] = reference
        if accommodation is not None and reference:
            clash = accommodation.stays.filter(reference=reference).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "reference",
                    gettext("Un séjour de cet hébergement porte déjà la référence « %(ref)s ».") % {"ref": reference},
                )

        if accommodation is not None and dates_ok:
            self._check_declared_periods(accommodation, arrival, departure)
        if accommodation is not None and dates_ok and not self.errors:
            self._check_tax(accommodation, cleaned)
        return cleaned

    def _check_declared_periods(self, accommodation, arrival, departure):
        ranges = services.frozen_ranges(accommodation)
        for dates in ([self.old_dates] if self.old_dates else []) + [(arrival, departure)]:
            locked = services.frozen_range_for(*dates, ranges)
            if locked:
                raise forms.ValidationError(
                    gettext(
                        "La période du %(start)s au %(end)s est déjà déclarée : ses séjours ne peuvent plus changer. "
                        "Ouvrez une correction de cette période pour les modifier."
                    )
                    % {"start": date_format(locked[0], "j F Y"), "end": date_format(locked[1], "j F Y")},
                    code="declared",
                )

    def _check_tax(self, accommodation, cleaned):
        """Refuse now what the declaration could not compute later, on the field concerned."""
        stay = Stay(
            accommodation=accommodation,
            arrival=cleaned["arrival"],
            departure=cleaned["departure"],
            persons=cleaned["persons"],
            price_per_night=cleaned.get("price_per_night"),
            channel=cleaned.get("channel"),
            **{name: cleaned.get(name) or 0 for name in EXEMPT_FIELDS.values()},
        )
        try:
            services.check_stay(accommodation, stay, self.rules)
        except tax_services.NoDeliberation as error:
            self.add_error(None, str(error))
        except engine.TaxInputError as error:
            for name, message in error.errors.items():
                self.add_error(ENGINE_FIELDS.get(name), message)

    def save(self, commit=True):
        stay = super().save(commit=False)
        if self.fixed_accommodation is not None:
            stay.accommodation = self.fixed_accommodation
        if commit:
            stay.save()
        return stay


class CorrectionForm(forms.Form):
    """Why a declared period is opened again: printed on the rectifying état."""

    reason = forms.CharField(
        label=_("Motif de la correction"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Par exemple : « séjour du 12 au 15 oublié » ou « nombre d'enfants erroné »."),
    )


DECLARE_CHOICES = [
    ("stays", _("Valider avec les séjours du registre")),
    ("none", _("Aucune nuitée")),
    ("closed", _("Fermé sur la période")),
    ("platforms", _("Uniquement des plateformes qui ont perçu la taxe")),
    ("skip", _("Ne pas déclarer maintenant")),
]


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label=_("Nom du jeton"),
        max_length=100,
        help_text=_("Par exemple le nom de votre logiciel de réservation."),
    )
