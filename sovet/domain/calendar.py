"""Julian (Old Style) and Gregorian (New Style) dates, converted by Julian day numbers
(mechanism M30).

Russia kept the Julian calendar until 31 January 1918 (Old Style), the next day being
14 February 1918 (New Style); seeds 002 and 004 date Russian events Old Style, seed
001 mostly New Style. A date therefore carries its calendar, and converting it goes
through the Julian day number (JDN): the count of days since 1 January 4713 BC
(Julian proleptic), the same day in both calendars. The rules:

- Julian calendar: a leap year every fourth year (``year % 4 == 0``), no exception,
  so 29 February 1900 exists in it;
- Gregorian calendar: leap years as Julian, except centuries not divisible by 400;
- day numbers by the integer formulas of Richards ("Mapping time", 1998) and of the
  *Explanatory Supplement to the Astronomical Almanac* (Fliegel and Van Flandern),
  for years 1 to 9999 of either calendar.

The gap between the calendars is therefore not a constant: it is 13 days from
1 March 1900 to 28 February 2100 (22 October 1917 Old Style is 4 November New
Style, fact ``calendar-pair-soviet-day``; 25 October is 7 November, fact
``calendar-header-001``), 12 days in the nineteenth century, 10 in 1582.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sovet.domain.errors import InvalidInput

__all__ = [
    "RUSSIA_LAST_JULIAN_DAY",
    "Calendar",
    "HistoricalDate",
    "days_in_month",
    "from_jdn",
    "gregorian",
    "is_leap",
    "julian",
    "to_jdn",
]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class Calendar(StrEnum):
    JULIAN = "julian"
    GREGORIAN = "gregorian"

    @property
    def style(self) -> str:
        """How historians mark the calendar: O.S. (Old Style) or N.S. (New Style)."""
        return "O.S." if self is Calendar.JULIAN else "N.S."


def is_leap(year: int, calendar: Calendar) -> bool:
    """Leap years: every fourth in the Julian calendar; in the Gregorian calendar the
    same except centuries not divisible by 400 (1900 is leap only in the Julian)."""
    if calendar is Calendar.JULIAN:
        return year % 4 == 0
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int, calendar: Calendar) -> int:
    if not 1 <= month <= 12:
        raise InvalidInput(f"month {month} is not between 1 and 12")
    if month == 2:
        return 29 if is_leap(year, calendar) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def to_jdn(year: int, month: int, day: int, calendar: Calendar) -> int:
    """The Julian day number of a date of ``calendar`` (Fliegel and Van Flandern's
    integer formula; months counted from March so that the leap day comes last)."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    days = day + (153 * m + 2) // 5 + 365 * y + y // 4
    if calendar is Calendar.JULIAN:
        return days - 32083
    return days - y // 100 + y // 400 - 32045


def from_jdn(jdn: int, calendar: Calendar) -> HistoricalDate:
    """The date of ``calendar`` that a Julian day number falls on (Richards' inverse)."""
    if calendar is Calendar.GREGORIAN:
        a = jdn + 32044
        b = (4 * a + 3) // 146097
        c = a - 146097 * b // 4
    else:
        b = 0
        c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * b + d - 4800 + m // 10
    return HistoricalDate(calendar, year, month, day)


@dataclass(frozen=True)
class HistoricalDate:
    """A day as a source writes it: its calendar, year, month and day.

    Two dates of different calendars may be the same day: compare ``jdn`` (or convert
    with :meth:`to`) rather than the dates themselves.
    """

    calendar: Calendar
    year: int
    month: int
    day: int

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise InvalidInput(f"year {self.year} is outside 1-9999")
        last = days_in_month(self.year, self.month, self.calendar)
        if not 1 <= self.day <= last:
            raise InvalidInput(
                f"{self.year}-{self.month:02d}-{self.day:02d} does not exist in the "
                f"{self.calendar} calendar ({MONTHS[self.month - 1]} {self.year} has {last} days)"
            )

    @property
    def jdn(self) -> int:
        return to_jdn(self.year, self.month, self.day, self.calendar)

    def to(self, calendar: Calendar) -> HistoricalDate:
        """The same day in ``calendar``."""
        if calendar is self.calendar:
            return self
        return from_jdn(self.jdn, calendar)

    def julian(self) -> HistoricalDate:
        return self.to(Calendar.JULIAN)

    def gregorian(self) -> HistoricalDate:
        return self.to(Calendar.GREGORIAN)

    def as_date(self) -> date:
        """The day as a Python date (whose calendar is the proleptic Gregorian)."""
        g = self.gregorian()
        return date(g.year, g.month, g.day)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def words(self) -> str:
        """E.g. ``25 October 1917 O.S.``."""
        return f"{self.day} {MONTHS[self.month - 1]} {self.year} {self.calendar.style}"

    def short(self) -> str:
        """E.g. ``25 Oct 1917``."""
        return f"{self.day} {MONTHS[self.month - 1][:3]} {self.year}"


def julian(text: str) -> HistoricalDate:
    """A Julian (Old Style) date from ``YYYY-MM-DD``."""
    return _parse(text, Calendar.JULIAN)


def gregorian(text: str) -> HistoricalDate:
    """A Gregorian (New Style) date from ``YYYY-MM-DD``."""
    return _parse(text, Calendar.GREGORIAN)


def _parse(text: str, calendar: Calendar) -> HistoricalDate:
    match = _ISO.match(text.strip())
    if match is None:
        raise InvalidInput(f"date {text!r} is not of the form YYYY-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    return HistoricalDate(calendar, year, month, day)


# Russia's switch (decree of January 1918): 31 January Old Style was followed by
# 14 February New Style.
RUSSIA_LAST_JULIAN_DAY = HistoricalDate(Calendar.JULIAN, 1918, 1, 31)
