"""Handlers on the fake unit of work: each operation's effect, ledger and errors."""

from __future__ import annotations

import pytest

from sovet.domain.errors import AlreadyExists, InvalidInput, MandateRevoked, NotFound
from sovet.domain.roll import RollError
from sovet.ledger import verify
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor
from tests.factories import small_union


@pytest.fixture
def bus(operator: Actor) -> Bus:
    bus = Bus(FakeUnitOfWork())
    small_union(bus, operator)
    return bus


def ledger_ops(bus: Bus, operator: Actor) -> list[str]:
    return [e.op for e in bus.execute(operator, c.ExportLedger("union"))]


def test_every_act_is_a_chained_ledger_entry(bus: Bus, operator: Actor) -> None:
    entries = bus.execute(operator, c.ExportLedger("union"))
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].op == "org.create" and entries[0].actor == "operator"
    assert verify(entries).ok
    assert {e.at.tzinfo is not None for e in entries} == {True}


def test_tree_counts_members_and_seats(bus: Bus, operator: Actor) -> None:
    tree = bus.execute(operator, c.ShowTree("union"))
    assert tree.members == 5
    (congress,) = tree.roots
    assert congress.key == "congress" and congress.seats.seats == 2
    district = congress.children[0]
    assert district.seats.membership == 5
    # north has 3 members: 3/2 rounded down = 1; south 2/2 = 1
    assert district.seats.seats == 2


def test_org_create_twice(bus: Bus, operator: Actor) -> None:
    with pytest.raises(AlreadyExists, match="organisation 'union' already exists"):
        bus.execute(operator, c.CreateOrganisation("union", "Again"))


def test_unknown_org(bus: Bus, operator: Actor) -> None:
    with pytest.raises(NotFound, match="no organisation 'nowhere'"):
        bus.execute(operator, c.CreateBody("nowhere", "b", "B", "council"))


def test_a_refused_command_writes_nothing(bus: Bus, operator: Actor) -> None:
    before = ledger_ops(bus, operator)
    with pytest.raises(InvalidInput):
        bus.execute(operator, c.CreateBody("union", "bad", "Bad", "parliament"))
    assert ledger_ops(bus, operator) == before


def test_member_add_duplicate(bus: Bus, operator: Actor) -> None:
    with pytest.raises(AlreadyExists, match="member number 1"):
        bus.execute(operator, c.AddMember("union", "1", "Again", "north"))


def test_affiliation_and_split(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.AffiliateMember("union", "4", "greens"))
    bus.execute(operator, c.SplitFaction("union", "reds", "pinks", "Pinks", ("1", "5")))
    doc = bus.execute(operator, c.ExportOrganisation("union"))
    factions = {m["number"]: m.get("faction") for m in doc["members"]}
    assert factions == {"1": "pinks", "2": "greens", "3": "reds", "4": "greens", "5": "pinks"}
    ops = ledger_ops(bus, operator)
    assert ops[-2:] == ["member.affiliate", "faction.split"]


def test_mandate_lifecycle_through_the_bus(bus: Bus, operator: Actor) -> None:
    bus.execute(operator, c.RecordMandate("union", "m1", "district", "1", "north-d", "reds"))
    bus.execute(operator, c.IssueCredential("union", "m1", "voting"))
    bus.execute(operator, c.SetMandateStatus("union", "m1", "confirmed"))
    bus.execute(operator, c.SetMandateStatus("union", "m1", "recalled", "petition"))
    with pytest.raises(MandateRevoked):
        bus.execute(operator, c.IssueCredential("union", "m1", "advisory"))
    entry = bus.execute(operator, c.ExportLedger("union"))[-1]
    assert entry.op == "mandate.set-status"
    assert dict(entry.payload) == {
        "key": "m1",
        "old": "confirmed",
        "new": "recalled",
        "reason": "petition",
    }


def test_mandate_constituency_must_fill_that_body(bus: Bus, operator: Actor) -> None:
    with pytest.raises(InvalidInput, match="fills seats of district, not congress"):
        bus.execute(operator, c.RecordMandate("union", "m2", "congress", "1", "north-d"))


def test_roll_import_all_or_nothing(bus: Bus, operator: Actor) -> None:
    text = "number,name,council,faction\n10,Gus,north,reds\n11,Hal,nowhere,\n"
    before = ledger_ops(bus, operator)
    with pytest.raises(RollError, match="line 3: member 11: no body 'nowhere'"):
        bus.execute(operator, c.ImportRoll("union", "roll.csv", text))
    assert ledger_ops(bus, operator) == before
    with pytest.raises(NotFound):
        bus.execute(operator, c.AffiliateMember("union", "10", None))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "line 1: the file is empty"),
        ("number,name\n1,A\n", "line 1: the header lacks column\\(s\\): council"),
        ("number,name,council,age\n", "line 1: unknown column\\(s\\): age"),
        ("number,name,council\n20,A,north\n21,B\n", "line 3: expected 3 fields, found 2"),
        ("number,name,council\n20,A,north\n20,B,south\n", "line 3: .*already appears on line 2"),
        ("number,name,council\n1,A,north\n", "line 2: member number 1 is already on the roll"),
        ("number,name,council\n2 0,A,north\n", "line 2: member number '2 0' is invalid"),
        ("number,name,council\n20,,north\n", "line 2: member 20 has an empty name"),
        ("number,name,council,faction\n20,A,north,blues\n", "line 2: .*no faction 'blues'"),
        ("number,name,council,email\n20,A,north,nope\n", "line 2: .*email 'nope' is invalid"),
        ('number,name,council\n20,"A\n', "line 2: malformed CSV"),
        ('number,name,council\n20,"A\nB",north\n21,C\n', "line 4: expected 3 fields"),
    ],
)
def test_roll_errors_name_the_line(bus: Bus, operator: Actor, text: str, message: str) -> None:
    with pytest.raises(RollError, match=message):
        bus.execute(operator, c.ImportRoll("union", "roll.csv", text))


def test_roll_import_in_parts(bus: Bus, operator: Actor) -> None:
    rows = "".join(f"m{i},Member {i},south\n" for i in range(25))
    count = bus.execute(
        operator, c.ImportRoll("union", "r.csv", "number,name,council\n" + rows, part_size=200)
    )
    assert count == 25
    entries = bus.execute(operator, c.ExportLedger("union"))
    parts = [e for e in entries if e.op == "roll.import"]
    assert [e.payload["part"] for e in parts] == list(range(1, len(parts) + 1))
    assert len(parts) > 2
    assert "".join(e.payload["text"] for e in parts).endswith("m24,Member 24,south\n")
    report = bus.execute(operator, c.ReplayLedger("union"))
    assert report.ok, report.differences


def test_replay_of_fake_store_matches(bus: Bus, operator: Actor) -> None:
    report = bus.execute(operator, c.ReplayLedger("union"))
    assert report.ok and report.entries > 10
