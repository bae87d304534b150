"""Roles, invitations and paged reads on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Connection, select

from sovet.domain.roles import RoleHeld
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor
from sovet.services.tokens import digest
from sovet.storage.account_tables import invitations
from tests.factories import small_union


def test_roles_are_stored_as_the_members_stream_and_replay(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    sql_bus.execute(operator, c.GrantRole("union", "2", "chair", "district"))
    sql_bus.execute(operator, c.GrantRole("union", "2", "administrator"))
    sql_bus.execute(operator, c.RevokeRole("union", "2", "administrator"))
    assert sql_bus.execute(operator, c.ListRoles("union")) == [RoleHeld("2", "chair", "district")]
    report = sql_bus.execute(operator, c.ReplayLedger("union"))
    assert report.ok, report.differences


def test_invitations_are_stored_by_digest(
    sql_bus: Bus, connection: Connection, operator: Actor
) -> None:
    small_union(sql_bus, operator)
    [made] = sql_bus.execute(operator, c.InviteMembers("union", ("3",)))
    rows = connection.execute(select(invitations)).all()
    assert [(r.digest, r.org, r.member, r.used) for r in rows] == [
        (digest(made.secret), "union", "3", None)
    ]


def test_pages_follow_the_cursor(sql_bus: Bus, operator: Actor) -> None:
    small_union(sql_bus, operator)
    for key, holder in (("m1", "1"), ("m2", "2"), ("m3", "4")):
        sql_bus.execute(operator, c.RecordMandate("union", key, "district", holder))
    for key in ("s1", "s2"):
        sql_bus.execute(operator, c.OpenSitting("union", key, "district"))
    members = sql_bus.execute(operator, c.ListMembers("union", limit=3))
    assert [m.number for m in members.items] == ["1", "2", "3"] and members.next == "3"
    later = sql_bus.execute(operator, c.ListMembers("union", after="3"))
    assert [m.number for m in later.items] == ["4", "5"] and later.next is None
    mandates = sql_bus.execute(operator, c.ListMandates("union", limit=2, after="m1"))
    assert [m.key for m in mandates.items] == ["m2", "m3"] and mandates.next is None
    sittings = sql_bus.execute(operator, c.ListSittings("union", limit=1))
    assert [s.key for s in sittings.items] == ["s1"] and sittings.next == "s1"
    assert [
        s.key for s in sql_bus.execute(operator, c.ListSittings("union", after="s1")).items
    ] == ["s2"]
    ledger = sql_bus.execute(operator, c.ListLedger("union", limit=2, after="1"))
    assert [e.seq for e in ledger.items] == [2, 3] and ledger.next == "3"
    assert [b.key for b in sql_bus.execute(operator, c.ListBodies("union"))][:2] == [
        "north",
        "south",
    ]
