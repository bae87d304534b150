"""Storage of sittings and polls: event streams, poll headers, voters and ballots."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sovet.domain.errors import AlreadyExists, NotFound
from sovet.domain.events import Event, event_from_entry
from sovet.domain.instructions import Instruction
from sovet.domain.polls import Ballot, PollHeader, PollMode, PollOpened, PollStatus, Voter
from sovet.ledger.canonical import canonical_text
from sovet.storage import tables as t


def append_stream(conn: Connection, org: str, event: Event) -> None:
    stream = event.stream()
    if stream is None:
        return
    last = conn.execute(
        select(func.max(t.aggregate_events.c.seq)).where(
            t.aggregate_events.c.org == org, t.aggregate_events.c.stream == stream
        )
    ).scalar()
    conn.execute(
        insert(t.aggregate_events).values(
            org=org,
            stream=stream,
            seq=(last or 0) + 1,
            op=event.op,
            payload=canonical_text(event.payload()),
        )
    )


class SqlStreams:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def load(self, org: str, stream: str) -> list[Event]:
        q = (
            select(t.aggregate_events.c.op, t.aggregate_events.c.payload)
            .where(t.aggregate_events.c.org == org, t.aggregate_events.c.stream == stream)
            .order_by(t.aggregate_events.c.seq)
        )
        events = [event_from_entry(op, json.loads(payload)) for op, payload in self.conn.execute(q)]
        if not events:
            kind, _, key = stream.partition(":")
            raise NotFound(f"organisation {org} has no {kind} {key!r}")
        return events

    def all(self, org: str) -> list[tuple[str, int, str, str]]:
        q = (
            select(
                t.aggregate_events.c.stream,
                t.aggregate_events.c.seq,
                t.aggregate_events.c.op,
                t.aggregate_events.c.payload,
            )
            .where(t.aggregate_events.c.org == org)
            .order_by(t.aggregate_events.c.stream, t.aggregate_events.c.seq)
        )
        return [tuple(r) for r in self.conn.execute(q)]

    def keys(
        self, org: str, kind: str, after: str | None = None, limit: int | None = None
    ) -> list[str]:
        # Streams of one kind share the prefix "<kind>:"; keys order as their stream
        # names do (in the database's collation, the same for the cursor and the order).
        prefix = f"{kind}:"
        s = t.aggregate_events.c.stream
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        q = select(s).where(
            t.aggregate_events.c.org == org,
            s.like(pattern + "%", escape="\\"),
            t.aggregate_events.c.seq == 1,
        )
        if after is not None:
            q = q.where(s > prefix + after)
        q = q.order_by(s)
        if limit is not None:
            q = q.limit(limit)
        return [name[len(prefix) :] for name in self.conn.execute(q).scalars()]


_HEADER = select(t.polls).where(
    t.polls.c.org == bindparam("org"), t.polls.c.key == bindparam("poll")
)
_HEADERS = {
    "": _HEADER,
    "share": _HEADER.with_for_update(read=True),
    "update": _HEADER.with_for_update(),
}
_VOTER = select(t.poll_voters).where(
    t.poll_voters.c.org == bindparam("org"),
    t.poll_voters.c.poll == bindparam("poll"),
    t.poll_voters.c.voter == bindparam("voter"),
)


def _insert_once_statement(dialect: str, table: Table) -> Any:
    ins = pg_insert if dialect == "postgresql" else sqlite_insert
    return ins(table).on_conflict_do_nothing().returning(table.c.voter)


_ONCE: dict[tuple[str, str], Any] = {}
_CAST_CONTEXT = (
    select(
        t.polls,
        t.poll_voters.c.voter.label("v_voter"),
        t.poll_voters.c.mandate,
        t.poll_voters.c.weight,
        t.poll_voters.c.delegation,
        t.poll_voters.c.curia,
        t.poll_voters.c.constituency,
    )
    .select_from(
        t.polls.outerjoin(
            t.poll_voters,
            (t.poll_voters.c.org == t.polls.c.org)
            & (t.poll_voters.c.poll == t.polls.c.key)
            & (t.poll_voters.c.voter == bindparam("voter")),
        )
    )
    .where(t.polls.c.org == bindparam("org"), t.polls.c.key == bindparam("poll"))
)
_CAST_CONTEXT_SHARED = _CAST_CONTEXT.with_for_update(read=True, of=t.polls)
# One round trip for a secret ballot on PostgreSQL: the register row, and the ballot
# only if the register row was new.
_SECRET_CAST = text(
    "WITH reg AS (INSERT INTO poll_register (org, poll, voter) VALUES (:org, :poll, :voter) "
    "ON CONFLICT DO NOTHING RETURNING voter) "
    "INSERT INTO secret_ballots_open (org, poll, receipt, choice) "
    "SELECT :org, :poll, :receipt, :choice FROM reg RETURNING receipt"
)
_INSTRUCTION = (
    select(t.instructions)
    .where(
        t.instructions.c.org == bindparam("org"),
        t.instructions.c.motion == bindparam("motion"),
        t.instructions.c.constituency == bindparam("constituency"),
    )
    .order_by(t.instructions.c.position.desc())
    .limit(1)
)
_BOX_INSERT = insert(t.secret_ballots_open)


class SqlBallots:
    """Ballots: one per voter per poll, enforced by primary keys under concurrency.

    The casting path runs statements built once (SQLAlchemy then reuses their
    compiled form), since thousands of casts may arrive at once.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._headers: dict[tuple[str, str], tuple[str, PollHeader]] = {}

    def header(self, org: str, poll: str, *, lock: str = "") -> PollHeader:
        """The poll's header; ``lock="share"`` for a cast (a close then waits for the
        casts under way), ``lock="update"`` for the close itself. Read once per lock
        strength in a unit of work."""
        held = self._headers.get((org, poll))
        strength = {"": 0, "share": 1, "update": 2}
        if held is not None and strength[held[0]] >= strength[lock]:
            return held[1]
        q = _HEADERS[lock if self.conn.dialect.name == "postgresql" else ""]
        row = self.conn.execute(q, {"org": org, "poll": poll}).first()
        if row is None:
            raise NotFound(f"organisation {org} has no poll {poll!r}")
        header = PollHeader(
            row.key, PollMode(row.mode), PollStatus(row.status), row.sitting, row.body, row.motion
        )
        self._headers[(org, poll)] = (lock, header)
        return header

    def cast_context(self, org: str, poll: str, voter: str) -> tuple[PollHeader, Voter | None]:
        """The poll's header under a share lock and the voter's entry, in one read."""
        postgres = self.conn.dialect.name == "postgresql"
        q = _CAST_CONTEXT_SHARED if postgres else _CAST_CONTEXT
        row = self.conn.execute(q, {"org": org, "poll": poll, "voter": voter}).first()
        if row is None:
            raise NotFound(f"organisation {org} has no poll {poll!r}")
        header = PollHeader(
            row.key, PollMode(row.mode), PollStatus(row.status), row.sitting, row.body, row.motion
        )
        self._headers[(org, poll)] = ("share", header)
        if row.v_voter is None:
            return header, None
        return header, Voter(
            row.v_voter, row.mandate, row.weight, row.delegation, row.curia, row.constituency
        )

    def instruction(self, org: str, motion: str, constituency: str) -> Instruction | None:
        r = self.conn.execute(
            _INSTRUCTION, {"org": org, "motion": motion, "constituency": constituency}
        ).first()
        if r is None:
            return None
        return Instruction(r.key, r.constituency, r.motion, r.direction, bool(r.binding))

    def voter(self, org: str, poll: str, voter: str) -> Voter | None:
        r = self.conn.execute(_VOTER, {"org": org, "poll": poll, "voter": voter}).first()
        if r is None:
            return None
        return Voter(r.voter, r.mandate, r.weight, r.delegation, r.curia, r.constituency)

    def add_named(self, org: str, poll: str, voter: str, choice: str, contrary: bool) -> None:
        values = dict(org=org, poll=poll, voter=voter, choice=choice, contrary=int(contrary))
        self._insert_once(t.ballots, values, voter, poll)

    def add_secret(self, org: str, poll: str, voter: str, receipt: str, choice: str) -> None:
        values = dict(org=org, poll=poll, voter=voter, receipt=receipt, choice=choice)
        if self.conn.dialect.name == "postgresql":
            if self.conn.execute(_SECRET_CAST, values).first() is None:
                raise AlreadyExists(f"member {voter} has already voted in poll {poll}")
            return
        self._insert_once(t.poll_register, dict(org=org, poll=poll, voter=voter), voter, poll)
        self.conn.execute(
            _BOX_INSERT, {"org": org, "poll": poll, "receipt": receipt, "choice": choice}
        )

    def _insert_once(self, table: Table, values: dict[str, object], voter: str, poll: str) -> None:
        """Insert unless the key is taken (then refuse); the primary key decides among
        concurrent casts, and the loser's unit of work rolls back whole."""
        key = (self.conn.dialect.name, table.name)
        if key not in _ONCE:
            _ONCE[key] = _insert_once_statement(*key[:1], table)
        done = self.conn.execute(_ONCE[key], values).first()
        if done is None:
            raise AlreadyExists(f"member {voter} has already voted in poll {poll}")

    def named(self, org: str, poll: str) -> list[tuple[str, str, bool]]:
        q = (
            select(t.ballots.c.voter, t.ballots.c.choice, t.ballots.c.contrary)
            .where(t.ballots.c.org == org, t.ballots.c.poll == poll)
            .order_by(t.ballots.c.voter)
        )
        return [(v, c, bool(x)) for v, c, x in self.conn.execute(q)]

    def register(self, org: str, poll: str) -> list[str]:
        q = (
            select(t.poll_register.c.voter)
            .where(t.poll_register.c.org == org, t.poll_register.c.poll == poll)
            .order_by(t.poll_register.c.voter)
        )
        return list(self.conn.execute(q).scalars())

    def cast_count(self, org: str, poll: str) -> int:
        # A poll's ballots are in one of the two tables, by its mode; counting both
        # spares reading its header.
        total = 0
        for table in (t.ballots, t.poll_register):
            q = select(func.count()).where(table.c.org == org, table.c.poll == poll)
            total += int(self.conn.execute(q).scalar_one())
        return total

    def has_voted(self, org: str, poll: str, voter: str) -> bool:
        for table in (t.ballots, t.poll_register):
            q = select(table.c.voter).where(
                table.c.org == org, table.c.poll == poll, table.c.voter == voter
            )
            if self.conn.execute(q).first() is not None:
                return True
        return False

    def seal_secret(self, org: str, poll: str) -> list[Ballot]:
        """Move a closing poll's ballots into the box in receipt order; return them."""
        box = t.secret_ballots_open
        q = (
            select(box.c.receipt, box.c.choice)
            .where(box.c.org == org, box.c.poll == poll)
            .order_by(box.c.receipt)
        )
        rows = list(self.conn.execute(q))
        if rows:
            self.conn.execute(
                insert(t.secret_ballots),
                [dict(org=org, poll=poll, receipt=r, choice=c) for r, c in rows],
            )
        self.conn.execute(delete(box).where(box.c.org == org, box.c.poll == poll))
        return [Ballot(None, c, r) for r, c in rows]

    def sealed_secret(self, org: str) -> list[tuple[str, str, str]]:
        q = (
            select(t.secret_ballots.c.poll, t.secret_ballots.c.receipt, t.secret_ballots.c.choice)
            .where(t.secret_ballots.c.org == org)
            .order_by(t.secret_ballots.c.poll, t.secret_ballots.c.receipt)
        )
        return [tuple(r) for r in self.conn.execute(q)]

    def closed_named(self, org: str) -> list[tuple[str, str, str, bool]]:
        q = (
            select(t.ballots.c.poll, t.ballots.c.voter, t.ballots.c.choice, t.ballots.c.contrary)
            .join(t.polls, (t.polls.c.org == t.ballots.c.org) & (t.polls.c.key == t.ballots.c.poll))
            .where(t.ballots.c.org == org, t.polls.c.status == "closed")
            .order_by(t.ballots.c.poll, t.ballots.c.voter)
        )
        return [(p, v, c, bool(x)) for p, v, c, x in self.conn.execute(q)]

    def closed_register(self, org: str) -> list[tuple[str, str]]:
        r = t.poll_register
        q = (
            select(r.c.poll, r.c.voter)
            .join(t.polls, (t.polls.c.org == r.c.org) & (t.polls.c.key == r.c.poll))
            .where(r.c.org == org, t.polls.c.status == "closed")
            .order_by(r.c.poll, r.c.voter)
        )
        return [tuple(x) for x in self.conn.execute(q)]


def project_poll_opened(conn: Connection, org: str, e: PollOpened) -> None:
    conn.execute(
        insert(t.polls).values(
            org=org,
            key=e.key,
            sitting=e.sitting,
            body=e.body,
            mode=e.mode,
            status="open",
            motion=e.motion,
        )
    )
    if e.voters:
        conn.execute(
            insert(t.poll_voters),
            [
                dict(
                    org=org,
                    poll=e.key,
                    voter=h,
                    mandate=m,
                    weight=w,
                    delegation=d,
                    curia=c,
                    constituency=co,
                )
                for h, m, w, d, c, co in e.voters
            ],
        )
