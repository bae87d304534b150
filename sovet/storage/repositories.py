"""Repositories: rows to domain objects and back, explicitly."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, select

from sovet.domain.errors import NotFound
from sovet.domain.instructions import Instruction
from sovet.domain.members import CredentialStatus, Mandate, MandateStatus, Member
from sovet.domain.organisation import Organisation
from sovet.domain.structure import (
    Body,
    BodyKind,
    BodyStatus,
    Constituency,
    Faction,
    Link,
    LinkKind,
    Norm,
    NormKind,
    Rounding,
    SeatRule,
)
from sovet.ledger import Entry
from sovet.ledger.canonical import parse_time
from sovet.storage import tables as t
from sovet.storage.roll_load import PostgresRollLoad


def load_organisation(conn: Connection, key: str) -> Organisation:
    row = conn.execute(select(t.organisations).where(t.organisations.c.key == key)).first()
    if row is None:
        raise NotFound(f"no organisation {key!r}")
    org = Organisation(row.key, row.name, row.calendar)

    def rows(table: Table) -> Sequence[Any]:
        return conn.execute(
            select(table).where(table.c.org == key).order_by(table.c.position)
        ).all()

    for r in rows(t.bodies):
        org.bodies[r.key] = Body(
            r.key,
            r.name,
            BodyKind(r.kind),
            r.level,
            SeatRule(r.seat_rule),
            r.size,
            r.method,
            BodyStatus(r.status),
            tuple(json.loads(r.curiae)),
            r.membership,
        )
    org.links = [Link(r.source, r.target, LinkKind(r.kind)) for r in rows(t.links)]
    for r in rows(t.norms):
        org.norms[r.key] = Norm(
            r.key,
            NormKind(r.kind),
            r.seats,
            r.per,
            r.minimum,
            r.maximum,
            Rounding(r.rounding),
            r.curia,
        )
    for r in rows(t.constituencies):
        org.constituencies[r.key] = Constituency(
            r.key, r.body, r.source, r.norm, r.curia, r.membership_override
        )
    for r in rows(t.factions):
        org.factions[r.key] = Faction(r.key, r.name, r.party, r.parent)
    for r in rows(t.instructions):
        org.instructions[r.key] = Instruction(
            r.key, r.constituency, r.motion, r.direction, bool(r.binding)
        )
    return org


class SqlOrganisations:
    """Loading an organisation to change it locks its ledger head first, so that
    writers of one organisation take turns (STYLE.md: access helpers lock)."""

    def __init__(self, uow: Any) -> None:
        self.uow = uow

    def get(self, key: str) -> Organisation:
        if key in self.uow.seen:
            return self.uow.seen[key]  # type: ignore[no-any-return]
        bare = self.uow.bare.pop(key, None)
        if bare is None:
            self.uow.ledger.lock(key)
        org = load_organisation(self.uow.conn, key)
        if bare is not None:
            org.pending.extend(bare.pending)
        self.uow.seen[key] = org
        return org

    def lock(self, key: str) -> Organisation:
        """The write lock, and the organisation without its structure (only its own
        row is read); a later ``get`` in the same unit of work loads the structure."""
        if key in self.uow.seen:
            return self.uow.seen[key]  # type: ignore[no-any-return]
        if key not in self.uow.bare:
            self.uow.ledger.lock(key)
            row = self.uow.conn.execute(
                select(t.organisations).where(t.organisations.c.key == key)
            ).first()
            if row is None:
                raise NotFound(f"no organisation {key!r}")
            self.uow.bare[key] = Organisation(row.key, row.name, row.calendar)
        return self.uow.bare[key]  # type: ignore[no-any-return]

    def read(self, key: str) -> Organisation:
        return load_organisation(self.uow.conn, key)

    def add(self, org: Organisation) -> None:
        self.uow.seen[org.key] = org

    def exists(self, key: str) -> bool:
        q = select(t.organisations.c.key).where(t.organisations.c.key == key)
        return self.uow.conn.execute(q).first() is not None

    def keys(self) -> list[str]:
        q = select(t.organisations.c.key).order_by(t.organisations.c.key)
        return list(self.uow.conn.execute(q).scalars())


def _member(r: Any) -> Member:
    return Member(r.number, r.name, r.council, r.faction, r.email)


class SqlMembers:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.loaded: set[str] = set()

    def begin_roll_load(self, org: str, key: str, text: str) -> PostgresRollLoad | None:
        if self.conn.dialect.name != "postgresql":
            return None
        self.loaded.add(key)
        return PostgresRollLoad(self.conn.connection.driver_connection, org, text)

    def get(self, org: str, number: str) -> Member:
        q = select(t.members).where(t.members.c.org == org, t.members.c.number == number)
        row = self.conn.execute(q).first()
        if row is None:
            raise NotFound(f"organisation {org} has no member {number!r}")
        return _member(row)

    def taken(self, org: str, numbers: Sequence[str]) -> set[str]:
        found: set[str] = set()
        if not numbers:
            return found
        count = self.conn.execute(
            select(func.count()).select_from(t.members).where(t.members.c.org == org)
        ).scalar_one()
        if count == 0:
            return found
        for i in range(0, len(numbers), 5000):
            q = select(t.members.c.number).where(
                t.members.c.org == org, t.members.c.number.in_(numbers[i : i + 5000])
            )
            found.update(self.conn.execute(q).scalars())
        return found

    def direct_membership(self, org: str) -> dict[str, int]:
        q = (
            select(t.members.c.council, func.count())
            .where(t.members.c.org == org)
            .group_by(t.members.c.council)
        )
        return {council: int(n) for council, n in self.conn.execute(q)}

    def all(self, org: str) -> Iterator[Member]:
        q = select(t.members).where(t.members.c.org == org).order_by(t.members.c.number)
        for row in self.conn.execute(q):
            yield _member(row)

    def page(
        self, org: str, after: str | None, limit: int, council: str | None = None
    ) -> list[Member]:
        q = select(t.members).where(t.members.c.org == org)
        if council is not None:
            q = q.where(t.members.c.council == council)
        if after is not None:
            q = q.where(t.members.c.number > after)
        q = q.order_by(t.members.c.number).limit(limit)
        return [_member(r) for r in self.conn.execute(q)]

    def in_faction(self, org: str, faction: str) -> list[Member]:
        q = select(t.members).where(t.members.c.org == org, t.members.c.faction == faction)
        return [_member(r) for r in self.conn.execute(q)]


def _mandate(r: Any) -> Mandate:
    cred = None if r.credential is None else CredentialStatus(r.credential)
    return Mandate(
        r.key, r.body, r.constituency, r.holder, r.faction, MandateStatus(r.status), cred
    )


class SqlMandates:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, org: str, key: str) -> Mandate:
        q = select(t.mandates).where(t.mandates.c.org == org, t.mandates.c.key == key)
        row = self.conn.execute(q).first()
        if row is None:
            raise NotFound(f"organisation {org} has no mandate {key!r}")
        return _mandate(row)

    def all(self, org: str) -> Iterator[Mandate]:
        q = select(t.mandates).where(t.mandates.c.org == org).order_by(t.mandates.c.key)
        for row in self.conn.execute(q):
            yield _mandate(row)

    def page(
        self, org: str, after: str | None, limit: int, body: str | None = None
    ) -> list[Mandate]:
        q = select(t.mandates).where(t.mandates.c.org == org)
        if body is not None:
            q = q.where(t.mandates.c.body == body)
        if after is not None:
            q = q.where(t.mandates.c.key > after)
        q = q.order_by(t.mandates.c.key).limit(limit)
        return [_mandate(r) for r in self.conn.execute(q)]


def entry_from_row(r: Any) -> Entry:
    return Entry(
        org=r.org,
        seq=r.seq,
        at=parse_time(r.at),
        actor=r.actor,
        op=r.op,
        subjects=tuple(json.loads(r.subjects)),
        payload=json.loads(r.payload),
        prev_hash=r.prev_hash,
        hash=r.hash,
    )
