"""Whether an order binds each of its addressees: a pure function of the order, the
addressee's allegiance, the countersign policies in force and the offices in post
(M17, M19, M27).

While authority was contested in October 1917 the same order of district headquarters
bound a unit that still took its orders from headquarters, and bound a unit loyal to
the Soviet only once one of the three MRC commissars had countersigned it
(002_9a3e1fc102cad50d.txt, l. 883; fact ``mrc-district-hq-commissars``). The rule,
for order O of type T issued by body A (possibly through one of A's offices) and an
addressee U:

1. **The policies considered** are the countersign policies in force that cover O for
   U (:meth:`~sovet.domain.countersign.CountersignPolicy.covers`) and were set by an
   authority U *accepts* for orders of type T (one it obeys, or one whose countersign
   it accepts: :mod:`sovet.domain.allegiance`).
2. **Each policy's state**: its signatures are counted only from its designated
   offices that are in post at evaluation time, so a recalled commissar's
   countersignature, or refusal, no longer counts.

   - *satisfied*: at least k of them countersigned (or the named body signed off);
   - *refused*: at least one of them refused and those who countersigned plus those
     who have not yet answered are fewer than k (or the named body refused);
   - *pending* otherwise, including when k can no longer be reached only because
     signatories left office (the policy must then designate others).
3. **The backers** of O for U are A if U obeys A for type T, and the setters of the
   considered policies that U obeys. With no possible backer, O is **advisory** for U:
   U obeys neither its issuer nor any authority whose policy covers it (M19: "a call
   from an unrecognised authority is advisory for that body").
4. Otherwise, the **supporters** are A (if U obeys it) and the setters of the
   satisfied policies that U obeys; the **objectors** are the setters of the refused
   policies. O is

   - **contested** if an authority U obeys objects while another authority U obeys
     supports: U's authorities disagree (M27: headquarters "thought necessary to
     await a solution of the conflict between the Central Executive Committee and the
     Petrograd Soviet", l. 895);
   - else **refused** if any considered policy is refused;
   - else **pending** if any considered policy is pending;
   - else **valid**.

Each verdict carries a reason in words, and the state of each policy considered.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sovet.domain.allegiance import Allegiance
from sovet.domain.countersign import CountersignPolicy
from sovet.domain.errors import InvalidInput
from sovet.domain.orders import Order


class Validity(StrEnum):
    VALID = "valid"
    PENDING = "pending"
    REFUSED = "refused"
    CONTESTED = "contested"
    ADVISORY = "advisory"


class PolicyState(StrEnum):
    SATISFIED = "satisfied"
    PENDING = "pending"
    REFUSED = "refused"


@dataclass(frozen=True)
class PolicyCheck:
    """One policy's state for an order: the signatures counted, and why."""

    policy: str
    setter: str
    state: PolicyState
    counted: tuple[str, ...]
    needed: int
    reason: str


@dataclass(frozen=True)
class Verdict:
    """Whether the order binds ``unit``, and why."""

    unit: str
    status: Validity
    reason: str
    checks: tuple[PolicyCheck, ...] = ()


def _names(offices: Iterable[str]) -> str:
    return ", ".join(offices) or "none"


def check_policy(policy: CountersignPolicy, order: Order, in_post: Collection[str]) -> PolicyCheck:
    """The state of ``policy`` for ``order`` when the offices ``in_post`` are those in
    post now (rule 2 of the module's docstring)."""
    if policy.sign_off is not None:
        done = order.sign_offs.get(policy.sign_off)
        if done is None:
            state, reason = PolicyState.PENDING, f"awaits the sign-off of {policy.sign_off}"
        elif done.approved:
            state, reason = PolicyState.SATISFIED, f"signed off by {policy.sign_off}"
        else:
            state = PolicyState.REFUSED
            reason = f"{policy.sign_off} refused its sign-off: {done.reason}"
        counted = (policy.sign_off,) if state is PolicyState.SATISFIED else ()
        return PolicyCheck(policy.ref, policy.setter, state, counted, 1, f"{policy.ref} {reason}")
    k = policy.needed
    signs = order.signatures
    current = [o for o in policy.signatories if o in in_post]
    signed = tuple(o for o in current if o in signs and signs[o].given)
    refused = [o for o in current if o in signs and not signs[o].given]
    unanswered = [o for o in current if o not in signs]
    ended = [o for o in policy.signatories if o not in in_post and o in signs]
    tail = f"; not counted, no longer in office: {_names(ended)}" if ended else ""
    if len(signed) >= k:
        state = PolicyState.SATISFIED
        reason = f"countersigned by {_names(signed)} ({len(signed)} of the {k} needed)"
    elif refused and len(signed) + len(unanswered) < k:
        state = PolicyState.REFUSED
        reason = (
            f"refused by {_names(refused)}: {len(signed)} countersigned and "
            f"{len(unanswered)} may still sign, fewer than the {k} needed"
        )
    else:
        state = PolicyState.PENDING
        reason = f"has {len(signed)} of the {k} countersignatures needed"
        if len(signed) + len(unanswered) < k:
            reason += "; the signatories in office cannot reach it, others must be designated"
        else:
            reason += f"; awaiting {_names(unanswered)}"
    return PolicyCheck(policy.ref, policy.setter, state, signed, k, f"{policy.ref} {reason}{tail}")


def evaluate(
    order: Order,
    unit: str,
    allegiance: Allegiance,
    policies: Iterable[CountersignPolicy],
    in_post: Collection[str],
) -> Verdict:
    """Whether ``order`` binds addressee ``unit`` (the rule of the module's docstring).

    ``policies`` may hold any policies in force; those not considered for ``unit`` are
    left aside here. ``in_post`` are the keys of the offices in post now.
    """
    if unit not in order.addressees:
        raise InvalidInput(f"order {order.key} is not addressed to {unit}")
    if allegiance.unit != unit:
        raise InvalidInput(f"the allegiance given is {allegiance.unit}'s, not {unit}'s")
    kind, issuer = order.type, order.issuer
    considered = sorted(
        (
            p
            for p in policies
            if allegiance.accepts(p.setter, kind) and p.covers(kind, issuer, order.office, unit)
        ),
        key=lambda p: p.ref,
    )
    checks = tuple(check_policy(p, order, in_post) for p in considered)
    obeyed_issuer = allegiance.obeys(issuer, kind)
    backers = {issuer} if obeyed_issuer else set()
    backers |= {c.setter for c in checks if allegiance.obeys(c.setter, kind)}
    if not backers:
        return Verdict(
            unit,
            Validity.ADVISORY,
            f"{unit} obeys neither {issuer} nor any authority whose countersign policy "
            f"covers this order, so it is advisory for {unit} ({allegiance.describe()})",
            checks,
        )
    return _judge(order, unit, allegiance, checks, obeyed_issuer)


def _judge(
    order: Order,
    unit: str,
    allegiance: Allegiance,
    checks: tuple[PolicyCheck, ...],
    obeyed_issuer: bool,
) -> Verdict:
    kind, issuer = order.type, order.issuer
    why: dict[str, str] = {issuer: f"it obeys {issuer}, which issued it"} if obeyed_issuer else {}
    for c in checks:
        if c.state is PolicyState.SATISFIED and allegiance.obeys(c.setter, kind):
            why.setdefault(c.setter, f"it obeys {c.setter}, whose policy {c.policy} is satisfied")
    refused = [c for c in checks if c.state is PolicyState.REFUSED]
    objectors = {c.setter for c in refused}
    obeyed_objectors = sorted(s for s in objectors if allegiance.obeys(s, kind))
    supporters = sorted(s for s in why if s not in objectors)
    if obeyed_objectors and supporters:
        return Verdict(
            unit,
            Validity.CONTESTED,
            f"authority is contested for {unit}: {'; '.join(why[s] for s in supporters)}; "
            f"but it also obeys {', '.join(obeyed_objectors)}, and "
            f"{'; '.join(c.reason for c in refused)}",
            checks,
        )
    if refused:
        return Verdict(unit, Validity.REFUSED, "; ".join(c.reason for c in refused), checks)
    waiting = [c for c in checks if c.state is PolicyState.PENDING]
    if waiting:
        return Verdict(unit, Validity.PENDING, "; ".join(c.reason for c in waiting), checks)
    basis = [why[s] for s in sorted(why)]
    basis += [c.reason for c in checks] or ["no countersign policy it accepts covers the order"]
    return Verdict(unit, Validity.VALID, f"binds {unit}: {'; '.join(basis)}", checks)


def evaluate_all(
    order: Order,
    allegiances: Mapping[str, Allegiance],
    policies: Iterable[CountersignPolicy],
    in_post: Collection[str],
) -> tuple[Verdict, ...]:
    """A verdict for every addressee of ``order``, in the order's order; an addressee
    without a recorded allegiance recognises no authority."""
    every = list(policies)
    return tuple(
        evaluate(order, unit, allegiances.get(unit) or Allegiance(unit), every, in_post)
        for unit in order.addressees
    )
