"""Entries to and from plain dictionaries (the JSON objects of an export)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sovet.ledger.canonical import format_time, parse_time, thaw
from sovet.ledger.entry import FORMAT_VERSION, Entry
from sovet.ledger.errors import InvalidEntry, LedgerFormatError, NotCanonical
from sovet.ledger.fields import (
    check_actor,
    check_hash,
    check_op,
    check_org,
    check_payload,
    check_seq,
    check_subjects,
)

FIELDS = ("v", "org", "seq", "at", "actor", "op", "subjects", "payload", "prev_hash", "hash")


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """The entry as plain JSON data, with ``"v"`` (the format version) and its hash."""
    return {
        "v": FORMAT_VERSION,
        "org": entry.org,
        "seq": entry.seq,
        "at": format_time(entry.at),
        "actor": entry.actor,
        "op": entry.op,
        "subjects": list(entry.subjects),
        "payload": thaw(entry.payload),
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def entry_from_dict(data: object, *, line: int | None = None) -> Entry:
    """Read an entry from a dictionary as written by :func:`entry_to_dict`.

    Checks that every field is present, known and of the right type; raises
    :class:`LedgerFormatError` naming the field (and ``line`` when given). The hash is
    not checked here: that is :func:`~sovet.ledger.verify.verify`'s work.
    """
    if not isinstance(data, Mapping):
        raise LedgerFormatError(f"expected a JSON object, got {type(data).__name__}", line=line)
    for name in FIELDS:
        if name not in data:
            raise LedgerFormatError(f"missing field {name!r}", line=line, field=name)
    for name in data:
        if name not in FIELDS:
            raise LedgerFormatError(f"unknown field {name!r}", line=line, field=str(name))
    try:
        return _read(data)
    except InvalidEntry as exc:
        raise LedgerFormatError(exc.detail, line=line, field=exc.field) from None
    except NotCanonical as exc:
        raise LedgerFormatError(exc.detail, line=line, field=exc.path) from None


def _read(data: Mapping[str, Any]) -> Entry:
    version = data["v"]
    if type(version) is not int or version != FORMAT_VERSION:
        raise InvalidEntry(
            f"unsupported format version {version!r}; this reader knows version {FORMAT_VERSION}",
            field="v",
        )
    at = data["at"]
    if not isinstance(at, str):
        raise InvalidEntry(f"expected a time string, got {type(at).__name__}", field="at")
    subjects = data["subjects"]
    if not isinstance(subjects, list | tuple):
        raise InvalidEntry(
            f"expected a list of strings, got {type(subjects).__name__}", field="subjects"
        )
    return Entry(
        org=check_org(data["org"]),
        seq=check_seq(data["seq"]),
        at=parse_time(at),
        actor=check_actor(data["actor"]),
        op=check_op(data["op"]),
        subjects=check_subjects(subjects),
        payload=check_payload(data["payload"]),
        prev_hash=check_hash(data["prev_hash"], "prev_hash"),
        hash=check_hash(data["hash"], "hash"),
    )
