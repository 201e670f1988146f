"""Periods are computed from the rhythm, aligned on the calendar; a stay's nights are split between periods
without losing or counting twice a single night (a property checked on many stays)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from hostspace.declarations.periods import Period, add_months, block_start

stays = st.tuples(
    st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2026, 12, 31)),
    st.integers(min_value=1, max_value=366),
)


@given(stay=stays, months=st.sampled_from([1, 3, 6]))
def test_a_stay_s_nights_are_split_between_periods_without_loss(stay, months):
    arrival, nights = stay
    departure = arrival + datetime.timedelta(days=nights)
    start = block_start(arrival, months)
    counted, dates = 0, []
    while start < departure:
        period = Period.of(start, months, 15)
        counted += period.nights_of(arrival, departure)
        dates += period.night_dates(arrival, departure)
        start = add_months(start, months)

    assert counted == nights
    assert dates == [arrival + datetime.timedelta(days=n) for n in range(nights)]


def test_quarters_and_half_years_are_calendar_blocks_with_their_due_date():
    quarter = Period.of(block_start(datetime.date(2026, 11, 30), 3), 3, 20)
    half = Period.of(block_start(datetime.date(2026, 2, 28), 6), 6, 31)

    assert (quarter.start, quarter.end, quarter.due) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 20),
    )
    assert (half.start, half.end, half.label) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
        "1er semestre 2026",
    )
    assert Period.of(datetime.date(2026, 2, 1), 1, 15).label == "février 2026"
