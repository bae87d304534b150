"""Operations of seat allotment among factions and of the seat offers (M05).

An allotment is kept as the stream of its events (``allotment:<key>``). Its seats
are allotted by a method on an explicit base — counted from a sitting's delegates or
given as faction sizes — or by a recorded agreement. A seat accepted or claimed is
recorded at once as a mandate in the allotted body (``allotment.accept`` followed
by ``mandate.record`` in the ledger). The body's chair records the factions'
answers (accept, decline, defer, claim) as well as the body's own decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sovet.count.apportionment import APPORTIONMENT
from sovet.domain.allotment import BaseKind, MethodComparison, SeatAllotment
from sovet.domain.allotment_events import AllotmentCreated
from sovet.domain.elections import Elected
from sovet.domain.errors import AlreadyExists, InvalidInput
from sovet.domain.exact import choice, parse_fraction
from sovet.domain.organisation import Organisation
from sovet.domain.sitting import Presence
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.elections import record_seat, stream_exists
from sovet.services.handlers.sittings import load_sitting
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def load_allotment(uow: UnitOfWork, org: str, key: str) -> SeatAllotment:
    return SeatAllotment.replay(uow.streams.load(org, f"allotment:{key}"))


def allotment_body(cmd: object, uow: UnitOfWork) -> str | None:
    """The body being composed: the scope of every allotment operation."""
    first = uow.streams.load(cmd.org, f"allotment:{cmd.allotment}")[0]  # type: ignore[attr-defined]
    return first.body if isinstance(first, AllotmentCreated) else None


def _changing(ctx: Context, org_key: str, key: str) -> tuple[Organisation, SeatAllotment]:
    """The organisation (locked for writing) and the allotment, to change it."""
    org = ctx.uow.orgs.get(org_key)
    return org, load_allotment(ctx.uow, org_key, key)


def _commit(org: Organisation, allotment: SeatAllotment) -> None:
    org.pending.extend(allotment.pending)


@operation("allotment.create", command=c.CreateAllotment, permission=Permission.BODY_CHAIR)
def create_allotment(cmd: c.CreateAllotment, ctx: Context) -> str:
    """Start the allotment of a presidium's or executive's seats among factions."""
    org = ctx.uow.orgs.get(cmd.org)
    org.body(cmd.body)
    if stream_exists(ctx.uow, cmd.org, f"allotment:{cmd.key}"):
        raise AlreadyExists(f"organisation {cmd.org} already has an allotment {cmd.key!r}")
    _commit(org, SeatAllotment.create(cmd.key, cmd.body, cmd.seats))
    return cmd.key


def base_sizes(
    ctx: Context,
    org: Organisation,
    base: str,
    sizes: Sequence[tuple[str, int]],
    sitting: str | None,
) -> dict[str, int]:
    """The faction sizes an allotment rests on: counted from ``sitting`` — voting
    delegates present (``present-voting``) or registered (``registered``), by faction,
    largest first; delegates of no faction are not counted — or as given."""
    kind = choice(BaseKind, base, "allotment base")
    if sitting is None:
        out = dict(sizes)
        if len(out) != len(sizes):
            raise InvalidInput("a faction is given a size twice")
    else:
        if sizes:
            raise InvalidInput("give faction sizes or a sitting to count them from, not both")
        if kind is BaseKind.FACTION_SIZES:
            raise InvalidInput(
                f"a sitting gives a base of {BaseKind.PRESENT_VOTING} or {BaseKind.REGISTERED} "
                "delegates"
            )
        out = _count_delegates(ctx, org.key, sitting, kind)
    for faction in out:
        org.faction(faction)
    return out


def _count_delegates(ctx: Context, org: str, key: str, kind: BaseKind) -> dict[str, int]:
    sitting = load_sitting(ctx.uow, org, key)
    counted: dict[str, int] = {}
    for d in sitting.delegates.values():
        present = d.presence is Presence.PRESENT or kind is BaseKind.REGISTERED
        if d.votes and present and d.faction is not None:
            counted[d.faction] = counted.get(d.faction, 0) + 1
    if not counted:
        raise InvalidInput(f"sitting {key} has no {kind} delegates of a faction to count")
    return dict(sorted(counted.items(), key=lambda item: (-item[1], item[0])))


@operation(
    "allotment.compute",
    command=c.ComputeAllotment,
    permission=Permission.BODY_CHAIR,
    scope=allotment_body,
)
def compute_allotment(cmd: c.ComputeAllotment, ctx: Context) -> dict[str, int]:
    """Allot the seats by an apportionment method on an explicit base."""
    org, allotment = _changing(ctx, cmd.org, cmd.allotment)
    sizes = base_sizes(ctx, org, cmd.base, cmd.sizes, cmd.sitting)
    threshold = parse_fraction(cmd.threshold, f"allotment {cmd.allotment}: threshold")
    at = cmd.at or ctx.clock()
    allocation = allotment.by_method(cmd.method, cmd.base, sizes, at, threshold=threshold)
    _commit(org, allotment)
    return allocation


@operation(
    "allotment.agree",
    command=c.AgreeAllotment,
    permission=Permission.BODY_CHAIR,
    scope=allotment_body,
)
def agree_allotment(cmd: c.AgreeAllotment, ctx: Context) -> dict[str, int]:
    """Allot the seats as agreed, with the agreement's justification recorded."""
    org, allotment = _changing(ctx, cmd.org, cmd.allotment)
    shares = dict(cmd.allocation)
    if len(shares) != len(cmd.allocation):
        raise InvalidInput(f"allotment {cmd.allotment}: a faction is given a share twice")
    for faction in shares:
        org.faction(faction)
    sizes: dict[str, int] | None = None
    at: datetime | None = None
    if cmd.sizes or cmd.sitting is not None:
        sizes = base_sizes(ctx, org, cmd.base, cmd.sizes, cmd.sitting)
        at = cmd.at or ctx.clock()
    allocation = allotment.by_agreement(
        shares, cmd.justification, sizes=sizes, base_kind=cmd.base, at=at
    )
    _commit(org, allotment)
    return allocation


@operation(
    "allotment.compare",
    command=c.CompareAllotment,
    permission=Permission.MEMBER,
    scope=allotment_body,
)
def compare_allotment(cmd: c.CompareAllotment, ctx: Context) -> tuple[MethodComparison, ...]:
    """What each apportionment method would give on the allotment's recorded base."""
    allotment = load_allotment(ctx.uow, cmd.org, cmd.allotment)
    return allotment.compare(cmd.methods or tuple(APPORTIONMENT))


@operation(
    "allotment.accept", command=c.AcceptSeat, permission=Permission.BODY_CHAIR, scope=allotment_body
)
def accept_seat(cmd: c.AcceptSeat, ctx: Context) -> Elected:
    """A faction takes up a seat offered to it, with its member; the mandate is recorded."""
    org, allotment = _changing(ctx, cmd.org, cmd.allotment)
    org.faction(cmd.faction)
    ctx.uow.members.get(cmd.org, cmd.holder)
    seat = allotment.accept(cmd.faction, cmd.holder)
    _commit(org, allotment)
    record_seat(ctx, org, seat, allotment.body, None)
    return seat


@operation(
    "allotment.decline",
    command=c.DeclineSeats,
    permission=Permission.BODY_CHAIR,
    scope=allotment_body,
)
def decline_seats(cmd: c.DeclineSeats, ctx: Context) -> tuple[int, ...]:
    """A faction declines seats offered to it; they return to the body."""
    org, allotment = _changing(ctx, cmd.org, cmd.allotment)
    numbers = allotment.decline(cmd.faction, cmd.seats, reason=cmd.reason)
    _commit(org, allotment)
    return numbers


@operation(
    "allotment.defer", command=c.DeferSeats, permission=Permission.BODY_CHAIR, scope=allotment_body
)
def defer_seats(cmd: c.DeferSeats, ctx: Context) -> tuple[int, ...]:
    """A faction has not decided: its offer stays open, until a deadline if one is set."""
    org, allotment = _changing(ctx, cmd.org, cmd.allotment)
    numbers = allotment.defer(cmd.faction, deadline=cmd.deadline, n=cmd.seats)
    _commit(org, allotment)
    return numbers


@operation(
    "allotment.reassign",
    command=c.ReassignSeat,
    permission=Permission.BODY_CHAIR,
    scope=allotment_body,
)
def reassign_seat(cmd: c.ReassignSeat, ctx: Context) -> None:
    """The body gives a declined seat to another faction, which it is then offered to."""
    org, allotment = _changing(ctx, cmd.org, cmd.allotment)
    org.faction(cmd.faction)
    allotment.reassign(cmd.seat, cmd.faction)
    _commit(org, allotment)


@operation(
    "allotment.reserve",
    command=c.ReserveSeats,
    permission=Permission.BODY_CHAIR,
    scope=allotment_body,
)
def reserve_seats(cmd: c.ReserveSeats, ctx: Context) -> tuple[int, ...]:
    """Hold a faction's open seats for it to claim later (an absent faction)."""
    org, allotment = _changing(ctx, cmd.org, cmd.allotment)
    numbers = allotment.reserve(cmd.faction, cmd.seats)
    _commit(org, allotment)
    return numbers


@operation(
    "allotment.claim", command=c.ClaimSeat, permission=Permission.BODY_CHAIR, scope=allotment_body
)
def claim_seat(cmd: c.ClaimSeat, ctx: Context) -> Elected:
    """A faction takes up a seat reserved for it, with its member; the mandate is recorded."""
    org, allotment = _changing(ctx, cmd.org, cmd.allotment)
    ctx.uow.members.get(cmd.org, cmd.holder)
    seat = allotment.claim(cmd.faction, cmd.holder)
    _commit(org, allotment)
    record_seat(ctx, org, seat, allotment.body, None)
    return seat
