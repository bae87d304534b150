"""Canonical JSON: the one byte sequence that a ledger value hashes to.

Rules (``docs/ledger.md`` states them byte by byte): UTF-8; object keys sorted by code
point; separators ``,`` and ``:`` with no whitespace; non-ASCII characters written as
themselves; integers in decimal within ±(2**53 - 1); no floats, NaN or infinities;
datetimes as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, NoReturn

from sovet.ledger.errors import FloatNotAllowed, InvalidTime, NotCanonical

MAX_SAFE_INT = 2**53 - 1
_TIME_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.([0-9]{6})Z", re.ASCII
)


class FrozenDict(dict[str, Any]):
    """A dict that refuses changes: an entry's payload cannot drift from its hash."""

    __slots__ = ()

    def _refuse(self) -> NoReturn:
        raise TypeError("a ledger payload is immutable; build a new entry instead")

    def __setitem__(self, key: str, value: Any) -> NoReturn:
        self._refuse()

    def __delitem__(self, key: str) -> NoReturn:
        self._refuse()

    def __ior__(self, other: Any) -> NoReturn:  # type: ignore[misc]
        self._refuse()

    def clear(self) -> NoReturn:
        self._refuse()

    def pop(self, *args: Any, **kwargs: Any) -> NoReturn:
        self._refuse()

    def popitem(self) -> NoReturn:
        self._refuse()

    def setdefault(self, *args: Any, **kwargs: Any) -> NoReturn:
        self._refuse()

    def update(self, *args: Any, **kwargs: Any) -> NoReturn:
        self._refuse()

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[str, Any]]]:
        return (FrozenDict, (dict(self),))

    def __repr__(self) -> str:
        return f"FrozenDict({dict.__repr__(self)})"


def freeze(value: Any) -> Any:
    """Mappings become :class:`FrozenDict`, lists and tuples become tuples; else unchanged."""
    if isinstance(value, Mapping):
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """The inverse of :func:`freeze`: plain dicts and lists, ready for any JSON encoder."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [thaw(v) for v in value]
    return value


def to_utc(at: object, *, field: str = "at") -> datetime:
    """``at`` as an aware datetime in UTC; refuses naive or non-normalisable times."""
    if not isinstance(at, datetime):
        raise InvalidTime(f"expected a datetime, got {type(at).__name__}", field=field)
    if at.utcoffset() is None:
        raise InvalidTime(
            f"naive datetime {at.isoformat()} refused: give a timezone-aware time "
            "(e.g. datetime.now(UTC))",
            field=field,
        )
    try:
        return at.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise InvalidTime(
            f"{at.isoformat()} cannot be normalised to UTC ({exc})", field=field
        ) from None


def is_utc(at: datetime) -> bool:
    """True when ``at`` is aware with a zero UTC offset."""
    return at.utcoffset() == timedelta(0)


def format_time(at: datetime, *, field: str = "at") -> str:
    """The canonical text of a time: ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC."""
    u = to_utc(at, field=field)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T"
        f"{u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}Z"
    )


def parse_time(text: str, *, field: str = "at") -> datetime:
    """Parse exactly the canonical form written by :func:`format_time`."""
    m = _TIME_RE.fullmatch(text)
    if m is None:
        raise InvalidTime(
            f"{text!r} is not a time of the form YYYY-MM-DDTHH:MM:SS.ffffffZ", field=field
        )
    try:
        year, month, day, hour, minute, second, micro = (int(g) for g in m.groups())
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)
    except ValueError as exc:
        raise InvalidTime(f"{text!r} is not a valid time ({exc})", field=field) from None


def _child(path: str, key: str) -> str:
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{key!r}]"


def _plain_str(value: str, path: str) -> str:
    plain = str.__str__(value)
    try:
        plain.encode("utf-8")
    except UnicodeEncodeError:
        raise NotCanonical(
            "string holds a lone surrogate, which UTF-8 cannot encode", path=path
        ) from None
    return plain


def _plain_int(value: int, path: str) -> int:
    plain = int(value)
    if abs(plain) > MAX_SAFE_INT:
        raise NotCanonical(
            f"integer {plain} is outside ±(2**53 - 1); write it as a string", path=path
        )
    return plain


def _plain_mapping(value: Mapping[Any, Any], path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise NotCanonical(f"object keys must be strings, found {key!r}", path=path)
        name = _plain_str(key, _child(path, "<key>"))
        if name in out:
            raise NotCanonical(f"duplicate key {name!r}", path=path)
        out[name] = plain(item, _child(path, name))
    return out


def plain(value: Any, path: str = "") -> Any:
    """``value`` as plain JSON data (dict, list, str, int, bool, None), or NotCanonical.

    Datetimes become their canonical text; floats, non-string keys, sets, bytes and
    other types are refused with the path of the offending value.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return _plain_int(value, path)
    if isinstance(value, str):
        return _plain_str(value, path)
    if isinstance(value, float):
        raise FloatNotAllowed(
            f"float {value!r} refused: write exact values as strings (e.g. '0.5' or '1/3')",
            path=path,
        )
    if isinstance(value, datetime):
        return format_time(value, field=path or "datetime")
    if isinstance(value, Mapping):
        return _plain_mapping(value, path)
    if isinstance(value, list | tuple):
        return [plain(v, f"{path}[{i}]") for i, v in enumerate(value)]
    hint = "; give a sorted list" if isinstance(value, set | frozenset) else ""
    raise NotCanonical(
        f"a value of type {type(value).__name__} has no canonical JSON encoding{hint}",
        path=path,
    )


def canonical_text(value: Any) -> str:
    """The canonical JSON text of ``value`` (see the module docstring)."""
    try:
        data = plain(value)
    except RecursionError:
        raise NotCanonical("value is nested too deeply to encode") from None
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def canonical_bytes(value: Any) -> bytes:
    """The canonical JSON encoding of ``value`` as UTF-8 bytes."""
    return canonical_text(value).encode("utf-8")
