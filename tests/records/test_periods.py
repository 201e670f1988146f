"""hostspace.records.periods: French text read into periods, periods checked and written in the active language."""

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from hostspace.records import periods
from hostspace.records.periods import Period


def fr(function, *args):
    with translation.override("fr"):
        return function(*args)


def en(function, *args):
    with translation.override("en"):
        return function(*args)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("toute l'année", (True, [])),
        ("Toute l’année.", (True, [])),
        ("TOUTE L'ANNEE", (True, [])),
        ("Ouvert toute l'année", (True, [])),
        ("", (False, [])),
        ("   ", (False, [])),
        ("du 15 juin au 15 septembre", (False, [Period(15, 6, 15, 9)])),
        ("Du 1er juin au 30 septembre", (False, [Period(1, 6, 30, 9)])),
        ("du premier juin au 30 septembre", (False, [Period(1, 6, 30, 9)])),
        ("de mai à octobre", (False, [Period(1, 5, 31, 10)])),
        ("d'avril à septembre", (False, [Period(1, 4, 30, 9)])),
        ("de janvier à février", (False, [Period(1, 1, 29, 2)])),
        ("du 1er au 30 juin", (False, [Period(1, 6, 30, 6)])),
        ("juillet et août", (False, [Period(1, 7, 31, 7), Period(1, 8, 31, 8)])),
        ("15 juin - 15 sept.", (False, [Period(15, 6, 15, 9)])),
        ("du 15 decembre au 15 avril", (False, [Period(15, 12, 15, 4)])),
        (
            "du 15 décembre au 15 avril et du 1er juin au 30 septembre",
            (False, [Period(1, 6, 30, 9), Period(15, 12, 15, 4)]),
        ),
        ("15/12-15/04; 01/06-30/09", (False, [Period(1, 6, 30, 9), Period(15, 12, 15, 4)])),
        ("15/12 au 15/04, 1/6 - 30/9", (False, [Period(1, 6, 30, 9), Period(15, 12, 15, 4)])),
        ("du 29 février au 3 mars", (False, [Period(29, 2, 3, 3)])),
    ],
)
def test_parse_reads_what_hosts_write(text, expected):
    assert periods.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Été", "« Été » n'est pas une période reconnue"),
        ("du 31 avril au 3 mai", "Le 31 avril n'existe pas."),
        ("30/02-10/03", "Le 30 février n'existe pas."),
        ("15/13-15/04", "13 n'est pas un mois"),
        ("00/06-30/09", "Le 0 juin n'existe pas."),
        ("du 1er juin au 30 septembre et du 15 septembre au 1er octobre", "se chevauchent"),
        ("15/12-15/04; 01/04-30/04", "se chevauchent"),
        ("toute l'année et du 1er juin au 30 septembre", "ne se combine pas"),
        ("toute l'année sauf novembre", "n'est pas une période reconnue"),
        ("du 15 juin 2024 au 15 septembre 2024", "n'est pas une période reconnue"),
        ("; ; ,", "n'est pas une période reconnue"),
        ("x" * 501, "dépasse 500 caractères"),
        ("; ".join(f"{day:02d}/01-{day:02d}/01" for day in range(1, 14)), "au plus 12 périodes"),
    ],
)
def test_parse_refuses_with_a_french_message(text, message):
    with translation.override("fr"), pytest.raises(ValueError) as error:
        periods.parse(text)

    assert message in str(error.value)


def test_format_in_french_and_english():
    found = [Period(1, 6, 30, 9), Period(15, 12, 15, 4)]

    assert fr(periods.format_periods, found) == "du 1er juin au 30 septembre et du 15 décembre au 15 avril"
    assert en(periods.format_periods, found) == "1 June to 30 September and 15 December to 15 April"
    assert fr(periods.summary, False, found[1:]) == "Du 15 décembre au 15 avril"
    assert fr(periods.summary, True, []) == "Toute l'année"
    assert en(periods.summary, True, []) == "All year round"
    assert fr(periods.summary, False, []) == "Périodes d'ouverture non renseignées"
    assert en(periods.summary, False, []) == "Opening periods not given"


def test_compact_text_is_read_back():
    found = [Period(1, 6, 30, 9), Period(15, 12, 15, 4)]

    assert periods.format_compact(False, found) == "01/06-30/09; 15/12-15/04"
    assert periods.parse(periods.format_compact(False, found)) == (False, found)
    assert periods.parse(periods.format_compact(True, [])) == (True, [])
    assert periods.parse(periods.format_compact(False, [])) == (False, [])


def test_a_period_may_span_the_new_year_and_months_follow():
    assert periods.open_months(False, [Period(15, 12, 15, 4)]) == [1, 2, 3, 4, 12]
    assert periods.open_months(False, [Period(1, 6, 30, 6)]) == [6]
    assert periods.open_months(True, []) == list(range(1, 13))
    assert periods.open_months(False, []) == []


def test_check_periods_allows_adjacent_periods_and_refuses_all_year_with_periods():
    periods.check_periods(False, [Period(1, 6, 30, 6), Period(1, 7, 31, 7)])
    periods.check_periods(False, [Period(1, 1, 31, 12)])
    with translation.override("fr"), pytest.raises(ValueError, match="ouvert toute l'année"):
        periods.check_periods(True, [Period(1, 6, 30, 6)])
    with pytest.raises(ValueError):
        periods.check_periods(False, [Period(31, 4, 1, 5)])


valid_dates = st.tuples(st.integers(1, 12), st.integers(1, 31)).filter(
    lambda value: value[1] <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][value[0] - 1]
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_any_text_is_either_read_or_refused_with_a_message(text):
    try:
        all_year, found = periods.parse(text)
    except ValueError as error:
        assert str(error)
    else:
        assert isinstance(all_year, bool)
        assert not (all_year and found)
        periods.check_periods(all_year, found)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="0123456789/-;,. etaudjuinmrsoctbrelaé'", max_size=80),
)
def test_text_made_of_period_words_never_crashes(text):
    try:
        periods.parse(text)
    except ValueError as error:
        assert str(error)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(valid_dates, valid_dates), max_size=4))
def test_valid_periods_survive_a_round_trip_through_the_compact_text(pairs):
    found = [Period(start[1], start[0], end[1], end[0]) for start, end in pairs]
    try:
        periods.check_periods(False, found)
    except ValueError:
        return  # overlapping: refused, nothing to write back
    text = periods.format_compact(False, found)
    all_year, read = periods.parse(text)
    assert not all_year
    assert sorted(read, key=lambda p: (p.start_month, p.start_day)) == sorted(
        found, key=lambda p: (p.start_month, p.start_day)
    )
    with translation.override("fr"):
        assert periods.parse(periods.format_periods(read) if read else "") == (False, read)
