"""Ledger entries, their hash, and the append rule.

An entry's hash is the SHA-256 of the canonical JSON of
``{"v", "org", "seq", "at", "actor", "op", "subjects", "payload", "prev_hash"}``;
each entry carries the hash of the one before it, so changing any entry breaks every
link after it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sovet.ledger.canonical import canonical_bytes, format_time, freeze, to_utc
from sovet.ledger.errors import OrgMismatch, TimeOrderError
from sovet.ledger.fields import (
    check_actor,
    check_hash,
    check_op,
    check_org,
    check_payload,
    check_subjects,
)

GENESIS_HASH: str = "0" * 64
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Entry:
    """One act of one organisation, linked to the act before it.

    Build entries with :func:`make_entry` or :class:`~sovet.ledger.chain.Chain`; the
    constructor itself checks nothing, so that a stored chain can be loaded as it is and
    :func:`~sovet.ledger.verify.verify` can say what is wrong with it. The payload is
    frozen (mappings become read-only, lists become tuples) so it cannot drift from the
    hash.
    """

    org: str
    seq: int
    at: datetime
    actor: str | None
    op: str
    subjects: tuple[str, ...]
    payload: Mapping[str, Any]
    prev_hash: str
    hash: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "payload", freeze(self.payload))
        if isinstance(self.subjects, list):
            object.__setattr__(self, "subjects", tuple(self.subjects))

    def __hash__(self) -> int:
        return hash(self.hash)


@dataclass(frozen=True)
class ChainHead:
    """What an append needs of the entry it follows: a store that keeps each chain's
    head (organisation, sequence number, hash, time) can append without reading the
    whole previous entry back."""

    org: str
    seq: int
    hash: str
    at: datetime


def hashed_fields(
    org: str,
    seq: int,
    at: datetime,
    actor: str | None,
    op: str,
    subjects: Iterable[str],
    payload: Mapping[str, Any],
    prev_hash: str,
) -> dict[str, Any]:
    """The object whose canonical encoding is hashed (the entry without its hash)."""
    return {
        "v": FORMAT_VERSION,
        "org": org,
        "seq": seq,
        "at": format_time(at),
        "actor": actor,
        "op": op,
        "subjects": list(subjects),
        "payload": payload,
        "prev_hash": prev_hash,
    }


def compute_hash(
    org: str,
    seq: int,
    at: datetime,
    actor: str | None,
    op: str,
    subjects: Iterable[str],
    payload: Mapping[str, Any],
    prev_hash: str,
) -> str:
    """Hex SHA-256 of the canonical encoding of the entry's fields and format version."""
    fields = hashed_fields(org, seq, at, actor, op, subjects, payload, prev_hash)
    return hashlib.sha256(canonical_bytes(fields)).hexdigest()


def entry_hash(entry: Entry) -> str:
    """The hash ``entry`` ought to carry, recomputed from its other fields."""
    return compute_hash(
        entry.org,
        entry.seq,
        entry.at,
        entry.actor,
        entry.op,
        entry.subjects,
        entry.payload,
        entry.prev_hash,
    )


def make_entry(
    prev: Entry | ChainHead | None,
    *,
    org: str,
    at: datetime,
    actor: str | None,
    op: str,
    subjects: Iterable[str] = (),
    payload: Mapping[str, Any] | None = None,
) -> Entry:
    """The entry that follows ``prev`` (or starts a chain when ``prev`` is None).

    ``seq`` is ``prev.seq + 1`` (1 for the first entry) and ``prev_hash`` is
    ``prev.hash`` (:data:`GENESIS_HASH` for the first). ``at`` is normalised to UTC.
    Refuses, naming the field: a naive or non-normalisable time, a time earlier than
    ``prev.at``, another organisation than ``prev.org``, an operation that is not a
    dotted lower-case name, a bad actor or subject, and a payload with no canonical
    encoding (floats included). Datetimes inside the payload are stored as their
    canonical text.
    """
    org = check_org(org)
    at = to_utc(at)
    if prev is not None:
        _check_follows(prev, org, at)
    actor = check_actor(actor)
    op = check_op(op)
    subject_tuple = check_subjects(subjects)
    body = check_payload({} if payload is None else payload)
    seq = 1 if prev is None else prev.seq + 1
    prev_hash = GENESIS_HASH if prev is None else check_hash(prev.hash, "prev.hash")
    digest = compute_hash(org, seq, at, actor, op, subject_tuple, body, prev_hash)
    return Entry(org, seq, at, actor, op, subject_tuple, body, prev_hash, digest)


def _check_follows(prev: Entry | ChainHead, org: str, at: datetime) -> None:
    if prev.org != org:
        raise OrgMismatch(
            f"{org!r} cannot follow entry {prev.seq} of organisation {prev.org!r}: "
            "each organisation has its own chain",
            field="org",
        )
    prev_at = to_utc(prev.at, field="prev.at")
    if at < prev_at:
        raise TimeOrderError(
            f"{format_time(at)} is earlier than entry {prev.seq}'s time "
            f"{format_time(prev_at)}; times in a chain never go back",
            field="at",
        )
