"""Operations on the motions of a sitting (M11, M28): moving, amending, holding back,
rival texts, the decision from a closed poll, and dissent.

The motions of a sitting are kept as the stream ``motions:SITTING``. Motions are moved
by a member under the mandate they hold registered in the sitting, and the mandate is
what the record names as the mover. A motion is decided only from a closed poll on
it: the outcome and the tally are the poll's, never typed in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from sovet.count import Tally
from sovet.domain.errors import InvalidInput, InvalidTransition
from sovet.domain.motion_values import Dissent, Motion, Outcome, Question, RivalOutcome
from sovet.domain.motions import MotionBook
from sovet.domain.polls import RULES, Poll, PollClosed
from sovet.domain.sitting import Delegate
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.agenda import load_agenda
from sovet.services.handlers.floor import faction_of, floor_delegate, live_sitting, stream_events
from sovet.services.handlers.polls import load_poll
from sovet.services.handlers.sittings import record, sitting_body
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork

Floor = (
    c.MoveMotion
    | c.AmendMotion
    | c.WithdrawMotion
    | c.DeferMotion
    | c.ResumeMotion
    | c.EnterDissent
)


def load_motions(uow: UnitOfWork, org: str, sitting: str) -> MotionBook:
    return MotionBook.rebuild(sitting, stream_events(uow, org, f"motions:{sitting}"))


def _book(ctx: Context, org: str, sitting: str) -> MotionBook:
    """The motions of a sitting not yet closed, to change them."""
    live_sitting(ctx, org, sitting)
    return load_motions(ctx.uow, org, sitting)


def _floor(ctx: Context, cmd: Floor) -> tuple[MotionBook, Delegate]:
    """The motions to change and the delegate acting (a mandate in the sitting)."""
    sitting = live_sitting(ctx, cmd.org, cmd.sitting)
    delegate = floor_delegate(ctx, cmd.org, sitting, cmd.member)
    return load_motions(ctx.uow, cmd.org, cmd.sitting), delegate


def _by(delegate: Delegate, for_faction: bool) -> str:
    """Who the record names: the delegate's mandate, or the faction they act for."""
    return faction_of(delegate, for_faction) or delegate.mandate


@operation("motion.move", command=c.MoveMotion, permission=Permission.MEMBER, scope=sitting_body)
def move_motion(cmd: c.MoveMotion, ctx: Context) -> str:
    """Move a motion (resolution, decree, declaration, procedural) under one's mandate."""
    book, delegate = _floor(ctx, cmd)
    if cmd.item is not None:
        load_agenda(ctx.uow, cmd.org, cmd.sitting).item(cmd.item)
    book.move(
        cmd.key,
        cmd.kind,
        delegate.mandate,
        cmd.text,
        ctx.clock(),
        faction=faction_of(delegate, cmd.for_faction),
        item=cmd.item,
        acts=cmd.acts,
    )
    record(ctx, cmd.org, book.pending)
    return cmd.key


@operation("motion.amend", command=c.AmendMotion, permission=Permission.MEMBER, scope=sitting_body)
def amend_motion(cmd: c.AmendMotion, ctx: Context) -> str:
    """Move an amendment of a motion (or of an amendment: no third degree)."""
    book, delegate = _floor(ctx, cmd)
    book.amend(
        cmd.key,
        cmd.motion,
        delegate.mandate,
        ctx.clock(),
        text=cmd.text,
        find=cmd.find,
        replace=cmd.replace,
        faction=faction_of(delegate, cmd.for_faction),
    )
    record(ctx, cmd.org, book.pending)
    return cmd.key


@operation(
    "motion.withdraw", command=c.WithdrawMotion, permission=Permission.MEMBER, scope=sitting_body
)
def withdraw_motion(cmd: c.WithdrawMotion, ctx: Context) -> None:
    """The mover withdraws a motion not yet decided; its open amendments fall."""
    book, delegate = _floor(ctx, cmd)
    book.withdraw(cmd.motion, delegate.mandate, ctx.clock())
    record(ctx, cmd.org, book.pending)


@operation("motion.defer", command=c.DeferMotion, permission=Permission.MEMBER, scope=sitting_body)
def defer_motion(cmd: c.DeferMotion, ctx: Context) -> None:
    """The mover (or their faction) holds a motion back from the vote."""
    book, delegate = _floor(ctx, cmd)
    book.defer(cmd.motion, _by(delegate, cmd.for_faction), ctx.clock(), cmd.reason)
    record(ctx, cmd.org, book.pending)


@operation(
    "motion.resume", command=c.ResumeMotion, permission=Permission.MEMBER, scope=sitting_body
)
def resume_motion(cmd: c.ResumeMotion, ctx: Context) -> None:
    """The mover (or their faction) brings a deferred motion back to be put."""
    book, delegate = _floor(ctx, cmd)
    book.resume(cmd.motion, _by(delegate, cmd.for_faction), ctx.clock())
    record(ctx, cmd.org, book.pending)


@operation(
    "motion.not-put", command=c.NotPutMotion, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def not_put_motion(cmd: c.NotPutMotion, ctx: Context) -> None:
    """The chair does not put a motion to the vote, saying why."""
    book = _book(ctx, cmd.org, cmd.sitting)
    book.not_put(cmd.motion, cmd.reason, ctx.clock())
    record(ctx, cmd.org, book.pending)


@operation(
    "motion.declare-rivals",
    command=c.DeclareRivals,
    permission=Permission.BODY_CHAIR,
    scope=sitting_body,
)
def declare_rivals(cmd: c.DeclareRivals, ctx: Context) -> None:
    """Declare rival texts and the order they are voted in; the first adopted wins."""
    book = _book(ctx, cmd.org, cmd.sitting)
    book.declare_rivals(cmd.key, cmd.motions, ctx.clock())
    record(ctx, cmd.org, book.pending)


@operation(
    "motion.decide", command=c.DecideMotion, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def decide_motion(cmd: c.DecideMotion, ctx: Context) -> bool:
    """Record a motion's outcome from the closed poll on it; returns whether adopted."""
    book = _book(ctx, cmd.org, cmd.sitting)
    poll = load_poll(ctx.uow, cmd.org, cmd.poll)
    closed = _closed_poll_on(poll, cmd.sitting, cmd.motion)
    rule = RULES[poll.rule]
    book.record_vote(
        cmd.motion,
        adopted=closed.adopted,
        at=ctx.clock(),
        tally=Tally(closed.for_, closed.against, closed.abstain, closed.estimated),
        rule=(
            f"{rule.name} ({rule.describe()}) on a base of {closed.base_size} needs "
            f"{closed.needed} for; poll {poll.key}"
        ),
    )
    record(ctx, cmd.org, book.pending)
    return closed.adopted


def _closed_poll_on(poll: Poll, sitting: str, motion: str) -> PollClosed:
    if poll.sitting != sitting:
        raise InvalidInput(f"poll {poll.key} was held in sitting {poll.sitting}, not {sitting}")
    if poll.motion != motion:
        on = f"motion {poll.motion}" if poll.motion else "no motion"
        raise InvalidInput(f"poll {poll.key} was on {on}, not on motion {motion}")
    if poll.outcome is None:
        raise InvalidTransition(f"poll {poll.key} is still open; close it first")
    return poll.outcome


@operation(
    "motion.dissent", command=c.EnterDissent, permission=Permission.MEMBER, scope=sitting_body
)
def enter_dissent(cmd: c.EnterDissent, ctx: Context) -> None:
    """Have one's (or one's faction's) dissent from a decision entered in the minutes."""
    book, delegate = _floor(ctx, cmd)
    faction = faction_of(delegate, cmd.for_faction)
    by = faction or delegate.mandate
    book.dissent(cmd.motion, by, ctx.clock(), cmd.text, faction=faction)
    record(ctx, cmd.org, book.pending)


# -- reads -----------------------------------------------------------------------


@dataclass(frozen=True)
class MotionView:
    """A motion with its text as amended so far, amendments, outcome and dissents;
    ``rivals`` when it is one of a group of rival texts."""

    motion: Motion
    text_as_amended: str
    amendments: tuple[Motion, ...]
    outcome: Outcome | None
    dissents: tuple[Dissent, ...]
    rivals: RivalOutcome | None


@operation("motion.show", command=c.ShowMotion, permission=Permission.MEMBER, scope=sitting_body)
def show_motion(cmd: c.ShowMotion, ctx: Context) -> MotionView:
    """A motion: its text as amended, amendments, outcome, dissents and rival texts."""
    book = load_motions(ctx.uow, cmd.org, cmd.sitting)
    motion = book.motion(cmd.motion)
    return MotionView(
        motion,
        book.text_as_amended(motion.key),
        tuple(book.amendments_of(motion.key)),
        book.outcomes.get(motion.key),
        tuple(d for d in book.dissents if d.motion == motion.key),
        None if motion.rivals is None else book.rival_outcome(motion.rivals),
    )


@operation(
    "motion.voting-order",
    command=c.ShowVotingOrder,
    permission=Permission.MEMBER,
    scope=sitting_body,
)
def voting_order(cmd: c.ShowVotingOrder, ctx: Context) -> tuple[Question, ...]:
    """The questions still to be put on a motion, in the order they are put."""
    book = load_motions(ctx.uow, cmd.org, cmd.sitting)
    return book.voting_order(book.root(cmd.motion).key)
