"""Convocations and a sitting's business on SQLite and PostgreSQL: each aggregate kept
as its own stream, the minutes in ledger order, and the ledger replaying to the same
state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Connection, select

from sovet.domain.errors import InvalidTransition, NotEntitled, OutOfOrder
from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.storage import tables as t
from sovet.storage.uow import SqlUnitOfWork
from tests.business_setup import OPERATOR, Clock, iso, member, union_sitting

T0 = datetime(2024, 3, 1, 12, tzinfo=UTC)
U = "union"


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def bus(connection: Connection, clock: Clock) -> Bus:
    return Bus(SqlUnitOfWork(connection), clock=clock)


def streams(connection: Connection) -> dict[str, int]:
    rows = connection.execute(
        select(t.aggregate_events.c.stream, t.aggregate_events.c.seq).where(
            t.aggregate_events.c.org == U
        )
    )
    out: dict[str, int] = {}
    for stream, seq in rows:
        out[stream] = max(out.get(stream, 0), seq)
    return out


def test_a_convocation_summons_the_sitting_it_opens(
    bus: Bus, clock: Clock, connection: Connection
) -> None:
    union_sitting(bus)
    bus.execute(OPERATOR, c.CreateConvocation(U, "cv", "district", "congress"))
    bus.execute(OPERATOR, c.DemandConvocation(U, "cv", "north"))
    opens = T0 + timedelta(days=20)
    bus.execute(
        OPERATOR, c.SummonConvocation(U, "cv", "congress", iso(opens), "Hall", quorum="2/3")
    )
    bus.execute(OPERATOR, c.RespondToConvocation(U, "cv", "north", "agreed"))
    clock.advance(days=10)
    bus.execute(
        OPERATOR, c.PostponeConvocation(U, "cv", "congress", iso(opens + timedelta(days=2)), "x")
    )
    clock.advance(days=11)
    with pytest.raises(InvalidTransition, match="its sitting cannot open on"):
        bus.execute(OPERATOR, c.OpenSitting(U, "s2", "district", convocation="cv"))
    clock.advance(days=1)
    bus.execute(OPERATOR, c.OpenSitting(U, "s2", "district", convocation="cv"))
    view = bus.execute(member("2"), c.ShowConvocation(U, "cv"))
    assert view.summary.counts == (1, 0, 1) and len(view.convocation.postponements) == 1
    sitting = bus.execute(member("2"), c.ShowSitting(U, "s2"))
    assert str(sitting.quorum) == "2/3" and sitting.convocation == "cv"
    assert streams(connection)["convocation:cv"] == 5
    report = bus.execute(OPERATOR, c.ReplayLedger(U))
    assert report.ok, report.differences


def test_the_business_of_a_sitting_is_stored_and_replays(
    bus: Bus, clock: Clock, connection: Connection
) -> None:
    union_sitting(bus)
    bus.execute(OPERATOR, c.CreateAgenda(U, "s1", (("rent", "Rent"), ("misc", "Other"))))
    bus.execute(OPERATOR, c.AdoptAgenda(U, "s1"))
    bus.execute(OPERATOR, c.TakeUpItem(U, "s1"))
    bus.execute(OPERATOR, c.OpenSpeakersList(U, "s1", "rent", time_limit=600))
    bus.execute(member("2"), c.RequestFloor(U, "s1", "rent"))
    bus.execute(member("3"), c.RequestFloor(U, "s1", "rent"))
    bus.execute(member("3"), c.WithdrawRequest(U, "s1", "rent"))
    assert bus.execute(OPERATOR, c.CallSpeaker(U, "s1", "rent")) == "2"
    start = clock.advance(minutes=1)
    end = clock.advance(minutes=5)
    bus.execute(OPERATOR, c.LogSpeech(U, "s1", "rent", "2", iso(start), iso(end)))
    bus.execute(member("2"), c.MoveMotion(U, "s1", "m1", "resolution", "Rents are frozen."))
    bus.execute(member("3"), c.AmendMotion(U, "s1", "a1", "m1", find="frozen", replace="halved"))
    bus.execute(member("3"), c.RequestRecess(U, "s1", "r1", "caucus", for_faction=True))
    bus.execute(OPERATOR, c.GrantRecess(U, "s1", "r1"))
    clock.advance(minutes=20)
    bus.execute(OPERATOR, c.EndRecess(U, "s1", "r1"))
    bus.execute(OPERATOR, c.OpenPoll(U, "p1", "s1", "m1?", motion="m1"))
    bus.execute(OPERATOR, c.ClosePoll(U, "p1", 3, 0, 0))
    with pytest.raises(OutOfOrder, match="a1 is put first"):
        bus.execute(OPERATOR, c.DecideMotion(U, "s1", "m1", "p1"))
    bus.execute(OPERATOR, c.OpenPoll(U, "pa", "s1", "a1?", motion="a1"))
    bus.execute(OPERATOR, c.ClosePoll(U, "pa", 2, 1, 0))
    assert bus.execute(OPERATOR, c.DecideMotion(U, "s1", "a1", "pa")) is True
    assert bus.execute(OPERATOR, c.DecideMotion(U, "s1", "m1", "p1")) is True
    bus.execute(member("4"), c.EnterDissent(U, "s1", "m1", "rents must fall"))
    bus.execute(member("4"), c.EnterDeclaration(U, "s1", "d1", "We abstain on principle."))
    bus.execute(OPERATOR, c.CloseItem(U, "s1"))
    bus.execute(OPERATOR, c.CorrectMinutes(U, "s1", 2, "three delegates registered"))
    view = bus.execute(member("2"), c.ShowMotion(U, "s1", "m1"))
    assert view.outcome.text == "Rents are halved." and view.dissents[0].by == "m9"
    stored = streams(connection)
    assert {k: stored[k] for k in stored if not k.startswith("poll:")} == {
        "sitting:s1": 7,  # opened, 3 registered, present, in recess and back
        "agenda:s1": 4,
        "speakers:s1/rent": 6,
        "motions:s1": 5,
        "proceedings:s1": 5,
    }
    minutes = bus.execute(member("2"), c.ShowMinutes(U, "s1"))
    ops = [e.op for e in minutes.entries]
    assert ops[ops.index("recess.grant") + 1] == "sitting.set-status"
    assert ops[-3:] == ["declaration.enter", "agenda.close-item", "minutes.correct"]
    assert "speakers.request" not in ops
    with pytest.raises(NotEntitled, match="member 5 holds no mandate"):
        bus.execute(member("5"), c.EnterDeclaration(U, "s1", "d2", "Hello."))
    report = bus.execute(OPERATOR, c.ReplayLedger(U))
    assert report.ok, report.differences
