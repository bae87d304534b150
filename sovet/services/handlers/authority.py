"""Looking up the executive side's aggregates, and checking who may act for whom.

Executives, offices, commissions, conferences, orders, policy books and allegiances are
each kept as the stream of their events (``executive:<body>``, ``office:<key>``,
``commission:<body>``, ``conference:<body>``, ``order:<key>``, ``policies:<body>``,
``allegiance:<unit>``). A body constituted with delegated powers (an executive by
``executive.constitute``, a commission by ``commission.create``) is checked against
them whenever it acts (:mod:`sovet.domain.powers`).
"""

from __future__ import annotations

import json
from collections import defaultdict

from sovet.domain.commissions import Commission
from sovet.domain.errors import NotEntitled, NotFound
from sovet.domain.events import Event, event_from_entry
from sovet.domain.executive import Executive
from sovet.domain.offices import Office
from sovet.domain.organisation import Organisation
from sovet.domain.powers import Power
from sovet.domain.sitting import Sitting, SittingOpened, SittingStatus
from sovet.domain.structure import BodyKind
from sovet.services.bus import Context
from sovet.services.permissions import Permission, is_allowed
from sovet.services.ports import UnitOfWork


def events_of(uow: UnitOfWork, org: str, stream: str) -> list[Event]:
    """The stream's events; none when it does not exist yet."""
    try:
        return uow.streams.load(org, stream)
    except NotFound:
        return []


def streams_of(uow: UnitOfWork, org: str, kind: str) -> dict[str, list[Event]]:
    """Every stream of ``kind`` (``office``, ``sitting``...) by key, events in order."""
    raw: dict[str, list[tuple[str, str]]] = defaultdict(list)
    prefix = f"{kind}:"
    for stream, _seq, op, payload in uow.streams.all(org):
        if stream.startswith(prefix):
            raw[stream[len(prefix) :]].append((op, payload))
    return {
        key: [event_from_entry(op, json.loads(p)) for op, p in events]
        for key, events in raw.items()
    }


def load_executive(uow: UnitOfWork, org: str, body: str) -> Executive:
    events = events_of(uow, org, f"executive:{body}")
    if not events:
        raise NotFound(f"body {body} has not been constituted as an executive")
    return Executive.replay(events)


def load_office(uow: UnitOfWork, org: str, key: str) -> Office:
    return Office.replay(uow.streams.load(org, f"office:{key}"))


def load_commission(uow: UnitOfWork, org: str, body: str) -> Commission:
    events = events_of(uow, org, f"commission:{body}")
    if not events:
        raise NotFound(f"body {body} has not been created as a commission")
    return Commission.replay(events)


def all_offices(uow: UnitOfWork, org: str) -> list[Office]:
    return [Office.replay(events) for _, events in sorted(streams_of(uow, org, "office").items())]


def sitting_in_session(uow: UnitOfWork, org: str, body: str) -> str | None:
    """A sitting of ``body`` not yet closed, if any (its key)."""
    for key, events in sorted(streams_of(uow, org, "sitting").items()):
        first = events[0]
        opened_here = isinstance(first, SittingOpened) and first.body == body
        if opened_here and Sitting.rebuild(events).status is not SittingStatus.CLOSED:
            return key
    return None


def check_power(ctx: Context, org: Organisation, body: str, power: Power) -> None:
    """``body`` may act with ``power``: a constituted executive must hold it and, as an
    executive committee, act between its congress's sittings (M14); a commission must
    hold it (M15). Other bodies act on their own authority."""
    kind = org.body(body).kind
    if kind is BodyKind.EXECUTIVE:
        events = events_of(ctx.uow, org.key, f"executive:{body}")
        if events:
            executive = Executive.replay(events)
            executive.check_act(power, sitting_in_session(ctx.uow, org.key, executive.congress))
    elif kind is BodyKind.COMMISSION:
        events = events_of(ctx.uow, org.key, f"commission:{body}")
        if events:
            Commission.replay(events).delegation.require(power)


def access_body(ctx: Context, org: str, body: str) -> None:
    """The actor acts for ``body``: its chair or secretary, or an administrator."""
    if not is_allowed(ctx.actor, Permission.BODY_SECRETARY, org, body):
        raise NotEntitled(f"{ctx.actor.id} may not act for body {body}: it needs body-secretary")


def access_holder(ctx: Context, org: str, office: Office) -> bool:
    """The actor acts as the holder of ``office``: the holder themself, or an
    administrator recording what the holder did on paper (returns True then)."""
    if ctx.actor.member is not None and ctx.actor.member == office.holder:
        return False
    if is_allowed(ctx.actor, Permission.ORG_ADMIN, org, None):
        return True
    raise NotEntitled(
        f"{ctx.actor.id} may not act for office {office.key}: it is held by member {office.holder}"
    )
