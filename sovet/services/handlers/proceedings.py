"""Operations on the floor of a sitting besides motions (M11, M28): declarations,
recesses, and the minutes with their corrections.

Declarations, recesses and corrections are kept as the stream ``proceedings:SITTING``.
Granting a recess also puts the sitting itself in recess (``sitting.set-status``), and
ending it opens the sitting again. The minutes are derived from the record: every
event of the sitting's streams (the sitting, its agenda, speakers' lists, motions and
proceedings), in the order of the ledger; a correction is a new entry.
"""

from __future__ import annotations

from sovet.domain.errors import NotFound
from sovet.domain.events import event_from_entry
from sovet.domain.minutes import Minutes, minutes_from
from sovet.domain.proceedings import Proceedings
from sovet.domain.sitting import SittingStatus
from sovet.ledger.canonical import thaw
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.floor import faction_of, floor_delegate, live_sitting, stream_events
from sovet.services.handlers.given import parse_instant
from sovet.services.handlers.sittings import record, sitting_body
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def load_proceedings(uow: UnitOfWork, org: str, sitting: str) -> Proceedings:
    return Proceedings.rebuild(sitting, stream_events(uow, org, f"proceedings:{sitting}"))


@operation(
    "declaration.enter",
    command=c.EnterDeclaration,
    permission=Permission.MEMBER,
    scope=sitting_body,
)
def enter_declaration(cmd: c.EnterDeclaration, ctx: Context) -> None:
    """Enter a delegate's (or their faction's) declaration in the minutes, without a vote."""
    sitting = live_sitting(ctx, cmd.org, cmd.sitting)
    delegate = floor_delegate(ctx, cmd.org, sitting, cmd.member)
    proceedings = load_proceedings(ctx.uow, cmd.org, cmd.sitting)
    proceedings.declare(
        cmd.key,
        cmd.text,
        ctx.clock(),
        delegate=delegate.mandate,
        faction=faction_of(delegate, cmd.for_faction),
        item=cmd.item,
    )
    record(ctx, cmd.org, proceedings.pending)


@operation(
    "recess.request", command=c.RequestRecess, permission=Permission.MEMBER, scope=sitting_body
)
def request_recess(cmd: c.RequestRecess, ctx: Context) -> None:
    """Ask for a recess (a caucus break), for oneself or one's faction."""
    sitting = live_sitting(ctx, cmd.org, cmd.sitting)
    delegate = floor_delegate(ctx, cmd.org, sitting, cmd.member)
    proceedings = load_proceedings(ctx.uow, cmd.org, cmd.sitting)
    by = faction_of(delegate, cmd.for_faction) or delegate.mandate
    proceedings.request_recess(cmd.key, by, cmd.reason, ctx.clock())
    record(ctx, cmd.org, proceedings.pending)


def _grantor(by_vote: bool) -> str:
    return "vote" if by_vote else "chair"


@operation(
    "recess.grant", command=c.GrantRecess, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def grant_recess(cmd: c.GrantRecess, ctx: Context) -> None:
    """Grant a requested recess; the sitting is in recess until it ends."""
    sitting = live_sitting(ctx, cmd.org, cmd.sitting)
    proceedings = load_proceedings(ctx.uow, cmd.org, cmd.sitting)
    until = None if cmd.until is None else parse_instant(cmd.until, "until")
    at = ctx.clock()
    proceedings.grant_recess(cmd.recess, at, by=_grantor(cmd.by_vote), until=until)
    sitting.set_status(str(SittingStatus.RECESS), f"(recess {cmd.recess})")
    record(ctx, cmd.org, [*proceedings.pending, *sitting.pending])


@operation(
    "recess.refuse", command=c.RefuseRecess, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def refuse_recess(cmd: c.RefuseRecess, ctx: Context) -> None:
    """Refuse a requested recess, by the chair or by a vote."""
    live_sitting(ctx, cmd.org, cmd.sitting)
    proceedings = load_proceedings(ctx.uow, cmd.org, cmd.sitting)
    proceedings.refuse_recess(cmd.recess, ctx.clock(), by=_grantor(cmd.by_vote))
    record(ctx, cmd.org, proceedings.pending)


@operation("recess.end", command=c.EndRecess, permission=Permission.BODY_CHAIR, scope=sitting_body)
def end_recess(cmd: c.EndRecess, ctx: Context) -> None:
    """End a running recess; the sitting resumes."""
    sitting = live_sitting(ctx, cmd.org, cmd.sitting)
    proceedings = load_proceedings(ctx.uow, cmd.org, cmd.sitting)
    proceedings.end_recess(cmd.recess, ctx.clock())
    sitting.set_status(str(SittingStatus.OPEN), f"(recess {cmd.recess} ended)")
    record(ctx, cmd.org, [*proceedings.pending, *sitting.pending])


# -- minutes ----------------------------------------------------------------------


def sitting_minutes(uow: UnitOfWork, org: str, sitting: str) -> Minutes:
    """The minutes of a sitting: every event of its streams, in ledger order."""
    subject = f"sitting:{sitting}"
    own = {f"{kind}:{sitting}" for kind in ("sitting", "agenda", "motions", "proceedings")}
    speakers = f"speakers:{sitting}/"
    events = []
    for entry in uow.ledger.entries(org):
        if subject not in entry.subjects:
            continue
        event = event_from_entry(entry.op, thaw(entry.payload))
        stream = event.stream() or ""
        if stream in own or stream.startswith(speakers):
            events.append(event)
    return Minutes(sitting, tuple(minutes_from(events, sitting=sitting)))


@operation(
    "minutes.correct",
    command=c.CorrectMinutes,
    permission=Permission.BODY_SECRETARY,
    scope=sitting_body,
)
def correct_minutes(cmd: c.CorrectMinutes, ctx: Context) -> int:
    """Correct an entry of the minutes by a new entry; returns the new entry's number."""
    ctx.uow.orgs.get(cmd.org)
    minutes = sitting_minutes(ctx.uow, cmd.org, cmd.sitting)
    count = len(minutes.entries)
    entry = cmd.entry
    if isinstance(entry, bool) or not isinstance(entry, int) or not 1 <= entry <= count:
        raise NotFound(
            f"the minutes of sitting {cmd.sitting} have entries 1 to {count}, not {entry!r}"
        )
    proceedings = load_proceedings(ctx.uow, cmd.org, cmd.sitting)
    by = ctx.actor.member or ctx.actor.id
    proceedings.correct_minutes(cmd.entry, cmd.text, by, ctx.clock())
    record(ctx, cmd.org, proceedings.pending)
    return count + 1


@operation("minutes.show", command=c.ShowMinutes, permission=Permission.MEMBER, scope=sitting_body)
def show_minutes(cmd: c.ShowMinutes, ctx: Context) -> Minutes:
    """The minutes of a sitting, derived from its record in ledger order."""
    return sitting_minutes(ctx.uow, cmd.org, cmd.sitting)
