"""Verification of chains: one organisation's, or several interleaved in one stream.

Each entry is checked against the last good entry of its own organisation: well-formed
fields, UTC time, the recomputed hash, ``seq`` one more than the previous (1 first),
``prev_hash`` equal to the previous hash (the genesis hash first) and a time no earlier
than the previous. Verification stops at the first bad entry and says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeVar

from sovet.ledger.canonical import format_time, is_utc
from sovet.ledger.entry import GENESIS_HASH, Entry, entry_hash
from sovet.ledger.errors import LedgerError
from sovet.ledger.fields import (
    HEX64_RE,
    check_actor,
    check_hash,
    check_op,
    check_org,
    check_payload,
    check_seq,
    check_subjects,
)

Expected = Mapping[str, str] | str | None
ExpectedCount = Mapping[str, int] | int | None
T = TypeVar("T")


@dataclass(frozen=True)
class Verification:
    """The outcome of verifying a chain (or several organisations' chains).

    On success ``count`` is the number of entries and ``head_hash`` the hash of the last
    entry when the entries hold one organisation (``heads`` has every organisation's).
    On failure ``count``, ``heads`` and ``counts`` describe the entries before the first
    bad one; ``first_bad_seq``, ``org`` and ``position`` (1-based place in the input,
    which is the line number in a JSON Lines export) locate it, and ``reason`` says why.
    ``malformed`` is True when the input could not even be read as entries.
    """

    ok: bool
    count: int
    first_bad_seq: int | None = None
    reason: str | None = None
    head_hash: str | None = None
    org: str | None = None
    position: int | None = None
    heads: Mapping[str, str] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)
    malformed: bool = False

    def summary(self) -> str:
        """One line (more for several organisations) fit for a terminal or a log."""
        if not self.ok:
            where = f"line {self.position}: " if self.position is not None else ""
            return f"FAILED: {where}{self.reason}"
        if len(self.heads) <= 1:
            head = f", head {self.head_hash}" if self.head_hash else " (empty chain)"
            return f"OK: {_entries(self.count)}{head}"
        lines = [f"OK: {_entries(self.count)} in {len(self.heads)} organisations"]
        lines += [
            f"  organisation {org!r}: {_entries(self.counts[org])}, head {head}"
            for org, head in self.heads.items()
        ]
        return "\n".join(lines)


class Verifier:
    """Checks entries one at a time, so that a long export need not be held in memory."""

    def __init__(self, *, org: str | None = None) -> None:
        self._org = org
        self._last: dict[str, Entry] = {}
        self._counts: dict[str, int] = {}
        self._count = 0
        self._failure: Verification | None = None

    @property
    def failed(self) -> bool:
        return self._failure is not None

    def add(self, entry: Entry, *, position: int | None = None) -> bool:
        """Check the next entry; False (and no further checking) once one is bad.

        ``position`` locates the entry in its source (e.g. its line); by default its
        1-based place among the entries added.
        """
        if self._failure is not None:
            return False
        reason = self._check(entry)
        if reason is not None:
            seq = entry.seq if isinstance(entry.seq, int) else None
            org = entry.org if isinstance(entry.org, str) else None
            outcome = self._outcome(False, reason, seq=seq, org=org)
            where = self._count + 1 if position is None else position
            self._failure = replace(outcome, position=where)
            return False
        self._last[entry.org] = entry
        self._counts[entry.org] = self._counts.get(entry.org, 0) + 1
        self._count += 1
        return True

    def fail(self, reason: str, *, position: int | None = None) -> Verification:
        """Record that the input could not be read as entries (e.g. a malformed line)."""
        if self._failure is None:
            outcome = self._outcome(False, reason)
            self._failure = replace(outcome, position=position, malformed=True)
        return self._failure

    def result(
        self, *, expected_head: Expected = None, expected_count: ExpectedCount = None
    ) -> Verification:
        """The outcome, checking the final heads and counts against known ones if given."""
        if self._failure is not None:
            return self._failure
        problem = self._check_expected(expected_head, expected_count)
        if problem is not None:
            reason, org, seq = problem
            return self._outcome(False, reason, seq=seq, org=org)
        return self._outcome(True, None)

    def _outcome(
        self, ok: bool, reason: str | None, *, seq: int | None = None, org: str | None = None
    ) -> Verification:
        heads = {o: e.hash for o, e in self._last.items()}
        head = next(iter(heads.values())) if len(heads) == 1 else None
        if org is None and len(heads) == 1:
            org = next(iter(heads))
        return Verification(
            ok=ok,
            count=self._count,
            first_bad_seq=seq,
            reason=reason,
            head_hash=head,
            org=org,
            heads=heads,
            counts=dict(self._counts),
        )

    def _check(self, entry: Entry) -> str | None:
        label = (
            f"entry {entry.seq}"
            if isinstance(entry.seq, int) and not isinstance(entry.seq, bool)
            else f"entry at position {self._count + 1}"
        )
        try:
            _check_fields(entry)
        except LedgerError as exc:
            return f"{label}: malformed {exc}"
        if self._org is not None and entry.org != self._org:
            return f"{label} belongs to organisation {entry.org!r}, not {self._org!r}"
        reason = _check_time(label, entry.at) or self._check_link(label, entry)
        if reason is not None and len(self._last.keys() | {entry.org}) > 1:
            return f"organisation {entry.org!r}, {reason}"
        return reason

    def _check_link(self, label: str, entry: Entry) -> str | None:
        try:
            computed = entry_hash(entry)
        except LedgerError as exc:
            return f"{label}: malformed {exc}"
        if computed != entry.hash:
            return f"{label}: hash mismatch (stored {entry.hash}, computed {computed})"
        prev = self._last.get(entry.org)
        if prev is None:
            if entry.seq != 1:
                return f"{label} is the first entry of its organisation: a chain starts at 1"
            if entry.prev_hash != GENESIS_HASH:
                return f"{label}: prev_hash is not the genesis hash"
            return None
        if entry.seq != prev.seq + 1:
            return f"{label} follows entry {prev.seq}: {_seq_problem(prev.seq, entry.seq)}"
        if entry.prev_hash != prev.hash:
            return f"{label}: prev_hash does not match entry {prev.seq}'s hash"
        if entry.at < prev.at:
            return (
                f"{label}: time {format_time(entry.at)} is earlier than entry {prev.seq}'s "
                f"time {format_time(prev.at)}"
            )
        return None

    def _check_expected(
        self, expected_head: Expected, expected_count: ExpectedCount
    ) -> tuple[str, str | None, int | None] | None:
        counts = self._per_org(expected_count, "expected_count")
        heads = {
            org: _normal_hash(h) for org, h in self._per_org(expected_head, "expected_head").items()
        }
        for org, want in counts.items():
            have = self._counts.get(org, 0) if org is not None else self._count
            if have != want:
                reason = f"the chain has {_entries(have)}, expected {want}{_missing(have, want)}"
                return self._where(org, reason), org, min(have, want) + 1
        for org, want_head in heads.items():
            last = self._last.get(org) if org is not None else None
            if last is None:
                return self._where(org, f"the chain is empty, expected head {want_head}"), org, None
            if last.hash != want_head:
                reason = (
                    f"head is entry {last.seq} with hash {last.hash}, expected {want_head}: "
                    "the chain was truncated, extended or rewritten"
                )
                return self._where(org, reason), org, None
        return None

    def _per_org(self, expected: Mapping[str, T] | T | None, name: str) -> dict[str | None, T]:
        if expected is None:
            return {}
        if isinstance(expected, Mapping):
            per_org: dict[str | None, T] = {}
            per_org.update(expected)
            return per_org
        orgs = self._last.keys() | ({self._org} if self._org is not None else set())
        if len(orgs) > 1:
            raise ValueError(
                f"{name} is one value but the entries hold {len(orgs)} organisations; "
                "give a mapping from organisation to value"
            )
        return {next(iter(orgs), None): expected}

    def _where(self, org: str | None, reason: str) -> str:
        if org is not None and (len(self._last) > 1 or org not in self._last):
            return f"organisation {org!r}: {reason}"
        return reason


def verify(
    entries: Iterable[Entry],
    *,
    org: str | None = None,
    expected_head: Expected = None,
    expected_count: ExpectedCount = None,
) -> Verification:
    """Verify entries holding one or several organisations' chains.

    ``org``: every entry must belong to this organisation. ``expected_head`` and
    ``expected_count``: the head hash and length published for the chain (a mapping
    from organisation to value when there are several); without them a chain cut short
    at its end still verifies, since its remaining prefix is a valid chain.
    """
    verifier = Verifier(org=org)
    for entry in entries:
        if not verifier.add(entry):
            break
    return verifier.result(expected_head=expected_head, expected_count=expected_count)


def _check_fields(entry: Entry) -> None:
    check_org(entry.org)
    check_seq(entry.seq)
    check_actor(entry.actor)
    check_op(entry.op)
    check_subjects(entry.subjects)
    check_payload(entry.payload)
    check_hash(entry.prev_hash, "prev_hash")
    check_hash(entry.hash, "hash")


def _check_time(label: str, at: object) -> str | None:
    if not isinstance(at, datetime):
        return f"{label}: malformed at: expected a datetime, got {type(at).__name__}"
    if at.utcoffset() is None:
        return f"{label}: time {at.isoformat()} is naive (no timezone)"
    if not is_utc(at):
        return f"{label}: time {at.isoformat()} is not in UTC"
    return None


def _seq_problem(prev_seq: int, seq: int) -> str:
    if seq > prev_seq + 1:
        return "sequence gap"
    if seq == prev_seq:
        return "sequence number repeated"
    return "out of order"


def _normal_hash(value: str) -> str:
    lowered = value.lower()
    if HEX64_RE.fullmatch(lowered) is None:
        raise ValueError(f"{value!r} is not a hash of 64 hexadecimal digits")
    return lowered


def _entries(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"


def _missing(have: int, want: int) -> str:
    if have >= want:
        return ""
    if want == have + 1:
        return f": entry {want} is missing"
    return f": entries {have + 1} to {want} are missing"
