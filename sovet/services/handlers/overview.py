"""Read operations behind a member's pages: their councils and the delegates who
represent them, a body's composition by faction, recall petitions, orders, and the
running count of a poll.

DESIGN.md (Who uses it): a member sees their councils, deputies and delegates, votes,
starts or signs a recall petition; a chair opens and closes votes and announces
results. These reads give each of those pages what it shows, through the bus like
every other operation, so that the pages and the API see the same thing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from sovet.domain.errors import InvalidInput
from sovet.domain.members import Mandate
from sovet.domain.organisation import Organisation
from sovet.domain.polls import PollClosed, PollMode, PollStatus
from sovet.domain.seats import compute_seats
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.lookups import require_organisation
from sovet.services.handlers.orders import load_order
from sovet.services.handlers.polls import load_poll, poll_body
from sovet.services.handlers.recall import load_petition
from sovet.services.paging import Page, check_limit, page_of
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork

# Mandates are read a batch at a time when all of a body's are needed.
_BATCH = 500


# -- a member's councils ---------------------------------------------------------
@dataclass(frozen=True)
class Delegate:
    """A mandate as a member sees it: the seat, who holds it, their faction."""

    mandate: str
    holder: str
    name: str
    faction: str | None
    status: str


@dataclass(frozen=True)
class Representation:
    """The delegates ``source`` sends to ``body`` through ``constituency``."""

    body: str
    name: str
    kind: str
    constituency: str
    source: str
    delegates: tuple[Delegate, ...]


@dataclass(frozen=True)
class CouncilsView:
    """A member, their base council, the chain of bodies above it with the delegates
    each tier sends, and the member's own mandates."""

    member: str
    name: str
    council: str
    council_name: str
    faction: str | None
    representation: tuple[Representation, ...]
    mandates: tuple[Mandate, ...]


def _upward(org: Organisation, council: str) -> Iterator[tuple[str, str, str]]:
    """``(constituency, source, body)`` from the base council upward, breadth first:
    the council elects to the bodies its constituencies fill, those bodies to theirs
    (M01, M02: councils send delegates up the tiers). A body reached twice is
    followed once."""
    seen, frontier = {council}, [council]
    while frontier:
        following = []
        for source in frontier:
            for k in sorted(org.constituencies.values(), key=lambda k: k.key):
                if k.source != source or k.body == source:
                    continue
                yield k.key, source, k.body
                if k.body not in seen:
                    seen.add(k.body)
                    following.append(k.body)
        frontier = following


@operation("member.councils", command=c.ShowCouncils, permission=Permission.MEMBER)
def show_councils(cmd: c.ShowCouncils, ctx: Context) -> CouncilsView:
    """A member's councils, the deputies and delegates who represent them, their mandates.

    The member is the actor's own unless one is named. Each tier lists the active
    mandates elected by the constituency through which the tier below sends
    delegates (M01-M03); ended mandates are left out, since they represent nobody.
    """
    number = cmd.member or ctx.actor.member
    if number is None:
        raise InvalidInput(f"{ctx.actor.id} is not a member: name the member to show")
    org = ctx.uow.orgs.read(cmd.org)
    member = ctx.uow.members.get(cmd.org, number)
    mandates = list(ctx.uow.mandates.all(cmd.org))
    by_constituency: dict[str, list[Mandate]] = {}
    for m in mandates:
        if m.active and m.constituency is not None:
            by_constituency.setdefault(m.constituency, []).append(m)
    names: dict[str, str] = {}

    def name_of(holder: str) -> str:
        if holder not in names:
            names[holder] = ctx.uow.members.get(cmd.org, holder).name
        return names[holder]

    tiers = tuple(
        Representation(
            body,
            org.bodies[body].name,
            str(org.bodies[body].kind),
            key,
            source,
            tuple(
                Delegate(m.key, m.holder, name_of(m.holder), m.faction, str(m.status))
                for m in sorted(by_constituency.get(key, ()), key=lambda m: m.key)
            ),
        )
        for key, source, body in _upward(org, member.council)
    )
    own = tuple(sorted((m for m in mandates if m.holder == number), key=lambda m: m.key))
    council = org.body(member.council)
    return CouncilsView(
        member.number, member.name, council.key, council.name, member.faction, tiers, own
    )


# -- a body's composition --------------------------------------------------------
@dataclass(frozen=True)
class FactionSeats:
    faction: str | None  # None: holders of no faction
    name: str
    seats: int


@dataclass(frozen=True)
class Composition:
    """A body's seats by faction of the holders of its active mandates (suspended
    ones included: a suspended deputy keeps the seat), and the seats no one holds."""

    body: str
    name: str
    seats: int
    factions: tuple[FactionSeats, ...]
    vacant: int


def _body_mandates(uow: UnitOfWork, org: str, body: str) -> Iterator[Mandate]:
    after = None
    while True:
        batch = uow.mandates.page(org, after, _BATCH, body)
        yield from batch
        if len(batch) < _BATCH:
            return
        after = batch[-1].key


@operation("body.composition", command=c.ShowComposition, permission=Permission.MEMBER)
def show_composition(cmd: c.ShowComposition, ctx: Context) -> Composition:
    """A body's seats by faction, in the order the factions were created, then those
    of no faction, and the vacant seats (its seats less its active mandates, M02, M05)."""
    org = ctx.uow.orgs.read(cmd.org)
    body = org.body(cmd.body)
    seats = compute_seats(org, ctx.uow.members.direct_membership(cmd.org))[body.key].seats
    held: dict[str | None, int] = {}
    for m in _body_mandates(ctx.uow, cmd.org, body.key):
        if m.active:
            held[m.faction] = held.get(m.faction, 0) + 1
    order = [k for k in org.factions if k in held]
    order += sorted(k for k in held if k is not None and k not in org.factions)
    rows = [
        FactionSeats(k, org.factions[k].name if k in org.factions else k, held[k]) for k in order
    ]
    if None in held:
        rows.append(FactionSeats(None, "no faction", held[None]))
    return Composition(body.key, body.name, seats, tuple(rows), max(0, seats - sum(held.values())))


# -- recall petitions ------------------------------------------------------------
@dataclass(frozen=True)
class RecallLine:
    key: str
    mandate: str
    holder: str
    constituency: str
    status: str
    signatures: int
    needed: int


@operation("recall.list", command=c.ListRecalls, permission=Permission.MEMBER)
def list_recalls(cmd: c.ListRecalls, ctx: Context) -> Page[RecallLine]:
    """Recall petitions in order of key, a page at a time, with their signatures."""
    limit = check_limit(cmd.limit)
    require_organisation(ctx.uow, cmd.org)
    out = []
    for key in ctx.uow.streams.keys(cmd.org, "recall", cmd.after, limit + 1):
        p = load_petition(ctx.uow, cmd.org, key)
        out.append(
            RecallLine(
                p.key,
                p.mandate,
                p.holder,
                p.constituency,
                str(p.status),
                len(p.signatures),
                p.needed,
            )
        )
    return page_of(out, limit, lambda r: r.key)


@dataclass(frozen=True)
class RecallView:
    """A petition as an elector sees it: how many signed, not who (the ledger keeps
    who, for auditors); ``signed`` says whether the actor has, None for a non-member."""

    key: str
    mandate: str
    holder: str
    constituency: str
    electors: int
    threshold: Fraction
    needed: int
    vacancy: str
    status: str
    signatures: int
    reached: bool
    explanation: str
    signed: bool | None


@operation("recall.show", command=c.ShowRecall, permission=Permission.MEMBER)
def show_recall(cmd: c.ShowRecall, ctx: Context) -> RecallView:
    """A recall petition: its mandate, threshold, signatures so far and status (M03)."""
    p = load_petition(ctx.uow, cmd.org, cmd.petition)
    own = ctx.actor.member
    return RecallView(
        p.key, p.mandate, p.holder, p.constituency, p.electors, p.threshold, p.needed,
        str(p.vacancy), str(p.status), len(p.signatures), p.reached, p.explanation,
        None if own is None else own in p.signatures,
    )  # fmt: skip


# -- orders ----------------------------------------------------------------------
@dataclass(frozen=True)
class OrderLine:
    key: str
    issuer: str
    office: str | None
    type: str
    addressees: tuple[str, ...]


@operation("order.list", command=c.ListOrders, permission=Permission.MEMBER)
def list_orders(cmd: c.ListOrders, ctx: Context) -> Page[OrderLine]:
    """Orders in order of key, a page at a time: issuer, type and addressees (M17)."""
    limit = check_limit(cmd.limit)
    require_organisation(ctx.uow, cmd.org)
    out = []
    for key in ctx.uow.streams.keys(cmd.org, "order", cmd.after, limit + 1):
        o = load_order(ctx.uow, cmd.org, key)
        out.append(OrderLine(o.key, o.issuer, o.office, o.type, o.addressees))
    return page_of(out, limit, lambda o: o.key)


# -- a poll's running count ------------------------------------------------------
@dataclass(frozen=True)
class PollTally:
    """How far a poll has got: while open, how many of its voters have voted (never
    how: a running count of choices would tell the last voters how the others voted,
    and for a secret poll would be read from ballots not yet sealed); once closed, its
    counted outcome. ``voter`` and ``voted`` are the actor's own standing."""

    poll: str
    question: str
    mode: str
    status: str
    voters: int
    cast: int
    voter: bool
    voted: bool
    outcome: PollClosed | None


@operation("poll.tally", command=c.ShowTally, permission=Permission.MEMBER, scope=poll_body)
def show_tally(cmd: c.ShowTally, ctx: Context) -> PollTally:
    """A poll's turnout while it is open, its outcome once closed (M12)."""
    poll = load_poll(ctx.uow, cmd.org, cmd.poll)
    counted = poll.mode is not PollMode.SHOW_OF_HANDS
    own = ctx.actor.member
    cast = ctx.uow.ballots.cast_count(cmd.org, cmd.poll) if counted else 0
    voted = own is not None and counted and ctx.uow.ballots.has_voted(cmd.org, cmd.poll, own)
    if poll.status is PollStatus.CLOSED and poll.outcome is not None and not counted:
        cast = poll.outcome.for_ + poll.outcome.against + poll.outcome.abstain
    return PollTally(
        poll.key, poll.question, str(poll.mode), str(poll.status), len(poll.voters), cast,
        own is not None and own in poll.voters, voted, poll.outcome,
    )  # fmt: skip


__all__ = [
    "Composition",
    "CouncilsView",
    "Delegate",
    "FactionSeats",
    "OrderLine",
    "PollTally",
    "RecallLine",
    "RecallView",
    "Representation",
]
