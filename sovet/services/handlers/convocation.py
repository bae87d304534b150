"""Operations of a convocation (M07, M09): set it up, demand it, summon, postpone,
answer and contest it; and the summons a sitting opens from.

A convocation is kept as the stream of its events (``convocation:KEY``). The body
acting is named in each command (``body``), so the bus checks the role of that body's
chair; the convocation itself decides whether that body may act (only the convener
summons, or the fall-back convener once the convener's obligation has lapsed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from sovet.domain.convocation import Convocation
from sovet.domain.convocation_rules import (
    ConvocationRules,
    DemandBasis,
    QuorumBasis,
    QuorumRule,
    ResponseSummary,
    when,
)
from sovet.domain.errors import AlreadyExists, InvalidInput, InvalidTransition, NotFound
from sovet.domain.exact import choice, parse_fraction
from sovet.domain.organisation import Organisation
from sovet.domain.powers import Power
from sovet.domain.seats import represented_membership
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.authority import check_power
from sovet.services.handlers.given import parse_duration, parse_instant
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def load_convocation(uow: UnitOfWork, org: str, key: str) -> Convocation:
    return Convocation.rebuild(uow.streams.load(org, f"convocation:{key}"))


def _exists(uow: UnitOfWork, org: str, key: str) -> bool:
    try:
        uow.streams.load(org, f"convocation:{key}")
    except NotFound:
        return False
    return True


@operation("convocation.create", command=c.CreateConvocation, permission=Permission.ORG_ADMIN)
def create_convocation(cmd: c.CreateConvocation, ctx: Context) -> str:
    """Set up the convocation of a body: its convener, member bodies and rules."""
    org = ctx.uow.orgs.get(cmd.org)
    body = org.body(cmd.body).key
    for other in (cmd.convener, cmd.fallback, cmd.competent_convener, *(cmd.members or ())):
        if other is not None:
            org.body(other)
    if _exists(ctx.uow, cmd.org, cmd.key):
        raise AlreadyExists(f"organisation {cmd.org} already has a convocation {cmd.key!r}")
    members, membership = _member_bodies(ctx, org, body, cmd.members)
    convocation = Convocation.create(
        cmd.key,
        body,
        cmd.convener,
        members,
        membership=membership,
        fallback=cmd.fallback,
        competent_convener=cmd.competent_convener,
        rules=_rules(cmd),
    )
    org.pending.extend(convocation.pending)
    return cmd.key


def _member_bodies(
    ctx: Context, org: Organisation, body: str, named: Sequence[str] | None
) -> tuple[list[str], dict[str, int]]:
    """The member bodies (by default the bodies sending delegates to ``body``) and the
    membership each represents (a constituency's stated membership overrides)."""
    sending = [k for k in org.constituencies_of(body) if k.source != body]
    members = list(named) if named is not None else list(dict.fromkeys(k.source for k in sending))
    if not members:
        raise InvalidInput(
            f"body {body} has no bodies sending it delegates; name the member bodies"
        )
    represented = represented_membership(org, ctx.uow.members.direct_membership(org.key))
    stated = {k.source: k.membership_override for k in reversed(sending)}
    membership = {}
    for key in dict.fromkeys(members):
        override = stated.get(key)
        membership[key] = represented.get(key, 0) if override is None else override
    return members, membership


def _rules(cmd: c.CreateConvocation) -> ConvocationRules:
    notice = cmd.postpone_notice
    return ConvocationRules(
        min_notice=parse_duration(cmd.min_notice, "minimum notice"),
        demand_threshold=parse_fraction(cmd.demand_threshold, "demand threshold"),
        demand_basis=choice(DemandBasis, cmd.demand_basis, "demand basis"),
        summon_within=parse_duration(cmd.summon_within, "time to summon"),
        postpone_notice=None if notice is None else parse_duration(notice, "postponement notice"),
    )


def _change(ctx: Context, org_key: str, key: str) -> tuple[Organisation, Convocation]:
    """The organisation (locked) and the convocation, to change it."""
    org = ctx.uow.orgs.get(org_key)
    return org, load_convocation(ctx.uow, org_key, key)


@operation("convocation.demand", command=c.DemandConvocation, permission=Permission.BODY_CHAIR)
def demand_convocation(cmd: c.DemandConvocation, ctx: Context) -> bool:
    """A member body demands the convocation; returns whether the convener is now obliged."""
    org, convocation = _change(ctx, cmd.org, cmd.convocation)
    convocation.demand(cmd.body, ctx.clock(), cmd.in_the_name_of)
    org.pending.extend(convocation.pending)
    return convocation.obliged_at is not None


@operation("convocation.summon", command=c.SummonConvocation, permission=Permission.BODY_CHAIR)
def summon_convocation(cmd: c.SummonConvocation, ctx: Context) -> bool:
    """Summon the body: date, place, agenda, quorum; returns whether it is competent.

    An executive or commission constituted with delegated powers summons only if they
    include ``convoke`` (M14)."""
    org, convocation = _change(ctx, cmd.org, cmd.convocation)
    org.body(cmd.body)
    check_power(ctx, org, cmd.body, Power.CONVOKE)
    rule = QuorumRule(
        parse_fraction(cmd.quorum, "quorum"),
        choice(QuorumBasis, cmd.quorum_basis, "quorum basis"),
        cmd.quorum_strict,
    )
    ends = None if cmd.ends_at is None else parse_instant(cmd.ends_at, "ends_at")
    convocation.summon(
        cmd.body,
        ctx.clock(),
        opens_at=parse_instant(cmd.opens_at, "opens_at"),
        place=cmd.place,
        agenda=cmd.agenda,
        quorum=rule,
        urgent=cmd.urgent,
        reason=cmd.reason,
        ends_at=ends,
    )
    org.pending.extend(convocation.pending)
    return bool(convocation.competent)


@operation("convocation.postpone", command=c.PostponeConvocation, permission=Permission.BODY_CHAIR)
def postpone_convocation(cmd: c.PostponeConvocation, ctx: Context) -> None:
    """Move the opening later, with a reason, before it comes."""
    org, convocation = _change(ctx, cmd.org, cmd.convocation)
    new = parse_instant(cmd.opens_at, "opens_at")
    convocation.postpone(new, cmd.reason, cmd.body, ctx.clock())
    org.pending.extend(convocation.pending)


@operation("convocation.respond", command=c.RespondToConvocation, permission=Permission.BODY_CHAIR)
def respond_to_convocation(cmd: c.RespondToConvocation, ctx: Context) -> None:
    """A member body answers the summons: agreed or refused to send delegates."""
    org, convocation = _change(ctx, cmd.org, cmd.convocation)
    convocation.respond(cmd.body, cmd.answer, ctx.clock())
    org.pending.extend(convocation.pending)


@operation("convocation.contest", command=c.ContestConvocation, permission=Permission.BODY_CHAIR)
def contest_convocation(cmd: c.ContestConvocation, ctx: Context) -> None:
    """Record a body's dispute of the convocation's legality."""
    org, convocation = _change(ctx, cmd.org, cmd.convocation)
    org.body(cmd.body)
    convocation.contest(cmd.body, cmd.reason, ctx.clock())
    org.pending.extend(convocation.pending)


@dataclass(frozen=True)
class ConvocationView:
    """A convocation as it stands, with the member bodies' answers to its summons."""

    convocation: Convocation
    summary: ResponseSummary


@operation("convocation.show", command=c.ShowConvocation, permission=Permission.MEMBER)
def show_convocation(cmd: c.ShowConvocation, ctx: Context) -> ConvocationView:
    """A convocation: demands, summons, postponements, answers and disputes."""
    convocation = load_convocation(ctx.uow, cmd.org, cmd.convocation)
    return ConvocationView(convocation, convocation.summary())


# -- opening a sitting from its summons (M09) ------------------------------------------


@dataclass(frozen=True)
class SittingTerms:
    """What a summons fixes for the sitting it convenes."""

    quorum: Fraction
    competent: bool


def summoned_terms(
    uow: UnitOfWork, org: str, key: str, body: str, quorum: Fraction, at: datetime
) -> SittingTerms:
    """The quorum and competence a sitting of ``body`` opening at ``at`` takes from
    convocation ``key``: it must have been summoned, for that body, to open by then.
    ``quorum`` (the one the chair asked for) must be the default or the summons' own."""
    convocation = load_convocation(uow, org, key)
    summons = convocation.summons
    if convocation.body != body:
        raise InvalidInput(f"convocation {key} convenes {convocation.body}, not {body}")
    if summons is None:
        raise InvalidTransition(f"convocation {key} has not been summoned yet")
    if at < summons.opens_at:
        raise InvalidTransition(
            f"convocation {key} summons {body} for {when(summons.opens_at)}; "
            f"its sitting cannot open on {when(at)}"
        )
    rule = summons.quorum
    if rule.basis is not QuorumBasis.VOTING_DELEGATES or rule.strict:
        raise InvalidInput(
            f"convocation {key} fixes a quorum of {rule.describe()}; a sitting counts "
            "its quorum as at least a share of the registered voting delegates"
        )
    if quorum not in (Fraction(1, 2), rule.share):
        raise InvalidInput(
            f"convocation {key} fixes the quorum at {rule.share}; the sitting cannot "
            f"open with {quorum}"
        )
    return SittingTerms(rule.share, summons.competent)
