"""Writing events as rows: the one place where an event becomes stored state."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence

from sqlalchemy import Connection, Table, func, insert, select, update

from sovet.domain import decree_events as de
from sovet.domain import events as ev
from sovet.domain.instructions import ContraryVotesReported, InstructionAdopted
from sovet.domain.polls import BallotCast, PollClosed, PollOpened, VotersRegistered
from sovet.domain.roll import roll_rows
from sovet.storage import decrees_store
from sovet.storage import tables as t
from sovet.storage.polls_store import append_stream, project_poll_opened
from sovet.storage.roll_load import copy_roll


def _next_position(conn: Connection, table: Table, org: str) -> int:
    """The next position in ``table`` for ``org``; read once per table and command,
    then counted on (a command writes an organisation's rows under its lock)."""
    cache: dict[tuple[str, str], int] = conn.info.setdefault("sovet.positions", {})
    key = (table.name, org)
    if key not in cache:
        current = conn.execute(
            select(func.max(table.c.position)).where(table.c.org == org)
        ).scalar()
        cache[key] = 0 if current is None else int(current) + 1
    position = cache[key]
    cache[key] = position + 1
    return position


def project(conn: Connection, org: str, event: ev.Event) -> None:
    """Apply one event to the tables (the storage twin of ``Replica.apply``)."""
    append_stream(conn, org, event)
    match event:
        case ev.OrganisationCreated():
            conn.execute(
                insert(t.organisations).values(
                    key=event.key, name=event.name, calendar=event.calendar
                )
            )
        case ev.BodyCreated():
            conn.execute(
                insert(t.bodies).values(
                    org=org,
                    key=event.key,
                    name=event.name,
                    kind=event.kind,
                    level=event.level,
                    seat_rule=event.seat_rule,
                    size=event.size,
                    method=event.method,
                    status="constituted",
                    curiae=json.dumps(list(event.curiae)),
                    membership=event.membership,
                    position=_next_position(conn, t.bodies, org),
                )
            )
        case ev.BodyStatusChanged():
            conn.execute(
                update(t.bodies)
                .where(t.bodies.c.org == org, t.bodies.c.key == event.body)
                .values(status=event.new)
            )
        case ev.BodiesLinked():
            conn.execute(
                insert(t.links).values(
                    org=org,
                    source=event.source,
                    target=event.target,
                    kind=event.kind,
                    position=_next_position(conn, t.links, org),
                )
            )
        case ev.NormSet():
            values = dict(
                kind=event.kind,
                seats=event.seats,
                per=event.per,
                minimum=event.minimum,
                maximum=event.maximum,
                rounding=event.rounding,
                curia=event.curia,
            )
            done = conn.execute(
                update(t.norms)
                .where(t.norms.c.org == org, t.norms.c.key == event.key)
                .values(**values)
            )
            if done.rowcount == 0:
                conn.execute(
                    insert(t.norms).values(
                        org=org,
                        key=event.key,
                        position=_next_position(conn, t.norms, org),
                        **values,
                    )
                )
        case ev.ConstituencyCreated():
            conn.execute(
                insert(t.constituencies).values(
                    org=org,
                    key=event.key,
                    body=event.body,
                    source=event.source,
                    norm=event.norm,
                    curia=event.curia,
                    membership_override=event.membership_override,
                    position=_next_position(conn, t.constituencies, org),
                )
            )
        case ev.FactionCreated():
            conn.execute(
                insert(t.factions).values(
                    org=org,
                    key=event.key,
                    name=event.name,
                    party=event.party,
                    parent=event.parent,
                    position=_next_position(conn, t.factions, org),
                )
            )
        case ev.FactionSplit():
            parent = conn.execute(
                select(t.factions.c.party).where(
                    t.factions.c.org == org, t.factions.c.key == event.faction
                )
            ).scalar()
            conn.execute(
                insert(t.factions).values(
                    org=org,
                    key=event.new_key,
                    name=event.new_name,
                    party=parent,
                    parent=event.faction,
                    position=_next_position(conn, t.factions, org),
                )
            )
            _move_members(conn, org, event.members, event.new_key)
        case ev.MemberAdded():
            conn.execute(
                insert(t.members).values(
                    org=org,
                    number=event.number,
                    name=event.name,
                    council=event.council,
                    faction=event.faction,
                    email=event.email,
                )
            )
        case ev.MemberAffiliated():
            _move_members(conn, org, (event.number,), event.new)
        case ev.RollImported():
            load_roll(conn, org, event.text)
        case ev.MandateRecorded():
            conn.execute(
                insert(t.mandates).values(
                    org=org,
                    key=event.key,
                    body=event.body,
                    constituency=event.constituency,
                    holder=event.holder,
                    faction=event.faction,
                    status="elected",
                )
            )
        case ev.MandateStatusChanged():
            conn.execute(
                update(t.mandates)
                .where(t.mandates.c.org == org, t.mandates.c.key == event.key)
                .values(status=event.new)
            )
        case ev.CredentialIssued():
            conn.execute(
                update(t.mandates)
                .where(t.mandates.c.org == org, t.mandates.c.key == event.mandate)
                .values(credential=event.new)
            )
        case InstructionAdopted():
            conn.execute(
                insert(t.instructions).values(
                    org=org,
                    key=event.key,
                    constituency=event.constituency,
                    motion=event.motion,
                    direction=event.direction,
                    binding=int(event.binding),
                    position=_next_position(conn, t.instructions, org),
                )
            )
        case ContraryVotesReported():
            pass  # the report is the ledger entry itself
        case PollOpened():
            project_poll_opened(conn, org, event)
        case PollClosed():
            conn.execute(
                update(t.polls)
                .where(t.polls.c.org == org, t.polls.c.key == event.poll)
                .values(status="closed")
            )
        case de.DecreeIssued():
            decrees_store.project_issued(
                conn,
                org,
                event.key,
                dict(
                    body=event.body,
                    number=event.number,
                    title=event.title,
                    effective=event.effective,
                    status="issued",
                ),
            )
        case de.DecreeDisseminated():
            # the log's rows were written by the dissemination itself (SqlDecrees.send)
            decrees_store.project_status(conn, org, event.decree, "in-force")
        case de.DecreeEnded():
            decrees_store.project_status(conn, org, event.decree, "ended")
        case de.DecreeAnswered():
            decrees_store.project_response(
                conn, org, event.decree, event.body, event.state, event.reason
            )
        case de.ConflictDeclared():
            decrees_store.project_conflict(conn, org, event.decree, event.body, event.act)
        case BallotCast() | VotersRegistered():
            pass  # sealing what the ballot tables already hold (see handlers.polls)
        case _ if event.stream() is not None:
            pass  # kept as its aggregate's stream only
        case _:
            raise NotImplementedError(f"no projection for {event.op}")


def _move_members(conn: Connection, org: str, numbers: Sequence[str], faction: str | None) -> None:
    for i in range(0, len(numbers), 500):
        conn.execute(
            update(t.members)
            .where(t.members.c.org == org, t.members.c.number.in_(numbers[i : i + 500]))
            .values(faction=faction)
        )


def project_all(
    conn: Connection, org: str, events: Sequence[ev.Event], loaded: Collection[str] = ()
) -> None:
    """Apply a command's events in order; the parts of a roll are loaded together,
    unless the roll (by digest) was ``loaded`` while it was being checked."""
    parts: list[str] = []
    conn.info.pop("sovet.positions", None)
    for event in events:
        if isinstance(event, ev.RollImported):
            parts.append(event.text)
            if event.part == event.parts:
                if event.sha256 not in loaded:
                    load_roll(conn, org, "".join(parts))
                parts = []
        else:
            project(conn, org, event)
    conn.info.pop("sovet.positions", None)


def load_roll(conn: Connection, org: str, text: str) -> None:
    """Load a checked roll in its canonical text: PostgreSQL's COPY reads the text as it
    is; elsewhere row by row."""
    if conn.dialect.name != "postgresql":
        conn.execute(
            insert(t.members),
            [
                dict(org=org, number=n, name=m, council=c, faction=f, email=e)
                for n, m, c, f, e in roll_rows(text)
            ],
        )
        return
    conn.execute(select(func.set_config("sovet.org", org, True)))
    copy_roll(conn.connection.driver_connection, text)
