"""Who may do what: permissions declared per operation, checked in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fnmatch import fnmatchcase

from sovet.domain.errors import NotEntitled


class Permission(StrEnum):
    """What an operation requires of its actor."""

    SITE_ADMIN = "site-admin"  # create organisations
    ORG_ADMIN = "org-admin"  # build an organisation's structure, import rolls
    BODY_CHAIR = "body-chair"  # run a body's sittings and polls
    BODY_SECRETARY = "body-secretary"
    CREDENTIALS = "credentials"  # the credentials commission of a body
    MEMBER = "member"  # any member of the organisation
    AUDITOR = "auditor"  # read and verify the record
    PUBLIC = "public"  # anyone, e.g. read a published decree


class Role(StrEnum):
    CHAIR = "chair"
    SECRETARY = "secretary"
    CREDENTIALS = "credentials"
    DEPUTY = "deputy"
    COMMISSAR = "commissar"
    AUDITOR = "auditor"


_BODY_ROLES: Mapping[Permission, frozenset[Role]] = {
    Permission.BODY_CHAIR: frozenset({Role.CHAIR}),
    Permission.BODY_SECRETARY: frozenset({Role.CHAIR, Role.SECRETARY}),
    Permission.CREDENTIALS: frozenset({Role.CHAIR, Role.CREDENTIALS}),
}


@dataclass(frozen=True)
class Actor:
    """The one acting: a member of some organisations, with roles per body."""

    id: str
    member: str | None = None  # the actor's member number, where they are a member
    site_admin: bool = False
    admin_of: frozenset[str] = frozenset()
    member_of: frozenset[str] = frozenset()
    auditor_of: frozenset[str] = frozenset()
    roles: Mapping[tuple[str, str], frozenset[Role]] = field(default_factory=dict)
    # An API token's scope narrows what its holder may do: the operations (names or
    # patterns such as "poll.*") and the organisations it may act in; None: no limit.
    operations: frozenset[str] | None = None
    orgs: frozenset[str] | None = None

    @classmethod
    def operator(cls) -> Actor:
        """The person at the console of a local installation: administers everything."""
        return cls(id="operator", site_admin=True)

    def ledger_name(self) -> str:
        return self.id


def is_allowed(actor: Actor, permission: Permission, org: str | None, body: str | None) -> bool:
    """The single permission rule (STYLE.md: permission checked in one place).

    A site administrator may do anything; an organisation's administrator anything
    within it; body roles grant body permissions; members and auditors of an
    organisation get the member and auditor permissions there.
    """
    if permission is Permission.PUBLIC or actor.site_admin:
        return True
    if org is None:
        return False
    if org in actor.admin_of:
        return True
    if permission is Permission.MEMBER:
        return org in actor.member_of
    if permission is Permission.AUDITOR:
        return org in actor.auditor_of
    if permission in _BODY_ROLES and body is not None:
        return bool(actor.roles.get((org, body), frozenset()) & _BODY_ROLES[permission])
    return False


def in_scope(actor: Actor, op: str, org: str | None, permission: Permission) -> bool:
    """Whether a scoped actor (an API token) may use operation ``op`` in ``org``: the
    operation matches one of its patterns, and the organisation is one of its own; an
    operation naming no organisation is within an organisation scope only when public."""
    if actor.operations is not None and not any(
        fnmatchcase(op, pattern) for pattern in actor.operations
    ):
        return False
    if actor.orgs is None:
        return True
    return org in actor.orgs if org is not None else permission is Permission.PUBLIC


def require(
    actor: Actor, permission: Permission, op: str, org: str | None, body: str | None
) -> None:
    if not in_scope(actor, op, org, permission):
        where = f" in organisation {org}" if org else ""
        raise NotEntitled(f"{actor.id} may not {op}{where}: outside the scope of its token")
    if not is_allowed(actor, permission, org, body):
        where = f" in organisation {org}" if org else ""
        where += f", body {body}" if body else ""
        raise NotEntitled(f"{actor.id} may not {op}{where}: it needs {permission}")
