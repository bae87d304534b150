"""The actor the bus checks, built from an account, its roles and a token's scope."""

from __future__ import annotations

from collections.abc import Iterable

from sovet.accounts.model import Account
from sovet.domain.events import Event
from sovet.domain.roles import MemberRoles
from sovet.services.permissions import Actor, Role

ANONYMOUS = Actor("anonymous")


def actor_for(
    account: Account,
    role_events: Iterable[Event] = (),
    *,
    operations: frozenset[str] | None = None,
    orgs: frozenset[str] | None = None,
) -> Actor:
    """A site administrator may do anything (``is_allowed``); a member acts in their
    organisation with the roles their stream ``roles:<member>`` holds: the
    organisation's ``administrator`` and ``auditor`` roles, and each body's roles. A
    token's scope (``operations``, ``orgs``) narrows that, never widens it."""
    if account.site_admin:
        return Actor(account.login, site_admin=True, operations=operations, orgs=orgs)
    org, member = account.org, account.member
    if org is None or member is None:
        return Actor(account.login, operations=operations, orgs=orgs)
    roles = MemberRoles.replay(member, role_events)
    own = roles.in_organisation()
    return Actor(
        account.login,
        member=member,
        member_of=frozenset({org}),
        admin_of=frozenset({org}) if "administrator" in own else frozenset(),
        auditor_of=frozenset({org}) if "auditor" in own else frozenset(),
        roles={
            (org, body): frozenset(Role(r) for r in held)
            for body, held in roles.in_bodies().items()
        },
        operations=operations,
        orgs=orgs,
    )
