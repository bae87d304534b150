"""Exact values as event payload text: UTC times, fractions and count results.

Event payloads hold only str, int, bool, None and tuples of them (see
:mod:`sovet.domain.events`), so a time is written as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``
(the ledger's canonical form), a fraction as ``"p/q"`` (or ``"n"`` when whole) and a
count's :class:`~sovet.count.Result` as canonical JSON text (sorted keys, no spaces,
numbers exact as ints or ``"p/q"`` strings, never floats).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from enum import StrEnum
from fractions import Fraction
from typing import TypeVar

from sovet.count import Result
from sovet.domain.errors import InvalidInput

E = TypeVar("E", bound=StrEnum)

_TIME = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{6})Z$")


def utc(at: datetime, what: str) -> datetime:
    """``at`` in UTC; a naive time is refused (the domain never guesses a zone)."""
    if not isinstance(at, datetime) or at.utcoffset() is None:
        raise InvalidInput(f"{what}: give a timezone-aware datetime, not {at!r}")
    return at.astimezone(UTC)


def time_text(at: datetime, what: str) -> str:
    u = utc(at, what)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T"
        f"{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}Z"
    )


def parse_time(text: str, what: str) -> datetime:
    m = _TIME.match(text)
    if m is None:
        raise InvalidInput(f"{what}: {text!r} is not a time YYYY-MM-DDTHH:MM:SS.ffffffZ")
    year, month, day, hour, minute, second, micro = (int(g) for g in m.groups())
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


def optional_time(text: str | None, what: str) -> datetime | None:
    return None if text is None else parse_time(text, what)


def fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value}"


def parse_fraction(text: str, what: str) -> Fraction:
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise InvalidInput(f"{what}: {text!r} is not an exact number like '1/4'") from None


def result_text(result: Result) -> str:
    """The canonical JSON text of a count's result, with every round."""
    return json.dumps(result.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def choice(kind: type[E], value: str, what: str) -> E:
    """``value`` as a member of ``kind``; an unknown value names the choices."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(v) for v in kind)
        raise InvalidInput(f"unknown {what} {value!r}; expected one of: {allowed}") from None


def check_text(value: str, what: str, limit: int = 4000) -> str:
    """A free text (a justification, a reason): not empty, at most ``limit`` characters."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{what} must not be empty")
    if len(value) > limit:
        raise InvalidInput(f"{what} is longer than {limit} characters")
    return value.strip()
