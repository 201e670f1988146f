"""The tourist tax as data: the national grid of each year, and each collectivity's deliberations.

The engine (:mod:`hostspace.tax.engine`) computes from plain values; these
models hold what it needs and where it comes from. The national grid is
loaded by a data migration and revised by the platform operator, one year at
a time; a deliberation is one collectivity's decision for a period of
validity, kept as history so that a night is always taxed at the tariffs in
force on that night. Money is ``Decimal``, never ``float``.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import BaseLogEntry
from wagtail.models.audit_log import ModelLogEntryManager

from hostspace.records.models import YearlyPeriod
from hostspace.tax import engine
from portal import tenancy
from portal.dates import long_date

# One place for the deliberation's field of each category of L2333-30 and each additional tax.
CATEGORY_FIELDS = {code: "tariff_" + code.replace("-", "_") for code in engine.CLASSIFIED_CATEGORIES}
RATE_FIELD = "unclassified_rate"
SURCHARGE_FIELDS = {surcharge.code: "surcharge_" + surcharge.code.replace("-", "_") for surcharge in engine.SURCHARGES}
# What a deliberation carries over to the one that follows it (see Deliberation.followed_by).
CARRIED_OVER_FIELDS = [
    *CATEGORY_FIELDS.values(),
    RATE_FIELD,
    *SURCHARGE_FIELDS.values(),
    "low_rent_threshold",
    "abatement_percent",
    "declaration_frequency",
    "due_days",
]


def plain_rate(value):
    """A percent without the zeros its column adds (5.00 -> 5, 2.50 -> 2.5), never in exponent form."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class NationalGrid(models.Model):
    """The floor and ceiling of one category's tariff for one year (L2333-30), as the State publishes them.

    Euros per person per night; for ``unclassified`` a percent of the cost per
    person per night. Only the platform operator changes it: a year is added
    in the admin when the indexed grid is published, never in code.
    """

    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], db_index=True
    )
    category = models.CharField(_("catégorie"), max_length=20, choices=engine.CATEGORIES)
    minimum = models.DecimalField(
        _("plancher"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("En euros par personne et par nuit ; en pourcentage pour les hébergements non classés."),
    )
    maximum = models.DecimalField(
        _("plafond"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("En euros par personne et par nuit ; en pourcentage pour les hébergements non classés."),
    )

    class Meta:
        verbose_name = _("ligne de la grille nationale")
        verbose_name_plural = _("grille nationale des tarifs")
        ordering = ["-year", "pk"]
        constraints = [models.UniqueConstraint(fields=["year", "category"], name="tax_grid_one_row_per_category")]

    def __str__(self):
        return f"{self.year} – {self.get_category_display()}"

    def clean(self):
        errors = {}
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            errors["maximum"] = _("Le plafond ne peut pas être inférieur au plancher.")
        if self.category == engine.UNCLASSIFIED and self.maximum is not None and self.maximum > engine.HUNDRED:
            errors["maximum"] = _("Un taux ne peut pas dépasser 100 %.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def bounds_by_year(cls, years):
        """``{year: {category: (floor, ceiling)}}`` for those of ``years`` the grid knows, in one query."""
        grids = {}
        for year, category, minimum, maximum in cls.objects.filter(year__in=list(years)).values_list(
            "year", "category", "minimum", "maximum"
        ):
            if category == engine.UNCLASSIFIED:
                minimum, maximum = plain_rate(minimum), plain_rate(maximum)
            grids.setdefault(year, {})[category] = (minimum, maximum)
        return grids

    @classmethod
    def bounds_for(cls, year):
        """``{category: (floor, ceiling)}`` for ``year``, as :func:`engine.check_tariffs` takes it, or None when unknown."""
        return cls.bounds_by_year([year]).get(year)

    @classmethod
    def latest_year(cls):
        """The most recent year the grid knows, or None."""
        return cls.objects.aggregate(latest=models.Max("year"))["latest"]


def _tariff_field(code):
    return models.DecimalField(
        engine.CATEGORY_LABELS[code],
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("En euros par personne et par nuit. Laissez vide si la délibération ne fixe pas ce tarif."),
    )


def _surcharge_field(surcharge):
    return models.BooleanField(
        format_lazy(
            "{label} ({rate} %, {article})", label=surcharge.label, rate=surcharge.rate, article=surcharge.article
        ),
        default=False,
    )


class Deliberation(ClusterableModel):
    """One collectivity's deliberation for a period of validity: tariffs, additional taxes, regimes, rhythm.

    Several rows per collectivity make its history; their validity never
    overlaps, so that one deliberation at most is in force on any day
    (:meth:`covers`). :meth:`tariffs` hands the engine what it computes from.
    """

    collectivity_field = "site"  # see portal.tenancy

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Mensuelle")
        QUARTERLY = "quarterly", _("Trimestrielle")
        HALF_YEARLY = "half-yearly", _("Semestrielle")

    MONTHS_PER_PERIOD = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6}

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="deliberations"
    )
    label = models.CharField(
        _("référence de la délibération"),
        max_length=200,
        help_text=_("Par exemple « Délibération n° 2025-14 du 12 septembre 2025 »."),
    )
    adopted_on = models.DateField(_("adoptée le"), null=True, blank=True)
    valid_from = models.DateField(
        _("en vigueur à partir du"), help_text=_("Premier jour où les tarifs s'appliquent, en général le 1er janvier.")
    )
    valid_until = models.DateField(
        _("en vigueur jusqu'au"),
        null=True,
        blank=True,
        help_text=_("Dernier jour inclus. Laissez vide si la délibération s'applique jusqu'à la suivante."),
    )

    tariff_palace = _tariff_field(engine.PALACE)
    tariff_5_stars = _tariff_field(engine.FIVE_STARS)
    tariff_4_stars = _tariff_field(engine.FOUR_STARS)
    tariff_3_stars = _tariff_field(engine.THREE_STARS)
    tariff_2_stars = _tariff_field(engine.TWO_STARS)
    tariff_1_star = _tariff_field(engine.ONE_STAR)
    tariff_camping_3_5_stars = _tariff_field(engine.CAMPING_3_5_STARS)
    tariff_camping_1_2_stars = _tariff_field(engine.CAMPING_1_2_STARS)
    unclassified_rate = models.DecimalField(
        engine.CATEGORY_LABELS[engine.UNCLASSIFIED],
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(engine.HUNDRED)],
        help_text=_(
            "Taux en pourcentage (de 1 à 5) du coût de la nuitée par personne. Le montant est plafonné au "
            "plus élevé des tarifs adoptés pour les hébergements classés."
        ),
    )

    surcharge_departmental = _surcharge_field(engine.SURCHARGE_BY_CODE[engine.DEPARTMENTAL])
    surcharge_idf = _surcharge_field(engine.SURCHARGE_BY_CODE[engine.IDF])
    surcharge_idf_mobility = _surcharge_field(engine.SURCHARGE_BY_CODE[engine.IDF_MOBILITY])
    surcharge_regional = _surcharge_field(engine.SURCHARGE_BY_CODE[engine.REGIONAL])

    low_rent_threshold = models.DecimalField(
        _("seuil d'exonération des petits loyers"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_(
            "En euros par nuit : les occupants d'un local loué moins cher sont exonérés (article L2333-31). "
            "Laissez vide si la délibération n'en fixe pas."
        ),
    )

    # Nature of lodging (Accommodation.Kind) -> engine.REEL or engine.FORFAIT; a nature absent is au réel.
    regimes = models.JSONField(_("régime par nature d'hébergement"), default=dict, blank=True)
    abatement_percent = models.DecimalField(
        _("abattement du forfait (%)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(engine.ABATEMENT_BOUNDS[1])],
        help_text=_("0 (aucun) ou de 10 à 80 % de la capacité d'accueil (article L2333-41)."),
    )

    declaration_frequency = models.CharField(
        _("rythme des déclarations"), max_length=12, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    due_days = models.PositiveSmallIntegerField(
        _("délai de déclaration (jours)"),
        default=15,
        validators=[MaxValueValidator(366)],
        help_text=_("Nombre de jours après la fin de la période pour déclarer et reverser la taxe."),
    )

    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("délibération")
        verbose_name_plural = _("délibérations")
        ordering = ["site", "-valid_from", "-pk"]
        indexes = [models.Index(fields=["site", "valid_from"])]

    def __str__(self):
        return self.label

    def followed_by(self, valid_from, valid_until, label=""):
        """An unsaved deliberation of the same collectivity for a later validity, with these tariffs and rules."""
        following = Deliberation(
            site=self.site,
            label=label,
            valid_from=valid_from,
            valid_until=valid_until,
            regimes=dict(self.regimes or {}),
        )
        for name in CARRIED_OVER_FIELDS:
            setattr(following, name, getattr(self, name))
        return following

    # Reading ----------------------------------------------------------------------------------

    def covers(self, day):
        """Whether the deliberation is in force on ``day`` (both ends of its validity included)."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def has_started(self, today=None):
        """True once its first day has come: from then on it has taxed nights and is kept."""
        return self.valid_from <= (today or timezone.localdate())

    def regime_for(self, kind):
        """The regime (:data:`engine.REEL` or :data:`engine.FORFAIT`) of a nature of lodging; réel by default."""
        return (self.regimes or {}).get(str(kind), engine.REEL)

    @property
    def forfait_kinds(self):
        """The natures of lodging taxed au forfait."""
        return [kind for kind, regime in (self.regimes or {}).items() if regime == engine.FORFAIT]

    def classified_tariffs(self):
        """``{category code: euros}`` for the classified categories the deliberation adopted."""
        values = {code: getattr(self, field) for code, field in CATEGORY_FIELDS.items()}
        return {code: value for code, value in values.items() if value is not None}

    def surcharge_codes(self):
        """The codes of the additional taxes in force, in the order of :data:`engine.SURCHARGES`."""
        return [surcharge.code for surcharge in engine.SURCHARGES if getattr(self, SURCHARGE_FIELDS[surcharge.code])]

    def tariffs(self):
        """The deliberation as the engine reads it (:class:`engine.Tariffs`)."""
        return engine.Tariffs(
            classified=self.classified_tariffs(),
            unclassified_rate=plain_rate(self.unclassified_rate),
            surcharges={code: engine.SURCHARGE_BY_CODE[code].rate for code in self.surcharge_codes()},
            low_rent_threshold=self.low_rent_threshold,
        )

    @property
    def months_per_period(self):
        """How many months one declaration period lasts (1, 3 or 6)."""
        return self.MONTHS_PER_PERIOD[self.declaration_frequency]

    def due_date(self, period_end):
        """The last day to declare and pay for a period ending on ``period_end``."""
        return period_end + datetime.timedelta(days=self.due_days)

    # Checking ---------------------------------------------------------------------------------

    def grid_years(self):
        """The years the validity spans (an open-ended deliberation: its first year)."""
        if self.valid_from is None:
            return []
        last = self.valid_until if self.valid_until and self.valid_until >= self.valid_from else self.valid_from
        return list(range(self.valid_from.year, last.year + 1))

    def years_without_grid(self):
        """The years of the validity for which no national grid is known: their tariffs are not checked."""
        years = self.grid_years()
        known = NationalGrid.objects.filter(year__in=years).values_list("year", flat=True).distinct()
        return sorted(set(years) - set(known))

    @property
    def grid_warning(self):
        """A French warning when the tariffs could not be checked against a national grid, else None."""
        missing = self.years_without_grid()
        if not missing:
            return None
        return gettext(
            "Aucune grille nationale n'est enregistrée pour %(years)s : les tarifs n'ont pas pu être comparés "
            "aux planchers et plafonds légaux. Vérifiez-les ; l'opérateur de la plateforme ajoutera la grille."
        ) % {"years": ", ".join(str(year) for year in missing)}

    def overlapping(self):
        """The other deliberations of the same collectivity whose validity meets this one's."""
        if not self.site_id or self.valid_from is None:
            return Deliberation.objects.none()
        others = Deliberation.objects.filter(site_id=self.site_id).exclude(pk=self.pk)
        others = others.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from))
        if self.valid_until is not None:
            others = others.filter(valid_from__lte=self.valid_until)
        return others.order_by("valid_from")

    def validity_display(self):
        """« du 1er janvier 2026 au 31 décembre 2026 », or « à partir du 1er janvier 2026 »."""
        start = long_date(self.valid_from)
        if self.valid_until is None:
            return gettext("à partir du %(start)s") % {"start": start}
        return gettext("du %(start)s au %(end)s") % {"start": start, "end": long_date(self.valid_until)}

    def clean(self):
        """Validity in order and not overlapping another deliberation, abatement and rates within the law,
        every tariff within the national grid of each year of the validity (errors by field, naming the bounds)."""
        super().clean()
        errors = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            add("valid_until", _("La fin de validité ne peut pas précéder son début."))
        elif self.valid_from:
            clash = self.overlapping().first()
            if clash is not None:
                add(
                    "valid_from",
                    gettext(
                        "Cette validité chevauche celle de « %(other)s » (%(validity)s) : une seule délibération "
                        "peut être en vigueur à une date. Modifiez les dates de l'une des deux."
                    )
                    % {"other": clash.label, "validity": clash.validity_display()},
                )

        low, high = engine.ABATEMENT_BOUNDS
        abatement = self.abatement_percent
        if abatement is not None and abatement != 0 and not low <= abatement <= high:
            add(
                "abatement_percent",
                gettext("L'abattement doit être nul ou compris entre %(low)s %% et %(high)s %%.")
                % {"low": low, "high": high},
            )

        kinds = {kind for kind, _label in _accommodation_kinds()}
        for kind, regime in (self.regimes or {}).items():
            if kind not in kinds or regime not in (engine.REEL, engine.FORFAIT):
                add("regimes", gettext("Régime inconnu pour la nature « %(kind)s ».") % {"kind": kind})

        classified = self.classified_tariffs()
        if not classified:
            add(
                CATEGORY_FIELDS[engine.PALACE],
                _(
                    "Indiquez au moins un tarif d'hébergement classé : le plus élevé plafonne aussi "
                    "le montant des hébergements non classés."
                ),
            )
        else:
            self._check_grid(add)

        if errors:
            raise ValidationError(errors)

    def _check_grid(self, add):
        try:
            tariffs = self.tariffs()
        except engine.TaxInputError:
            return  # a field's own validators already say what is wrong
        field_of = {**CATEGORY_FIELDS, engine.UNCLASSIFIED: RATE_FIELD}
        years = self.grid_years()
        grids = NationalGrid.bounds_by_year(years)
        for year in years:
            if year not in grids:
                continue  # accepted, with grid_warning
            try:
                engine.check_tariffs(tariffs, grids[year])
            except engine.TaxInputError as error:
                for code, message in error.errors.items():
                    prefix = gettext("Grille nationale %(year)s :") % {"year": year} if len(years) > 1 else ""
                    add(field_of.get(code, RATE_FIELD), f"{prefix} {message}".strip())


def _accommodation_kinds():
    """The natures of lodging of the host records, each of which has a regime."""
    from hostspace.records.models import Accommodation

    return Accommodation.Kind.choices


class CollectionPeriod(YearlyPeriod):
    """A yearly collection period of the forfait (day and month, possibly across the new year)."""

    collectivity_field = "deliberation__site"  # see portal.tenancy

    deliberation = ParentalKey(
        Deliberation, verbose_name=_("délibération"), on_delete=models.CASCADE, related_name="collection_periods"
    )

    class Meta(YearlyPeriod.Meta):
        verbose_name = _("période de perception")
        verbose_name_plural = _("périodes de perception")


# History ----------------------------------------------------------------------------------------


class TaxLogEntryManager(ModelLogEntryManager):
    """Wagtail's history of deliberations, each entry tagged with its collectivity.

    Wagtail's generic ``ModelLogEntry`` is shown in « Historique du site » to
    anyone with a permission on the model, whatever the object: one
    collectivity's agents would read another's deliberation labels. These
    entries are filtered by ``site`` like the host records' (``RecordLogEntry``).
    Only :class:`Deliberation` logs here.
    """

    def log_action(self, instance, action, **kwargs):
        kwargs.setdefault("site_id", tenancy.site_id_of(instance))
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        if tenancy.sees_everything(user):
            return self.all()
        if not getattr(user, "collectivity_id", None):
            return self.none()
        if not (user.is_superuser or any(user.has_perm(f"tax.{name}_deliberation") for name in ("view", "change"))):
            return self.none()
        return self.filter(site_id=user.collectivity_id)


class TaxLogEntry(BaseLogEntry):
    """An entry of a deliberation's history, with the collectivity it belongs to."""

    collectivity_field = "site"  # see portal.tenancy

    object_id = models.CharField(max_length=255, db_index=True)
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("collectivité"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TaxLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("entrée d'historique de la taxe de séjour")
        verbose_name_plural = _("historique de la taxe de séjour")
