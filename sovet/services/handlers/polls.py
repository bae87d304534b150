"""Operations of a poll: open it, cast a ballot, close and count it.

Casting writes the ballot at once (one per voter, enforced by the store; a ballot
whose cast was answered survives a crash) without taking the organisation's ledger
lock, so that thousands of delegates can vote at once. Closing seals the ballots into
the ledger — named ballots by voter, secret ballots in receipt order with the register
apart — and records the count. See docs/adr/0006-ballots-sealed-at-close.md.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sovet.domain.errors import AlreadyExists, NotEntitled
from sovet.domain.events import Event
from sovet.domain.instructions import ContraryVotesReported, contrary
from sovet.domain.organisation import Organisation
from sovet.domain.polls import (
    Ballot,
    BallotCast,
    Poll,
    PollClosed,
    PollMode,
    PollOpened,
    VotersRegistered,
    ballot_allowed,
)
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.elections import stream_exists
from sovet.services.handlers.sittings import load_sitting
from sovet.services.permissions import Permission, Role
from sovet.services.ports import UnitOfWork


def load_poll(uow: UnitOfWork, org: str, key: str) -> Poll:
    events = uow.streams.load(org, f"poll:{key}")
    opened = events[0]
    if not isinstance(opened, PollOpened):
        raise NotEntitled(f"poll {key} has no opening")
    poll = Poll.from_opened(opened)
    for event in events[1:]:
        poll.apply(event)
    return poll


def poll_body(cmd: object, uow: UnitOfWork) -> str | None:
    return uow.ballots.header(cmd.org, cmd.poll).body  # type: ignore[attr-defined]


def sitting_of_poll(cmd: object, uow: UnitOfWork) -> str | None:
    return load_sitting(uow, cmd.org, cmd.sitting).body  # type: ignore[attr-defined]


@operation("poll.open", command=c.OpenPoll, permission=Permission.BODY_CHAIR, scope=sitting_of_poll)
def open_poll(cmd: c.OpenPoll, ctx: Context) -> str:
    """Open a poll in a sitting; its voters are the voting delegates present now."""
    org = ctx.uow.orgs.get(cmd.org)
    sitting = load_sitting(ctx.uow, cmd.org, cmd.sitting)
    if stream_exists(ctx.uow, cmd.org, f"poll:{cmd.key}"):
        raise AlreadyExists(f"organisation {cmd.org} already has a poll {cmd.key!r}")
    constituencies = {
        m.key: m.constituency for m in ctx.uow.mandates.all(cmd.org) if m.body == sitting.body
    }
    poll = Poll.open(
        cmd.key,
        sitting,
        cmd.question,
        motion=cmd.motion,
        mode=cmd.mode,
        unit=cmd.unit,
        rule=cmd.rule,
        constituencies=constituencies,
    )
    org.pending.extend(poll.pending)
    return cmd.key


@dataclass(frozen=True)
class Receipt:
    """What a voter is given: for a secret ballot, the code that will appear in the
    published list of counted ballots."""

    poll: str
    voter: str
    receipt: str | None


@operation("ballot.cast", command=c.CastBallot, permission=Permission.MEMBER)
def cast_ballot(cmd: c.CastBallot, ctx: Context) -> Receipt:
    """Cast a ballot: one per voter, refused if the voter was not entitled when the poll
    opened; a secretary may record named ballots of a roll call for others."""
    voter = _access_voter(cmd, ctx)
    header, entry = ctx.uow.ballots.cast_context(cmd.org, cmd.poll, voter)
    who = ballot_allowed(header, entry, voter, cmd.choice)
    instruction = None
    if header.motion is not None and who.constituency is not None:
        instruction = ctx.uow.ballots.instruction(cmd.org, header.motion, who.constituency)
    against_instruction = contrary(instruction, who.holder, cmd.choice)
    if header.mode is PollMode.SECRET:
        receipt = secrets.token_hex(16)
        ctx.uow.ballots.add_secret(cmd.org, cmd.poll, who.holder, receipt, cmd.choice)
        return Receipt(cmd.poll, who.holder, receipt)
    ctx.uow.ballots.add_named(cmd.org, cmd.poll, who.holder, cmd.choice, against_instruction)
    return Receipt(cmd.poll, who.holder, None)


def _access_voter(cmd: c.CastBallot, ctx: Context) -> str:
    """Who the ballot is for: the actor, or — for a secretary of the body recording a
    named vote — the member named."""
    own = ctx.actor.member
    if cmd.voter is None or cmd.voter == own:
        if own is None:
            raise NotEntitled(f"{ctx.actor.id} is not a member and casts no ballot")
        return own
    header = ctx.uow.ballots.header(cmd.org, cmd.poll)
    roles = ctx.actor.roles.get((cmd.org, header.body), frozenset())
    recorder = (
        ctx.actor.site_admin
        or cmd.org in ctx.actor.admin_of
        or bool(roles & {Role.CHAIR, Role.SECRETARY})
    )
    if not recorder or header.mode is PollMode.SECRET:
        raise NotEntitled(f"{ctx.actor.id} may not cast a ballot for member {cmd.voter}")
    return cmd.voter


@operation("poll.close", command=c.ClosePoll, permission=Permission.BODY_CHAIR, scope=poll_body)
def close_poll(cmd: c.ClosePoll, ctx: Context) -> PollClosed:
    """Close a poll: count it under its rule, seal its ballots into the ledger."""
    org = ctx.uow.orgs.get(cmd.org)
    ctx.uow.ballots.header(cmd.org, cmd.poll, lock="update")
    poll = load_poll(ctx.uow, cmd.org, cmd.poll)
    seal: list[Event] = []
    if poll.mode is PollMode.SHOW_OF_HANDS:
        closed = poll.close_show(
            cmd.for_ or 0,
            cmd.against or 0,
            cmd.abstain or 0,
            estimated=cmd.estimated,
            note=cmd.note,
        )
    elif poll.mode is PollMode.SECRET:
        box = ctx.uow.ballots.seal_secret(cmd.org, cmd.poll)
        voters = ctx.uow.ballots.register(cmd.org, cmd.poll)
        seal = [BallotCast(cmd.poll, b.choice, receipt=b.receipt) for b in box]
        seal.append(VotersRegistered(cmd.poll, tuple(voters)))
        closed = poll.close_counted(box, cmd.note)
    else:
        named = ctx.uow.ballots.named(cmd.org, cmd.poll)
        seal = [BallotCast(cmd.poll, choice, voter=v, contrary=x) for v, choice, x in named]
        seal += _reports(org, poll, [v for v, _choice, x in named if x])
        closed = poll.close_counted([Ballot(v, choice) for v, choice, _ in named], cmd.note)
    org.pending.extend([*seal, closed])
    return closed


def _reports(org: Organisation, poll: Poll, voters: list[str]) -> list[Event]:
    """Report contrary ballots back to each constituency whose advisory instruction
    they went against (M20)."""
    by_constituency: dict[str, list[str]] = {}
    for number in voters:
        constituency = poll.voters[number].constituency
        if constituency is not None:
            by_constituency.setdefault(constituency, []).append(number)
    reports: list[Event] = []
    for constituency, numbers in sorted(by_constituency.items()):
        instruction = org.instruction_for(poll.motion or "", constituency)
        key = instruction.key if instruction else ""
        reports.append(ContraryVotesReported(poll.key, constituency, key, tuple(numbers)))
    return reports


def constituency_body(cmd: object, uow: UnitOfWork) -> str | None:
    """The body whose members form the constituency: its chair adopts instructions."""
    constituency = uow.orgs.read(cmd.org).constituencies.get(cmd.constituency)  # type: ignore[attr-defined]
    return None if constituency is None else constituency.source


@operation(
    "instruction.adopt",
    command=c.AdoptInstruction,
    permission=Permission.BODY_CHAIR,
    scope=constituency_body,
)
def adopt_instruction(cmd: c.AdoptInstruction, ctx: Context) -> str:
    """A constituency (through the chair of its electing body) instructs its delegates
    how to vote on a motion: binding, or advisory."""
    org = ctx.uow.orgs.get(cmd.org)
    org.adopt_instruction(
        cmd.key, cmd.constituency, cmd.motion, cmd.direction, binding=cmd.binding, text=cmd.text
    )
    return cmd.key


@operation("poll.show", command=c.ShowPoll, permission=Permission.MEMBER, scope=poll_body)
def show_poll(cmd: c.ShowPoll, ctx: Context) -> Poll:
    """A poll: its question, mode, voters and, once closed, its outcome."""
    return load_poll(ctx.uow, cmd.org, cmd.poll)
