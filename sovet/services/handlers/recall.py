"""Operations of recall: petition, signatures, vote, and the vacancy filled (M03).

A petition is kept as the stream of its events (``recall:<key>``). Its electors are
those of the constituency: the members attached to the constituency's source body
when that body is a base council, otherwise the holders of active mandates of the
source body (a council electing to a congress, say). A member signs as themself; an
organisation's administrator may record another elector's signature (a petition
collected on paper). A carried recall ends the mandate in the same transaction
(``recall.decide`` then ``mandate.set-status``) and, under the next-on-list policy,
gives the seat to the next candidate of the list that won it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from sovet.count import CountError, Tally
from sovet.count.majority import MajorityDecision
from sovet.domain.elections import Elected, Election
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    ListExhausted,
    NotEntitled,
    NotFound,
)
from sovet.domain.events import event_from_entry
from sovet.domain.exact import parse_fraction
from sovet.domain.members import Mandate
from sovet.domain.organisation import Organisation
from sovet.domain.polls import RULES
from sovet.domain.recall import RecallPetition, RecallStatus, VacancyPolicy
from sovet.domain.structure import Constituency
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.elections import fill_seat, load_election, stream_exists
from sovet.services.permissions import Permission, is_allowed
from sovet.services.ports import UnitOfWork

ENDED = frozenset({RecallStatus.CARRIED, RecallStatus.REJECTED, RecallStatus.CLOSED})


def load_petition(uow: UnitOfWork, org: str, key: str) -> RecallPetition:
    return RecallPetition.replay(uow.streams.load(org, f"recall:{key}"))


# -- electors ------------------------------------------------------------------
def electors(ctx: Context, org: str, constituency: Constituency) -> int:
    """How many electors the constituency has now (see the module's docstring)."""
    direct = ctx.uow.members.direct_membership(org).get(constituency.source, 0)
    if direct:
        return direct
    return len(_mandate_holders(ctx, org, constituency.source))


def _mandate_holders(ctx: Context, org: str, body: str) -> set[str]:
    return {m.holder for m in ctx.uow.mandates.all(org) if m.body == body and m.active}


def access_elector(ctx: Context, org: str, constituency: Constituency, named: str | None) -> str:
    """The elector acting: the actor, or one an administrator names; an elector of the
    constituency."""
    own = ctx.actor.member
    if named is None or named == own:
        if own is None:
            raise NotEntitled(f"{ctx.actor.id} is not a member and is no elector")
        number = own
    elif is_allowed(ctx.actor, Permission.ORG_ADMIN, org, None):
        number = named
    else:
        raise NotEntitled(f"{ctx.actor.id} may not act for elector {named}")
    member = ctx.uow.members.get(org, number)
    if member.council == constituency.source:
        return number
    direct = ctx.uow.members.direct_membership(org).get(constituency.source, 0)
    if not direct and number in _mandate_holders(ctx, org, constituency.source):
        return number
    raise NotEntitled(
        f"member {number} is no elector of constituency {constituency.key} "
        f"(its electors are those of {constituency.source})"
    )


def _constituency(org: Organisation, key: str) -> Constituency:
    found = org.constituencies.get(key)
    if found is None:
        raise NotFound(f"organisation {org.key} has no constituency {key!r}")
    return found


def _open_against(uow: UnitOfWork, org: str, mandate: str) -> str | None:
    """The petition still open (or voting) against ``mandate``, if any."""
    streams: dict[str, list[tuple[str, str]]] = {}
    for stream, _, op, payload in uow.streams.all(org):
        if stream.startswith("recall:"):
            streams.setdefault(stream, []).append((op, payload))
    for events in streams.values():
        petition = RecallPetition.replay(event_from_entry(op, json.loads(p)) for op, p in events)
        if petition.mandate == mandate and petition.status not in ENDED:
            return petition.key
    return None


# -- the election a mandate came from (for next-on-list) ------------------------
def election_of(uow: UnitOfWork, org: str, mandate: str) -> Election:
    """The list election that produced ``mandate``: its mandates are ``<election>-<n>``."""
    key = mandate.rpartition("-")[0]
    try:
        election = load_election(uow, org, key) if key else None
    except NotFound:
        election = None
    if election is None or not any(s.mandate == mandate for s in election.current()):
        raise InvalidInput(
            f"mandate {mandate} was not won in a list election; no list to fill from"
        )
    if not election.lists:
        raise InvalidInput(f"mandate {mandate} was won in election {key}, not held on lists")
    return election


# -- operations ------------------------------------------------------------------
@operation("recall.open", command=c.OpenRecall, permission=Permission.MEMBER)
def open_recall(cmd: c.OpenRecall, ctx: Context) -> str:
    """An elector opens a petition to recall a mandate of their constituency."""
    org = ctx.uow.orgs.get(cmd.org)
    mandate = ctx.uow.mandates.get(cmd.org, cmd.mandate)
    where = mandate.constituency or cmd.constituency
    if where is None:
        raise InvalidInput(
            f"recall petition {cmd.key}: mandate {mandate.key} has no constituency; name the "
            "one that may recall it"
        )
    if cmd.constituency not in (None, where):
        raise InvalidInput(
            f"recall petition {cmd.key}: mandate {mandate.key} is recalled by its own "
            f"constituency {where}, not by {cmd.constituency}"
        )
    constituency = _constituency(org, where)
    access_elector(ctx, cmd.org, constituency, cmd.elector)
    petition = RecallPetition.open(
        cmd.key,
        mandate,
        electors(ctx, cmd.org, constituency),
        threshold=parse_fraction(cmd.threshold, f"recall petition {cmd.key}: threshold"),
        vacancy=cmd.vacancy,
        constituency=constituency.key,
    )
    if stream_exists(ctx.uow, cmd.org, f"recall:{cmd.key}"):
        raise AlreadyExists(f"organisation {cmd.org} already has a recall petition {cmd.key!r}")
    other = _open_against(ctx.uow, cmd.org, mandate.key)
    if other is not None:
        raise AlreadyExists(f"recall petition {other} against mandate {mandate.key} is still open")
    if petition.vacancy is VacancyPolicy.NEXT_ON_LIST:
        election_of(ctx.uow, cmd.org, mandate.key)
    org.pending.extend(petition.pending)
    return cmd.key


def _signing(
    ctx: Context, org_key: str, key: str, named: str | None
) -> tuple[Organisation, RecallPetition, str]:
    org = ctx.uow.orgs.get(org_key)
    petition = load_petition(ctx.uow, org_key, key)
    elector = access_elector(ctx, org_key, _constituency(org, petition.constituency), named)
    return org, petition, elector


@operation("recall.sign", command=c.SignRecall, permission=Permission.MEMBER)
def sign_recall(cmd: c.SignRecall, ctx: Context) -> int:
    """An elector signs a recall petition, once; returns the signatures now."""
    org, petition, elector = _signing(ctx, cmd.org, cmd.petition, cmd.elector)
    petition.sign(elector)
    org.pending.extend(petition.pending)
    return len(petition.signatures)


@operation("recall.withdraw", command=c.WithdrawSignature, permission=Permission.MEMBER)
def withdraw_signature(cmd: c.WithdrawSignature, ctx: Context) -> int:
    """An elector withdraws their signature while the petition is open."""
    org, petition, elector = _signing(ctx, cmd.org, cmd.petition, cmd.elector)
    petition.withdraw(elector)
    org.pending.extend(petition.pending)
    return len(petition.signatures)


@operation("recall.open-vote", command=c.OpenRecallVote, permission=Permission.ORG_ADMIN)
def open_recall_vote(cmd: c.OpenRecallVote, ctx: Context) -> None:
    """Put the recall to the constituency's vote, once the signatures reach the threshold."""
    org = ctx.uow.orgs.get(cmd.org)
    petition = load_petition(ctx.uow, cmd.org, cmd.petition)
    petition.open_vote()
    org.pending.extend(petition.pending)


@dataclass(frozen=True)
class RecallOutcome:
    """The recall vote's decision; when carried, the seat's successor if one took it."""

    petition: str
    mandate: str
    decision: MajorityDecision
    vacancy: str
    successor: Elected | None = None
    note: str = ""

    @property
    def recalled(self) -> bool:
        return self.decision.adopted


@operation("recall.decide", command=c.DecideRecall, permission=Permission.ORG_ADMIN)
def decide_recall(cmd: c.DecideRecall, ctx: Context) -> RecallOutcome:
    """Record the recall vote; when carried, recall the mandate and fill its seat.

    The seat is filled by the petition's policy: next on the list at once, or later by
    a by-election (``election.open`` naming the vacancy).
    """
    org = ctx.uow.orgs.get(cmd.org)
    petition = load_petition(ctx.uow, cmd.org, cmd.petition)
    mandate = ctx.uow.mandates.get(cmd.org, petition.mandate)
    rule = RULES.get(cmd.rule)
    if rule is None:
        raise InvalidInput(
            f"unknown majority rule {cmd.rule!r}; expected one of: {', '.join(RULES)}"
        )
    try:
        tally = Tally(cmd.for_, cmd.against, cmd.abstain, cmd.estimated)
    except CountError as exc:
        raise InvalidInput(f"recall petition {cmd.petition}: {exc}") from exc
    decision = petition.decide_vote(tally, rule, present=cmd.present, mandate=mandate)
    org.pending.extend(petition.pending)
    outcome = RecallOutcome(petition.key, mandate.key, decision, str(petition.vacancy))
    if not decision.adopted:
        return outcome
    org.change_mandate(mandate, "recalled", petition.recall_reason)
    if petition.vacancy is VacancyPolicy.BY_ELECTION:
        return outcome
    return _next_on_list(ctx, org, mandate, outcome)


def _next_on_list(
    ctx: Context, org: Organisation, mandate: Mandate, outcome: RecallOutcome
) -> RecallOutcome:
    election = election_of(ctx.uow, org.key, mandate.key)
    try:
        successor = fill_seat(ctx, org, election, mandate.key, ())
    except ListExhausted as exc:
        return replace(outcome, note=f"{exc}; the seat stays vacant")
    return replace(outcome, successor=successor)


@operation("recall.close", command=c.CloseRecall, permission=Permission.ORG_ADMIN)
def close_recall(cmd: c.CloseRecall, ctx: Context) -> None:
    """Close an open petition without a vote (withdrawn by its initiators, or lapsed)."""
    org = ctx.uow.orgs.get(cmd.org)
    petition = load_petition(ctx.uow, cmd.org, cmd.petition)
    petition.close(cmd.reason)
    org.pending.extend(petition.pending)
