"""Operations that build an organisation's structure."""

from __future__ import annotations

from sovet.domain.errors import AlreadyExists
from sovet.domain.organisation import Organisation
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.permissions import Permission


@operation("org.create", command=c.CreateOrganisation, permission=Permission.SITE_ADMIN)
def create_organisation(cmd: c.CreateOrganisation, ctx: Context) -> str:
    """Create an organisation with its own ledger chain."""
    if ctx.uow.orgs.exists(cmd.key):
        raise AlreadyExists(f"organisation {cmd.key!r} already exists")
    ctx.uow.orgs.add(Organisation.create(cmd.key, cmd.name, cmd.calendar))
    return cmd.key


@operation("body.create", command=c.CreateBody, permission=Permission.ORG_ADMIN)
def create_body(cmd: c.CreateBody, ctx: Context) -> str:
    """Create a body (council, congress, executive, section, unit, ...)."""
    ctx.uow.orgs.get(cmd.org).create_body(
        cmd.key,
        cmd.name,
        cmd.kind,
        level=cmd.level,
        seat_rule=cmd.seat_rule,
        size=cmd.size,
        method=cmd.method,
        curiae=cmd.curiae,
        membership=cmd.membership,
    )
    return cmd.key


@operation("body.set-status", command=c.SetBodyStatus, permission=Permission.ORG_ADMIN)
def set_body_status(cmd: c.SetBodyStatus, ctx: Context) -> None:
    """Record a body as constituted, a private conference, or defunct."""
    ctx.uow.orgs.get(cmd.org).set_body_status(cmd.key, cmd.status)


@operation("body.link", command=c.LinkBodies, permission=Permission.ORG_ADMIN)
def link_bodies(cmd: c.LinkBodies, ctx: Context) -> None:
    """Link two bodies (section of, elects, controls, ...); no cycles in the hierarchy."""
    ctx.uow.orgs.get(cmd.org).link(cmd.source, cmd.target, cmd.kind)


@operation("norm.set", command=c.SetNorm, permission=Permission.ORG_ADMIN)
def set_norm(cmd: c.SetNorm, ctx: Context) -> None:
    """Define or redefine a representation norm."""
    ctx.uow.orgs.get(cmd.org).set_norm(
        cmd.key,
        cmd.kind,
        seats=cmd.seats,
        per=cmd.per,
        minimum=cmd.minimum,
        maximum=cmd.maximum,
        rounding=cmd.rounding,
        curia=cmd.curia,
    )


@operation("constituency.create", command=c.CreateConstituency, permission=Permission.ORG_ADMIN)
def create_constituency(cmd: c.CreateConstituency, ctx: Context) -> None:
    """Let a roll or a lower body fill seats of a body under a norm."""
    ctx.uow.orgs.get(cmd.org).create_constituency(
        cmd.key,
        cmd.body,
        cmd.source,
        norm=cmd.norm,
        curia=cmd.curia,
        membership_override=cmd.membership_override,
    )


@operation("faction.create", command=c.CreateFaction, permission=Permission.ORG_ADMIN)
def create_faction(cmd: c.CreateFaction, ctx: Context) -> None:
    """Create a faction (a party group or caucus)."""
    ctx.uow.orgs.get(cmd.org).create_faction(cmd.key, cmd.name, party=cmd.party, parent=cmd.parent)


@operation("faction.split", command=c.SplitFaction, permission=Permission.ORG_ADMIN)
def split_faction(cmd: c.SplitFaction, ctx: Context) -> None:
    """Split a faction: the named members leave it to form a new one."""
    org = ctx.uow.orgs.get(cmd.org)
    members = [ctx.uow.members.get(cmd.org, n) for n in cmd.members]
    org.split_faction(cmd.faction, cmd.new_key, cmd.new_name, members)
