"""The roles a member holds: per body and per organisation.

DESIGN.md (Security): "Roles are per body (member, deputy, chair, secretary,
credentials commission, commissar, auditor) and per organisation (administrator)".
Membership itself is the roll (``member.add``), so it is no role here; an
organisation may also name auditors, who read and verify its record (M28: a record
that "entitled members can verify and replay").

The rules:

1. a body role is one of ``BODY_ROLES`` and names a body of the organisation; an
   organisation role is one of ``ORG_ROLES`` and names no body;
2. a member holds a role in a place once: granting it again is refused
   (:class:`AlreadyExists`), and only a role held can be revoked (:class:`NotFound`);
3. every grant and revocation is an act of the organisation, recorded in its ledger
   (M28: every "appointment" is on the record), and the roles held are the replay of
   the member's stream ``roles:<member>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound
from sovet.domain.events import Event
from sovet.domain.keys import check_key
from sovet.domain.members import check_member_number
from sovet.domain.organisation import Organisation
from sovet.domain.role_events import RoleGranted, RoleRevoked

BODY_ROLES = ("chair", "secretary", "credentials", "deputy", "commissar", "auditor")
ORG_ROLES = ("administrator", "auditor")


@dataclass(frozen=True)
class RoleHeld:
    member: str
    role: str
    body: str | None = None


def _place(body: str | None) -> str:
    return f"body {body}" if body is not None else "the organisation"


@dataclass
class MemberRoles:
    """The roles one member holds, as ``(body or None, role)`` pairs."""

    member: str
    held: set[tuple[str | None, str]] = field(default_factory=set)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def replay(cls, member: str, events: Iterable[Event]) -> MemberRoles:
        roles = cls(member)
        for event in events:
            roles.apply(event)
        return roles

    def apply(self, event: Event) -> None:
        if isinstance(event, RoleGranted):
            self.held.add((event.body, event.role))
        elif isinstance(event, RoleRevoked):
            self.held.discard((event.body, event.role))

    def grant(self, org: Organisation, role: str, body: str | None = None) -> RoleGranted:
        """Grant ``role`` in ``body`` (or in the organisation); rules 1 and 2."""
        check_member_number(self.member)
        self._check(org, role, body)
        if (body, role) in self.held:
            raise AlreadyExists(
                f"member {self.member} already holds the role {role} in {_place(body)}"
            )
        event = RoleGranted(self.member, role, body)
        self.apply(event)
        self.pending.append(event)
        return event

    def revoke(self, role: str, body: str | None = None, reason: str = "") -> RoleRevoked:
        """Revoke a role the member holds (rule 2)."""
        if (body, role) not in self.held:
            raise NotFound(f"member {self.member} holds no role {role!r} in {_place(body)}")
        if len(reason) > 4000:
            raise InvalidInput(f"the reason for revoking {role} is longer than 4000 characters")
        event = RoleRevoked(self.member, role, body, reason.strip())
        self.apply(event)
        self.pending.append(event)
        return event

    def in_organisation(self) -> frozenset[str]:
        return frozenset(role for body, role in self.held if body is None)

    def in_bodies(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for body, role in self.held:
            if body is not None:
                out.setdefault(body, set()).add(role)
        return {body: frozenset(roles) for body, roles in out.items()}

    def listed(self) -> list[RoleHeld]:
        return [
            RoleHeld(self.member, role, body)
            for body, role in sorted(self.held, key=lambda p: (p[0] or "", p[1]))
        ]

    @staticmethod
    def _check(org: Organisation, role: str, body: str | None) -> None:
        if body is None:
            if role not in ORG_ROLES:
                raise InvalidInput(
                    f"{role!r} is no role in an organisation; expected one of: "
                    + ", ".join(ORG_ROLES)
                    + " (a body role names its body)"
                )
            return
        check_key(body, "body")
        if body not in org.bodies:
            raise NotFound(f"organisation {org.key} has no body {body!r}")
        if role not in BODY_ROLES:
            raise InvalidInput(
                f"{role!r} is no role in body {body}; expected one of: " + ", ".join(BODY_ROLES)
            )
