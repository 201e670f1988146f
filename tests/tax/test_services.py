"""The tax of a collectivity on a date: the deliberation in force, its tariffs, an estimate, an accommodation's category."""

import datetime
from decimal import Decimal

import pytest

from hostspace.records.models import Accommodation, Classification
from hostspace.tax import engine, services
from hostspace.tax.engine import Stay
from tests.factories import AccommodationFactory, ClassificationFactory, DeliberationFactory, HostFactory

pytestmark = pytest.mark.django_db

D = Decimal
K = Accommodation.Kind
R = Classification.Rating


@pytest.fixture
def two_years(collectivity):
    """2025 at 1.20 € for a 3-star hotel, 2026 at 1.50 €: a stay is taxed at the tariff of its night."""
    return (
        DeliberationFactory(site=collectivity.site, year=2025, tariff_3_stars=D("1.20")),
        DeliberationFactory(site=collectivity.site, year=2026),
    )


def test_the_deliberation_in_force_is_the_one_covering_the_day(collectivity, two_years):
    previous, current = two_years

    assert services.deliberation_in_force(collectivity.site, datetime.date(2025, 12, 31)) == previous
    assert services.deliberation_in_force(collectivity.site, datetime.date(2026, 1, 1)) == current
    assert services.deliberation_in_force(collectivity.site, datetime.date(2027, 1, 1)) is None


def test_an_open_ended_deliberation_stays_in_force(collectivity):
    open_ended = DeliberationFactory(site=collectivity.site, year=2026, valid_until=None)

    assert services.deliberation_in_force(collectivity.site, datetime.date(2040, 6, 1)) == open_ended
    assert services.deliberation_in_force(collectivity.site, datetime.date(2025, 12, 31)) is None


def test_estimate_at_the_tariffs_in_force_on_the_date(collectivity, two_years):
    stay = Stay(nights=2, persons=2)

    in_2026 = services.estimate(collectivity.site, datetime.date(2026, 7, 14), engine.THREE_STARS, stay)
    in_2025 = services.estimate(collectivity.site, datetime.date(2025, 7, 14), engine.THREE_STARS, stay)

    # 1.50 € + 10 % departmental = 1.65 € per person per night, × 4 person-nights (SPEC's API example).
    assert (in_2026.amount_per_person_night, in_2026.taxable_person_nights, in_2026.total) == (D("1.65"), 4, D("6.60"))
    assert in_2025.amount_per_person_night == D("1.32")
    assert in_2026.as_dict()["breakdown"]["surcharges"][0]["code"] == engine.DEPARTMENTAL


def test_estimate_of_an_unclassified_stay_applies_the_rate_and_the_cap(collectivity, two_years):
    # 5 % of 700 € / 4 occupants = 8.75 €, capped at the highest adopted tariff (4.00 €), plus 10 %.
    stay = Stay(nights=7, persons=4, exempt={engine.MINORS: 2}, price_per_night=D("700"))

    result = services.estimate(collectivity.site, datetime.date(2026, 8, 1), engine.UNCLASSIFIED, stay)

    assert result.breakdown.cap_applied
    assert (result.amount_per_person_night, result.total) == (D("4.40"), D("61.60"))


def test_no_deliberation_outside_every_validity(collectivity, other_collectivity, two_years):
    with pytest.raises(
        services.NoDeliberation, match="Aucune délibération de taxe de séjour n'est en vigueur le 1 janvier 2027"
    ):
        services.estimate(collectivity.site, datetime.date(2027, 1, 1), engine.THREE_STARS, Stay(nights=1, persons=1))
    with pytest.raises(services.NoDeliberation):
        services.tariffs_on(other_collectivity.site, datetime.date(2026, 7, 14))


def test_bad_input_is_the_engines_error(collectivity, two_years):
    with pytest.raises(engine.TaxInputError) as error:
        services.estimate(collectivity.site, datetime.date(2026, 7, 14), engine.UNCLASSIFIED, Stay(nights=0, persons=1))

    assert set(error.value.errors) == {"nights", "price_per_night"}


def test_tariffs_are_the_deliberations_as_the_engine_reads_them(collectivity):
    deliberation = DeliberationFactory(site=collectivity.site, tariff_camping_1_2_stars=None, surcharge_regional=True)

    tariffs = services.tariffs_on(collectivity.site, datetime.date(2026, 3, 1))

    assert tariffs == deliberation.tariffs()
    assert engine.CAMPING_1_2_STARS not in tariffs.classified
    assert tariffs.classified[engine.PALACE] == D("4.00")
    assert str(tariffs.unclassified_rate) == "5"
    assert dict(tariffs.surcharges) == {engine.DEPARTMENTAL: D(10), engine.REGIONAL: D(34)}
    assert tariffs.surcharge_percent == D(44)
    assert tariffs.low_rent_threshold == D("1.00")


def test_a_deliberation_covers_its_days_and_knows_its_rhythm(collectivity):
    deliberation = DeliberationFactory(site=collectivity.site, declaration_frequency="quarterly", due_days=20)

    assert deliberation.covers(datetime.date(2026, 1, 1)) and deliberation.covers(datetime.date(2026, 12, 31))
    assert not deliberation.covers(datetime.date(2027, 1, 1))
    assert deliberation.months_per_period == 3
    assert deliberation.due_date(datetime.date(2026, 3, 31)) == datetime.date(2026, 4, 20)


# An accommodation's category (L2333-30) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "rating", "category"),
    [
        (K.HOTEL, R.THREE, engine.THREE_STARS),
        (K.HOTEL, R.PALACE, engine.PALACE),
        (K.HOTEL, None, engine.UNCLASSIFIED),
        (K.FURNISHED, R.TWO, engine.TWO_STARS),
        (K.FURNISHED, R.UNRATED, engine.UNCLASSIFIED),
        (K.RESIDENCE, R.FIVE, engine.FIVE_STARS),
        (K.HOLIDAY_VILLAGE, R.FIVE, engine.TWO_STARS),
        (K.HOLIDAY_VILLAGE, R.FOUR, engine.TWO_STARS),
        (K.HOLIDAY_VILLAGE, R.THREE, engine.ONE_STAR),
        (K.HOLIDAY_VILLAGE, R.ONE, engine.ONE_STAR),
        (K.HOLIDAY_VILLAGE, None, engine.UNCLASSIFIED),
        (K.GUEST_ROOM, None, engine.ONE_STAR),
        (K.GUEST_ROOM, R.FOUR, engine.ONE_STAR),
        (K.HOSTEL, R.TWO, engine.ONE_STAR),
        (K.CAMPSITE, R.FOUR, engine.CAMPING_3_5_STARS),
        (K.CAMPSITE, R.THREE, engine.CAMPING_3_5_STARS),
        (K.CAMPSITE, R.TWO, engine.CAMPING_1_2_STARS),
        (K.CAMPSITE, None, engine.CAMPING_1_2_STARS),
        (K.CAMPER_AREA, None, engine.CAMPING_3_5_STARS),
        (K.MARINA, None, engine.CAMPING_1_2_STARS),
        (K.PALACE, None, engine.PALACE),
        (K.OTHER, None, engine.UNCLASSIFIED),
    ],
)
def test_category_of_an_accommodation_from_its_nature_and_rating(collectivity, kind, rating, category):
    accommodation = AccommodationFactory(host=HostFactory(site=collectivity.site), kind=kind)
    if rating is not None:
        ClassificationFactory(accommodation=accommodation, rating=rating, status=Classification.Status.VALIDATED)

    assert services.category_of(accommodation, datetime.date(2026, 7, 14)) == category


def test_every_nature_and_rating_has_a_category():
    assert set(services.CATEGORY_BY_KIND_AND_RATING) == set(K.values)
    for ratings in services.CATEGORY_BY_KIND_AND_RATING.values():
        assert set(ratings) == set(R.values)
        assert set(ratings.values()) <= set(engine.CATEGORY_CODES)


def test_only_the_rating_in_force_on_the_day_counts(collectivity):
    hotel = AccommodationFactory(host=HostFactory(site=collectivity.site), kind=K.HOTEL)
    # Decided on 1 March 2024: in force until 1 March 2029.
    ClassificationFactory(accommodation=hotel, rating=R.THREE, status=Classification.Status.VALIDATED)
    ClassificationFactory(
        accommodation=hotel,
        rating=R.FOUR,
        decision_date=datetime.date(2026, 9, 1),
        status=Classification.Status.VALIDATED,
    )
    ClassificationFactory(
        accommodation=hotel,
        rating=R.FIVE,
        decision_date=datetime.date(2026, 5, 1),
        status=Classification.Status.PENDING,
    )

    assert services.category_of(hotel, datetime.date(2024, 2, 1)) == engine.UNCLASSIFIED
    assert services.category_of(hotel, datetime.date(2026, 7, 14)) == engine.THREE_STARS
    assert services.category_of(hotel, datetime.date(2026, 9, 1)) == engine.FOUR_STARS
    assert services.category_of(hotel, datetime.date(2031, 9, 2)) == engine.UNCLASSIFIED  # both expired
