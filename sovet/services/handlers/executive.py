"""Operations of executive committees, councils of commissars and offices (M14, M16).

An executive is constituted by its congress (the congress's chair or secretary acts);
its posts are created by the same congress. An office is appointed, and ended, by a
body acting through its chair or secretary; a removal ordered by a body the office does
not answer to is recorded as contested. The unit an office is attached to recognises
its holder, or refuses to, through its own chair or secretary.
"""

from __future__ import annotations

from dataclasses import dataclass

from sovet.domain.errors import AlreadyExists, InvalidInput
from sovet.domain.executive import Executive
from sovet.domain.offices import COMMISSAR_POWERS, POST_POWERS, Office, rival_appointments
from sovet.domain.powers import Power
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.authority import (
    all_offices,
    check_power,
    events_of,
    load_executive,
    load_office,
    sitting_in_session,
)
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def _congress(cmd: c.ConstituteExecutive, uow: UnitOfWork) -> str | None:
    """The congress: its resolution constitutes the executive."""
    return cmd.congress


def _congress_of(cmd: c.AddPost, uow: UnitOfWork) -> str | None:
    """The congress that constituted the executive: it creates the executive's posts."""
    return load_executive(uow, cmd.org, cmd.executive).congress


def _unit_of(cmd: c.RecogniseOffice, uow: UnitOfWork) -> str | None:
    """The unit the office is attached to: it recognises the holder, or refuses to."""
    return load_office(uow, cmd.org, cmd.office).unit


# -- executives (M14) -----------------------------------------------------------------
@operation(
    "executive.constitute",
    command=c.ConstituteExecutive,
    permission=Permission.BODY_SECRETARY,
    scope=_congress,
)
def constitute_executive(cmd: c.ConstituteExecutive, ctx: Context) -> str:
    """A congress constitutes an executive with delegated powers."""
    org = ctx.uow.orgs.get(cmd.org)
    if events_of(ctx.uow, cmd.org, f"executive:{cmd.executive}"):
        raise AlreadyExists(f"executive {cmd.executive} is already constituted")
    answers_to = None
    if cmd.accountable_to is not None and cmd.accountable_to != cmd.congress:
        answers_to = load_executive(ctx.uow, cmd.org, cmd.accountable_to)
    executive = Executive.constitute(
        org.body(cmd.executive),
        org.body(cmd.congress),
        cmd.powers,
        answers_to=answers_to,
        resolution=cmd.resolution,
    )
    org.pending.extend(executive.pending)
    return executive.accountable_to


@operation(
    "executive.add-post",
    command=c.AddPost,
    permission=Permission.BODY_SECRETARY,
    scope=_congress_of,
)
def add_post(cmd: c.AddPost, ctx: Context) -> None:
    """Create a post (commissariat) of an executive, possibly held open for negotiation."""
    org = ctx.uow.orgs.get(cmd.org)
    executive = load_executive(ctx.uow, cmd.org, cmd.executive)
    executive.add_post(cmd.post, cmd.title, cmd.open_for)
    org.pending.extend(executive.pending)


@dataclass(frozen=True)
class PostView:
    post: str
    title: str
    office: str | None
    holder: str | None
    open_for: str = ""

    @property
    def vacant(self) -> bool:
        return self.holder is None


@dataclass(frozen=True)
class ExecutiveView:
    """An executive: whom it answers to, its powers, its posts and their holders."""

    executive: str
    kind: str
    congress: str
    accountable_to: str
    powers: tuple[str, ...]
    posts: tuple[PostView, ...]
    congress_sitting: str | None
    resolution: str = ""


@operation("executive.show", command=c.ShowExecutive, permission=Permission.MEMBER)
def show_executive(cmd: c.ShowExecutive, ctx: Context) -> ExecutiveView:
    """An executive: its powers, whom it answers to, its posts and who holds them."""
    executive = load_executive(ctx.uow, cmd.org, cmd.executive)
    holders = {
        o.post: o
        for o in all_offices(ctx.uow, cmd.org)
        if o.active and o.executive == executive.body and o.post is not None
    }
    posts = tuple(
        PostView(
            p.key,
            p.title,
            holders[p.key].key if p.key in holders else None,
            holders[p.key].holder if p.key in holders else None,
            p.open_for,
        )
        for p in executive.posts.values()
    )
    return ExecutiveView(
        executive.body,
        executive.delegation.what,
        executive.congress,
        executive.accountable_to,
        tuple(str(p) for p in Power if p in executive.powers),
        posts,
        sitting_in_session(ctx.uow, cmd.org, executive.congress),
        executive.resolution,
    )


# -- offices (M16) ----------------------------------------------------------------------
@operation("office.appoint", command=c.AppointOffice, permission=Permission.BODY_SECRETARY)
def appoint_office(cmd: c.AppointOffice, ctx: Context) -> str:
    """A body appoints a member to an office: a commissar attached to a unit, or a post."""
    org = ctx.uow.orgs.get(cmd.org)
    appointing = org.body(cmd.body)
    check_power(ctx, org, cmd.body, Power.APPOINT_COMMISSARS)
    ctx.uow.members.get(cmd.org, cmd.holder)
    if events_of(ctx.uow, cmd.org, f"office:{cmd.key}"):
        raise AlreadyExists(f"organisation {cmd.org} already has an office {cmd.key!r}")
    if cmd.unit is not None and cmd.post is None:
        office = Office.attach(
            cmd.key,
            cmd.holder,
            appointing,
            org.body(cmd.unit),
            cmd.credential,
            title=cmd.title or "commissar",
            powers=cmd.powers or COMMISSAR_POWERS,
            resolution=cmd.resolution,
        )
    elif cmd.post is not None and cmd.unit is None:
        if cmd.executive is None:
            raise InvalidInput(f"office {cmd.key}: name the executive whose post it fills")
        executive = load_executive(ctx.uow, cmd.org, cmd.executive)
        held = [
            o.key
            for o in all_offices(ctx.uow, cmd.org)
            if o.active and o.executive == executive.body and o.post == cmd.post
        ]
        office = Office.to_post(
            cmd.key,
            cmd.holder,
            appointing,
            executive,
            cmd.post,
            held_by=held[0] if held else None,
            title=cmd.title,
            powers=cmd.powers or POST_POWERS,
            credential=cmd.credential,
            resolution=cmd.resolution,
        )
    else:
        raise InvalidInput(f"office {cmd.key}: attach it to a unit or to a post, one of the two")
    org.pending.extend(office.pending)
    return office.key


@dataclass(frozen=True)
class RemovalOutcome:
    """What a removal order did: ended the office, or was recorded as contested."""

    office: str
    by: str
    effective: bool
    ground: str


@operation("office.recall", command=c.RecallOffice, permission=Permission.BODY_SECRETARY)
def recall_office(cmd: c.RecallOffice, ctx: Context) -> RemovalOutcome:
    """A body orders an office ended: applied if the office answers to it, else contested."""
    org = ctx.uow.orgs.get(cmd.org)
    org.body(cmd.body)
    office = load_office(ctx.uow, cmd.org, cmd.office)
    executive = None
    if office.executive is not None:
        executive = load_executive(ctx.uow, cmd.org, office.executive)
    if cmd.body in office.answers_to(executive):
        check_power(ctx, org, cmd.body, Power.APPOINT_COMMISSARS)
    event = office.order_removal(cmd.body, cmd.reason, executive=executive)
    org.pending.extend(office.pending)
    return RemovalOutcome(office.key, cmd.body, event.effective, event.ground)


@operation(
    "office.recognise",
    command=c.RecogniseOffice,
    permission=Permission.BODY_SECRETARY,
    scope=_unit_of,
)
def recognise_office(cmd: c.RecogniseOffice, ctx: Context) -> None:
    """The unit an office is attached to recognises its holder, or refuses to."""
    org = ctx.uow.orgs.get(cmd.org)
    office = load_office(ctx.uow, cmd.org, cmd.office)
    office.recognise(cmd.recognised, cmd.reason)
    org.pending.extend(office.pending)


@dataclass(frozen=True)
class OfficeView:
    key: str
    holder: str
    title: str
    appointed_by: str
    unit: str | None
    executive: str | None
    post: str | None
    credential: str
    powers: tuple[str, ...]
    active: bool
    recognised: bool | None
    recognition_reason: str
    ended_by: str | None
    ended_reason: str
    contested_removals: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class OfficeList:
    """Offices, and the units to which more than one body has attached a commissar."""

    offices: tuple[OfficeView, ...]
    rival_appointments: tuple[tuple[str, tuple[str, ...]], ...]


def office_view(office: Office) -> OfficeView:
    recognition = office.recognition
    return OfficeView(
        office.key,
        office.holder,
        office.title,
        office.appointed_by,
        office.unit,
        office.executive,
        office.post,
        office.credential,
        tuple(sorted(office.powers)),
        office.active,
        None if recognition is None else recognition.recognised,
        "" if recognition is None else recognition.reason,
        office.ended_by,
        office.ended_reason,
        tuple((r.by, r.reason) for r in office.contested),
    )


@operation("office.list", command=c.ListOffices, permission=Permission.MEMBER)
def list_offices(cmd: c.ListOffices, ctx: Context) -> OfficeList:
    """Offices with holder, attachment, powers, recognition and contested removals."""
    offices = all_offices(ctx.uow, cmd.org)
    rivals = rival_appointments(offices)
    chosen = [
        o
        for o in offices
        if (cmd.unit is None or o.unit == cmd.unit)
        and (cmd.appointed_by is None or o.appointed_by == cmd.appointed_by)
    ]
    return OfficeList(
        tuple(office_view(o) for o in chosen),
        tuple(
            (unit, bodies)
            for unit, bodies in sorted(rivals.items())
            if cmd.unit is None or unit == cmd.unit
        ),
    )
