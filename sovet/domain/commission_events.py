"""Events of commissions (M15). Each belongs to the stream ``commission:<body>``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class CommissionCreated(Event):
    """``parent`` creates commission ``body`` by resolution, with its regulations: the
    ``mandate``, delegated ``powers``, ``reporting`` duty, and ``seats`` allotted to
    organisations as (organisation, number) pairs."""

    op: ClassVar[str] = "commission.create"

    body: str
    parent: str
    mandate: str
    powers: tuple[str, ...]
    reporting: str
    seats: tuple[tuple[str, int], ...]
    resolution: str = ""

    def stream(self) -> str:
        return f"commission:{self.body}"

    def subjects(self) -> tuple[str, ...]:
        out = (f"commission:{self.body}", f"body:{self.body}", f"body:{self.parent}")
        return out + tuple(f"body:{org}" for org, _ in self.seats)


@dataclass(frozen=True)
class CommissionSeatFilled(Event):
    """``organisation`` fills one of its seats with member ``member``."""

    op: ClassVar[str] = "commission.fill-seat"

    commission: str
    organisation: str
    member: str

    def stream(self) -> str:
        return f"commission:{self.commission}"

    def subjects(self) -> tuple[str, ...]:
        return (
            f"commission:{self.commission}",
            f"body:{self.organisation}",
            f"member:{self.member}",
        )


@dataclass(frozen=True)
class CommissionBoycotted(Event):
    """``organisation`` boycotts the commission: its unfilled seats stay empty."""

    op: ClassVar[str] = "commission.boycott"

    commission: str
    organisation: str
    reason: str

    def stream(self) -> str:
        return f"commission:{self.commission}"

    def subjects(self) -> tuple[str, ...]:
        return (f"commission:{self.commission}", f"body:{self.organisation}")


@dataclass(frozen=True)
class DepartmentAdded(Event):
    """A department of the commission (defence, supplies, communications, ...)."""

    op: ClassVar[str] = "commission.add-department"

    commission: str
    key: str
    name: str
    head: str | None = None

    def stream(self) -> str:
        return f"commission:{self.commission}"

    def subjects(self) -> tuple[str, ...]:
        out = (f"commission:{self.commission}", f"department:{self.commission}.{self.key}")
        return out if self.head is None else (*out, f"member:{self.head}")


@dataclass(frozen=True)
class BureauFormed(Event):
    """The bureau that works between the commission's plenaries: its ``members`` (seat
    holders) and its ``president``. Replaces any earlier bureau."""

    op: ClassVar[str] = "commission.form-bureau"

    commission: str
    members: tuple[str, ...]
    president: str

    def stream(self) -> str:
        return f"commission:{self.commission}"

    def subjects(self) -> tuple[str, ...]:
        return (f"commission:{self.commission}", *(f"member:{m}" for m in self.members))
