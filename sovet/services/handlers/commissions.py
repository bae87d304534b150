"""Operations of commissions (M15): created by the parent body's resolution, seats
filled by the organisations they are allotted to, boycotts, departments and the bureau.

The parent's chair or secretary records the commission's creation; each nominating
organisation (a body) fills its own seats, or declares its boycott, through its chair or
secretary; the commission's own chair or secretary adds departments and forms the
bureau.
"""

from __future__ import annotations

from dataclasses import dataclass

from sovet.domain.commissions import Commission, Department, SeatView
from sovet.domain.errors import AlreadyExists
from sovet.domain.powers import Power
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.authority import events_of, load_commission
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def _parent(cmd: c.CreateCommission, uow: UnitOfWork) -> str | None:
    """The parent body: its resolution creates the commission."""
    return cmd.parent


def _organisation(cmd: c.FillCommissionSeat | c.BoycottCommission, uow: UnitOfWork) -> str | None:
    """The nominating organisation: it fills its own seats, or boycotts."""
    return cmd.organisation


def _commission(cmd: c.AddDepartment | c.FormBureau, uow: UnitOfWork) -> str | None:
    return cmd.commission


@operation(
    "commission.create",
    command=c.CreateCommission,
    permission=Permission.BODY_SECRETARY,
    scope=_parent,
)
def create_commission(cmd: c.CreateCommission, ctx: Context) -> str:
    """A body creates a commission by resolution, with its regulations and seats."""
    org = ctx.uow.orgs.get(cmd.org)
    if events_of(ctx.uow, cmd.org, f"commission:{cmd.commission}"):
        raise AlreadyExists(f"commission {cmd.commission} has already been created")
    commission = Commission.create(
        org,
        org.body(cmd.commission),
        org.body(cmd.parent),
        mandate=cmd.mandate,
        powers=cmd.powers,
        reporting=cmd.reporting,
        seats=cmd.seats,
        resolution=cmd.resolution,
    )
    org.pending.extend(commission.pending)
    return commission.body


@operation(
    "commission.fill-seat",
    command=c.FillCommissionSeat,
    permission=Permission.BODY_SECRETARY,
    scope=_organisation,
)
def fill_commission_seat(cmd: c.FillCommissionSeat, ctx: Context) -> None:
    """A nominating organisation seats a member in one of its seats."""
    org = ctx.uow.orgs.get(cmd.org)
    ctx.uow.members.get(cmd.org, cmd.member)
    commission = load_commission(ctx.uow, cmd.org, cmd.commission)
    commission.fill_seat(cmd.organisation, cmd.member)
    org.pending.extend(commission.pending)


@operation(
    "commission.boycott",
    command=c.BoycottCommission,
    permission=Permission.BODY_SECRETARY,
    scope=_organisation,
)
def boycott_commission(cmd: c.BoycottCommission, ctx: Context) -> None:
    """A nominating organisation boycotts the commission; its empty seats stay empty."""
    org = ctx.uow.orgs.get(cmd.org)
    commission = load_commission(ctx.uow, cmd.org, cmd.commission)
    commission.boycott(cmd.organisation, cmd.reason)
    org.pending.extend(commission.pending)


@operation(
    "commission.add-department",
    command=c.AddDepartment,
    permission=Permission.BODY_SECRETARY,
    scope=_commission,
)
def add_department(cmd: c.AddDepartment, ctx: Context) -> None:
    """Add a department (defence, supplies, communications...) to a commission."""
    org = ctx.uow.orgs.get(cmd.org)
    if cmd.head is not None:
        ctx.uow.members.get(cmd.org, cmd.head)
    commission = load_commission(ctx.uow, cmd.org, cmd.commission)
    commission.add_department(cmd.key, cmd.name, cmd.head)
    org.pending.extend(commission.pending)


@operation(
    "commission.form-bureau",
    command=c.FormBureau,
    permission=Permission.BODY_SECRETARY,
    scope=_commission,
)
def form_bureau(cmd: c.FormBureau, ctx: Context) -> None:
    """Form (or re-form) the bureau that works between plenaries, with its president."""
    org = ctx.uow.orgs.get(cmd.org)
    commission = load_commission(ctx.uow, cmd.org, cmd.commission)
    commission.form_bureau(cmd.members, cmd.president)
    org.pending.extend(commission.pending)


@dataclass(frozen=True)
class CommissionView:
    """A commission's regulations, seats (filled, empty or boycotted), departments and
    bureau."""

    commission: str
    parent: str
    mandate: str
    powers: tuple[str, ...]
    reporting: str
    resolution: str
    seats: tuple[SeatView, ...]
    departments: tuple[Department, ...]
    bureau: tuple[str, ...]
    president: str | None


@operation("commission.show", command=c.ShowCommission, permission=Permission.MEMBER)
def show_commission(cmd: c.ShowCommission, ctx: Context) -> CommissionView:
    """A commission: regulations, seats by organisation, departments and bureau."""
    commission = load_commission(ctx.uow, cmd.org, cmd.commission)
    return CommissionView(
        commission.body,
        commission.parent,
        commission.mandate,
        tuple(str(p) for p in Power if p in commission.powers),
        commission.reporting,
        commission.resolution,
        tuple(commission.seats()),
        tuple(commission.departments.values()),
        commission.bureau,
        commission.president,
    )
