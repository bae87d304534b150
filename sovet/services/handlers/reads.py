"""Read operations: the structure tree, exports, and the ledger's replay."""

from __future__ import annotations

from dataclasses import dataclass, field

from sovet.domain import events as ev
from sovet.domain.organisation import Organisation
from sovet.domain.replica import Replica, decree_records, differences, records, snapshot
from sovet.domain.seats import BodySeats, compute_seats
from sovet.domain.structure import LinkKind, SeatRule
from sovet.ledger import Entry, verify
from sovet.ledger.canonical import thaw
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.lookups import require_organisation
from sovet.services.orgfile import export
from sovet.services.permissions import Permission


@dataclass(frozen=True)
class TreeNode:
    key: str
    name: str
    kind: str
    status: str
    seats: BodySeats
    children: tuple[TreeNode, ...] = ()
    elected: tuple[TreeNode, ...] = ()
    repeated: bool = False
    seated: bool = True  # whether the body has seats of its own to show


@dataclass(frozen=True)
class Tree:
    org: str
    name: str
    roots: tuple[TreeNode, ...]
    members: int


def build_tree(org: Organisation, direct: dict[str, int]) -> Tree:
    """Bodies from the top down: a body's children are its sections and the bodies that
    send it delegates; the bodies it elects hang beside them. A body reached twice (it
    sends delegates to two bodies) is shown again as a reference, not expanded twice."""
    seats = compute_seats(org, direct)
    elects: dict[str, list[str]] = {}
    for link in org.links:
        if link.kind is LinkKind.ELECTS:
            elects.setdefault(link.source, []).append(link.target)
    below = {child for key in org.bodies for child in org.children(key)}
    below |= {target for targets in elects.values() for target in targets}
    height: dict[str, int] = {}

    def tall(key: str) -> int:
        if key not in height:
            height[key] = 1 + max((tall(k) for k in org.children(key)), default=0)
        return height[key]

    expanded: set[str] = set()

    def node(key: str) -> TreeNode:
        body = org.bodies[key]
        seated = body.seat_rule is not SeatRule.SUM or bool(org.children(key))
        base = dict(
            key=key,
            name=body.name,
            kind=str(body.kind),
            status=str(body.status),
            seats=seats[key],
            seated=seated,
        )
        if key in expanded:
            return TreeNode(**base, repeated=True)  # type: ignore[arg-type]
        expanded.add(key)
        kids = tuple(node(k) for k in dict.fromkeys(org.children(key)))
        chosen = tuple(node(k) for k in elects.get(key, ()))
        return TreeNode(**base, children=kids, elected=chosen)  # type: ignore[arg-type]

    tops = sorted(
        (k for k in org.bodies if k not in below),
        key=lambda k: (-tall(k), -seats[k].membership),
    )
    roots = tuple(node(k) for k in tops)
    return Tree(org.key, org.name, roots, sum(direct.values()))


@operation("org.tree", command=c.ShowTree, permission=Permission.MEMBER)
def show_tree(cmd: c.ShowTree, ctx: Context) -> Tree:
    """The organisation's bodies with their seats and represented membership."""
    org = ctx.uow.orgs.read(cmd.org)
    return build_tree(org, ctx.uow.members.direct_membership(cmd.org))


@operation("org.list", command=c.ListOrganisations, permission=Permission.PUBLIC)
def list_organisations(cmd: c.ListOrganisations, ctx: Context) -> list[str]:
    """The keys of every organisation in this installation."""
    return ctx.uow.orgs.keys()


@operation("org.export", command=c.ExportOrganisation, permission=Permission.AUDITOR)
def export_organisation(cmd: c.ExportOrganisation, ctx: Context) -> dict[str, object]:
    """The whole organisation as a document that ``org.import`` accepts."""
    org = ctx.uow.orgs.read(cmd.org)
    return export(org, ctx.uow.members.all(cmd.org), ctx.uow.mandates.all(cmd.org))


@operation("ledger.export", command=c.ExportLedger, permission=Permission.AUDITOR)
def export_ledger(cmd: c.ExportLedger, ctx: Context) -> list[Entry]:
    """Every entry of the organisation's chain, in order."""
    require_organisation(ctx.uow, cmd.org)
    return list(ctx.uow.ledger.entries(cmd.org))


@dataclass(frozen=True)
class ReplayReport:
    org: str
    entries: int
    chain_ok: bool
    chain_problem: str | None
    matches: bool
    differences: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.chain_ok and self.matches


@operation("ledger.replay", command=c.ReplayLedger, permission=Permission.AUDITOR)
def replay_ledger(cmd: c.ReplayLedger, ctx: Context) -> ReplayReport:
    """Verify the chain, rebuild the state from it alone, and compare with storage."""
    stored_org = ctx.uow.orgs.read(cmd.org)
    entries = list(ctx.uow.ledger.entries(cmd.org))
    check = verify(entries)
    replica = Replica()
    for entry in entries:
        replica.apply(ev.event_from_entry(entry.op, thaw(entry.payload)))
    b = ctx.uow.ballots
    stored = (
        snapshot(stored_org, ctx.uow.members.all(cmd.org), ctx.uow.mandates.all(cmd.org))
        | records(
            ctx.uow.streams.all(cmd.org),
            b.closed_named(cmd.org),
            b.sealed_secret(cmd.org),
            b.closed_register(cmd.org),
        )
        | decree_records(ctx.uow.decrees.listing(cmd.org), ctx.uow.decrees.receipts(cmd.org))
    )
    rebuilt = replica.snapshot()
    diff = differences(stored, rebuilt)
    return ReplayReport(cmd.org, len(entries), check.ok, check.reason, not diff, tuple(diff))
