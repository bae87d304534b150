"""Operations of orders, countersign policies and allegiance (M17, M19, M27).

An order is issued by a body (its chair or secretary acting) or by the holder of an
office in the name of the body that appointed them. An office holder countersigns or
refuses as themself; an administrator may record what a holder signed on paper (as
``recall.sign`` records a signature collected on paper). Bodies sign orders off, set
countersign policies and declare allegiance through their chair or secretary.
``order.show`` evaluates, at the time it is asked, whether the order binds each
addressee (:func:`sovet.domain.validity.evaluate`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sovet.domain.allegiance import Allegiance
from sovet.domain.countersign import CountersignPolicy, PolicyBook
from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound
from sovet.domain.offices import Office
from sovet.domain.orders import Order, SignOff
from sovet.domain.organisation import Organisation
from sovet.domain.powers import Power
from sovet.domain.validity import Verdict, evaluate_all
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.authority import (
    access_body,
    access_holder,
    check_power,
    events_of,
    load_office,
)
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork


def load_order(uow: UnitOfWork, org: str, key: str) -> Order:
    return Order.replay(uow.streams.load(org, f"order:{key}"))


def load_policies(uow: UnitOfWork, org: str, body: str) -> PolicyBook:
    return PolicyBook.replay(body, events_of(uow, org, f"policies:{body}"))


def load_allegiance(uow: UnitOfWork, org: str, unit: str) -> Allegiance:
    return Allegiance.replay(unit, events_of(uow, org, f"allegiance:{unit}"))


def _unit(cmd: c.DeclareAllegiance | c.WithdrawAllegiance, uow: UnitOfWork) -> str | None:
    """The unit whose allegiance it is: its chair or secretary declares it."""
    return cmd.unit


# -- orders -----------------------------------------------------------------------------
@operation("order.issue", command=c.IssueOrder, permission=Permission.MEMBER)
def issue_order(cmd: c.IssueOrder, ctx: Context) -> str:
    """Issue an order to addressee units, by a body or by an office holder."""
    org = ctx.uow.orgs.get(cmd.org)
    office: Office | None = None
    if cmd.office is not None and cmd.body is None:
        office = load_office(ctx.uow, cmd.org, cmd.office)
        access_holder(ctx, cmd.org, office)
        issuer = office.appointed_by
    elif cmd.body is not None and cmd.office is None:
        org.body(cmd.body)
        access_body(ctx, cmd.org, cmd.body)
        issuer = cmd.body
    else:
        raise InvalidInput(f"order {cmd.key}: name the issuing body or the office, one of the two")
    check_power(ctx, org, issuer, Power.ISSUE_ORDERS)
    if events_of(ctx.uow, cmd.org, f"order:{cmd.key}"):
        raise AlreadyExists(f"organisation {cmd.org} already has an order {cmd.key!r}")
    order = Order.issue(org, cmd.key, issuer, cmd.type, cmd.addressees, cmd.content, office=office)
    org.pending.extend(order.pending)
    return order.key


def _signing(ctx: Context, org_key: str, key: str, office_key: str) -> tuple[Order, Office, bool]:
    order = load_order(ctx.uow, org_key, key)
    office = load_office(ctx.uow, org_key, office_key)
    on_paper = access_holder(ctx, org_key, office)
    return order, office, on_paper


@operation("order.countersign", command=c.CountersignOrder, permission=Permission.MEMBER)
def countersign_order(cmd: c.CountersignOrder, ctx: Context) -> None:
    """An office holder countersigns an order (or an administrator records it from paper)."""
    org = ctx.uow.orgs.get(cmd.org)
    order, office, on_paper = _signing(ctx, cmd.org, cmd.order, cmd.office)
    order.countersign(office, on_paper=on_paper)
    org.pending.extend(order.pending)


@operation("order.refuse", command=c.RefuseCountersign, permission=Permission.MEMBER)
def refuse_countersign(cmd: c.RefuseCountersign, ctx: Context) -> None:
    """An office holder refuses to countersign an order, with a reason."""
    org = ctx.uow.orgs.get(cmd.org)
    order, office, on_paper = _signing(ctx, cmd.org, cmd.order, cmd.office)
    order.refuse(office, cmd.reason, on_paper=on_paper)
    org.pending.extend(order.pending)


@operation("order.sign-off", command=c.SignOffOrder, permission=Permission.BODY_SECRETARY)
def sign_off_order(cmd: c.SignOffOrder, ctx: Context) -> None:
    """A body signs an order off, or refuses its sign-off with a reason."""
    org = ctx.uow.orgs.get(cmd.org)
    org.body(cmd.body)
    check_power(ctx, org, cmd.body, Power.COUNTERSIGN)
    order = load_order(ctx.uow, cmd.org, cmd.order)
    order.sign_off(cmd.body, cmd.approved, cmd.reason)
    org.pending.extend(order.pending)


@dataclass(frozen=True)
class SignatureView:
    """A signature as recorded, and whether its office is in post now."""

    office: str
    holder: str
    countersigned: bool
    reason: str
    on_paper: bool
    in_post: bool


@dataclass(frozen=True)
class OrderView:
    """An order, its signature audit, and whether it binds each addressee now."""

    key: str
    issuer: str
    office: str | None
    type: str
    addressees: tuple[str, ...]
    content: str
    signatures: tuple[SignatureView, ...]
    sign_offs: tuple[SignOff, ...]
    validity: tuple[Verdict, ...]


def _offices(uow: UnitOfWork, org: str, keys: set[str]) -> dict[str, Office]:
    found: dict[str, Office] = {}
    for key in sorted(keys):
        events = events_of(uow, org, f"office:{key}")
        if events:
            found[key] = Office.replay(events)
    return found


def order_view(uow: UnitOfWork, org: str, order: Order) -> OrderView:
    """The order with its validity per addressee, from the allegiances, policies and
    offices as they stand now."""
    allegiances = {u: load_allegiance(uow, org, u) for u in order.addressees}
    authorities = {a for al in allegiances.values() for a in al.authorities}
    policies: list[CountersignPolicy] = []
    for authority in sorted(authorities):
        policies += load_policies(uow, org, authority).policies.values()
    named = {o for p in policies for o in p.signatories} | set(order.signatures)
    offices = _offices(uow, org, named)
    in_post = {k for k, o in offices.items() if o.active}
    signatures = tuple(
        SignatureView(s.office, s.holder, s.given, s.reason, s.on_paper, s.office in in_post)
        for s in order.signatures.values()
    )
    return OrderView(
        order.key,
        order.issuer,
        order.office,
        order.type,
        order.addressees,
        order.content,
        signatures,
        tuple(order.sign_offs.values()),
        evaluate_all(order, allegiances, policies, in_post),
    )


@operation("order.show", command=c.ShowOrder, permission=Permission.MEMBER)
def show_order(cmd: c.ShowOrder, ctx: Context) -> OrderView:
    """An order: its signatures, and whether it binds each addressee, with the reasons."""
    return order_view(ctx.uow, cmd.org, load_order(ctx.uow, cmd.org, cmd.order))


# -- countersign policies ---------------------------------------------------------------
def _issuer_known(ctx: Context, org: Organisation, key: str, policy: str) -> None:
    if key in org.bodies or events_of(ctx.uow, org.key, f"office:{key}"):
        return
    raise NotFound(f"policy {policy}: issuer {key!r} is neither a body nor an office")


@operation("policy.set", command=c.SetPolicy, permission=Permission.BODY_SECRETARY)
def set_policy(cmd: c.SetPolicy, ctx: Context) -> None:
    """A body sets or replaces a countersign policy: k of n offices, or a body's sign-off."""
    org = ctx.uow.orgs.get(cmd.org)
    org.body(cmd.body)
    check_power(ctx, org, cmd.body, Power.COUNTERSIGN)
    for issuer in cmd.issuers:
        _issuer_known(ctx, org, issuer, f"{cmd.body}/{cmd.key}")
    for unit in cmd.addressees:
        org.body(unit)
    if cmd.sign_off is not None:
        org.body(cmd.sign_off)
    signatories = [load_office(ctx.uow, cmd.org, key) for key in cmd.signatories]
    book = load_policies(ctx.uow, cmd.org, cmd.body)
    book.set(
        cmd.key,
        types=cmd.types,
        issuers=cmd.issuers,
        addressees=cmd.addressees,
        signatories=signatories,
        needed=cmd.needed,
        sign_off=cmd.sign_off,
        note=cmd.note,
    )
    org.pending.extend(book.pending)


@operation("policy.revoke", command=c.RevokePolicy, permission=Permission.BODY_SECRETARY)
def revoke_policy(cmd: c.RevokePolicy, ctx: Context) -> None:
    """A body revokes one of its countersign policies."""
    org = ctx.uow.orgs.get(cmd.org)
    org.body(cmd.body)
    check_power(ctx, org, cmd.body, Power.COUNTERSIGN)
    book = load_policies(ctx.uow, cmd.org, cmd.body)
    book.revoke(cmd.key, cmd.reason)
    org.pending.extend(book.pending)


# -- allegiance -----------------------------------------------------------------------
@operation(
    "allegiance.declare",
    command=c.DeclareAllegiance,
    permission=Permission.BODY_SECRETARY,
    scope=_unit,
)
def declare_allegiance(cmd: c.DeclareAllegiance, ctx: Context) -> None:
    """A unit declares it obeys an authority, or accepts only its countersign."""
    org = ctx.uow.orgs.get(cmd.org)
    org.body(cmd.unit)
    org.body(cmd.authority)
    allegiance = load_allegiance(ctx.uow, cmd.org, cmd.unit)
    allegiance.declare(cmd.authority, cmd.kind, cmd.types, cmd.note)
    org.pending.extend(allegiance.pending)


@operation(
    "allegiance.withdraw",
    command=c.WithdrawAllegiance,
    permission=Permission.BODY_SECRETARY,
    scope=_unit,
)
def withdraw_allegiance(cmd: c.WithdrawAllegiance, ctx: Context) -> None:
    """A unit no longer recognises an authority."""
    org = ctx.uow.orgs.get(cmd.org)
    org.body(cmd.unit)
    allegiance = load_allegiance(ctx.uow, cmd.org, cmd.unit)
    allegiance.withdraw(cmd.authority, cmd.note)
    org.pending.extend(allegiance.pending)


@dataclass(frozen=True)
class AllegianceView:
    unit: str
    authorities: tuple[tuple[str, str, tuple[str, ...]], ...]  # (authority, kind, types)
    summary: str


@operation("allegiance.show", command=c.ShowAllegiance, permission=Permission.MEMBER)
def show_allegiance(cmd: c.ShowAllegiance, ctx: Context) -> AllegianceView:
    """The authorities a unit recognises, and for which orders."""
    ctx.uow.orgs.read(cmd.org).body(cmd.unit)
    allegiance = load_allegiance(ctx.uow, cmd.org, cmd.unit)
    return AllegianceView(
        cmd.unit,
        tuple(
            (r.authority, str(r.kind), r.types) for _, r in sorted(allegiance.authorities.items())
        ),
        allegiance.describe(),
    )
