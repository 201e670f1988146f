"""The tourist tax (*taxe de séjour*), computed: pure functions on ``Decimal``.

Nothing here reads the database: the deliberation in force is passed in as a
:class:`Tariffs` value, so the simulator, the estimate API, the declarations
and the tests share one rule. Money is ``Decimal``, never ``float``.

The rules, with the articles of the Code général des collectivités
territoriales (CGCT) they come from:

**Who pays.** The tax is due per person and per night by whoever stays, for a
price, in a lodging of a collectivity that levies it (L2333-29). Four kinds of
persons are exempt (L2333-31): minors; holders of a seasonal employment
contract working in the territory; persons in emergency or temporary housing;
persons whose rent is below a threshold the collectivity sets. Exempt persons
only leave the multiplier: they still count as occupants when the cost per
person of an unclassified lodging is worked out.

**The tariff.** The deliberation sets a tariff per person per night for each
of the nine categories of L2333-30, within a national grid (a floor and a
ceiling per category, indexed every year; :data:`NATIONAL_GRID` holds the
known years, and :func:`check_tariff` refuses a tariff outside them):

1. palaces;
2. to 4. hotels, residences and furnished rentals of 5, 4 and 3 stars;
5. 2 stars and holiday villages of 4 and 5 stars;
6. 1 star, holiday villages of 1 to 3 stars, guest rooms, hostels;
7. campsites of 3 to 5 stars, camper-van areas (per 24 hours);
8. campsites of 1 and 2 stars, marinas;
9. lodgings awaiting classification or unclassified: a **rate** between 1 %
   and 5 % of the cost per person of the night.

**Additional taxes** (*taxes additionnelles*) are percentages of the communal
amount, added to it and collected with it: departmental 10 % (L3333-1);
Île-de-France regional 15 % (L2531-17); Île-de-France Mobilités 200 %
(L2531-18); regional 34 % (L4332-4). Their rates are added, not compounded:
10 % and 34 % make a coefficient of 1.44.

**Au réel** (:func:`compute`):

- classified stay: amount per person per night = communal tariff ×
  (1 + sum of the additional-tax rates);
- unclassified stay: the cost per person per night is the price of the night
  before tax divided by **all** the occupants, exempt ones included; it is
  multiplied by the rate; the result is capped at the highest tariff the
  collectivity adopted for the classified categories (L2333-30, last
  paragraph; the cap is taken before the additional taxes); then the
  additional taxes are applied;
- the amount per person per night is rounded **once**, half up to the cent;
  it is then multiplied by the taxable person-nights (occupants minus exempt
  persons, times nights). Rounding the unit amount, not the total, is what
  the host shows on the bill and what the collectivity checks.

**Au forfait** (L2333-40 and L2333-41, :func:`compute_forfait`): the host owes
tariff × capacity × (1 − abatement) × nights open within the collection
period, whoever stayed. The abatement (10 % to 80 %, or none) allows for the
nights the lodging stands empty. The additional taxes apply to the forfait
tariff as they do to the réel one (L3333-1 covers both taxes).

The unclassified cap: L2333-30 has also been read (by the DGCL guide of 2018,
as reported by svp.com) as the lower of the highest adopted tariff and the
national ceiling of 4-star hotels. The product's rule is the highest adopted
tariff; a caller that needs the other reading passes
``Tariffs.unclassified_cap_ceiling``.
"""

import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)

# Plenty of digits, so that products of prices, rates and coefficients are
# exact and the only rounding is the one the law asks for.
_CONTEXT = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)

# --- Categories (L2333-30) --------------------------------------------------

PALACE = "palace"
FIVE_STARS = "5-stars"
FOUR_STARS = "4-stars"
THREE_STARS = "3-stars"
TWO_STARS = "2-stars"
ONE_STAR = "1-star"
CAMPING_3_5_STARS = "camping-3-5-stars"
CAMPING_1_2_STARS = "camping-1-2-stars"
UNCLASSIFIED = "unclassified"

CATEGORIES = (
    (PALACE, _("Palaces")),
    (FIVE_STARS, _("Hôtels de tourisme 5 étoiles, résidences de tourisme 5 étoiles, meublés de tourisme 5 étoiles")),
    (FOUR_STARS, _("Hôtels de tourisme 4 étoiles, résidences de tourisme 4 étoiles, meublés de tourisme 4 étoiles")),
    (THREE_STARS, _("Hôtels de tourisme 3 étoiles, résidences de tourisme 3 étoiles, meublés de tourisme 3 étoiles")),
    (
        TWO_STARS,
        _(
            "Hôtels de tourisme 2 étoiles, résidences de tourisme 2 étoiles, meublés de tourisme 2 étoiles, "
            "villages de vacances 4 et 5 étoiles"
        ),
    ),
    (
        ONE_STAR,
        _(
            "Hôtels de tourisme 1 étoile, résidences de tourisme 1 étoile, meublés de tourisme 1 étoile, "
            "villages de vacances 1, 2 et 3 étoiles, chambres d'hôtes, auberges collectives"
        ),
    ),
    (
        CAMPING_3_5_STARS,
        _(
            "Terrains de camping et de caravanage 3, 4 et 5 étoiles, aires de camping-cars "
            "et parcs de stationnement touristiques (par tranche de 24 heures)"
        ),
    ),
    (CAMPING_1_2_STARS, _("Terrains de camping et de caravanage 1 et 2 étoiles, ports de plaisance")),
    (UNCLASSIFIED, _("Hébergements en attente de classement ou sans classement")),
)
CATEGORY_CODES = tuple(code for code, _label in CATEGORIES)
CATEGORY_LABELS = dict(CATEGORIES)
# The eight categories taxed at a fixed tariff; the ninth is taxed at a rate.
CLASSIFIED_CATEGORIES = CATEGORY_CODES[:-1]

# --- Regimes (L2333-26, L2333-40) -------------------------------------------

REEL = "reel"
FORFAIT = "forfait"
REGIMES = ((REEL, _("Au réel")), (FORFAIT, _("Au forfait")))

# --- Additional taxes --------------------------------------------------------

DEPARTMENTAL = "departmental"
IDF = "idf"
IDF_MOBILITY = "idf-mobility"
REGIONAL = "regional"


@dataclass(frozen=True)
class Surcharge:
    """An additional tax: its code, its label, the rate the law sets (a percent) and its article."""

    code: str
    label: str
    rate: Decimal
    article: str


SURCHARGES = (
    Surcharge(DEPARTMENTAL, _("Taxe additionnelle départementale"), Decimal(10), "L3333-1"),
    Surcharge(IDF, _("Taxe additionnelle régionale d'Île-de-France"), Decimal(15), "L2531-17"),
    Surcharge(IDF_MOBILITY, _("Taxe additionnelle au profit d'Île-de-France Mobilités"), Decimal(200), "L2531-18"),
    Surcharge(REGIONAL, _("Taxe additionnelle régionale"), Decimal(34), "L4332-4"),
)
SURCHARGE_BY_CODE = {surcharge.code: surcharge for surcharge in SURCHARGES}

# --- Exemptions (L2333-31) ---------------------------------------------------

MINORS = "minors"
SEASONAL_WORKERS = "seasonal_workers"
EMERGENCY_HOUSING = "emergency_housing"
LOW_RENT = "low_rent"

EXEMPTION_REASONS = (
    (MINORS, _("Personnes mineures")),
    (SEASONAL_WORKERS, _("Titulaires d'un contrat de travail saisonnier employés sur le territoire")),
    (EMERGENCY_HOUSING, _("Personnes bénéficiant d'un hébergement d'urgence ou d'un relogement temporaire")),
    (LOW_RENT, _("Personnes occupant un local dont le loyer est inférieur au seuil fixé par la collectivité")),
)
EXEMPTION_CODES = tuple(code for code, _label in EXEMPTION_REASONS)
EXEMPTION_LABELS = dict(EXEMPTION_REASONS)

# --- Forfait abatement (L2333-41 III) ----------------------------------------

ABATEMENT_BOUNDS = (Decimal(10), Decimal(80))

# --- National grid (L2333-30), as published by service-public.fr -------------
# Euros per person per night (floor, ceiling); for ``unclassified`` a percent.
# Plain data: a later step loads it into the database, where the yearly
# revision is a data change. Do not compute from it here.

NATIONAL_GRID = {
    2024: {
        PALACE: (Decimal("0.70"), Decimal("4.60")),
        FIVE_STARS: (Decimal("0.70"), Decimal("3.30")),
        FOUR_STARS: (Decimal("0.70"), Decimal("2.50")),
        THREE_STARS: (Decimal("0.50"), Decimal("1.60")),
        TWO_STARS: (Decimal("0.30"), Decimal("1.00")),
        ONE_STAR: (Decimal("0.20"), Decimal("0.80")),
        CAMPING_3_5_STARS: (Decimal("0.20"), Decimal("0.60")),
        CAMPING_1_2_STARS: (Decimal("0.20"), Decimal("0.20")),
        UNCLASSIFIED: (Decimal("1"), Decimal("5")),
    },
    2026: {
        PALACE: (Decimal("0.70"), Decimal("4.90")),
        FIVE_STARS: (Decimal("0.70"), Decimal("3.60")),
        FOUR_STARS: (Decimal("0.70"), Decimal("2.60")),
        THREE_STARS: (Decimal("0.50"), Decimal("1.70")),
        TWO_STARS: (Decimal("0.30"), Decimal("1.00")),
        ONE_STAR: (Decimal("0.20"), Decimal("0.80")),
        CAMPING_3_5_STARS: (Decimal("0.20"), Decimal("0.60")),
        CAMPING_1_2_STARS: (Decimal("0.20"), Decimal("0.20")),
        UNCLASSIFIED: (Decimal("1"), Decimal("5")),
    },
}


class TaxInputError(ValueError):
    """Input the engine refuses, with one French message per field.

    ``errors`` maps a field name (``nights``, ``persons``, ``exempt``,
    ``price_per_night``, ``category``, a category code for a tariff…) to a
    message already translated into the active language, so that a form can
    attach each message to its field and an API can answer with them as they are.
    """

    def __init__(self, errors):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


# --- Input checks -------------------------------------------------------------


def _as_decimal(value, name, errors, *, required=True):
    """``value`` as a finite Decimal, or None with a message in ``errors``.

    Floats are refused rather than converted: a float already carries the
    binary error money must not have.
    """
    if value is None or value == "":
        if required:
            errors[name] = gettext("Ce champ est obligatoire.")
        return None
    if isinstance(value, bool | float):
        errors[name] = gettext("Saisissez un nombre décimal.")
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            value = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            errors[name] = gettext("Saisissez un nombre décimal.")
            return None
    if not isinstance(value, Decimal) or not value.is_finite():
        errors[name] = gettext("Saisissez un nombre décimal.")
        return None
    return value


def _as_amount(value, name, errors, *, required=True):
    """A Decimal that cannot be negative (a tariff, a price, a threshold)."""
    amount = _as_decimal(value, name, errors, required=required)
    if amount is not None and amount < 0:
        errors[name] = gettext("Ce montant ne peut pas être négatif.")
        return None
    return amount


def _as_count(value, name, errors, *, minimum):
    """A whole number of persons or nights, at least ``minimum``."""
    if value is None or value == "":
        errors[name] = gettext("Ce champ est obligatoire.")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        errors[name] = gettext("Saisissez un nombre entier.")
        return None
    if value < minimum:
        errors[name] = gettext("Saisissez un nombre entier supérieur ou égal à %(minimum)s.") % {"minimum": minimum}
        return None
    return value


def _surcharge_rates(surcharges, name, errors):
    """The additional taxes in force, as ``{code: percent}`` in the order of :data:`SURCHARGES`."""
    rates = {}
    unknown = sorted(str(code) for code in surcharges if code not in SURCHARGE_BY_CODE)
    if unknown:
        errors[name] = gettext("Taxe additionnelle inconnue : %(codes)s.") % {"codes": ", ".join(unknown)}
        return {}
    for surcharge in SURCHARGES:
        if surcharge.code in surcharges:
            rate = _as_amount(surcharges[surcharge.code], name, errors)
            if rate is None:
                return {}
            rates[surcharge.code] = rate
    return rates


# --- The deliberation, as the engine sees it ----------------------------------


@dataclass(frozen=True)
class Tariffs:
    """The deliberation in force on a night, reduced to what the computation needs.

    - ``classified``: euros per person per night, by category code, for the
      eight classified categories the collectivity adopted;
    - ``unclassified_rate``: the percent (1 to 5) of the cost per person per
      night for unclassified lodgings, or None if the deliberation has none;
    - ``surcharges``: the additional taxes in force, ``{code: percent}``;
    - ``low_rent_threshold``: the rent per night below which occupants are
      exempt (L2333-31), or None;
    - ``unclassified_cap_ceiling``: an optional second cap for unclassified
      lodgings (see the module docstring); None applies the product's rule.

    Amounts may be given as Decimal, int or decimal strings; they are kept as
    Decimal. Bad values raise :class:`TaxInputError` at construction. Bounds
    of the national grid are checked separately (:func:`check_tariffs`),
    because a year without a known grid is accepted.
    """

    classified: Mapping[str, Decimal]
    unclassified_rate: Decimal | None = None
    surcharges: Mapping[str, Decimal] = field(default_factory=dict)
    low_rent_threshold: Decimal | None = None
    unclassified_cap_ceiling: Decimal | None = None

    def __post_init__(self):
        errors = {}
        classified = {}
        for code, value in dict(self.classified).items():
            if code not in CLASSIFIED_CATEGORIES:
                errors[str(code)] = gettext("Catégorie inconnue : %(code)s.") % {"code": code}
                continue
            amount = _as_amount(value, code, errors)
            if amount is not None:
                classified[code] = amount
        rate = _as_amount(self.unclassified_rate, "unclassified_rate", errors, required=False)
        if rate is not None and rate > HUNDRED:
            errors["unclassified_rate"] = gettext("Un taux ne peut pas dépasser 100 %.")
        surcharges = _surcharge_rates(dict(self.surcharges), "surcharges", errors)
        threshold = _as_amount(self.low_rent_threshold, "low_rent_threshold", errors, required=False)
        ceiling = _as_amount(self.unclassified_cap_ceiling, "unclassified_cap_ceiling", errors, required=False)
        if errors:
            raise TaxInputError(errors)
        # Read-only views: a Tariffs value is shared between requests.
        object.__setattr__(self, "classified", MappingProxyType(classified))
        object.__setattr__(self, "unclassified_rate", rate)
        object.__setattr__(self, "surcharges", MappingProxyType(surcharges))
        object.__setattr__(self, "low_rent_threshold", threshold)
        object.__setattr__(self, "unclassified_cap_ceiling", ceiling)

    @property
    def surcharge_percent(self):
        """The sum of the additional-tax rates in force, in percent."""
        return sum(self.surcharges.values(), ZERO)


@dataclass(frozen=True)
class Stay:
    """One stay to tax au réel.

    ``persons`` counts **all** occupants, exempt ones included; ``exempt``
    counts the exempt ones by reason (:data:`EXEMPTION_CODES`);
    ``price_per_night`` is the price of the night before tax, required for an
    unclassified lodging only (it also lets the low-rent threshold apply).
    The values are checked by :func:`compute`, all at once.
    """

    nights: int
    persons: int
    exempt: Mapping[str, int] = field(default_factory=dict)
    price_per_night: Decimal | None = None


# --- Results -------------------------------------------------------------------


def _money(value):
    """A Decimal as a string with at least two decimals, never in exponent form.

    Only zeros are added: an unrounded amount keeps all its digits, since the
    breakdown exists to show what was rounded.
    """
    if value is None:
        return None
    if value.as_tuple().exponent > -2:
        value = value.quantize(CENT)
    return format(value, "f")


def _number(value):
    """A Decimal (a rate) as a plain string, never in exponent form."""
    return None if value is None else format(value, "f")


@dataclass(frozen=True)
class SurchargeAmount:
    """One additional tax in a result: its code, its rate (percent) and its unrounded amount."""

    code: str
    rate: Decimal
    amount: Decimal

    def as_dict(self):
        """JSON-friendly: decimal strings, and the label in the active language."""
        surcharge = SURCHARGE_BY_CODE[self.code]
        return {
            "code": self.code,
            "label": str(surcharge.label),
            "article": surcharge.article,
            "rate": _number(self.rate),
            "amount": _money(self.amount),
        }


@dataclass(frozen=True)
class Breakdown:
    """Why a réel amount is what it is, step by step, for the host to read.

    Amounts are per person per night. ``communal_amount`` is the communal
    tariff, or for an unclassified lodging the rate of the cost per person,
    capped; ``unrounded_amount`` adds the additional taxes; ``rounded_amount``
    is the amount per person per night after the one rounding.
    """

    category: str
    communal_tariff: Decimal | None
    unclassified_rate: Decimal | None
    price_per_night: Decimal | None
    cost_per_person_night: Decimal | None
    uncapped_amount: Decimal | None
    cap: Decimal | None
    cap_applied: bool
    communal_amount: Decimal
    surcharges: tuple[SurchargeAmount, ...]
    unrounded_amount: Decimal
    rounded_amount: Decimal
    persons: int
    exempt: Mapping[str, int]
    low_rent_applied: bool
    taxable_persons: int
    nights: int
    taxable_person_nights: int

    @property
    def exempt_persons(self):
        """How many occupants are exempt, whatever the reason."""
        return sum(self.exempt.values())

    def as_dict(self):
        """The breakdown as a JSON-friendly dict: amounts and rates as decimal strings."""
        return {
            "regime": REEL,
            "category": self.category,
            "communal_tariff": _money(self.communal_tariff),
            "unclassified_rate": _number(self.unclassified_rate),
            "price_per_night": _money(self.price_per_night),
            "cost_per_person_night": _money(self.cost_per_person_night),
            "uncapped_amount": _money(self.uncapped_amount),
            "cap": _money(self.cap),
            "cap_applied": self.cap_applied,
            "communal_amount": _money(self.communal_amount),
            "surcharges": [line.as_dict() for line in self.surcharges],
            "unrounded_amount": _money(self.unrounded_amount),
            "rounded_amount": _money(self.rounded_amount),
            "persons": self.persons,
            "exempt": dict(self.exempt),
            "exempt_persons": self.exempt_persons,
            "low_rent_applied": self.low_rent_applied,
            "taxable_persons": self.taxable_persons,
            "nights": self.nights,
            "taxable_person_nights": self.taxable_person_nights,
        }


@dataclass(frozen=True)
class TaxResult:
    """What a réel stay owes: the amount per person per night, the taxable person-nights, the total."""

    amount_per_person_night: Decimal
    taxable_person_nights: int
    total: Decimal
    breakdown: Breakdown

    def as_dict(self):
        """The result in the shape of the estimate API: amounts as decimal strings in euros."""
        return {
            "amount_per_person_night": _money(self.amount_per_person_night),
            "taxable_person_nights": self.taxable_person_nights,
            "total": _money(self.total),
            "breakdown": self.breakdown.as_dict(),
        }


@dataclass(frozen=True)
class ForfaitResult:
    """What a lodging owes au forfait for a period, and why.

    ``amount_per_unit_night`` is the tariff plus the additional taxes, per
    unit of capacity and per night, unrounded; ``taxable_capacity`` is the
    capacity after the abatement.
    """

    tariff: Decimal
    capacity: int
    abatement_percent: Decimal
    taxable_capacity: Decimal
    nights_open: int
    surcharges: tuple[SurchargeAmount, ...]
    amount_per_unit_night: Decimal
    unrounded_total: Decimal
    total: Decimal

    def as_dict(self):
        """The result as a JSON-friendly dict: amounts and rates as decimal strings."""
        return {
            "regime": FORFAIT,
            "tariff": _money(self.tariff),
            "capacity": self.capacity,
            "abatement_percent": _number(self.abatement_percent),
            "taxable_capacity": _number(self.taxable_capacity),
            "nights_open": self.nights_open,
            "surcharges": [line.as_dict() for line in self.surcharges],
            "amount_per_unit_night": _money(self.amount_per_unit_night),
            "unrounded_total": _money(self.unrounded_total),
            "total": _money(self.total),
        }


# --- The computation ------------------------------------------------------------


def _round_to_cent(value):
    """The one rounding the law asks for: half up, to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def highest_classified_tariff(tariffs):
    """The highest tariff the collectivity adopted for the classified categories, or None if it adopted none.

    It caps the amount of an unclassified lodging (L2333-30), before the
    additional taxes.
    """
    return max(tariffs.classified.values(), default=None)


def unclassified_cap(tariffs):
    """The cap of an unclassified amount per person per night, before the additional taxes, or None.

    The highest classified tariff, lowered to ``unclassified_cap_ceiling`` when
    the caller gives one.
    """
    cap = highest_classified_tariff(tariffs)
    if cap is not None and tariffs.unclassified_cap_ceiling is not None:
        cap = min(cap, tariffs.unclassified_cap_ceiling)
    return cap


def _exemptions(exempt, errors):
    """The exempt counts by reason, every reason present (0 when absent)."""
    counts = dict.fromkeys(EXEMPTION_CODES, 0)
    if exempt is None:
        return counts
    if not isinstance(exempt, Mapping):
        errors["exempt"] = gettext("Indiquez le nombre de personnes exonérées par motif.")
        return counts
    unknown = sorted(str(reason) for reason in exempt if reason not in counts)
    if unknown:
        errors["exempt"] = gettext("Motif d'exonération inconnu : %(reasons)s.") % {"reasons": ", ".join(unknown)}
        return counts
    for reason, value in exempt.items():
        count = _as_count(value, "exempt", errors, minimum=0)
        if count is None:
            return counts
        counts[reason] = count
    return counts


def compute(tariffs, category, stay):
    """The tax a stay owes au réel (L2333-29 to L2333-31), with its breakdown.

    ``tariffs`` is the deliberation in force on the stay's nights, ``category``
    one of :data:`CATEGORY_CODES`, ``stay`` a :class:`Stay`. Every problem
    with the input is reported at once in one :class:`TaxInputError`.

    When the price of the night is known and below the collectivity's
    low-rent threshold, every occupant is exempt (L2333-31, 4°); a declared
    low-rent exemption that the price contradicts is refused.
    """
    errors = {}
    nights = _as_count(stay.nights, "nights", errors, minimum=1)
    persons = _as_count(stay.persons, "persons", errors, minimum=1)
    exempt = _exemptions(stay.exempt, errors)
    price = _as_amount(stay.price_per_night, "price_per_night", errors, required=False)

    if category not in CATEGORY_LABELS:
        errors["category"] = gettext("Catégorie d'hébergement inconnue.")
    elif category == UNCLASSIFIED:
        if tariffs.unclassified_rate is None:
            errors["category"] = gettext("La délibération ne fixe pas de taux pour les hébergements non classés.")
        elif unclassified_cap(tariffs) is None:
            errors["category"] = gettext(
                "La délibération ne fixe aucun tarif pour les hébergements classés : "
                "le plafond des hébergements non classés est inconnu."
            )
        if price is None and "price_per_night" not in errors:
            errors["price_per_night"] = gettext("Le prix de la nuitée est requis pour un hébergement non classé.")
    elif category not in tariffs.classified:
        errors["category"] = gettext("La délibération ne fixe pas de tarif pour cette catégorie.")

    low_rent_applied = False
    if persons is not None and "exempt" not in errors:
        declared = sum(exempt.values())
        if declared > persons:
            errors["exempt"] = gettext(
                "Il y a plus de personnes exonérées (%(exempt)s) que d'occupants (%(persons)s)."
            ) % {"exempt": declared, "persons": persons}
        elif price is not None and tariffs.low_rent_threshold is not None:
            if price < tariffs.low_rent_threshold:
                # Below the threshold the rent itself exempts: nobody is left to pay.
                exempt[LOW_RENT] += persons - declared
                low_rent_applied = True
            elif exempt[LOW_RENT]:
                errors["exempt"] = gettext(
                    "Le prix de la nuitée (%(price)s €) n'est pas inférieur au seuil d'exonération "
                    "de la collectivité (%(threshold)s €)."
                ) % {
                    "price": number_format(price, decimal_pos=2),
                    "threshold": number_format(tariffs.low_rent_threshold, decimal_pos=2),
                }
    if errors:
        raise TaxInputError(errors)

    with decimal.localcontext(_CONTEXT):
        communal_tariff = unclassified_rate = cost = uncapped = cap = None
        cap_applied = False
        if category == UNCLASSIFIED:
            unclassified_rate = tariffs.unclassified_rate
            # All occupants share the night, exempt ones included (L2333-30).
            cost = price / persons
            # One division, after the products, keeps the value exact whenever it can be.
            uncapped = price * unclassified_rate / (persons * HUNDRED)
            cap = unclassified_cap(tariffs)
            cap_applied = uncapped > cap
            communal = cap if cap_applied else uncapped
        else:
            communal_tariff = communal = tariffs.classified[category]
        lines = tuple(
            SurchargeAmount(code, rate, communal * rate / HUNDRED) for code, rate in tariffs.surcharges.items()
        )
        # Summing the lines (rather than multiplying by 1 + rates) keeps the breakdown adding up exactly.
        unrounded = communal + sum((line.amount for line in lines), ZERO)
        rounded = _round_to_cent(unrounded)
        taxable_persons = persons - sum(exempt.values())
        person_nights = taxable_persons * nights
        total = rounded * person_nights

    breakdown = Breakdown(
        category=category,
        communal_tariff=communal_tariff,
        unclassified_rate=unclassified_rate,
        price_per_night=price,
        cost_per_person_night=cost,
        uncapped_amount=uncapped,
        cap=cap,
        cap_applied=cap_applied,
        communal_amount=communal,
        surcharges=lines,
        unrounded_amount=unrounded,
        rounded_amount=rounded,
        persons=persons,
        exempt=MappingProxyType(exempt),
        low_rent_applied=low_rent_applied,
        taxable_persons=taxable_persons,
        nights=nights,
        taxable_person_nights=person_nights,
    )
    return TaxResult(
        amount_per_person_night=rounded, taxable_person_nights=person_nights, total=total, breakdown=breakdown
    )


def compute_forfait(tariff, capacity, abatement_percent, nights_open, surcharges=None):
    """The tax a lodging owes au forfait for one collection period (L2333-40, L2333-41).

    total = tariff × (1 + additional-tax rates) × capacity × (1 − abatement) ×
    nights open within the period.

    ``tariff`` is the forfait tariff of the lodging's category (euros per unit
    of capacity per night), ``capacity`` the number of persons it can take,
    ``abatement_percent`` 0 (none) or 10 to 80 (L2333-41 III), ``nights_open``
    the nights the lodging is open within the collection period,
    ``surcharges`` the additional taxes in force, ``{code: percent}``; they
    apply to the forfait tariff as to the réel one (L3333-1).

    Rounding: once, half up to the cent, on the total. Au forfait nobody pays
    per person and per night, so there is no unit amount to round: the host
    owes one sum per lodging and period, and rounding it once keeps the
    result exact until the last step. Capacity after the abatement is not
    rounded either (6 × 50 % = 3, but 5 × 30 % = 3.5 units).
    """
    errors = {}
    tariff = _as_amount(tariff, "tariff", errors)
    capacity = _as_count(capacity, "capacity", errors, minimum=1)
    nights_open = _as_count(nights_open, "nights_open", errors, minimum=0)
    abatement = _as_amount(abatement_percent, "abatement_percent", errors)
    if abatement is not None and abatement != 0:
        low, high = ABATEMENT_BOUNDS
        if not low <= abatement <= high:
            errors["abatement_percent"] = gettext(
                "L'abattement doit être compris entre %(low)s %% et %(high)s %%, ou nul."
            ) % {"low": number_format(low), "high": number_format(high)}
    rates = _surcharge_rates(dict(surcharges or {}), "surcharges", errors)
    if errors:
        raise TaxInputError(errors)

    with decimal.localcontext(_CONTEXT):
        lines = tuple(SurchargeAmount(code, rate, tariff * rate / HUNDRED) for code, rate in rates.items())
        per_unit_night = tariff + sum((line.amount for line in lines), ZERO)
        taxable_capacity = capacity * (HUNDRED - abatement) / HUNDRED
        unrounded = per_unit_night * taxable_capacity * nights_open
        total = _round_to_cent(unrounded)
    return ForfaitResult(
        tariff=tariff,
        capacity=capacity,
        abatement_percent=abatement,
        taxable_capacity=taxable_capacity,
        nights_open=nights_open,
        surcharges=lines,
        amount_per_unit_night=per_unit_night,
        unrounded_total=unrounded,
        total=total,
    )


# --- The national grid -----------------------------------------------------------


def _bounds_message(category, value, bounds):
    minimum, maximum = bounds
    label = CATEGORY_LABELS[category]
    if category == UNCLASSIFIED:
        values = {
            "category": label,
            "value": number_format(value),
            "minimum": number_format(minimum),
            "maximum": number_format(maximum),
        }
        return (
            gettext(
                "Le taux de %(value)s %% pour « %(category)s » est hors de la grille nationale : "
                "il doit être compris entre %(minimum)s %% et %(maximum)s %%."
            )
            % values
        )
    values = {
        "category": label,
        "value": number_format(value, decimal_pos=2),
        "minimum": number_format(minimum, decimal_pos=2),
        "maximum": number_format(maximum, decimal_pos=2),
    }
    if minimum == maximum:
        return (
            gettext(
                "Le tarif de %(value)s € pour « %(category)s » est hors de la grille nationale : "
                "il doit être de %(minimum)s € par personne et par nuit."
            )
            % values
        )
    return (
        gettext(
            "Le tarif de %(value)s € pour « %(category)s » est hors de la grille nationale : "
            "il doit être compris entre %(minimum)s € et %(maximum)s € par personne et par nuit."
        )
        % values
    )


def check_tariff(category, value, bounds):
    """Refuse a tariff (or, for ``unclassified``, a rate) outside the national grid's bounds.

    ``bounds`` is the ``(floor, ceiling)`` pair of the category for the year,
    as in :data:`NATIONAL_GRID`. Returns None when the value fits; raises
    :class:`TaxInputError` ``{category: message}`` otherwise, the message
    naming the bounds. A year without a known grid is not checked here: the
    caller accepts it with a warning.
    """
    if category not in CATEGORY_LABELS:
        raise TaxInputError({"category": gettext("Catégorie d'hébergement inconnue.")})
    errors = {}
    value = _as_amount(value, category, errors)
    if errors:
        raise TaxInputError(errors)
    minimum, maximum = bounds
    if not minimum <= value <= maximum:
        raise TaxInputError({category: _bounds_message(category, value, bounds)})


def check_tariffs(tariffs, grid):
    """Check every tariff and the unclassified rate of ``tariffs`` against one year of the grid.

    ``grid`` maps category codes to ``(floor, ceiling)``, like a year of
    :data:`NATIONAL_GRID`; categories it lacks are not checked. All the
    problems are reported at once in one :class:`TaxInputError`, by category code.
    """
    errors = {}
    values = dict(tariffs.classified)
    if tariffs.unclassified_rate is not None:
        values[UNCLASSIFIED] = tariffs.unclassified_rate
    for category in CATEGORY_CODES:
        if category in values and category in grid:
            try:
                check_tariff(category, values[category], grid[category])
            except TaxInputError as error:
                errors.update(error.errors)
    if errors:
        raise TaxInputError(errors)
