"""Roles, invitations and the browsing reads on the fake unit of work."""

from __future__ import annotations

import pytest

from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound
from sovet.domain.roles import RoleHeld
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor
from sovet.services.tokens import digest
from tests.factories import small_union
from tests.services.permission_samples_browse import SAMPLES as BROWSE
from tests.services.permission_samples_roles import SAMPLES as ROLES
from tests.services.sample_runner import check_sample


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def bus(uow: FakeUnitOfWork, operator: Actor) -> Bus:
    bus = Bus(uow)
    small_union(bus, operator)
    return bus


def test_granted_roles_are_listed_and_recorded(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.GrantRole("union", "2", "chair", "district"))
    bus.execute(operator, c.GrantRole("union", "1", "administrator"))
    bus.execute(operator, c.GrantRole("union", "2", "secretary", "north"))
    assert bus.execute(operator, c.ListRoles("union")) == [
        RoleHeld("1", "administrator", None),
        RoleHeld("2", "chair", "district"),
        RoleHeld("2", "secretary", "north"),
    ]
    bus.execute(operator, c.RevokeRole("union", "2", "chair", "district", "resigned"))
    assert bus.execute(operator, c.ListRoles("union", "2")) == [RoleHeld("2", "secretary", "north")]
    entries = bus.execute(operator, c.ExportLedger("union"))
    assert [e.op for e in entries[-4:]] == ["role.grant", "role.grant", "role.grant", "role.revoke"]
    assert entries[-1].payload["reason"] == "resigned"
    assert bus.execute(operator, c.ReplayLedger("union")).ok


def test_a_role_for_someone_off_the_roll_is_refused(bus: Bus, operator: Actor) -> None:
    with pytest.raises(NotFound, match="no member '77'"):
        bus.execute(operator, c.GrantRole("union", "77", "chair", "district"))
    assert bus.execute(operator, c.ListRoles("union")) == []


def test_invitations_are_kept_by_digest_and_never_twice_for_an_account(
    bus: Bus, uow: FakeUnitOfWork, operator: Actor
) -> None:
    made = bus.execute(operator, c.InviteMembers("union", ("1", "4"), valid_days=3))
    assert [i.member for i in made] == ["1", "4"]
    assert len({i.secret for i in made}) == 2
    kept = uow.store.invitations
    assert set(kept) == {digest(i.secret) for i in made}
    assert all(i.secret not in str(kept) for i in made)
    assert (made[0].expires - bus.clock()).days in (2, 3)
    uow.store.logins[("union", "1")] = "ada"
    with pytest.raises(AlreadyExists, match="member 1 of union already has the account ada"):
        bus.execute(operator, c.InviteMembers("union", ("1",)))
    with pytest.raises(NotFound, match="no member '99'"):
        bus.execute(operator, c.InviteMembers("union", ("99",)))
    for bad in (c.InviteMembers("union", ()), c.InviteMembers("union", ("4", "4"))):
        with pytest.raises(InvalidInput):
            bus.execute(operator, bad)
    with pytest.raises(InvalidInput, match="1 to 90 days, not 91"):
        bus.execute(operator, c.InviteMembers("union", ("4",), valid_days=91))
    entries = bus.execute(operator, c.ExportLedger("union"))
    assert not any(e.op == "account.invite" for e in entries)  # out of the ledger


def test_members_are_paged_by_number(bus: Bus, operator: Actor) -> None:
    first = bus.execute(operator, c.ListMembers("union", limit=2))
    assert [m.number for m in first.items] == ["1", "2"] and first.next == "2"
    rest = bus.execute(operator, c.ListMembers("union", limit=10, after=first.next))
    assert [m.number for m in rest.items] == ["3", "4", "5"] and rest.next is None
    south = bus.execute(operator, c.ListMembers("union", council="south"))
    assert [m.number for m in south.items] == ["4", "5"]
    with pytest.raises(InvalidInput, match="limit must be between 1 and 500"):
        bus.execute(operator, c.ListMembers("union", limit=501))


def test_bodies_are_listed_and_shown(bus: Bus, operator: Actor) -> None:
    listed = bus.execute(operator, c.ListBodies("union"))
    assert [(b.key, b.seats, b.membership) for b in listed] == [
        ("north", 0, 3),
        ("south", 0, 2),
        ("district", 2, 5),
        ("congress", 2, 5),
    ]
    district = bus.execute(operator, c.ShowBody("union", "district"))
    assert district.seats.seats == 2
    assert [k.key for k in district.constituencies] == ["north-d", "south-d"]
    assert [k.key for k in district.sends] == ["district-c"]
    with pytest.raises(NotFound):
        bus.execute(operator, c.ShowBody("union", "atlantis"))


def test_sittings_polls_elections_and_the_ledger_are_paged(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.RecordMandate("union", "m1", "district", "2", "north-d"))
    for key in ("s1", "s2", "s3"):
        bus.execute(operator, c.OpenSitting("union", key, "district"))
    bus.execute(operator, c.RegisterDelegate("union", "s2", ("m1",)))
    page = bus.execute(operator, c.ListSittings("union", limit=2))
    assert [s.key for s in page.items] == ["s1", "s2"] and page.next == "s2"
    assert page.items[1].registered == 1
    assert [s.key for s in bus.execute(operator, c.ListSittings("union", after="s2")).items] == [
        "s3"
    ]
    assert bus.execute(operator, c.ListPolls("union")).items == ()
    bus.execute(
        operator, c.OpenElection("union", "e1", "district", "north-d", "plurality", 1, ("1", "3"))
    )
    assert [e.status for e in bus.execute(operator, c.ListElections("union")).items] == ["opened"]
    view = bus.execute(operator, c.ShowElection("union", "e1"))
    assert view.election.candidates == ("1", "3") and view.counts == ()
    ledger = bus.execute(operator, c.ListLedger("union", limit=5, after="15"))
    assert [e.seq for e in ledger.items] == [16, 17, 18, 19, 20] and ledger.next == "20"
    with pytest.raises(InvalidInput, match="sequence number"):
        bus.execute(operator, c.ListLedger("union", after="first"))


@pytest.mark.parametrize("name", sorted(ROLES))
def test_role_permissions(name: str, operator: Actor) -> None:
    check_sample(name, ROLES[name], operator)


@pytest.mark.parametrize("name", sorted(BROWSE))
def test_browse_permissions(name: str, operator: Actor) -> None:
    check_sample(name, BROWSE[name], operator)
