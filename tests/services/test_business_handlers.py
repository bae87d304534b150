"""A sitting's business on the fake unit of work: agenda, speakers' lists, motions
decided from polls, declarations, recesses and the minutes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    MandateRevoked,
    NotEntitled,
    NotFound,
    OutOfOrder,
    VoteRequired,
)
from sovet.domain.proceedings import RecessState
from sovet.services import commands as c
from sovet.services.bus import OPERATIONS, Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.handlers.proceedings import load_proceedings
from sovet.services.permissions import Actor, Permission, Role
from tests.business_setup import OPERATOR, Clock, chair_of, member, union_sitting
from tests.services import permission_samples_business as samples

T0 = datetime(2024, 3, 1, 18, tzinfo=UTC)
U = "union"


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def bus(clock: Clock) -> Bus:
    bus = Bus(FakeUnitOfWork(), clock=clock)
    union_sitting(bus)
    return bus


def agenda(bus: Bus, *items: tuple[str, str]) -> None:
    bus.execute(OPERATOR, c.CreateAgenda(U, "s1", items or (("rent", "Rent"), ("misc", "Other"))))


# -- permissions -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(samples.SAMPLES))
def test_permission_samples(name: str) -> None:
    """Each sample is refused without the permission and allowed with it."""
    bus = Bus(FakeUnitOfWork())
    union_sitting(bus)
    bus.execute(OPERATOR, c.ChallengeCredential(U, "s1", "m8", "lost papers"))
    command = samples.SAMPLES[name](bus, OPERATOR)
    permission = OPERATIONS[name].permission
    member_of = frozenset({U})
    refused = (
        Actor("outsider")
        if permission is Permission.MEMBER
        else Actor("nobody", member_of=member_of)
    )
    with pytest.raises(NotEntitled, match=f"{refused.id} may not {name}"):
        bus.execute(refused, command)
    bus.execute(Actor("entitled", admin_of=frozenset({U})), command)


def test_sitting_operations_find_the_sitting_s_body(bus: Bus) -> None:
    uow = bus.uow_factory()
    scoped = [n for n in samples.SAMPLES if n.split(".")[0] != "convocation"]
    for name in scoped:
        scope = OPERATIONS[name].scope
        assert scope is not None, name
        assert scope(c.ShowAgenda(U, "s1"), uow) == "district", name  # reads org and sitting


def test_body_roles_are_checked_in_the_sitting_s_body(bus: Bus) -> None:
    with pytest.raises(NotEntitled, match=r"chair-north may not agenda\.create .* body district"):
        bus.execute(chair_of("north"), c.CreateAgenda(U, "s1", (("rent", "Rent"),)))
    bus.execute(chair_of("district"), c.CreateAgenda(U, "s1", (("rent", "Rent"),)))
    secretary = Actor(
        "secretary", member_of=frozenset({U}), roles={(U, "district"): frozenset({Role.SECRETARY})}
    )
    bus.execute(secretary, c.CorrectMinutes(U, "s1", 1, "opened late"))
    bus.execute(member("3"), c.RequestRecess(U, "s1", "r1", "caucus"))
    with pytest.raises(NotEntitled, match=r"secretary may not recess\.grant"):
        bus.execute(secretary, c.GrantRecess(U, "s1", "r1"))
    bus.execute(chair_of("district"), c.GrantRecess(U, "s1", "r1"))


# -- agenda ----------------------------------------------------------------------


def test_the_agenda_changes_freely_until_adopted_then_by_vote(bus: Bus) -> None:
    agenda(bus)
    bus.execute(OPERATOR, c.AddAgendaItem(U, "s1", "peace", "Peace", position=0))
    bus.execute(OPERATOR, c.AdoptAgenda(U, "s1"))
    with pytest.raises(VoteRequired, match="adding item land needs a vote"):
        bus.execute(OPERATOR, c.AddAgendaItem(U, "s1", "land", "Land"))
    bus.execute(OPERATOR, c.AddAgendaItem(U, "s1", "land", "Land", adopted_by_vote=True))
    with pytest.raises(VoteRequired, match="out of turn needs a vote"):
        bus.execute(OPERATOR, c.TakeUpItem(U, "s1", "land"))
    assert bus.execute(OPERATOR, c.TakeUpItem(U, "s1")) == "peace"
    bus.execute(OPERATOR, c.CloseItem(U, "s1"))
    bus.execute(OPERATOR, c.RemoveAgendaItem(U, "s1", "misc", adopted_by_vote=True))
    bus.execute(OPERATOR, c.ReorderAgenda(U, "s1", ("land", "peace", "rent"), adopted_by_vote=True))
    shown = bus.execute(member("2"), c.ShowAgenda(U, "s1"))
    assert (shown.order, shown.done, shown.current) == (("land", "peace", "rent"), ["peace"], None)


def test_agenda_errors(bus: Bus) -> None:
    with pytest.raises(NotFound, match="sitting s1 has no agenda yet"):
        bus.execute(OPERATOR, c.AdoptAgenda(U, "s1"))
    with pytest.raises(NotFound, match="no sitting 's9'"):
        bus.execute(OPERATOR, c.CreateAgenda(U, "s9", ()))
    agenda(bus)
    with pytest.raises(AlreadyExists, match="sitting s1 already has an agenda"):
        agenda(bus)
    bus.execute(OPERATOR, c.SetSittingStatus(U, "s1", "closed"))
    with pytest.raises(InvalidTransition, match="sitting s1 is closed"):
        bus.execute(OPERATOR, c.AddAgendaItem(U, "s1", "late", "Late"))


# -- speakers' lists --------------------------------------------------------------


def test_members_ask_for_the_floor_as_themselves(bus: Bus, clock: Clock) -> None:
    agenda(bus)
    with pytest.raises(NotFound, match="has no item 'war'"):
        bus.execute(OPERATOR, c.OpenSpeakersList(U, "s1", "war"))
    bus.execute(OPERATOR, c.OpenSpeakersList(U, "s1", "rent", time_limit=300))
    bus.execute(member("2"), c.RequestFloor(U, "s1", "rent"))
    bus.execute(member("3"), c.RequestFloor(U, "s1", "rent"))
    bus.execute(member("4"), c.RequestFloor(U, "s1", "rent", point_of_order=True))
    with pytest.raises(AlreadyExists, match="2 is already on the list"):
        bus.execute(member("2"), c.RequestFloor(U, "s1", "rent"))
    with pytest.raises(NotEntitled, match="member 5 holds no mandate registered in sitting s1"):
        bus.execute(member("5"), c.RequestFloor(U, "s1", "rent"))
    with pytest.raises(NotEntitled, match="member-2 may not act on the floor for member 3"):
        bus.execute(member("2"), c.WithdrawRequest(U, "s1", "rent", member="3"))
    bus.execute(chair_of("district", number="9"), c.WithdrawRequest(U, "s1", "rent", member="3"))
    assert bus.execute(OPERATOR, c.CallSpeaker(U, "s1", "rent")) == "4"  # point of order
    with pytest.raises(InvalidInput, match="started 'noon' is not an ISO date and time"):
        bus.execute(OPERATOR, c.LogSpeech(U, "s1", "rent", "4", "noon", "2024-03-01T19:00Z"))
    over = bus.execute(
        OPERATOR,
        c.LogSpeech(U, "s1", "rent", "4", "2024-03-01T18:00:00Z", "2024-03-01T18:10:00Z"),
    )
    assert over is True
    with pytest.raises(VoteRequired, match="closing the list needs a vote"):
        bus.execute(OPERATOR, c.CloseSpeakersList(U, "s1", "rent"))
    bus.execute(OPERATOR, c.CloseSpeakersList(U, "s1", "rent", adopted_by_vote=True))
    shown = bus.execute(member("2"), c.ShowSpeakers(U, "s1", "rent"))
    assert [r.speaker for r in shown.upcoming] == ["2"] and shown.closed
    assert [(s.speaker, s.over_limit) for s in shown.speeches] == [("4", True)]


def test_a_mandate_ended_since_registration_no_longer_acts(bus: Bus) -> None:
    bus.execute(OPERATOR, c.SetMandateStatus(U, "m9", "recalled", "recalled by north"))
    with pytest.raises(MandateRevoked, match=r"mandate m9 of member 4 has ended \(recalled\)"):
        bus.execute(member("4"), c.MoveMotion(U, "s1", "m1", "resolution", "Stay."))


def test_an_actor_who_is_no_member_names_the_member(bus: Bus) -> None:
    agenda(bus)
    bus.execute(OPERATOR, c.OpenSpeakersList(U, "s1", "rent"))
    admin = Actor("clerk", admin_of=frozenset({U}))
    with pytest.raises(NotEntitled, match="clerk is not a member; name the member who acts"):
        bus.execute(admin, c.RequestFloor(U, "s1", "rent"))
    bus.execute(admin, c.RequestFloor(U, "s1", "rent", member="3"))


# -- motions ---------------------------------------------------------------------


def poll(bus: Bus, key: str, motion: str | None, counts: tuple[int, int, int]) -> None:
    bus.execute(OPERATOR, c.OpenPoll(U, key, "s1", f"{motion}?", motion=motion))
    bus.execute(OPERATOR, c.ClosePoll(U, key, *counts))


def test_motions_are_moved_under_a_mandate_in_the_sitting(bus: Bus) -> None:
    agenda(bus)
    bus.execute(
        member("2"),
        c.MoveMotion(U, "s1", "m1", "resolution", "Rents are frozen.", "rent", for_faction=True),
    )
    with pytest.raises(NotEntitled, match="member 5 holds no mandate"):
        bus.execute(member("5"), c.MoveMotion(U, "s1", "m2", "resolution", "No."))
    with pytest.raises(InvalidInput, match="mandate m9 sits for no faction"):
        bus.execute(member("4"), c.MoveMotion(U, "s1", "m2", "resolution", "No.", for_faction=True))
    with pytest.raises(NotFound, match="has no item 'war'"):
        bus.execute(member("4"), c.MoveMotion(U, "s1", "m2", "resolution", "No.", "war"))
    bus.execute(
        member("3"),
        c.AmendMotion(U, "s1", "a1", "m1", find="frozen", replace="halved", for_faction=True),
    )
    view = bus.execute(member("4"), c.ShowMotion(U, "s1", "m1"))
    assert (view.motion.mover, view.motion.faction, view.motion.item) == ("m0", "greens", "rent")
    assert [a.key for a in view.amendments] == ["a1"] and view.amendments[0].mover == "m8"
    order = bus.execute(member("4"), c.ShowVotingOrder(U, "s1", "a1"))
    assert [q.motion for q in order] == ["a1", "m1"]
    with pytest.raises(NotEntitled, match="only its mover m0 may withdraw it, not m8"):
        bus.execute(member("3"), c.WithdrawMotion(U, "s1", "m1"))
    bus.execute(member("3"), c.DeferMotion(U, "s1", "a1", "to consult", for_faction=True))
    bus.execute(member("3"), c.ResumeMotion(U, "s1", "a1"))
    bus.execute(member("2"), c.WithdrawMotion(U, "s1", "m1"))
    view = bus.execute(member("4"), c.ShowMotion(U, "s1", "m1"))
    assert str(view.motion.state) == "withdrawn" and str(view.amendments[0].state) == "not-put"


def test_a_motion_is_decided_from_the_closed_poll_on_it(bus: Bus) -> None:
    bus.execute(member("2"), c.MoveMotion(U, "s1", "m1", "resolution", "Strike."))
    bus.execute(member("3"), c.MoveMotion(U, "s1", "m2", "resolution", "Wait."))
    bus.execute(OPERATOR, c.OpenPoll(U, "p1", "s1", "Strike?", motion="m1"))
    with pytest.raises(InvalidTransition, match="poll p1 is still open; close it first"):
        bus.execute(OPERATOR, c.DecideMotion(U, "s1", "m1", "p1"))
    bus.execute(OPERATOR, c.ClosePoll(U, "p1", 2, 1, 0))
    with pytest.raises(InvalidInput, match="poll p1 was on motion m1, not on motion m2"):
        bus.execute(OPERATOR, c.DecideMotion(U, "s1", "m2", "p1"))
    poll(bus, "p0", None, (1, 0, 0))
    with pytest.raises(InvalidInput, match="poll p0 was on no motion"):
        bus.execute(OPERATOR, c.DecideMotion(U, "s1", "m1", "p0"))
    assert bus.execute(OPERATOR, c.DecideMotion(U, "s1", "m1", "p1")) is True
    outcome = bus.execute(member("2"), c.ShowMotion(U, "s1", "m1")).outcome
    assert outcome.tally.for_ == 2 and outcome.tally.against == 1
    assert outcome.rule.startswith("simple majority") and outcome.rule.endswith("poll p1")
    with pytest.raises(InvalidTransition, match="motion m1 is adopted; it cannot be put"):
        bus.execute(OPERATOR, c.DecideMotion(U, "s1", "m1", "p1"))
    bus.execute(member("3"), c.EnterDissent(U, "s1", "m1", "against", for_faction=True))
    with pytest.raises(AlreadyExists, match="dissent of reds from m1 is already entered"):
        bus.execute(member("3"), c.EnterDissent(U, "s1", "m1", for_faction=True))
    assert [d.by for d in bus.execute(member("2"), c.ShowMotion(U, "s1", "m1")).dissents] == [
        "reds"
    ]


def test_a_poll_of_another_sitting_decides_nothing(bus: Bus) -> None:
    bus.execute(member("2"), c.MoveMotion(U, "s1", "m1", "resolution", "Strike."))
    bus.execute(OPERATOR, c.OpenSitting(U, "s2", "district"))
    bus.execute(OPERATOR, c.RegisterDelegate(U, "s2", ("m0",)))
    bus.execute(OPERATOR, c.ChangeAttendance(U, "s2", ("m0",), "present"))
    bus.execute(OPERATOR, c.OpenPoll(U, "p2", "s2", "Strike?", motion="m1"))
    bus.execute(OPERATOR, c.ClosePoll(U, "p2", 1, 0, 0))
    with pytest.raises(InvalidInput, match="poll p2 was held in sitting s2, not s1"):
        bus.execute(OPERATOR, c.DecideMotion(U, "s1", "m1", "p2"))


def test_rival_texts_are_put_in_turn(bus: Bus) -> None:
    bus.execute(member("2"), c.MoveMotion(U, "s1", "left", "resolution", "Left formula."))
    bus.execute(member("3"), c.MoveMotion(U, "s1", "right", "resolution", "Right formula."))
    bus.execute(OPERATOR, c.DeclareRivals(U, "s1", "formulas", ("left", "right")))
    poll(bus, "p2", "right", (2, 1, 0))
    with pytest.raises(OutOfOrder, match="left is put before right"):
        bus.execute(OPERATOR, c.DecideMotion(U, "s1", "right", "p2"))
    poll(bus, "p1", "left", (2, 1, 0))
    bus.execute(OPERATOR, c.DecideMotion(U, "s1", "left", "p1"))
    rivals = bus.execute(member("2"), c.ShowMotion(U, "s1", "right")).rivals
    assert (rivals.winner, rivals.settled) == ("left", True)
    with pytest.raises(InvalidTransition, match="motion right is already not-put"):
        bus.execute(OPERATOR, c.NotPutMotion(U, "s1", "right", "moot"))


# -- declarations, recesses, minutes ---------------------------------------------------


def test_declarations_and_recesses(bus: Bus, clock: Clock) -> None:
    bus.execute(member("3"), c.EnterDeclaration(U, "s1", "d1", "We protest.", for_faction=True))
    bus.execute(member("3"), c.RequestRecess(U, "s1", "r1", "caucus", for_faction=True))
    bus.execute(member("4"), c.RequestRecess(U, "s1", "r2", "air"))
    bus.execute(OPERATOR, c.RefuseRecess(U, "s1", "r2", by_vote=True))
    with pytest.raises(InvalidInput, match="until 'soon' is not an ISO"):
        bus.execute(OPERATOR, c.GrantRecess(U, "s1", "r1", until="soon"))
    bus.execute(OPERATOR, c.GrantRecess(U, "s1", "r1", until="2024-03-01T19:00:00+00:00"))
    assert str(bus.execute(OPERATOR, c.ShowSitting(U, "s1")).status) == "recess"
    with pytest.raises(InvalidTransition, match="sitting s1 is recess, not open"):
        bus.execute(OPERATOR, c.OpenPoll(U, "p1", "s1", "Q?"))
    clock.advance(minutes=30)
    bus.execute(OPERATOR, c.EndRecess(U, "s1", "r1"))
    assert str(bus.execute(OPERATOR, c.ShowSitting(U, "s1")).status) == "open"
    with pytest.raises(InvalidTransition, match="recess r1 is ended, not running"):
        bus.execute(OPERATOR, c.EndRecess(U, "s1", "r1"))
    ops = [e.op for e in bus.execute(OPERATOR, c.ExportLedger(U))][-4:]
    assert ops == ["recess.grant", "sitting.set-status", "recess.end", "sitting.set-status"]
    floor = load_proceedings(bus.uow_factory(), U, "s1")
    assert floor.declarations["d1"].faction == "reds" and floor.declarations["d1"].delegate == "m8"
    assert floor.recesses["r1"].by == "reds" and floor.recesses["r2"].state is RecessState.REFUSED


def test_minutes_follow_the_ledger_and_grow_by_corrections(bus: Bus, clock: Clock) -> None:
    agenda(bus, ("rent", "Rent"))
    bus.execute(OPERATOR, c.TakeUpItem(U, "s1"))
    bus.execute(member("2"), c.MoveMotion(U, "s1", "m1", "resolution", "Strike.", "rent"))
    poll(bus, "p1", "m1", (2, 1, 0))
    bus.execute(OPERATOR, c.DecideMotion(U, "s1", "m1", "p1"))
    bus.execute(member("4"), c.EnterDeclaration(U, "s1", "d1", "Noted."))
    minutes = bus.execute(member("2"), c.ShowMinutes(U, "s1"))
    ops = [e.op for e in minutes.entries]
    assert ops[0] == "sitting.open" and ops[-4:] == [
        "agenda.take-up",
        "motion.move",
        "motion.decide",
        "declaration.enter",
    ]
    assert "poll.open" not in ops  # the poll's own record; its outcome is the decision
    vote = minutes.entries[-2].text
    assert "motion m1 adopted: 2 for, 1 against, 0 abstaining" in vote
    assert [e.number for e in minutes.entries] == list(range(1, len(ops) + 1))
    with pytest.raises(NotFound, match=f"entries 1 to {len(ops)}, not 99"):
        bus.execute(OPERATOR, c.CorrectMinutes(U, "s1", 99, "no such entry"))
    number = bus.execute(OPERATOR, c.CorrectMinutes(U, "s1", 1, "opened at six"))
    again = bus.execute(member("2"), c.ShowMinutes(U, "s1"))
    assert again.entries[: len(ops)] == minutes.entries
    assert again.entries[-1].number == number == len(ops) + 1
    assert again.entries[-1].text == "correction of entry 1 by operator: opened at six"
