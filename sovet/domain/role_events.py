"""Events of roles held by members: granted and revoked.

Each ``op`` is also the dotted name of the operation that records it. Every event
belongs to the member's stream ``roles:<member>``, from which the services rebuild the
roles the member holds (and with them the actor the bus checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class RoleGranted(Event):
    """``member`` holds ``role`` in ``body``, or in the organisation when ``body`` is None."""

    op: ClassVar[str] = "role.grant"

    member: str
    role: str
    body: str | None = None

    def stream(self) -> str:
        return f"roles:{self.member}"

    def subjects(self) -> tuple[str, ...]:
        out = [f"member:{self.member}"]
        if self.body is not None:
            out.append(f"body:{self.body}")
        return tuple(out)


@dataclass(frozen=True)
class RoleRevoked(Event):
    """``member`` no longer holds ``role`` in ``body`` (or in the organisation)."""

    op: ClassVar[str] = "role.revoke"

    member: str
    role: str
    body: str | None = None
    reason: str = ""

    def stream(self) -> str:
        return f"roles:{self.member}"

    def subjects(self) -> tuple[str, ...]:
        out = [f"member:{self.member}"]
        if self.body is not None:
            out.append(f"body:{self.body}")
        return tuple(out)
