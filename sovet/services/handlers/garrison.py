"""Operations of conferences of unit committees (M18): constituted by the body that
directs them, sessions convened by any body (a rival convener's marked as such), and
the roll call of units at each session.

The directing body's chair or secretary constitutes the conference and adds members;
a convener's chair or secretary convenes a session and records its roll call.
"""

from __future__ import annotations

from dataclasses import dataclass

from sovet.domain.errors import AlreadyExists
from sovet.domain.garrison import Conference, Roll
from sovet.domain.powers import Power
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.authority import check_power, events_of
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def load_conference(uow: UnitOfWork, org: str, body: str) -> Conference:
    return Conference.replay(uow.streams.load(org, f"conference:{body}"))


def _directing(cmd: c.ConstituteConference | c.AddConferenceMember, uow: UnitOfWork) -> str | None:
    """The body that directs the conference: it constitutes it and adds members."""
    if isinstance(cmd, c.ConstituteConference):
        return cmd.directed_by
    return load_conference(uow, cmd.org, cmd.conference).directed_by


def _convener(cmd: c.RecordStance, uow: UnitOfWork) -> str | None:
    """The body that convened the session: it calls the roll."""
    return load_conference(uow, cmd.org, cmd.conference).session(cmd.session).convener


@operation(
    "conference.constitute",
    command=c.ConstituteConference,
    permission=Permission.BODY_SECRETARY,
    scope=_directing,
)
def constitute_conference(cmd: c.ConstituteConference, ctx: Context) -> None:
    """Constitute a conference of unit committees under a directing body."""
    org = ctx.uow.orgs.get(cmd.org)
    if events_of(ctx.uow, cmd.org, f"conference:{cmd.conference}"):
        raise AlreadyExists(f"conference {cmd.conference} is already constituted")
    conference = Conference.constitute(
        org.body(cmd.conference),
        org.body(cmd.directed_by),
        [org.body(u) for u in cmd.members],
    )
    org.pending.extend(conference.pending)


@operation(
    "conference.add-member",
    command=c.AddConferenceMember,
    permission=Permission.BODY_SECRETARY,
    scope=_directing,
)
def add_conference_member(cmd: c.AddConferenceMember, ctx: Context) -> None:
    """Add a unit (its committee) to a conference."""
    org = ctx.uow.orgs.get(cmd.org)
    conference = load_conference(ctx.uow, cmd.org, cmd.conference)
    conference.add_member(org.body(cmd.unit))
    org.pending.extend(conference.pending)


@operation("conference.convene", command=c.ConveneConference, permission=Permission.BODY_SECRETARY)
def convene_conference(cmd: c.ConveneConference, ctx: Context) -> int:
    """Convene the next numbered session; returns its number (a rival convener's is marked)."""
    org = ctx.uow.orgs.get(cmd.org)
    org.body(cmd.body)
    check_power(ctx, org, cmd.body, Power.CONVOKE)
    conference = load_conference(ctx.uow, cmd.org, cmd.conference)
    conference.convene(cmd.body, [org.body(u) for u in cmd.invited], cmd.note)
    org.pending.extend(conference.pending)
    return len(conference.sessions)


@operation(
    "conference.roll-call",
    command=c.RecordStance,
    permission=Permission.BODY_SECRETARY,
    scope=_convener,
)
def record_stance(cmd: c.RecordStance, ctx: Context) -> None:
    """Record a unit's stance at a session's roll call."""
    org = ctx.uow.orgs.get(cmd.org)
    if cmd.authority is not None:
        org.body(cmd.authority)
    conference = load_conference(ctx.uow, cmd.org, cmd.conference)
    conference.record_stance(cmd.session, cmd.unit, cmd.stance, cmd.authority, cmd.note)
    org.pending.extend(conference.pending)


@dataclass(frozen=True)
class ConferenceView:
    """A conference: its directing body, member units, and each session's roll."""

    conference: str
    directed_by: str
    members: tuple[str, ...]
    sessions: tuple[Roll, ...]


@operation("conference.show", command=c.ShowConference, permission=Permission.MEMBER)
def show_conference(cmd: c.ShowConference, ctx: Context) -> ConferenceView:
    """A conference: members, sessions with their conveners, and each roll call."""
    conference = load_conference(ctx.uow, cmd.org, cmd.conference)
    return ConferenceView(
        conference.body,
        conference.directed_by,
        tuple(conference.members),
        tuple(conference.roll(s.number) for s in conference.sessions),
    )
