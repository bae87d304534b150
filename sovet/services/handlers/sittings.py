"""Operations of a sitting: opening, registration, attendance, walkouts, credentials."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from sovet.domain.errors import InvalidInput
from sovet.domain.events import Event
from sovet.domain.seats import represented_membership
from sovet.domain.sitting import Sitting, SittingOpened
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.convocation import summoned_terms
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def load_sitting(uow: UnitOfWork, org: str, key: str) -> Sitting:
    return Sitting.rebuild(uow.streams.load(org, f"sitting:{key}"))


def sitting_body(cmd: object, uow: UnitOfWork) -> str | None:
    """The body a sitting belongs to: the scope of every sitting operation."""
    first = uow.streams.load(cmd.org, f"sitting:{cmd.sitting}")[0]  # type: ignore[attr-defined]
    return first.body if isinstance(first, SittingOpened) else None


def record(ctx: Context, org: str, events: Sequence[Event]) -> None:
    """Commit another aggregate's events with the organisation's (and its ledger)."""
    ctx.uow.orgs.get(org).pending.extend(events)


@operation("sitting.open", command=c.OpenSitting, permission=Permission.BODY_CHAIR)
def open_sitting(cmd: c.OpenSitting, ctx: Context) -> str:
    """Open a sitting of a body, with its quorum rule and majority base.

    Opened from a convocation, the sitting takes the quorum its summons fixed and is
    consultative when the summons was not the competent convener's (M09).
    """
    org = ctx.uow.orgs.get(cmd.org)
    body = org.body(cmd.body)
    try:
        quorum = Fraction(cmd.quorum)
    except (ValueError, ZeroDivisionError):
        raise InvalidInput(f"quorum {cmd.quorum!r} is not a fraction such as 1/2") from None
    consultative = cmd.consultative
    if cmd.convocation is not None:
        terms = summoned_terms(ctx.uow, cmd.org, cmd.convocation, body.key, quorum, ctx.clock())
        quorum, consultative = terms.quorum, consultative or not terms.competent
    seats = _seats(ctx, cmd.org, body.key)
    sitting = Sitting.open(
        cmd.key,
        body.key,
        seats=seats,
        quorum=quorum,
        majority_base=cmd.majority_base,
        convocation=cmd.convocation,
        consultative=consultative,
    )
    org.pending.extend(sitting.pending)
    return cmd.key


def _seats(ctx: Context, org_key: str, body: str) -> int:
    from sovet.domain.seats import compute_seats

    org = ctx.uow.orgs.get(org_key)
    return compute_seats(org, ctx.uow.members.direct_membership(org_key))[body].seats


@operation(
    "sitting.register",
    command=c.RegisterDelegate,
    permission=Permission.CREDENTIALS,
    scope=sitting_body,
)
def register_delegate(cmd: c.RegisterDelegate, ctx: Context) -> None:
    """Register delegates with the credentials of their mandates (voting unless issued)."""
    org = ctx.uow.orgs.get(cmd.org)
    sitting = load_sitting(ctx.uow, cmd.org, cmd.sitting)
    membership = represented_membership(org, ctx.uow.members.direct_membership(cmd.org))
    for key in cmd.mandates:
        mandate = ctx.uow.mandates.get(cmd.org, key)
        if mandate.body != sitting.body:
            raise InvalidInput(
                f"mandate {mandate.key} is a seat in {mandate.body}, not in {sitting.body}"
            )
        if not mandate.active:
            raise InvalidInput(f"mandate {mandate.key} has ended ({mandate.status})")
        delegation = curia = None
        represents = 0
        if mandate.constituency is not None:
            constituency = org.constituencies[mandate.constituency]
            delegation, curia = constituency.source, constituency.curia
            override = constituency.membership_override
            represents = membership.get(delegation, 0) if override is None else override
        credential = str(mandate.credential) if mandate.credential else "voting"
        sitting.register(
            mandate.key,
            mandate.holder,
            mandate.faction,
            credential,
            delegation=delegation,
            curia=curia,
            represents=represents,
        )
    org.pending.extend(sitting.pending)


@operation(
    "sitting.attend",
    command=c.ChangeAttendance,
    permission=Permission.BODY_SECRETARY,
    scope=sitting_body,
)
def change_attendance(cmd: c.ChangeAttendance, ctx: Context) -> None:
    """Record delegates present, withdrawn or returned."""
    sitting = load_sitting(ctx.uow, cmd.org, cmd.sitting)
    sitting.attend(list(cmd.mandates), cmd.presence, ctx.clock())
    record(ctx, cmd.org, sitting.pending)


@operation(
    "sitting.walkout",
    command=c.DeclareWalkout,
    permission=Permission.BODY_SECRETARY,
    scope=sitting_body,
)
def declare_walkout(cmd: c.DeclareWalkout, ctx: Context) -> None:
    """Record a faction's walkout (all or part of it); its members keep their rights."""
    sitting = load_sitting(ctx.uow, cmd.org, cmd.sitting)
    mandates = None if cmd.mandates is None else list(cmd.mandates)
    sitting.walkout(cmd.faction, cmd.declaration, ctx.clock(), mandates)
    record(ctx, cmd.org, sitting.pending)


@operation(
    "credential.challenge",
    command=c.ChallengeCredential,
    permission=Permission.MEMBER,
    scope=sitting_body,
)
def challenge_credential(cmd: c.ChallengeCredential, ctx: Context) -> None:
    """Challenge a delegate's credential; the sitting decides."""
    sitting = load_sitting(ctx.uow, cmd.org, cmd.sitting)
    sitting.challenge(cmd.mandate, ctx.actor.member or ctx.actor.id, cmd.reason)
    record(ctx, cmd.org, sitting.pending)


@operation(
    "credential.decide",
    command=c.DecideChallenge,
    permission=Permission.BODY_CHAIR,
    scope=sitting_body,
)
def decide_challenge(cmd: c.DecideChallenge, ctx: Context) -> None:
    """Record the sitting's decision on a challenged credential."""
    sitting = load_sitting(ctx.uow, cmd.org, cmd.sitting)
    sitting.decide_challenge(cmd.mandate, cmd.upheld, cmd.resolution)
    record(ctx, cmd.org, sitting.pending)


@operation(
    "sitting.set-standing",
    command=c.SetStanding,
    permission=Permission.BODY_CHAIR,
    scope=sitting_body,
)
def set_standing(cmd: c.SetStanding, ctx: Context) -> None:
    """Change a delegate's standing mid-sitting by resolution (guest to voting, say)."""
    sitting = load_sitting(ctx.uow, cmd.org, cmd.sitting)
    sitting.set_standing(cmd.mandate, cmd.credential, cmd.resolution)
    record(ctx, cmd.org, sitting.pending)


@operation(
    "sitting.set-status",
    command=c.SetSittingStatus,
    permission=Permission.BODY_CHAIR,
    scope=sitting_body,
)
def set_sitting_status(cmd: c.SetSittingStatus, ctx: Context) -> None:
    """Open, adjourn for a recess, or close a sitting."""
    sitting = load_sitting(ctx.uow, cmd.org, cmd.sitting)
    sitting.set_status(cmd.status, cmd.reason)
    record(ctx, cmd.org, sitting.pending)


@operation("sitting.show", command=c.ShowSitting, permission=Permission.MEMBER, scope=sitting_body)
def show_sitting(cmd: c.ShowSitting, ctx: Context) -> Sitting:
    """A sitting as it stands: delegates, attendance, quorum."""
    return load_sitting(ctx.uow, cmd.org, cmd.sitting)
