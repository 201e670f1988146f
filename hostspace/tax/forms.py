"""Forms of the tax admin: a deliberation as agents enter it, a year of the national grid, a DELTA upload."""

from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from hostspace.records.forms import complete_periods
from hostspace.records.models import Accommodation
from hostspace.tax import delta, engine
from hostspace.tax.models import CATEGORY_FIELDS, RATE_FIELD, NationalGrid
from portal import tenancy

# One select per nature of lodging: every nature is shown, réel unless the agent says otherwise.
REGIME_FIELDS = {kind: f"regime_{kind}" for kind in Accommodation.Kind.values}


def _bounds_text(category, bounds, year):
    minimum, maximum = bounds
    if category == engine.UNCLASSIFIED:
        return gettext("Grille nationale %(year)s : de %(minimum)s %% à %(maximum)s %%.") % {
            "year": year,
            "minimum": number_format(minimum),
            "maximum": number_format(maximum),
        }
    return gettext("Grille nationale %(year)s : de %(minimum)s € à %(maximum)s €.") % {
        "year": year,
        "minimum": number_format(minimum, decimal_pos=2),
        "maximum": number_format(maximum, decimal_pos=2),
    }


class DeliberationFormBase(WagtailAdminModelForm):
    """A deliberation as an agent enters it.

    The collectivity is the agent's own, never chosen (a superuser attached to
    none chooses it); the regime of each nature of lodging is a select; each
    tariff's help text recalls the national grid of the year.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        collectivity = tenancy.collectivity_of(self.for_user)
        if collectivity is not None:
            if not self.instance.site_id:
                self.instance.site = collectivity
            self.fields.pop("site", None)
        elif "site" in self.fields:
            self.fields["site"].required = True
        regimes = self.instance.regimes or {}
        for kind, name in REGIME_FIELDS.items():
            if name in self.fields:
                self.fields[name].initial = regimes.get(kind, engine.REEL)
        self._recall_grid()

    def _recall_grid(self):
        valid_from = self.instance.valid_from
        year = valid_from.year if valid_from else None
        bounds = NationalGrid.bounds_for(year) if year else None
        if bounds is None:
            year = NationalGrid.latest_year()
            bounds = NationalGrid.bounds_for(year) if year else None
        if not bounds:
            return
        for category, field_name in {**CATEGORY_FIELDS, engine.UNCLASSIFIED: RATE_FIELD}.items():
            if field_name in self.fields and category in bounds:
                field = self.fields[field_name]
                field.help_text = f"{_bounds_text(category, bounds[category], year)} {field.help_text}"

    def clean(self):
        cleaned = super().clean()
        regimes = {
            kind: cleaned.get(name, engine.REEL) or engine.REEL
            for kind, name in REGIME_FIELDS.items()
            if name in self.fields
        }
        # Only forfait natures are stored: a nature added later to the records is au réel.
        self.instance.regimes = {kind: regime for kind, regime in regimes.items() if regime == engine.FORFAIT}
        formset = self.formsets.get("collection_periods")
        needs_periods = self.instance.regimes and formset is not None and formset.is_valid()
        if needs_periods and not complete_periods(formset.forms):
            self.add_error(
                None,
                _(
                    "Une nature d'hébergement est taxée au forfait : indiquez au moins une période de perception du forfait."
                ),
            )
        return cleaned


DeliberationAdminForm = type(DeliberationFormBase)(
    "DeliberationAdminForm",
    (DeliberationFormBase,),
    {
        "__module__": __name__,
        **{
            REGIME_FIELDS[kind]: forms.ChoiceField(label=label, choices=engine.REGIMES, initial=engine.REEL)
            for kind, label in Accommodation.Kind.choices
        },
    },
)


class GridYearForm(forms.Form):
    """A whole year of the national grid at once: the floor and ceiling of each category."""

    year = forms.IntegerField(label=_("Année"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in engine.CATEGORIES:
            unit = "%" if code == engine.UNCLASSIFIED else "€"
            for bound, bound_label in (("minimum", _("plancher")), ("maximum", _("plafond"))):
                self.fields[f"{code}-{bound}"] = forms.DecimalField(
                    label=f"{label} – {bound_label} ({unit})",
                    min_value=Decimal(0),
                    max_digits=5,
                    decimal_places=2,
                )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if NationalGrid.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("La grille de %(year)s existe déjà : modifiez ses lignes dans la liste."), params={"year": year}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        for code in engine.CATEGORY_CODES:
            minimum, maximum = cleaned.get(f"{code}-minimum"), cleaned.get(f"{code}-maximum")
            if minimum is not None and maximum is not None and minimum > maximum:
                self.add_error(f"{code}-maximum", _("Le plafond ne peut pas être inférieur au plancher."))
        return cleaned

    def rows(self):
        """Unsaved :class:`NationalGrid` rows, one per category."""
        year = self.cleaned_data["year"]
        return [
            NationalGrid(
                year=year,
                category=code,
                minimum=self.cleaned_data[f"{code}-minimum"],
                maximum=self.cleaned_data[f"{code}-maximum"],
            )
            for code in engine.CATEGORY_CODES
        ]


class DeltaUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier DELTA (XML)"),
        help_text=_(
            "Le fichier national des délibérations publié par la DGFiP (DELTA), ou celui de votre collectivité."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )

    def read(self):
        """The file's bytes, one more than the reader accepts so that it can say the file is too big."""
        return self.cleaned_data["file"].read(delta.MAX_BYTES + 1)
