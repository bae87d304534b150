"""Operations of a sitting's order of business (M11): the agenda and the speakers'
list of each item.

The agenda is kept as the stream ``agenda:SITTING``, each speakers' list as
``speakers:SITTING/ITEM``. The chair of the sitting's body runs both; a member asks
for the floor as themself, and only under a mandate registered in the sitting.
"""

from __future__ import annotations

from datetime import timedelta

from sovet.domain.business import Agenda, SpeakersList
from sovet.domain.errors import AlreadyExists, NotFound
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.floor import (
    check_stream,
    floor_delegate,
    live_sitting,
    stream_events,
)
from sovet.services.handlers.given import parse_instant
from sovet.services.handlers.sittings import record, sitting_body
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def load_agenda(uow: UnitOfWork, org: str, sitting: str) -> Agenda:
    events = stream_events(uow, org, f"agenda:{sitting}")
    if not events:
        raise NotFound(f"sitting {sitting} has no agenda yet")
    return Agenda.rebuild(sitting, events)


def _agenda(ctx: Context, org: str, sitting: str) -> Agenda:
    """The agenda of a sitting not yet closed, to change it."""
    live_sitting(ctx, org, sitting)
    return load_agenda(ctx.uow, org, sitting)


@operation(
    "agenda.create", command=c.CreateAgenda, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def create_agenda(cmd: c.CreateAgenda, ctx: Context) -> None:
    """Propose the order of the day of a sitting: its first items."""
    live_sitting(ctx, cmd.org, cmd.sitting)
    if stream_events(ctx.uow, cmd.org, f"agenda:{cmd.sitting}"):
        raise AlreadyExists(f"sitting {cmd.sitting} already has an agenda")
    agenda = Agenda.create(cmd.sitting, ctx.clock(), cmd.items)
    record(ctx, cmd.org, agenda.pending)


@operation(
    "agenda.add-item",
    command=c.AddAgendaItem,
    permission=Permission.BODY_CHAIR,
    scope=sitting_body,
)
def add_agenda_item(cmd: c.AddAgendaItem, ctx: Context) -> None:
    """Add an item to the agenda; once adopted, only by a vote of the sitting."""
    agenda = _agenda(ctx, cmd.org, cmd.sitting)
    agenda.add_item(
        cmd.item,
        cmd.title,
        ctx.clock(),
        position=cmd.position,
        adopted_by_vote=cmd.adopted_by_vote,
    )
    record(ctx, cmd.org, agenda.pending)


@operation(
    "agenda.remove-item",
    command=c.RemoveAgendaItem,
    permission=Permission.BODY_CHAIR,
    scope=sitting_body,
)
def remove_agenda_item(cmd: c.RemoveAgendaItem, ctx: Context) -> None:
    """Remove an item not yet taken up; once adopted, only by a vote of the sitting."""
    agenda = _agenda(ctx, cmd.org, cmd.sitting)
    agenda.remove_item(cmd.item, ctx.clock(), adopted_by_vote=cmd.adopted_by_vote)
    record(ctx, cmd.org, agenda.pending)


@operation(
    "agenda.reorder", command=c.ReorderAgenda, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def reorder_agenda(cmd: c.ReorderAgenda, ctx: Context) -> None:
    """Put the items in a new order; once adopted, only by a vote of the sitting."""
    agenda = _agenda(ctx, cmd.org, cmd.sitting)
    agenda.reorder(cmd.order, ctx.clock(), adopted_by_vote=cmd.adopted_by_vote)
    record(ctx, cmd.org, agenda.pending)


@operation(
    "agenda.adopt", command=c.AdoptAgenda, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def adopt_agenda(cmd: c.AdoptAgenda, ctx: Context) -> None:
    """The sitting adopts its order of the day; changes then need its vote."""
    agenda = _agenda(ctx, cmd.org, cmd.sitting)
    agenda.adopt(ctx.clock())
    record(ctx, cmd.org, agenda.pending)


@operation(
    "agenda.take-up", command=c.TakeUpItem, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def take_up_item(cmd: c.TakeUpItem, ctx: Context) -> str:
    """Take up the next item (or a named one: out of turn, by a vote); returns it."""
    agenda = _agenda(ctx, cmd.org, cmd.sitting)
    agenda.take_up(ctx.clock(), cmd.item, adopted_by_vote=cmd.adopted_by_vote)
    record(ctx, cmd.org, agenda.pending)
    return agenda.current or ""


@operation(
    "agenda.close-item", command=c.CloseItem, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def close_item(cmd: c.CloseItem, ctx: Context) -> None:
    """End the item under way: concluded, or set aside to be taken up later."""
    agenda = _agenda(ctx, cmd.org, cmd.sitting)
    agenda.close_item(ctx.clock(), done=cmd.done)
    record(ctx, cmd.org, agenda.pending)


@operation("agenda.show", command=c.ShowAgenda, permission=Permission.MEMBER, scope=sitting_body)
def show_agenda(cmd: c.ShowAgenda, ctx: Context) -> Agenda:
    """A sitting's agenda: its items in order, the one under way, those done."""
    return load_agenda(ctx.uow, cmd.org, cmd.sitting)


# -- speakers' lists ---------------------------------------------------------------


def _stream(sitting: str, item: str) -> str:
    return check_stream(f"speakers:{sitting}/{item}")


def load_speakers(uow: UnitOfWork, org: str, sitting: str, item: str) -> SpeakersList:
    events = stream_events(uow, org, _stream(sitting, item))
    if not events:
        raise NotFound(f"item {item} of sitting {sitting} has no speakers' list")
    return SpeakersList.rebuild(sitting, item, events)


@operation(
    "speakers.open",
    command=c.OpenSpeakersList,
    permission=Permission.BODY_CHAIR,
    scope=sitting_body,
)
def open_speakers_list(cmd: c.OpenSpeakersList, ctx: Context) -> None:
    """Open the speakers' list of an agenda item, with an optional time limit."""
    live_sitting(ctx, cmd.org, cmd.sitting)
    load_agenda(ctx.uow, cmd.org, cmd.sitting).item(cmd.item)
    if stream_events(ctx.uow, cmd.org, _stream(cmd.sitting, cmd.item)):
        raise AlreadyExists(f"item {cmd.item} of sitting {cmd.sitting} has a speakers' list")
    limit = None if cmd.time_limit is None else timedelta(seconds=cmd.time_limit)
    speakers = SpeakersList.open(cmd.sitting, cmd.item, ctx.clock(), time_limit=limit)
    record(ctx, cmd.org, speakers.pending)


def _speakers(ctx: Context, cmd: c.RequestFloor | c.WithdrawRequest) -> tuple[SpeakersList, str]:
    """The list to change and the member acting, who must sit in the sitting."""
    sitting = live_sitting(ctx, cmd.org, cmd.sitting)
    who = floor_delegate(ctx, cmd.org, sitting, cmd.member).holder
    return load_speakers(ctx.uow, cmd.org, cmd.sitting, cmd.item), who


@operation(
    "speakers.request", command=c.RequestFloor, permission=Permission.MEMBER, scope=sitting_body
)
def request_floor(cmd: c.RequestFloor, ctx: Context) -> None:
    """Ask for the floor on an item (a point of order goes first)."""
    speakers, who = _speakers(ctx, cmd)
    speakers.request(who, ctx.clock(), point_of_order=cmd.point_of_order)
    record(ctx, cmd.org, speakers.pending)


@operation(
    "speakers.withdraw",
    command=c.WithdrawRequest,
    permission=Permission.MEMBER,
    scope=sitting_body,
)
def withdraw_request(cmd: c.WithdrawRequest, ctx: Context) -> None:
    """Take one's name off the speakers' list."""
    speakers, who = _speakers(ctx, cmd)
    speakers.withdraw(who, ctx.clock())
    record(ctx, cmd.org, speakers.pending)


def _chair_speakers(ctx: Context, org: str, sitting: str, item: str) -> SpeakersList:
    live_sitting(ctx, org, sitting)
    return load_speakers(ctx.uow, org, sitting, item)


@operation(
    "speakers.call", command=c.CallSpeaker, permission=Permission.BODY_CHAIR, scope=sitting_body
)
def call_speaker(cmd: c.CallSpeaker, ctx: Context) -> str:
    """Give the floor to the next speaker; returns their member number."""
    speakers = _chair_speakers(ctx, cmd.org, cmd.sitting, cmd.item)
    speakers.next(ctx.clock())
    record(ctx, cmd.org, speakers.pending)
    return speakers.speaking or ""


@operation(
    "speakers.log-speech",
    command=c.LogSpeech,
    permission=Permission.BODY_SECRETARY,
    scope=sitting_body,
)
def log_speech(cmd: c.LogSpeech, ctx: Context) -> bool:
    """Log the speech of the speaker who has the floor; returns whether it ran over."""
    speakers = _chair_speakers(ctx, cmd.org, cmd.sitting, cmd.item)
    started = parse_instant(cmd.started, "started")
    ended = parse_instant(cmd.ended, "ended")
    speakers.log_speech(cmd.speaker, started, ended)
    record(ctx, cmd.org, speakers.pending)
    return speakers.speeches[-1].over_limit


@operation(
    "speakers.close",
    command=c.CloseSpeakersList,
    permission=Permission.BODY_CHAIR,
    scope=sitting_body,
)
def close_speakers_list(cmd: c.CloseSpeakersList, ctx: Context) -> None:
    """Close the list to new speakers, on a vote of the sitting."""
    speakers = _chair_speakers(ctx, cmd.org, cmd.sitting, cmd.item)
    speakers.close(ctx.clock(), by_vote=cmd.adopted_by_vote)
    record(ctx, cmd.org, speakers.pending)


@operation(
    "speakers.show", command=c.ShowSpeakers, permission=Permission.MEMBER, scope=sitting_body
)
def show_speakers(cmd: c.ShowSpeakers, ctx: Context) -> SpeakersList:
    """An item's speakers' list: who waits, in the order called, who spoke and how long."""
    return load_speakers(ctx.uow, cmd.org, cmd.sitting, cmd.item)
