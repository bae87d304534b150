"""Read operations for browsing an organisation: bodies, members, mandates, sittings,
polls, elections (with every round of their counts) and the ledger, page by page.

Lists are paged by a cursor (STYLE.md: operations whose work grows with a body's size
stay bounded): up to ``limit`` items after the key ``after``, and the cursor of the
next page. A member's e-mail address is not listed: it is personal data, exported only
to auditors with the whole organisation (``org.export``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sovet.domain.election_events import ElectionDeclared
from sovet.domain.elections import Election
from sovet.domain.errors import InvalidInput
from sovet.domain.members import Mandate
from sovet.domain.seats import BodySeats, compute_seats
from sovet.domain.structure import Body, Constituency, Link
from sovet.ledger import Entry
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.elections import load_election
from sovet.services.handlers.lookups import require_organisation
from sovet.services.handlers.polls import load_poll
from sovet.services.handlers.sittings import load_sitting
from sovet.services.paging import Page, check_limit, page_of
from sovet.services.permissions import Permission

T = TypeVar("T")


@dataclass(frozen=True)
class BodySummary:
    key: str
    name: str
    kind: str
    level: str
    status: str
    seats: int
    membership: int


@operation("body.list", command=c.ListBodies, permission=Permission.MEMBER)
def list_bodies(cmd: c.ListBodies, ctx: Context) -> list[BodySummary]:
    """The organisation's bodies with their seats and represented membership."""
    org = ctx.uow.orgs.read(cmd.org)
    seats = compute_seats(org, ctx.uow.members.direct_membership(cmd.org))
    return [
        BodySummary(
            b.key, b.name, str(b.kind), b.level, str(b.status), seats[k].seats, seats[k].membership
        )
        for k, b in org.bodies.items()
    ]


@dataclass(frozen=True)
class BodyView:
    body: Body
    seats: BodySeats
    constituencies: tuple[Constituency, ...]  # those that fill its seats
    sends: tuple[Constituency, ...]  # those through which it elects to other bodies
    links: tuple[Link, ...]


@operation("body.show", command=c.ShowBody, permission=Permission.MEMBER)
def show_body(cmd: c.ShowBody, ctx: Context) -> BodyView:
    """A body: its rules, seats, the constituencies that fill them, and its links."""
    org = ctx.uow.orgs.read(cmd.org)
    body = org.body(cmd.body)
    seats = compute_seats(org, ctx.uow.members.direct_membership(cmd.org))[body.key]
    return BodyView(
        body,
        seats,
        tuple(org.constituencies_of(body.key)),
        tuple(
            k for k in org.constituencies.values() if k.source == body.key and k.body != body.key
        ),
        tuple(lk for lk in org.links if body.key in (lk.source, lk.target)),
    )


@dataclass(frozen=True)
class MemberView:
    number: str
    name: str
    council: str
    faction: str | None


@operation("member.list", command=c.ListMembers, permission=Permission.MEMBER)
def list_members(cmd: c.ListMembers, ctx: Context) -> Page[MemberView]:
    """Members of the roll in order of number, a page at a time."""
    limit = check_limit(cmd.limit)
    require_organisation(ctx.uow, cmd.org)
    rows = ctx.uow.members.page(cmd.org, cmd.after, limit + 1, cmd.council)
    views = [MemberView(m.number, m.name, m.council, m.faction) for m in rows]
    return page_of(views, limit, lambda m: m.number)


@operation("mandate.list", command=c.ListMandates, permission=Permission.MEMBER)
def list_mandates(cmd: c.ListMandates, ctx: Context) -> Page[Mandate]:
    """Mandates in order of key, a page at a time."""
    limit = check_limit(cmd.limit)
    require_organisation(ctx.uow, cmd.org)
    rows = ctx.uow.mandates.page(cmd.org, cmd.after, limit + 1, cmd.body)
    return page_of(rows, limit, lambda m: m.key)


@dataclass(frozen=True)
class SittingSummary:
    key: str
    body: str
    status: str
    seats: int
    registered: int


@operation("sitting.list", command=c.ListSittings, permission=Permission.MEMBER)
def list_sittings(cmd: c.ListSittings, ctx: Context) -> Page[SittingSummary]:
    """Sittings in order of key, a page at a time (of one body, when named)."""
    limit = check_limit(cmd.limit)
    org = ctx.uow.orgs.read(cmd.org)
    if cmd.body is not None:
        org.body(cmd.body)

    def summary(key: str) -> SittingSummary | None:
        s = load_sitting(ctx.uow, cmd.org, key)
        if cmd.body is not None and s.body != cmd.body:
            return None
        registered = sum(1 for d in s.delegates.values() if d.registered)
        return SittingSummary(s.key, s.body, str(s.status), s.seats, registered)

    out = _scan(ctx, cmd.org, "sitting", cmd.after, limit, summary)
    return page_of(out, limit, lambda s: s.key)


def _scan(
    ctx: Context,
    org: str,
    kind: str,
    after: str | None,
    limit: int,
    view: Callable[[str], T | None],
) -> list[T]:
    """Up to ``limit + 1`` views of the streams of ``kind`` after ``after``, skipping
    those ``view`` leaves out (None). Unfiltered, one batch is the page; filtered, batches
    are read until the page is full, since what a stream belongs to is known only once
    it is loaded."""
    out: list[T] = []
    while len(out) <= limit:
        keys = ctx.uow.streams.keys(org, kind, after, limit + 1)
        for key in keys:
            seen = view(key)
            if seen is not None:
                out.append(seen)
        if len(keys) <= limit:
            break
        after = keys[-1]
    return out[: limit + 1]


@dataclass(frozen=True)
class PollSummary:
    key: str
    sitting: str
    body: str
    question: str
    mode: str
    status: str
    adopted: bool | None  # None while open


@operation("poll.list", command=c.ListPolls, permission=Permission.MEMBER)
def list_polls(cmd: c.ListPolls, ctx: Context) -> Page[PollSummary]:
    """Polls in order of key, a page at a time, with their outcome once closed (of one
    sitting, when named)."""
    limit = check_limit(cmd.limit)
    require_organisation(ctx.uow, cmd.org)

    def summary(key: str) -> PollSummary | None:
        p = load_poll(ctx.uow, cmd.org, key)
        if cmd.sitting is not None and p.sitting != cmd.sitting:
            return None
        adopted = None if p.outcome is None else p.outcome.adopted
        return PollSummary(
            p.key, p.sitting, p.body, p.question, str(p.mode), str(p.status), adopted
        )

    out = _scan(ctx, cmd.org, "poll", cmd.after, limit, summary)
    return page_of(out, limit, lambda p: p.key)


@dataclass(frozen=True)
class ElectionSummary:
    key: str
    body: str
    constituency: str | None
    method: str
    seats: int
    status: str


@operation("election.list", command=c.ListElections, permission=Permission.MEMBER)
def list_elections(cmd: c.ListElections, ctx: Context) -> Page[ElectionSummary]:
    """Elections in order of key, a page at a time."""
    limit = check_limit(cmd.limit)
    require_organisation(ctx.uow, cmd.org)
    out = []
    for key in ctx.uow.streams.keys(cmd.org, "election", cmd.after, limit + 1):
        e = load_election(ctx.uow, cmd.org, key)
        out.append(
            ElectionSummary(e.key, e.body, e.constituency, str(e.method), e.seats, str(e.status))
        )
    return page_of(out, limit, lambda e: e.key)


@dataclass(frozen=True)
class Count:
    """A declared count: what it seated, its summary, and the count itself as
    :meth:`sovet.count.Result.to_dict` gives it, every round included."""

    method: str
    ballots: int
    seated: tuple[tuple[str, str, str | None], ...]
    summary: str
    result: dict[str, Any]


@dataclass(frozen=True)
class ElectionView:
    election: Election
    counts: tuple[Count, ...]


@operation("election.show", command=c.ShowElection, permission=Permission.MEMBER)
def show_election(cmd: c.ShowElection, ctx: Context) -> ElectionView:
    """An election: its candidates or lists, and its count round by round once declared."""
    events = ctx.uow.streams.load(cmd.org, f"election:{cmd.election}")
    counts = tuple(
        Count(e.method, e.ballots, e.seated, e.summary, json.loads(e.result))
        for e in events
        if isinstance(e, ElectionDeclared)
    )
    return ElectionView(Election.replay(events), counts)


@operation("ledger.page", command=c.ListLedger, permission=Permission.AUDITOR)
def list_ledger(cmd: c.ListLedger, ctx: Context) -> Page[Entry]:
    """Entries of the organisation's chain in order, a page at a time."""
    limit = check_limit(cmd.limit)
    try:
        after = 0 if cmd.after is None else int(cmd.after)
    except ValueError:
        raise InvalidInput(f"after must be an entry's sequence number, not {cmd.after!r}") from None
    if not 0 <= after < 2**31:
        raise InvalidInput(f"after must be an entry's sequence number, not {after}")
    require_organisation(ctx.uow, cmd.org)
    rows = ctx.uow.ledger.page(cmd.org, after, limit + 1)
    return page_of(rows, limit, lambda e: str(e.seq))
