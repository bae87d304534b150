"""Values as users give them in commands: ISO 8601 date-times (with a time zone) and
durations, checked with errors that say what is wrong."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sovet.domain.errors import InvalidInput

_DURATION = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def parse_instant(text: str | None, what: str) -> datetime:
    """An ISO 8601 date and time with a time zone, as the user gave it."""
    example = "such as 2017-11-07T22:40:00+03:00"
    try:
        at = datetime.fromisoformat(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput(f"{what} {text!r} is not an ISO date and time {example}") from None
    if at.utcoffset() is None:
        raise InvalidInput(f"{what} {text!r} has no time zone; give one, {example} or Z")
    return at


def parse_duration(text: str, what: str) -> timedelta:
    """An ISO 8601 duration in weeks, days, hours, minutes and seconds (``P14D``)."""
    m = _DURATION.match(text) if isinstance(text, str) else None
    if m is None or text in ("P", "PT") or text.endswith("T"):
        raise InvalidInput(f"{what} {text!r} is not an ISO duration such as P14D or PT36H")
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in m.groups())
    return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
