"""Operations of roles and invitations: who may act for a body or the organisation,
and how a member of the roll comes to have an account.

Roles are kept per member as the stream ``roles:<member>`` (see
:mod:`sovet.domain.roles`); the accounts service replays it to build the actor the bus
checks. An invitation is a one-time link: the link's secret goes back to whoever
invited, once, and the store keeps only its digest, with its expiry; it stays out of
the ledger, as passwords, sessions and tokens do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound
from sovet.domain.members import check_member_number
from sovet.domain.roles import MemberRoles, RoleHeld
from sovet.services import commands as c
from sovet.services.bus import Context, operation
from sovet.services.handlers.lookups import require_organisation
from sovet.services.permissions import Permission
from sovet.services.ports import UnitOfWork
from sovet.services.tokens import digest, new_secret

MAX_INVITATION_DAYS = 90


def load_roles(uow: UnitOfWork, org: str, member: str) -> MemberRoles:
    """The member's roles, replayed from their stream (none while it is empty)."""
    try:
        events = uow.streams.load(org, f"roles:{member}")
    except NotFound:
        events = []
    return MemberRoles.replay(member, events)


@operation("role.grant", command=c.GrantRole, permission=Permission.ORG_ADMIN)
def grant_role(cmd: c.GrantRole, ctx: Context) -> RoleHeld:
    """Grant a member a role in a body or in the organisation."""
    org = ctx.uow.orgs.get(cmd.org)
    ctx.uow.members.get(cmd.org, check_member_number(cmd.member))
    roles = load_roles(ctx.uow, cmd.org, cmd.member)
    roles.grant(org, cmd.role, cmd.body)
    org.pending.extend(roles.pending)
    return RoleHeld(cmd.member, cmd.role, cmd.body)


@operation("role.revoke", command=c.RevokeRole, permission=Permission.ORG_ADMIN)
def revoke_role(cmd: c.RevokeRole, ctx: Context) -> RoleHeld:
    """Revoke a role a member holds."""
    org = ctx.uow.orgs.get(cmd.org)
    roles = load_roles(ctx.uow, cmd.org, check_member_number(cmd.member))
    roles.revoke(cmd.role, cmd.body, cmd.reason)
    org.pending.extend(roles.pending)
    return RoleHeld(cmd.member, cmd.role, cmd.body)


@operation("role.list", command=c.ListRoles, permission=Permission.MEMBER)
def list_roles(cmd: c.ListRoles, ctx: Context) -> list[RoleHeld]:
    """The roles held in the organisation, member by member."""
    require_organisation(ctx.uow, cmd.org)
    members = [cmd.member] if cmd.member is not None else ctx.uow.streams.keys(cmd.org, "roles")
    return [held for m in members for held in load_roles(ctx.uow, cmd.org, m).listed()]


@dataclass(frozen=True)
class Invitation:
    """A one-time link's secret for ``member``: shown once, kept only as its digest."""

    member: str
    secret: str
    expires: datetime


@operation("account.invite", command=c.InviteMembers, permission=Permission.ORG_ADMIN)
def invite_members(cmd: c.InviteMembers, ctx: Context) -> list[Invitation]:
    """Invite members of the roll to open their accounts with one-time links."""
    require_organisation(ctx.uow, cmd.org)
    days = cmd.valid_days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_INVITATION_DAYS:
        raise InvalidInput(
            f"an invitation is valid for 1 to {MAX_INVITATION_DAYS} days, not {days!r}"
        )
    if not cmd.members:
        raise InvalidInput("name at least one member to invite")
    if len(set(cmd.members)) != len(cmd.members):
        raise InvalidInput("a member is named twice among those invited")
    now = ctx.clock()
    expires = now + timedelta(days=days)
    out = []
    for number in cmd.members:
        ctx.uow.members.get(cmd.org, check_member_number(number))
        login = ctx.uow.accounts.login_of(cmd.org, number)
        if login is not None:
            raise AlreadyExists(f"member {number} of {cmd.org} already has the account {login}")
        secret = new_secret()
        ctx.uow.accounts.add_invitation(cmd.org, number, digest(secret), now, expires)
        out.append(Invitation(number, secret, expires))
    return out
