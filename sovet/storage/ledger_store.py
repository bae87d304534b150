"""The stored ledger: each organisation's chain, appended under a lock on its head."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sovet.domain.events import Event
from sovet.ledger import GENESIS_HASH, ChainHead, Entry, make_entry
from sovet.ledger.canonical import canonical_text, format_time, parse_time
from sovet.services.ports import Clock
from sovet.storage import tables as t
from sovet.storage.repositories import entry_from_row

_HEAD = select(t.ledger_heads).where(t.ledger_heads.c.org == bindparam("org"))
_HEAD_LOCKED = _HEAD.with_for_update()
_MOVE_HEAD = (
    update(t.ledger_heads)
    .where(t.ledger_heads.c.org == bindparam("head_org"))
    .values(seq=bindparam("seq"), hash=bindparam("hash"), at=bindparam("at"))
)
_INSERT_ENTRY = insert(t.ledger)


class SqlLedger:
    """Appends take the organisation's head row ``FOR UPDATE`` (SQLite transactions
    begin IMMEDIATE instead); statements are built once, as appends are frequent."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.locked: set[str] = set()

    def lock(self, org: str) -> ChainHead | None:
        """Take the organisation's head row for this transaction (created if missing)
        and return the head of its chain (None for an empty chain)."""
        postgres = self.conn.dialect.name == "postgresql"
        query = _HEAD_LOCKED if postgres and org not in self.locked else _HEAD
        row = self.conn.execute(query, {"org": org}).first()
        if row is None:
            ins = pg_insert if postgres else sqlite_insert
            self.conn.execute(
                ins(t.ledger_heads)
                .values(org=org, seq=0, hash=GENESIS_HASH, at="")
                .on_conflict_do_nothing(index_elements=["org"])
            )
            row = self.conn.execute(_HEAD_LOCKED if postgres else _HEAD, {"org": org}).one()
        self.locked.add(org)
        if row.seq == 0:
            return None
        return ChainHead(org, row.seq, row.hash, parse_time(row.at))

    def head(self, org: str) -> Entry | None:
        q = select(t.ledger).where(t.ledger.c.org == org).order_by(t.ledger.c.seq.desc()).limit(1)
        row = self.conn.execute(q).first()
        return None if row is None else entry_from_row(row)

    def entries(self, org: str) -> Iterator[Entry]:
        q = (
            select(t.ledger)
            .where(t.ledger.c.org == org)
            .order_by(t.ledger.c.seq)
            .execution_options(yield_per=200)
        )
        for row in self.conn.execute(q):
            yield entry_from_row(row)

    def page(self, org: str, after: int, limit: int) -> list[Entry]:
        q = (
            select(t.ledger)
            .where(t.ledger.c.org == org, t.ledger.c.seq > after)
            .order_by(t.ledger.c.seq)
            .limit(limit)
        )
        return [entry_from_row(row) for row in self.conn.execute(q)]

    def append(self, org: str, actor: str, clock: Clock, events: Sequence[Event]) -> list[Entry]:
        """Chain ``events`` after the organisation's head, in this transaction."""
        prev: Entry | ChainHead | None = self.lock(org)
        at = clock()
        if prev is not None and at < prev.at:
            at = prev.at  # clocks may disagree; the chain's time never runs backwards
        written: list[Entry] = []
        rows = []
        for event in events:
            entry = make_entry(
                prev,
                org=org,
                at=at,
                actor=actor,
                op=event.op,
                subjects=event.subjects(),
                payload=event.payload(),
            )
            rows.append(
                dict(
                    org=org,
                    seq=entry.seq,
                    at=format_time(entry.at),
                    actor=entry.actor,
                    op=entry.op,
                    subjects=json.dumps(list(entry.subjects), ensure_ascii=False),
                    payload=canonical_text(entry.payload),
                    prev_hash=entry.prev_hash,
                    hash=entry.hash,
                )
            )
            written.append(entry)
            prev = entry
        if rows:
            self.conn.execute(_INSERT_ENTRY, rows)
            last = written[-1]
            self.conn.execute(
                _MOVE_HEAD,
                {"head_org": org, "seq": last.seq, "hash": last.hash, "at": format_time(last.at)},
            )
        return written
