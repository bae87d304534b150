"""Operations of decrees: issue, dissemination, responses, compliance, and local acts
(mechanism M13).

A decree is kept as the stream ``decree:<key>``; its dissemination log as one row
per body in scope (``uow.decrees``), written by the dissemination itself so that a
decree reaches a hundred thousand bodies in one statement; every response is a
ledger entry that moves its body's row. A body's local acts are the stream
``acts:<body>``. The chair or secretary of a body acts for it: the issuing body
issues, disseminates and repeals; each body in scope reports its own response.
"""

from __future__ import annotations

from dataclasses import dataclass

from sovet.domain.decree_events import DecreeAnswered
from sovet.domain.decrees import Annex, Decree, Scope
from sovet.domain.dissemination import (
    Compliance,
    branches_below,
    check_response,
    check_roots,
    count_below,
    parse_state,
    summarise,
)
from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound
from sovet.domain.local_acts import ActBook
from sovet.domain.motion_values import MotionKind, MotionState
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.elections import stream_exists
from sovet.services.handlers.floor import stream_events
from sovet.services.handlers.lookups import require_organisation
from sovet.services.handlers.motions import load_motions
from sovet.services.handlers.sittings import load_sitting, sitting_body
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def load_decree(uow: UnitOfWork, org: str, key: str) -> Decree:
    return Decree.replay(uow.streams.load(org, f"decree:{key}"))


def load_acts(uow: UnitOfWork, org: str, body: str) -> ActBook:
    return ActBook.rebuild(body, stream_events(uow, org, f"acts:{body}"))


def issuing_body(cmd: object, uow: UnitOfWork) -> str:
    """The body that issued the command's decree: the scope of its operations."""
    return load_decree(uow, cmd.org, cmd.decree).body  # type: ignore[attr-defined]


def acting_body(cmd: object, uow: UnitOfWork) -> str:
    """The body named as acting (``by``)."""
    return cmd.by  # type: ignore[attr-defined, no-any-return]


@operation(
    "decree.issue", command=c.IssueDecree, permission=Permission.BODY_SECRETARY, scope=sitting_body
)
def issue_decree(cmd: c.IssueDecree, ctx: Context) -> str:
    """Issue a decree from a motion of kind decree that the sitting adopted.

    The decree's text is the text put to the vote, as amended; its number must be
    free among the issuing body's decrees; scope roots must lie below the body.
    """
    org = ctx.uow.orgs.get(cmd.org)
    sitting = load_sitting(ctx.uow, cmd.org, cmd.sitting)
    book = load_motions(ctx.uow, cmd.org, cmd.sitting)
    motion = book.motion(cmd.motion)
    if motion.kind is not MotionKind.DECREE:
        raise InvalidInput(
            f"motion {cmd.motion} of sitting {cmd.sitting} is a {motion.kind}, not a decree"
        )
    if motion.state is not MotionState.ADOPTED:
        raise InvalidInput(
            f"motion {cmd.motion} of sitting {cmd.sitting} is {motion.state}; only an adopted "
            "decree is issued"
        )
    if stream_exists(ctx.uow, cmd.org, f"decree:{cmd.key}"):
        raise AlreadyExists(f"organisation {cmd.org} already has a decree {cmd.key!r}")
    taken = ctx.uow.decrees.numbered(cmd.org, sitting.body, cmd.number.strip())
    if taken is not None:
        raise AlreadyExists(f"{sitting.body} has already issued decree No. {cmd.number} ({taken})")
    if cmd.until_body is not None:
        org.body(cmd.until_body)
    roots = check_roots(org, sitting.body, cmd.roots)
    decree = Decree.issue(
        cmd.key,
        body=sitting.body,
        number=cmd.number,
        title=cmd.title,
        text=book.outcomes[cmd.motion].text,
        sitting=cmd.sitting,
        motion=cmd.motion,
        effective=cmd.effective,
        annexes=[Annex(a.key, a.title, a.text, a.binding) for a in cmd.annexes],
        until=cmd.until,
        until_body=cmd.until_body,
        scope=Scope(roots, cmd.depth),
    )
    org.pending.extend(decree.pending)
    return decree.key


@dataclass(frozen=True)
class Dissemination:
    decree: str
    bodies: int
    tiers: int
    digest: str


@operation(
    "decree.disseminate",
    command=c.DisseminateDecree,
    permission=Permission.BODY_SECRETARY,
    scope=issuing_body,
)
def disseminate_decree(cmd: c.DisseminateDecree, ctx: Context) -> Dissemination:
    """Send a decree to every body in its scope; each starts as ``sent``."""
    org = ctx.uow.orgs.lock(cmd.org)
    decree = load_decree(ctx.uow, cmd.org, cmd.decree)
    sent = ctx.uow.decrees.send(
        cmd.org, decree.key, decree.body, decree.scope.roots, decree.scope.depth
    )
    decree.disseminate(cmd.channel, sent)
    org.pending.extend(decree.pending)
    return Dissemination(decree.key, decree.reached, decree.tiers, decree.digest)


@operation("decree.respond", command=c.RespondToDecree, permission=Permission.BODY_SECRETARY)
def respond_to_decree(cmd: c.RespondToDecree, ctx: Context) -> str:
    """A body in scope reports what it did with a decree (refusals give reasons)."""
    org = ctx.uow.orgs.lock(cmd.org)
    decree = load_decree(ctx.uow, cmd.org, cmd.decree)
    decree.require_in_force()
    current = ctx.uow.decrees.receipt(cmd.org, decree.key, cmd.body)
    if current is None:
        raise NotFound(f"decree {decree.key} does not bind body {cmd.body}: it is not in scope")
    new = parse_state(cmd.state)
    check_response(decree.key, cmd.body, current, new, cmd.reason)
    org.pending.append(DecreeAnswered(decree.key, cmd.body, new.value, cmd.reason.strip()))
    return new.value


@operation(
    "decree.end", command=c.EndDecree, permission=Permission.BODY_SECRETARY, scope=acting_body
)
def end_decree(cmd: c.EndDecree, ctx: Context) -> None:
    """The body of the provisional clause decides otherwise, or the issuer repeals."""
    org = ctx.uow.orgs.lock(cmd.org)
    decree = load_decree(ctx.uow, cmd.org, cmd.decree)
    decree.end(cmd.by, cmd.reason)
    org.pending.extend(decree.pending)


@operation("act.adopt", command=c.AdoptLocalAct, permission=Permission.BODY_SECRETARY)
def adopt_local_act(cmd: c.AdoptLocalAct, ctx: Context) -> int:
    """A body adopts an act of its own; returns its number in the body's series."""
    org = ctx.uow.orgs.get(cmd.org)
    org.body(cmd.body)
    book = load_acts(ctx.uow, cmd.org, cmd.body)
    act = book.adopt(cmd.key, cmd.title, cmd.text, cmd.number)
    org.pending.extend(book.pending)
    return act.number


@operation(
    "act.declare-conflict",
    command=c.DeclareConflict,
    permission=Permission.BODY_SECRETARY,
    scope=acting_body,
)
def declare_conflict(cmd: c.DeclareConflict, ctx: Context) -> None:
    """Declare a local act in conflict with a decree binding its body; flagged on
    both the act and the decree's dissemination log."""
    org = ctx.uow.orgs.lock(cmd.org)
    decree = load_decree(ctx.uow, cmd.org, cmd.decree)
    if ctx.uow.decrees.receipt(cmd.org, decree.key, cmd.body) is None:
        raise InvalidInput(
            f"decree {decree.key} does not bind body {cmd.body}; its acts cannot conflict with it"
        )
    book = load_acts(ctx.uow, cmd.org, cmd.body)
    book.declare_conflict(cmd.act, decree.key, by=cmd.by, issuing=decree.body, reason=cmd.reason)
    org.pending.extend(book.pending)


# -- reads -------------------------------------------------------------------------
@dataclass(frozen=True)
class DecreeView:
    decree: Decree
    conflicts: tuple[tuple[str, str], ...]


@operation("decree.show", command=c.ShowDecree, permission=Permission.PUBLIC)
def show_decree(cmd: c.ShowDecree, ctx: Context) -> DecreeView:
    """A decree: text, annexes, provisional clause, scope, status, conflicts flagged."""
    decree = load_decree(ctx.uow, cmd.org, cmd.decree)
    decree.pending.clear()
    return DecreeView(decree, tuple(sorted(ctx.uow.decrees.conflicts(cmd.org, decree.key))))


@dataclass(frozen=True)
class DecreeLine:
    key: str
    body: str
    number: str
    title: str
    effective: str
    status: str


@operation("decree.list", command=c.ListDecrees, permission=Permission.PUBLIC)
def list_decrees(cmd: c.ListDecrees, ctx: Context) -> list[DecreeLine]:
    """The decrees of an organisation (or of one issuing body), in the order issued."""
    require_organisation(ctx.uow, cmd.org)
    return [
        DecreeLine(*row)
        for row in ctx.uow.decrees.listing(cmd.org)
        if cmd.body is None or row[1] == cmd.body
    ]


@operation("decree.compliance", command=c.ShowCompliance, permission=Permission.MEMBER)
def show_compliance(cmd: c.ShowCompliance, ctx: Context) -> Compliance:
    """How many bodies in scope (at or below ``under``) acknowledged, adopted,
    implemented, refused or stayed silent; by tier and by branch, to drill down."""
    decree = load_decree(ctx.uow, cmd.org, cmd.decree)
    under = cmd.under or decree.body
    conflicts = ctx.uow.decrees.conflicts(cmd.org, decree.key)
    if under == decree.body:
        # the whole scope: counted in storage from each row's branch
        return summarise(decree.key, under, ctx.uow.decrees.counts(cmd.org, decree.key), conflicts)
    log = ctx.uow.decrees.log(cmd.org, decree.key)
    if conflicts:
        inside = branches_below(under, ((b, p) for b, _, p, _ in log))
        conflicts = [(b, a) for b, a in conflicts if b in inside]
    return summarise(decree.key, under, count_below(under, log), conflicts)


@operation("act.list", command=c.ShowActs, permission=Permission.PUBLIC)
def show_acts(cmd: c.ShowActs, ctx: Context) -> ActBook:
    """A body's own acts in their numbering, with the conflicts declared on them."""
    ctx.uow.orgs.read(cmd.org).body(cmd.body)
    return load_acts(ctx.uow, cmd.org, cmd.body)
