"""Commands of roles held by members, and of invitations to members' accounts."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GrantRole", "InviteMembers", "ListRoles", "RevokeRole"]


@dataclass(frozen=True)
class GrantRole:
    """Grant ``role`` to ``member``: in ``body``, or in the organisation when None."""

    org: str
    member: str
    role: str
    body: str | None = None


@dataclass(frozen=True)
class RevokeRole:
    org: str
    member: str
    role: str
    body: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class ListRoles:
    """The roles held in the organisation (by ``member`` only, when named)."""

    org: str
    member: str | None = None


@dataclass(frozen=True)
class InviteMembers:
    """One-time links for ``members`` of the roll to open their accounts, valid for
    ``valid_days`` days."""

    org: str
    members: tuple[str, ...]
    valid_days: int = 7
