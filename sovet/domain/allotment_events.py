"""Events of seat allotments among factions and of the seat offers (M05).

Each ``op`` is also the dotted name of the operation that records it. Every event
belongs to its allotment's stream ``allotment:<key>``, from which the services
rebuild it. Times are UTC text ``YYYY-MM-DDTHH:MM:SS.ffffffZ``; a count's result is
canonical JSON text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event

Shares = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class AllotmentCreated(Event):
    """A presidium's or executive's ``seats`` are to be allotted among factions."""

    op: ClassVar[str] = "allotment.create"

    key: str
    body: str
    seats: int

    def stream(self) -> str:
        return f"allotment:{self.key}"

    def subjects(self) -> tuple[str, ...]:
        return (f"allotment:{self.key}", f"body:{self.body}")


@dataclass(frozen=True)
class AllotmentComputed(Event):
    """Seats apportioned by ``method`` on faction ``sizes`` recorded at ``at``; each
    allotted seat is thereby offered to its faction."""

    op: ClassVar[str] = "allotment.compute"

    allotment: str
    method: str
    base_kind: str
    at: str
    sizes: Shares
    allocation: Shares
    threshold: str
    summary: str
    result: str

    def stream(self) -> str:
        return f"allotment:{self.allotment}"

    def subjects(self) -> tuple[str, ...]:
        return (f"allotment:{self.allotment}",)


@dataclass(frozen=True)
class AllotmentAgreed(Event):
    """Seats allotted by a recorded agreement with its ``justification``; the base
    (``sizes`` at ``at``) is kept when one was given, for comparison."""

    op: ClassVar[str] = "allotment.agree"

    allotment: str
    allocation: Shares
    justification: str
    sizes: Shares = ()
    base_kind: str | None = None
    at: str | None = None

    def stream(self) -> str:
        return f"allotment:{self.allotment}"

    def subjects(self) -> tuple[str, ...]:
        return (f"allotment:{self.allotment}",)


@dataclass(frozen=True)
class SeatAccepted(Event):
    """``faction`` takes up ``seat`` with ``holder``, who gets mandate ``mandate``."""

    op: ClassVar[str] = "allotment.accept"

    allotment: str
    faction: str
    seat: int
    holder: str
    mandate: str

    def stream(self) -> str:
        return f"allotment:{self.allotment}"

    def subjects(self) -> tuple[str, ...]:
        return (
            f"allotment:{self.allotment}",
            f"faction:{self.faction}",
            f"mandate:{self.mandate}",
            f"member:{self.holder}",
        )


@dataclass(frozen=True)
class SeatsDeclined(Event):
    """``faction`` declines ``seats``; they return to the body (``reason`` if lapsed)."""

    op: ClassVar[str] = "allotment.decline"

    allotment: str
    faction: str
    seats: tuple[int, ...]
    reason: str = ""

    def stream(self) -> str:
        return f"allotment:{self.allotment}"

    def subjects(self) -> tuple[str, ...]:
        return (f"allotment:{self.allotment}", f"faction:{self.faction}")


@dataclass(frozen=True)
class SeatsDeferred(Event):
    """``faction`` has not decided: the offer of ``seats`` stays open, until
    ``deadline`` if one is set."""

    op: ClassVar[str] = "allotment.defer"

    allotment: str
    faction: str
    seats: tuple[int, ...]
    deadline: str | None = None

    def stream(self) -> str:
        return f"allotment:{self.allotment}"

    def subjects(self) -> tuple[str, ...]:
        return (f"allotment:{self.allotment}", f"faction:{self.faction}")


@dataclass(frozen=True)
class SeatReassigned(Event):
    """The body gives a declined ``seat`` of ``old`` to ``new``, which it is offered to."""

    op: ClassVar[str] = "allotment.reassign"

    allotment: str
    seat: int
    old: str
    new: str

    def stream(self) -> str:
        return f"allotment:{self.allotment}"

    def subjects(self) -> tuple[str, ...]:
        return (f"allotment:{self.allotment}", f"faction:{self.old}", f"faction:{self.new}")


@dataclass(frozen=True)
class SeatsReserved(Event):
    """``seats`` are held for ``faction``, absent now, to claim later."""

    op: ClassVar[str] = "allotment.reserve"

    allotment: str
    faction: str
    seats: tuple[int, ...]

    def stream(self) -> str:
        return f"allotment:{self.allotment}"

    def subjects(self) -> tuple[str, ...]:
        return (f"allotment:{self.allotment}", f"faction:{self.faction}")


@dataclass(frozen=True)
class SeatClaimed(Event):
    """``faction`` claims its reserved ``seat`` with ``holder`` (mandate ``mandate``)."""

    op: ClassVar[str] = "allotment.claim"

    allotment: str
    faction: str
    seat: int
    holder: str
    mandate: str

    def stream(self) -> str:
        return f"allotment:{self.allotment}"

    def subjects(self) -> tuple[str, ...]:
        return (
            f"allotment:{self.allotment}",
            f"faction:{self.faction}",
            f"mandate:{self.mandate}",
            f"member:{self.holder}",
        )
