"""Members and mandates: who belongs where, who holds which seat, with what credential."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from sovet.domain.errors import InvalidInput, InvalidTransition, MandateRevoked


@dataclass(frozen=True)
class Member:
    """A member on an organisation's roll, attached to one base council (M01).

    ``number`` is the roll number, unique within the organisation.
    """

    number: str
    name: str
    council: str
    faction: str | None = None
    email: str | None = None


def check_member_number(value: str) -> str:
    if not value or len(value) > 40 or any(ch.isspace() for ch in value):
        raise InvalidInput(f"member number {value!r} is invalid: 1-40 characters without spaces")
    return value


class MandateStatus(StrEnum):
    ELECTED = "elected"
    CONFIRMED = "confirmed"
    SUSPENDED = "suspended"
    RECALLED = "recalled"
    RESIGNED = "resigned"
    EXPIRED = "expired"


ENDED = frozenset({MandateStatus.RECALLED, MandateStatus.RESIGNED, MandateStatus.EXPIRED})

# The lifecycle (M03): a mandate is elected, its credentials confirmed, it may be
# suspended and reinstated, and it ends by recall, resignation or expiry at any time.
TRANSITIONS: dict[MandateStatus, frozenset[MandateStatus]] = {
    MandateStatus.ELECTED: frozenset({MandateStatus.CONFIRMED, MandateStatus.SUSPENDED} | ENDED),
    MandateStatus.CONFIRMED: frozenset({MandateStatus.SUSPENDED} | ENDED),
    MandateStatus.SUSPENDED: frozenset({MandateStatus.CONFIRMED} | ENDED),
    MandateStatus.RECALLED: frozenset(),
    MandateStatus.RESIGNED: frozenset(),
    MandateStatus.EXPIRED: frozenset(),
}


class CredentialStatus(StrEnum):
    """A delegate's standing in a sitting: a vote, a voice only, or a guest's seat."""

    VOTING = "voting"
    ADVISORY = "advisory"
    GUEST = "guest"


@dataclass(frozen=True)
class Mandate:
    """A seat in a body held by a member, elected by one constituency (M03-M05, M08)."""

    key: str
    body: str
    constituency: str | None
    holder: str
    faction: str | None = None
    status: MandateStatus = MandateStatus.ELECTED
    credential: CredentialStatus | None = None

    @property
    def active(self) -> bool:
        return self.status not in ENDED

    def moved_to(self, status: MandateStatus) -> Mandate:
        """The lifecycle rule: only the transitions in ``TRANSITIONS`` are allowed."""
        if self.status in ENDED:
            raise MandateRevoked(
                f"mandate {self.key} has ended ({self.status}); it cannot become {status}"
            )
        if status not in TRANSITIONS[self.status]:
            raise InvalidTransition(f"mandate {self.key} cannot go from {self.status} to {status}")
        return replace(self, status=status)

    def with_credential(self, credential: CredentialStatus) -> Mandate:
        if not self.active:
            raise MandateRevoked(
                f"mandate {self.key} has ended ({self.status}); no credential can be issued"
            )
        return replace(self, credential=credential)
