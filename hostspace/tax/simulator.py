"""The public simulator's form: what a host types to see what a stay owes, and the computation it asks for.

The page (``guides.TaxSimulatorPage``) works without JavaScript: the form is
sent by GET, so a result can be bookmarked, printed or shared, and nothing is
stored. The engine does the arithmetic (``hostspace.tax.services.estimate``).
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hostspace.tax import engine, services
from portal.forms import AccessibleFormMixin


class SimulatorForm(AccessibleFormMixin, forms.Form):
    """A stay: its lodging category, its first night, nights, occupants, exempt occupants by reason, price."""

    category = forms.ChoiceField(label=_("Catégorie de l'hébergement"), choices=engine.CATEGORIES)
    arrival = forms.DateField(
        label=_("Date d'arrivée"),
        help_text=_("Les tarifs en vigueur ce jour-là s'appliquent. Format : JJ/MM/AAAA."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    nights = forms.IntegerField(label=_("Nombre de nuits"), min_value=1, max_value=366, initial=1)
    persons = forms.IntegerField(
        label=_("Nombre de personnes"),
        min_value=1,
        max_value=1000,
        initial=1,
        help_text=_("Tous les occupants, y compris les personnes exonérées."),
    )
    price_per_night = forms.DecimalField(
        label=_("Prix de la nuitée hors taxes (€)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_("Pour un hébergement non classé seulement : le prix de la nuit pour tout le logement."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["arrival"].initial = timezone.localdate()
        for code, label in engine.EXEMPTION_REASONS:
            self.fields[f"exempt_{code}"] = forms.IntegerField(
                label=label, min_value=0, max_value=1000, initial=0, required=False
            )

    def exempt_fields(self):
        return [self[f"exempt_{code}"] for code in engine.EXEMPTION_CODES]

    def main_fields(self):
        return [self[name] for name in ("category", "arrival", "nights", "persons", "price_per_night")]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("category") == engine.UNCLASSIFIED and cleaned.get("price_per_night") is None:
            self.add_error(
                "price_per_night", _("Indiquez le prix de la nuitée : le tarif d'un hébergement non classé en dépend.")
            )
        return cleaned

    def stay(self):
        data = self.cleaned_data
        return engine.Stay(
            nights=data["nights"],
            persons=data["persons"],
            exempt={code: data.get(f"exempt_{code}") or 0 for code in engine.EXEMPTION_CODES},
            price_per_night=data.get("price_per_night"),
        )

    def estimate(self, site):
        """The result for this stay on ``site``, or None with the reason added to the form's errors."""
        try:
            return services.estimate(site, self.cleaned_data["arrival"], self.cleaned_data["category"], self.stay())
        except services.NoDeliberation:
            self.add_error(
                "arrival", _("Aucun tarif de la taxe de séjour n'est en vigueur à cette date pour cette collectivité.")
            )
        except engine.TaxInputError as error:
            for field, message in error.errors.items():
                name = {"exempt": "exempt_minors"}.get(field, field)
                self.add_error(name if name in self.fields else None, message)
        return None


def explain(result):
    """What the result page lists beside the amounts: labels of the category, surcharges and exemptions."""
    breakdown = result.breakdown
    return {
        "category": engine.CATEGORY_LABELS[breakdown.category],
        "unclassified": breakdown.category == engine.UNCLASSIFIED,
        "surcharges": [(engine.SURCHARGE_BY_CODE[line.code], line) for line in breakdown.surcharges],
        "exempt": [(engine.EXEMPTION_LABELS[code], count) for code, count in breakdown.exempt.items() if count],
    }
