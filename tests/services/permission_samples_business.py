"""Permission samples of the convocation and sitting-business operations.

Each function gets the bus of ``test_bus`` (the small union; sitting ``s1`` of
``district`` with ``m0`` (member 2, greens) and ``m8`` (member 3, reds, challenged)
registered and present; roll-call poll ``p0`` open), prepares what its operation needs
as the operator, and returns the command to test.
"""

from __future__ import annotations

from collections.abc import Callable

from sovet.services import commands as c
from sovet.services.bus import Bus
from sovet.services.permissions import Actor

U = "union"
LATER = "2999-01-01T12:00:00+00:00"


def _run(bus: Bus, op: Actor, *commands: object) -> None:
    for command in commands:
        bus.execute(op, command)


def _convocation(bus: Bus, op: Actor, *, summoned: bool = False) -> None:
    _run(bus, op, c.CreateConvocation(U, "cv", "district", "congress"))
    if summoned:
        _run(bus, op, c.SummonConvocation(U, "cv", "congress", LATER, "Hall"))


def _agenda(bus: Bus, op: Actor, *more: object) -> None:
    _run(bus, op, c.CreateAgenda(U, "s1", (("a", "Rent"), ("b", "Repairs"))), *more)


def _speakers(bus: Bus, op: Actor, *more: object) -> None:
    _agenda(bus, op, c.OpenSpeakersList(U, "s1", "a"), *more)


def _motion(bus: Bus, op: Actor, *more: object) -> None:
    _run(bus, op, c.MoveMotion(U, "s1", "mo", "resolution", "Strike.", member="2"), *more)


def _polled(bus: Bus, op: Actor, *more: object) -> None:
    _motion(
        bus,
        op,
        c.OpenPoll(U, "pm", "s1", "Strike?", motion="mo"),
        c.ClosePoll(U, "pm", 1, 0, 0),
        *more,
    )


def _decided(bus: Bus, op: Actor) -> None:
    _polled(bus, op, c.DecideMotion(U, "s1", "mo", "pm"))


def _recess(bus: Bus, op: Actor, *more: object) -> None:
    _run(bus, op, c.RequestRecess(U, "s1", "r1", "caucus", member="2"), *more)


Sample = Callable[[Bus, Actor], object]


def _prepared(prepare: Callable[[Bus, Actor], None], command: object) -> Sample:
    def sample(bus: Bus, op: Actor) -> object:
        prepare(bus, op)
        return command

    return sample


def _nothing(bus: Bus, op: Actor) -> None:
    return None


def _summoned(bus: Bus, op: Actor) -> None:
    _convocation(bus, op, summoned=True)


SAMPLES: dict[str, Sample] = {
    "convocation.create": _prepared(_nothing, c.CreateConvocation(U, "cv", "district", "congress")),
    "convocation.demand": _prepared(_convocation, c.DemandConvocation(U, "cv", "north")),
    "convocation.summon": _prepared(
        _convocation, c.SummonConvocation(U, "cv", "congress", LATER, "Hall")
    ),
    "convocation.postpone": _prepared(
        _summoned,
        c.PostponeConvocation(U, "cv", "congress", "2999-02-01T12:00:00Z", "the hall is taken"),
    ),
    "convocation.respond": _prepared(_summoned, c.RespondToConvocation(U, "cv", "north", "agreed")),
    "convocation.contest": _prepared(
        _convocation, c.ContestConvocation(U, "cv", "south", "not convened by statute")
    ),
    "convocation.show": _prepared(_convocation, c.ShowConvocation(U, "cv")),
    "agenda.create": _prepared(_nothing, c.CreateAgenda(U, "s1", (("a", "Rent"),))),
    "agenda.add-item": _prepared(_agenda, c.AddAgendaItem(U, "s1", "c", "Elections")),
    "agenda.remove-item": _prepared(_agenda, c.RemoveAgendaItem(U, "s1", "b")),
    "agenda.reorder": _prepared(_agenda, c.ReorderAgenda(U, "s1", ("b", "a"))),
    "agenda.adopt": _prepared(_agenda, c.AdoptAgenda(U, "s1")),
    "agenda.take-up": _prepared(_agenda, c.TakeUpItem(U, "s1")),
    "agenda.close-item": _prepared(
        lambda b, o: _agenda(b, o, c.TakeUpItem(U, "s1")), c.CloseItem(U, "s1")
    ),
    "agenda.show": _prepared(_agenda, c.ShowAgenda(U, "s1")),
    "speakers.open": _prepared(_agenda, c.OpenSpeakersList(U, "s1", "a", time_limit=600)),
    "speakers.request": _prepared(_speakers, c.RequestFloor(U, "s1", "a", member="2")),
    "speakers.withdraw": _prepared(
        lambda b, o: _speakers(b, o, c.RequestFloor(U, "s1", "a", member="2")),
        c.WithdrawRequest(U, "s1", "a", member="2"),
    ),
    "speakers.call": _prepared(
        lambda b, o: _speakers(b, o, c.RequestFloor(U, "s1", "a", member="2")),
        c.CallSpeaker(U, "s1", "a"),
    ),
    "speakers.log-speech": _prepared(
        lambda b, o: _speakers(
            b, o, c.RequestFloor(U, "s1", "a", member="2"), c.CallSpeaker(U, "s1", "a")
        ),
        c.LogSpeech(U, "s1", "a", "2", "2024-01-01T10:00:00Z", "2024-01-01T10:05:00Z"),
    ),
    "speakers.close": _prepared(_speakers, c.CloseSpeakersList(U, "s1", "a", adopted_by_vote=True)),
    "speakers.show": _prepared(_speakers, c.ShowSpeakers(U, "s1", "a")),
    "motion.move": _prepared(
        _nothing, c.MoveMotion(U, "s1", "mo", "resolution", "Strike.", member="2")
    ),
    "motion.amend": _prepared(
        _motion, c.AmendMotion(U, "s1", "am", "mo", text="Strike now.", member="2")
    ),
    "motion.withdraw": _prepared(_motion, c.WithdrawMotion(U, "s1", "mo", member="2")),
    "motion.defer": _prepared(_motion, c.DeferMotion(U, "s1", "mo", member="2")),
    "motion.resume": _prepared(
        lambda b, o: _motion(b, o, c.DeferMotion(U, "s1", "mo", member="2")),
        c.ResumeMotion(U, "s1", "mo", member="2"),
    ),
    "motion.not-put": _prepared(_motion, c.NotPutMotion(U, "s1", "mo", "out of order")),
    "motion.declare-rivals": _prepared(
        lambda b, o: _motion(b, o, c.MoveMotion(U, "s1", "mo2", "resolution", "Wait.", member="2")),
        c.DeclareRivals(U, "s1", "formulas", ("mo", "mo2")),
    ),
    "motion.decide": _prepared(_polled, c.DecideMotion(U, "s1", "mo", "pm")),
    "motion.dissent": _prepared(_decided, c.EnterDissent(U, "s1", "mo", "against", member="2")),
    "motion.show": _prepared(_motion, c.ShowMotion(U, "s1", "mo")),
    "motion.voting-order": _prepared(_motion, c.ShowVotingOrder(U, "s1", "mo")),
    "declaration.enter": _prepared(
        _nothing, c.EnterDeclaration(U, "s1", "d1", "We protest.", member="2")
    ),
    "recess.request": _prepared(_nothing, c.RequestRecess(U, "s1", "r1", "caucus", member="2")),
    "recess.grant": _prepared(_recess, c.GrantRecess(U, "s1", "r1")),
    "recess.refuse": _prepared(_recess, c.RefuseRecess(U, "s1", "r1")),
    "recess.end": _prepared(
        lambda b, o: _recess(b, o, c.GrantRecess(U, "s1", "r1")), c.EndRecess(U, "s1", "r1")
    ),
    "minutes.correct": _prepared(_nothing, c.CorrectMinutes(U, "s1", 1, "opened at noon")),
    "minutes.show": _prepared(_nothing, c.ShowMinutes(U, "s1")),
}
