"""Checks of single entry fields, shared by the append rule, the reader and the verifier.

Each check returns the field's value in its stored form or raises an
:class:`~sovet.ledger.errors.InvalidEntry` (or subclass) naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sovet.ledger.canonical import FrozenDict, freeze, plain
from sovet.ledger.errors import InvalidEntry, InvalidOperation, NotCanonical

OP_RE = re.compile(r"[a-z][a-z0-9_-]*(?:\.[a-z][a-z0-9_-]*)+", re.ASCII)
HEX64_RE = re.compile(r"[0-9a-f]{64}", re.ASCII)


def _type_name(value: object) -> str:
    return type(value).__name__


def check_org(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidEntry(f"expected a string, got {_type_name(value)}", field="org")
    if not value:
        raise InvalidEntry("must not be empty", field="org")
    return str.__str__(value)


def check_seq(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidEntry(f"expected an integer, got {_type_name(value)}", field="seq")
    if value < 1:
        raise InvalidEntry(f"must be 1 or more, got {value}", field="seq")
    return int(value)


def check_actor(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidEntry(f"expected a string or null, got {_type_name(value)}", field="actor")
    if not value:
        raise InvalidEntry("must not be empty (use null for the system)", field="actor")
    return str.__str__(value)


def check_op(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidOperation(f"expected a string, got {_type_name(value)}", field="op")
    if OP_RE.fullmatch(value) is None:
        raise InvalidOperation(
            f"{value!r} is not a dotted lower-case name such as 'body.create' "
            "(letters a-z, digits, '_' and '-', at least two parts joined by '.')",
            field="op",
        )
    return str.__str__(value)


def check_subjects(value: object) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidEntry(f"expected a list of strings, got {_type_name(value)}", field="subjects")
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item:
            raise InvalidEntry(f"expected a non-empty string, got {item!r}", field=f"subjects[{i}]")
    return tuple(str.__str__(s) for s in items)


def check_hash(value: object, field: str) -> str:
    if not isinstance(value, str) or HEX64_RE.fullmatch(value) is None:
        raise InvalidEntry(f"expected 64 lower-case hexadecimal digits, got {value!r}", field=field)
    return str.__str__(value)


def check_payload(value: object) -> FrozenDict:
    """The payload as immutable plain JSON data; refuses floats, odd types, non-objects."""
    if not isinstance(value, Mapping):
        raise InvalidEntry(
            f"expected an object (a mapping with string keys), got {_type_name(value)}",
            field="payload",
        )
    try:
        data: dict[str, Any] = plain(value, "payload")
    except RecursionError:
        raise NotCanonical("nested too deeply to encode", path="payload") from None
    return FrozenDict({key: freeze(item) for key, item in data.items()})
