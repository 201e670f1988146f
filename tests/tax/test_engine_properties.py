"""Properties of the tourist-tax engine that must hold for any deliberation and any stay."""

from decimal import ROUND_HALF_UP, Decimal, localcontext

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hostspace.tax.engine import (
    CENT,
    CLASSIFIED_CATEGORIES,
    EXEMPTION_CODES,
    LOW_RENT,
    MINORS,
    SURCHARGES,
    UNCLASSIFIED,
    Stay,
    Tariffs,
    compute,
    compute_forfait,
    unclassified_cap,
)

# The suite's autouse fixtures (cache, language) hold nothing an example could leak to the next; set per test so
# that other modules keep Hypothesis' defaults.
examples = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)

HALF_CENT = Decimal("0.005")

tariff_amounts = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("10.00"), places=2)
rates = st.decimals(min_value=Decimal("1"), max_value=Decimal("5"), places=2)
prices = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("5000.00"), places=2)
surcharge_sets = st.dictionaries(
    st.sampled_from([surcharge.code for surcharge in SURCHARGES]),
    st.sampled_from([surcharge.rate for surcharge in SURCHARGES]) | st.decimals(0, 300, places=1),
    max_size=4,
)


@st.composite
def deliberations(draw):
    """Any deliberation: some classified tariffs (at least one, to cap), a rate, additional taxes."""
    classified = draw(st.dictionaries(st.sampled_from(CLASSIFIED_CATEGORIES), tariff_amounts, min_size=1))
    return Tariffs(classified=classified, unclassified_rate=draw(rates), surcharges=draw(surcharge_sets))


@st.composite
def stays(draw, *, max_persons=12):
    """Any valid stay (no low-rent exemption, so that the price never exempts everyone on its own)."""
    persons = draw(st.integers(min_value=1, max_value=max_persons))
    exempt = {}
    left = persons
    for reason in EXEMPTION_CODES:
        if reason != LOW_RENT:
            exempt[reason] = draw(st.integers(min_value=0, max_value=left))
            left -= exempt[reason]
    return Stay(
        nights=draw(st.integers(min_value=1, max_value=60)),
        persons=persons,
        exempt=exempt,
        price_per_night=draw(prices),
    )


def categories_of(tariffs):
    return st.sampled_from([*tariffs.classified, UNCLASSIFIED])


def with_one_more_occupant(stay):
    return Stay(stay.nights, stay.persons + 1, stay.exempt, stay.price_per_night)


@examples
@given(deliberations(), stays(), st.data())
def test_adding_a_taxable_occupant_never_lowers_a_classified_total(tariffs, stay, data):
    category = data.draw(st.sampled_from(list(tariffs.classified)))

    before = compute(tariffs, category, stay)
    after = compute(tariffs, category, with_one_more_occupant(stay))

    assert after.total >= before.total
    assert after.total - before.total == before.amount_per_person_night * stay.nights


@examples
@given(deliberations(), stays(), st.data())
def test_making_an_exempt_occupant_taxable_never_lowers_the_total(tariffs, stay, data):
    category = data.draw(categories_of(tariffs))
    assume(stay.exempt[MINORS] > 0)
    fewer_exempt = Stay(
        stay.nights, stay.persons, {**stay.exempt, MINORS: stay.exempt[MINORS] - 1}, stay.price_per_night
    )

    before = compute(tariffs, category, stay)
    after = compute(tariffs, category, fewer_exempt)

    assert after.total >= before.total
    assert after.amount_per_person_night == before.amount_per_person_night


@examples
@given(deliberations(), stays())
def test_adding_an_occupant_never_lowers_the_unrounded_unclassified_total(tariffs, stay):
    before = compute(tariffs, UNCLASSIFIED, stay)
    after = compute(tariffs, UNCLASSIFIED, with_one_more_occupant(stay))

    unrounded_before = before.breakdown.unrounded_amount * before.taxable_person_nights
    unrounded_after = after.breakdown.unrounded_amount * after.taxable_person_nights
    # The occupants share the price: one more lowers each share but adds a payer. Computed at 40 digits, so the
    # comparison allows for the last one.
    assert unrounded_after >= unrounded_before - Decimal("1e-30")
    # After rounding each person-night, the total can only lose what rounding explains (see test_engine.py).
    taxable = before.breakdown.taxable_persons
    assert after.total >= before.total - HALF_CENT * (2 * taxable + 1) * stay.nights


@examples
@given(deliberations(), stays())
def test_an_unclassified_amount_never_exceeds_the_cap_with_the_additional_taxes(tariffs, stay):
    result = compute(tariffs, UNCLASSIFIED, stay)

    multiplier = 1 + tariffs.surcharge_percent / 100
    ceiling = unclassified_cap(tariffs) * multiplier
    assert result.breakdown.communal_amount <= unclassified_cap(tariffs)
    assert result.breakdown.unrounded_amount <= ceiling
    assert result.amount_per_person_night <= ceiling.quantize(CENT, rounding=ROUND_HALF_UP)


@examples
@given(deliberations(), stays(), st.data())
def test_amounts_are_whole_cents(tariffs, stay, data):
    result = compute(tariffs, data.draw(categories_of(tariffs)), stay)

    for amount in (result.amount_per_person_night, result.total):
        assert amount == amount.quantize(CENT)
        assert amount.as_tuple().exponent == -2


@examples
@given(deliberations(), stays(), st.data())
def test_the_breakdown_adds_up_to_the_result(tariffs, stay, data):
    result = compute(tariffs, data.draw(categories_of(tariffs)), stay)
    breakdown = result.breakdown

    # Exact but for the 40th significant digit of a share that never ends (100 / 3…); added here with digits to spare.
    with localcontext() as context:
        context.prec = 60
        added = breakdown.communal_amount + sum(line.amount for line in breakdown.surcharges)
    assert abs(added - breakdown.unrounded_amount) <= Decimal("1e-30")
    assert abs(breakdown.rounded_amount - breakdown.unrounded_amount) <= HALF_CENT
    assert breakdown.rounded_amount == result.amount_per_person_night
    assert breakdown.taxable_persons == stay.persons - sum(stay.exempt.values())
    assert result.taxable_person_nights == breakdown.taxable_persons * stay.nights
    assert result.total == result.amount_per_person_night * result.taxable_person_nights


@examples
@given(deliberations(), stays(), st.data())
def test_exemptions_never_change_the_amount_per_person_night(tariffs, stay, data):
    category = data.draw(categories_of(tariffs))
    nobody_exempt = Stay(stay.nights, stay.persons, {}, stay.price_per_night)

    assert compute(tariffs, category, stay).amount_per_person_night == (
        compute(tariffs, category, nobody_exempt).amount_per_person_night
    )


@examples
@given(deliberations(), stays(), prices)
def test_a_dearer_night_never_lowers_the_unclassified_amount(tariffs, stay, other_price):
    low, high = sorted([stay.price_per_night, other_price])

    cheaper = compute(tariffs, UNCLASSIFIED, Stay(stay.nights, stay.persons, stay.exempt, low))
    dearer = compute(tariffs, UNCLASSIFIED, Stay(stay.nights, stay.persons, stay.exempt, high))

    assert dearer.amount_per_person_night >= cheaper.amount_per_person_night


@examples
@given(deliberations(), stays(), st.data())
def test_the_json_form_reads_back_to_the_same_amounts(tariffs, stay, data):
    result = compute(tariffs, data.draw(categories_of(tariffs)), stay)
    data_form = result.as_dict()

    assert Decimal(data_form["total"]) == result.total
    assert Decimal(data_form["amount_per_person_night"]) == result.amount_per_person_night
    assert Decimal(data_form["breakdown"]["unrounded_amount"]) == result.breakdown.unrounded_amount
    assert "E" not in data_form["breakdown"]["unrounded_amount"]


@examples
@given(
    tariff_amounts,
    st.integers(min_value=1, max_value=500),
    st.sampled_from([Decimal(0), Decimal(10), Decimal(30), Decimal("42.5"), Decimal(80)]),
    st.integers(min_value=0, max_value=365),
    surcharge_sets,
)
def test_a_forfait_is_whole_cents_and_never_lower_for_more_nights_open(tariff, capacity, abatement, nights, surcharges):
    result = compute_forfait(tariff, capacity, abatement, nights, surcharges)
    longer = compute_forfait(tariff, capacity, abatement, nights + 1, surcharges)

    assert result.total.as_tuple().exponent == -2
    assert abs(result.total - result.unrounded_total) <= HALF_CENT
    assert longer.total >= result.total
