"""The bus: one handler per name, a declared permission each, deny by default."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sovet.domain.errors import NotEntitled
from sovet.services import commands as c
from sovet.services.bus import OPERATIONS, Bus, operation
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor, Permission, Role, is_allowed
from tests.factories import small_union


def test_an_operation_without_a_permission_is_refused_at_registration() -> None:
    @dataclass(frozen=True)
    class Nothing:
        org: str

    with pytest.raises(ValueError, match="declares no permission"):
        operation("test.nothing", command=Nothing, permission=None)(lambda cmd, ctx: None)


def test_a_name_registered_twice_is_refused() -> None:
    @dataclass(frozen=True)
    class Again:
        org: str

    with pytest.raises(ValueError, match="registered twice"):
        operation("body.create", command=Again, permission=Permission.ORG_ADMIN)(
            lambda cmd, ctx: None
        )


def test_an_unregistered_command_is_refused(fake_bus: Bus, operator: Actor) -> None:
    @dataclass(frozen=True)
    class Unknown:
        org: str

    with pytest.raises(NotEntitled, match="no operation is registered for Unknown"):
        fake_bus.execute(operator, Unknown("x"))


def test_operation_names_are_dotted_and_documented() -> None:
    for name, op in OPERATIONS.items():
        assert "." in name and name == name.lower(), name
        assert op.summary, f"{name} has no docstring"


def test_permission_rule() -> None:
    admin = Actor("a", admin_of=frozenset({"u"}))
    chair = Actor("c", member_of=frozenset({"u"}), roles={("u", "soviet"): frozenset({Role.CHAIR})})
    member = Actor("m", member_of=frozenset({"u"}))
    stranger = Actor("s")
    assert is_allowed(admin, Permission.ORG_ADMIN, "u", None)
    assert not is_allowed(admin, Permission.ORG_ADMIN, "other", None)
    assert not is_allowed(admin, Permission.SITE_ADMIN, None, None)
    assert is_allowed(chair, Permission.BODY_CHAIR, "u", "soviet")
    assert not is_allowed(chair, Permission.BODY_CHAIR, "u", "district")
    assert is_allowed(chair, Permission.BODY_SECRETARY, "u", "soviet")
    assert is_allowed(member, Permission.MEMBER, "u", None)
    assert not is_allowed(member, Permission.ORG_ADMIN, "u", None)
    assert not is_allowed(stranger, Permission.MEMBER, "u", None)
    assert is_allowed(stranger, Permission.PUBLIC, None, None)


# One sample command per operation, run against the small union. A new operation
# without a sample here fails test_every_operation_has_a_permission_test.
SAMPLES: dict[str, object] = {
    "org.create": c.CreateOrganisation("another", "Another"),
    "org.import": c.ImportOrganisation({"organisation": {"key": "imported", "name": "I"}}),
    "org.list": c.ListOrganisations(),
    "org.tree": c.ShowTree("union"),
    "org.export": c.ExportOrganisation("union"),
    "body.create": c.CreateBody("union", "east", "East local", "council"),
    "body.set-status": c.SetBodyStatus("union", "north", "defunct"),
    "body.link": c.LinkBodies("union", "district", "congress", "controls"),
    "norm.set": c.SetNorm("union", "n2", "fixed", seats=1),
    "constituency.create": c.CreateConstituency("union", "x", "congress", "north"),
    "faction.create": c.CreateFaction("union", "blues", "Blues"),
    "faction.split": c.SplitFaction("union", "reds", "pinks", "Pinks", ("1",)),
    "member.add": c.AddMember("union", "9", "Flo", "south"),
    "member.affiliate": c.AffiliateMember("union", "4", "greens"),
    "roll.import": c.ImportRoll("union", "r.csv", "number,name,council\n10,Gus,north\n"),
    "mandate.record": c.RecordMandate("union", "m1", "district", "1", "north-d", "reds"),
    "mandate.set-status": c.SetMandateStatus("union", "m0", "confirmed"),
    "credential.issue": c.IssueCredential("union", "m0", "advisory"),
    "ledger.export": c.ExportLedger("union"),
    "ledger.replay": c.ReplayLedger("union"),
    "sitting.open": c.OpenSitting("union", "s2", "district"),
    "sitting.register": c.RegisterDelegate("union", "s1", ("m9",)),
    "sitting.attend": c.ChangeAttendance("union", "s1", ("m0",), "withdrawn"),
    "sitting.walkout": c.DeclareWalkout("union", "s1", "greens", "We leave"),
    "credential.challenge": c.ChallengeCredential("union", "s1", "m0", "not re-elected"),
    "credential.decide": c.DecideChallenge("union", "s1", "m8", upheld=False),
    "sitting.set-standing": c.SetStanding("union", "s1", "m0", "advisory", "resolution 1"),
    "sitting.set-status": c.SetSittingStatus("union", "s1", "recess"),
    "sitting.show": c.ShowSitting("union", "s1"),
    "poll.open": c.OpenPoll("union", "p2", "s1", "Adjourn?"),
    "ballot.cast": c.CastBallot("union", "p0", "for", voter="2"),
    "poll.close": c.ClosePoll("union", "p0"),
    "poll.show": c.ShowPoll("union", "p0"),
    "instruction.adopt": c.AdoptInstruction("union", "i1", "north-d", "motion-1", "for"),
}


def _area_samples() -> dict[str, object]:
    """Samples of other areas, from tests/services/permission_samples_*.py: each a
    function that prepares what its operation needs and returns the command."""
    import importlib
    from pathlib import Path

    found: dict[str, object] = {}
    for path in sorted(Path(__file__).parent.glob("permission_samples_*.py")):
        module = importlib.import_module(f"tests.services.{path.stem}")
        found.update(module.SAMPLES)
    return found


SAMPLES.update(_area_samples())

# Who is refused each permission: a member of the union without any role.
NOBODY = Actor("nobody", member_of=frozenset({"union"}))


def test_every_operation_has_a_permission_test() -> None:
    assert set(SAMPLES) == set(OPERATIONS)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_refused_without_permission_and_allowed_with(name: str, operator: Actor) -> None:
    bus = Bus(FakeUnitOfWork())
    small_union(bus, operator)
    for key, holder, faction in (("m0", "2", "greens"), ("m8", "3", "reds"), ("m9", "4", None)):
        bus.execute(operator, c.RecordMandate("union", key, "district", holder, "north-d", faction))
    bus.execute(operator, c.OpenSitting("union", "s1", "district"))
    bus.execute(operator, c.RegisterDelegate("union", "s1", ("m0", "m8")))
    bus.execute(operator, c.ChangeAttendance("union", "s1", ("m0", "m8"), "present"))
    bus.execute(operator, c.ChallengeCredential("union", "s1", "m8", "lost papers"))
    bus.execute(operator, c.OpenPoll("union", "p0", "s1", "Agree?", mode="roll-call"))
    op = OPERATIONS[name]
    sample = SAMPLES[name]
    command = sample(bus, operator) if callable(sample) else sample
    entitled = Actor(
        "entitled", site_admin=op.permission is Permission.SITE_ADMIN, admin_of=frozenset({"union"})
    )
    if op.permission in (Permission.PUBLIC, Permission.MEMBER):
        outsider = Actor("outsider")
        if op.permission is Permission.PUBLIC:
            bus.execute(outsider, command)
        else:
            with pytest.raises(NotEntitled, match="outsider may not"):
                bus.execute(outsider, command)
    else:
        with pytest.raises(NotEntitled, match=f"nobody may not {name}"):
            bus.execute(NOBODY, command)
    bus.execute(entitled, command)


def test_body_roles_are_checked_in_the_body_the_command_acts_in(operator: Actor) -> None:
    # A poll names only its sitting; the bus finds the sitting's body through the
    # operation's scope and checks the chair's role there.
    bus = Bus(FakeUnitOfWork())
    small_union(bus, operator)
    bus.execute(operator, c.OpenSitting("union", "s1", "district"))
    chair_of = {
        body: Actor(
            f"chair-{body}",
            member_of=frozenset({"union"}),
            roles={("union", body): frozenset({Role.CHAIR})},
        )
        for body in ("district", "north")
    }
    with pytest.raises(NotEntitled, match=r"chair-north may not poll\.open"):
        bus.execute(chair_of["north"], c.OpenPoll("union", "p1", "s1", "Q"))
    bus.execute(chair_of["district"], c.OpenPoll("union", "p1", "s1", "Q"))
    with pytest.raises(NotEntitled, match=r"chair-north may not poll\.close"):
        bus.execute(chair_of["north"], c.ClosePoll("union", "p1", 0, 0, 0))
    bus.execute(chair_of["district"], c.ClosePoll("union", "p1", 0, 0, 0))
