"""One serialiser for every result an operation returns: dataclasses (domain objects,
events, reports), named tuples, Pydantic models, enums, exact fractions, times,
mappings and collections, down to JSON's own types."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Any

from pydantic import BaseModel

from sovet.domain.events import Event
from sovet.ledger.canonical import format_time

# An aggregate's events recorded but not yet committed: never part of its state.
_INTERNAL = frozenset({"pending"})


def _key(value: Any) -> str:
    if isinstance(value, tuple):
        return ":".join(_key(v) for v in value)
    if isinstance(value, Enum):
        return str(value.value)
    return "" if value is None else str(value)


def to_json(value: Any) -> Any:
    """``value`` as JSON data. Fractions stay exact as ``"p/q"`` text; aware times are
    written as the ledger writes them (UTC, ``...Z``); sets are sorted so that the
    same state always gives the same document; an event carries its ``op``."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return to_json(value.value)
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat() if value.tzinfo is None else format_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {
            f.name: to_json(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _INTERNAL and not f.name.startswith("_")
        }
        return {"op": value.op, **out} if isinstance(value, Event) else out
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: to_json(v) for k, v in value._asdict().items()}
    if isinstance(value, Mapping):
        return {_key(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((to_json(v) for v in value), key=repr)
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")
