"""Julian and Gregorian dates through Julian day numbers (M30)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sovet.domain.calendar import (
    RUSSIA_LAST_JULIAN_DAY,
    Calendar,
    HistoricalDate,
    days_in_month,
    from_jdn,
    gregorian,
    is_leap,
    julian,
    to_jdn,
)
from sovet.domain.errors import InvalidInput

J, G = Calendar.JULIAN, Calendar.GREGORIAN
# Python's proleptic Gregorian ordinal 1 (1 January of year 1) is JDN 1721426.
ORDINAL_TO_JDN = 1721425


def test_1917_is_thirteen_days_behind() -> None:
    for text in ("1917-01-01", "1917-08-31", "1917-10-25", "1917-12-31"):
        d = julian(text)
        assert d.gregorian().as_date() - date(d.year, d.month, d.day) == timedelta(days=13)


def test_the_seeds_calendar_pairs() -> None:
    # calendar-pair-soviet-day: 22 October O.S. is 4 November N.S.
    assert julian("1917-10-22").gregorian() == gregorian("1917-11-04")
    # calendar-header-001: 7 November 1917 N.S. is 25 October O.S.
    assert gregorian("1917-11-07").julian() == julian("1917-10-25")
    # congress2-proclamation-vote-001: 26 October O.S. is 8 November, not 9
    assert julian("1917-10-26").gregorian().words() == "8 November 1917 N.S."


def test_29_february_1900_exists_only_in_the_julian_calendar() -> None:
    assert is_leap(1900, J) and not is_leap(1900, G)
    assert julian("1900-02-29").gregorian() == gregorian("1900-03-13")
    assert julian("1900-02-28").gregorian() == gregorian("1900-03-12")
    assert julian("1900-03-01").gregorian() == gregorian("1900-03-14")
    with pytest.raises(InvalidInput, match="does not exist in the gregorian calendar"):
        gregorian("1900-02-29")


def test_the_gap_grows_by_century() -> None:
    assert julian("1582-10-04").gregorian() == gregorian("1582-10-14")  # 10 days
    assert julian("1899-12-31").gregorian() == gregorian("1900-01-12")  # 12 days
    assert julian("2100-02-28").gregorian() == gregorian("2100-03-13")  # 13 days
    assert julian("2100-02-29").gregorian() == gregorian("2100-03-14")  # 14 from here


def test_russias_switch() -> None:
    assert RUSSIA_LAST_JULIAN_DAY.gregorian().as_date() + timedelta(days=1) == date(1918, 2, 14)


def test_words_and_styles() -> None:
    d = julian("1917-10-25")
    assert d.words() == "25 October 1917 O.S."
    assert d.gregorian().words() == "7 November 1917 N.S."
    assert d.short() == "25 Oct 1917"
    assert d.iso() == "1917-10-25"
    assert d.to(J) is d


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1917-13-01", "month 13"),
        ("1917-02-30", "February 1917 has 28 days"),
        ("25.10.1917", "YYYY-MM-DD"),
        ("0000-01-01", "outside 1-9999"),
    ],
)
def test_bad_dates_are_named(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        julian(text)


def test_month_lengths() -> None:
    assert [days_in_month(1917, m, J) for m in range(1, 13)] == [
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]  # fmt: skip
    assert days_in_month(1916, 2, G) == 29


gregorian_days = st.dates(min_value=date(1, 3, 1), max_value=date(9999, 12, 31))


@given(gregorian_days)
def test_gregorian_day_numbers_agree_with_python(d: date) -> None:
    assert to_jdn(d.year, d.month, d.day, G) == d.toordinal() + ORDINAL_TO_JDN
    assert from_jdn(d.toordinal() + ORDINAL_TO_JDN, G).as_date() == d


@given(st.integers(min_value=to_jdn(1, 3, 1, J), max_value=to_jdn(9999, 12, 31, G)))
def test_round_trip_through_both_calendars(jdn: int) -> None:
    j = from_jdn(jdn, J)
    g = from_jdn(jdn, G)
    assert j.jdn == jdn == g.jdn
    assert j.gregorian() == g and g.julian() == j
    assert j.gregorian().julian() == j


@given(st.integers(min_value=to_jdn(1, 3, 1, J), max_value=to_jdn(9999, 12, 30, J)))
def test_consecutive_julian_days_follow_the_julian_rule(jdn: int) -> None:
    today, tomorrow = from_jdn(jdn, J), from_jdn(jdn + 1, J)
    if today.day < days_in_month(today.year, today.month, J):
        expected = HistoricalDate(J, today.year, today.month, today.day + 1)
    elif today.month < 12:
        expected = HistoricalDate(J, today.year, today.month + 1, 1)
    else:
        expected = HistoricalDate(J, today.year + 1, 1, 1)
    assert tomorrow == expected
