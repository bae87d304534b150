"""Look-ups shared by the operations of a sitting's business: the member acting on the
floor and the mandate they sit under, and the streams of a sitting's agenda, speakers'
lists, motions and proceedings (which start empty)."""

from __future__ import annotations

from sovet.domain.errors import (
    InvalidInput,
    InvalidTransition,
    MandateRevoked,
    NotEntitled,
    NotFound,
)
from sovet.domain.events import Event
from sovet.domain.sitting import Delegate, Sitting, SittingStatus
from sovet.services.bus import Context
from sovet.services.handlers.sittings import load_sitting
from sovet.services.permissions import Role
from sovet.services.ports import UnitOfWork

STREAM_LENGTH = 160  # the longest stream name storage keeps


def stream_events(uow: UnitOfWork, org: str, stream: str) -> list[Event]:
    """The events of a stream that starts empty (no events yet: none)."""
    try:
        return uow.streams.load(org, stream)
    except NotFound:
        return []


def check_stream(stream: str) -> str:
    if len(stream) > STREAM_LENGTH:
        raise InvalidInput(
            f"{stream} is too long a name to keep: shorten the sitting or item key "
            f"(at most {STREAM_LENGTH} characters together)"
        )
    return stream


def live_sitting(ctx: Context, org: str, key: str) -> Sitting:
    """A sitting whose business may still change: not closed. Load it after taking the
    organisation's lock, so that two changes of its business take turns."""
    ctx.uow.orgs.get(org)
    sitting = load_sitting(ctx.uow, org, key)
    if sitting.status is SittingStatus.CLOSED:
        raise InvalidTransition(f"sitting {key} is closed")
    return sitting


def acting_member(ctx: Context, org: str, body: str, member: str | None) -> str:
    """Who acts on the floor: the actor, or the member a chair or secretary of the
    body (or an administrator) records as acting."""
    own = ctx.actor.member
    if member is None or member == own:
        if own is None:
            raise NotEntitled(f"{ctx.actor.id} is not a member; name the member who acts")
        return own
    roles = ctx.actor.roles.get((org, body), frozenset())
    desk = ctx.actor.site_admin or org in ctx.actor.admin_of
    if not (desk or roles & {Role.CHAIR, Role.SECRETARY}):
        raise NotEntitled(f"{ctx.actor.id} may not act on the floor for member {member}")
    return member


def delegate_of(sitting: Sitting, member: str) -> Delegate:
    """The mandate ``member`` holds registered in the sitting (any standing)."""
    held = [d for d in sitting.delegates.values() if d.holder == member]
    if not held:
        raise NotEntitled(f"member {member} holds no mandate registered in sitting {sitting.key}")
    if len(held) > 1:
        keys = ", ".join(d.mandate for d in held)
        raise InvalidInput(
            f"member {member} holds several mandates in sitting {sitting.key}: {keys}"
        )
    return held[0]


def floor_delegate(ctx: Context, org: str, sitting: Sitting, member: str | None) -> Delegate:
    """The delegate acting on the floor: the acting member's mandate in the sitting,
    which must not have ended (recalled, resigned, expired) since registration."""
    delegate = delegate_of(sitting, acting_member(ctx, org, sitting.body, member))
    mandate = ctx.uow.mandates.get(org, delegate.mandate)
    if not mandate.active:
        raise MandateRevoked(
            f"mandate {mandate.key} of member {delegate.holder} has ended ({mandate.status}); "
            f"it no longer acts in sitting {sitting.key}"
        )
    return delegate


def faction_of(delegate: Delegate, for_faction: bool) -> str | None:
    """The delegate's faction when they act for it; refused if they sit for none."""
    if not for_faction:
        return None
    if delegate.faction is None:
        raise InvalidInput(f"mandate {delegate.mandate} sits for no faction and cannot act for one")
    return delegate.faction
