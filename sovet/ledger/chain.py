"""An in-memory, append-only chain of one organisation's entries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any, overload

from sovet.ledger.entry import GENESIS_HASH, Entry, make_entry
from sovet.ledger.errors import ChainBroken
from sovet.ledger.fields import check_org
from sovet.ledger.verify import Verification, verify


class Chain:
    """One organisation's chain: entries can be appended, never changed or removed.

    ``Chain(org, entries)`` resumes a stored chain after verifying it (raises
    :class:`ChainBroken` if it does not verify).
    """

    def __init__(self, org: str, entries: Iterable[Entry] = ()) -> None:
        self._org = check_org(org)
        self._entries: list[Entry] = list(entries)
        if self._entries:
            outcome = verify(self._entries, org=self._org)
            if not outcome.ok:
                raise ChainBroken(outcome)

    @property
    def org(self) -> str:
        return self._org

    @property
    def head(self) -> Entry | None:
        """The last entry, or None for an empty chain."""
        return self._entries[-1] if self._entries else None

    @property
    def head_hash(self) -> str:
        """The hash the next entry will carry as ``prev_hash`` (genesis when empty)."""
        return self._entries[-1].hash if self._entries else GENESIS_HASH

    def append(
        self,
        *,
        at: datetime,
        actor: str | None,
        op: str,
        subjects: Iterable[str] = (),
        payload: Mapping[str, Any] | None = None,
    ) -> Entry:
        """Record the next act (see :func:`~sovet.ledger.entry.make_entry` for the rules)."""
        entry = make_entry(
            self.head,
            org=self._org,
            at=at,
            actor=actor,
            op=op,
            subjects=subjects,
            payload=payload,
        )
        self._entries.append(entry)
        return entry

    def verify(self) -> Verification:
        """Verify the whole chain again."""
        return verify(self._entries, org=self._org)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(tuple(self._entries))

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Entry, ...]: ...

    def __getitem__(self, index: int | slice) -> Entry | tuple[Entry, ...]:
        if isinstance(index, slice):
            return tuple(self._entries[index])
        return self._entries[index]

    def __repr__(self) -> str:
        return f"Chain(org={self._org!r}, entries={len(self._entries)}, head={self.head_hash})"
