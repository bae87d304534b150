"""Events of elections of mandates (M03, M04): opened, declared, a list successor seated.

Each ``op`` is also the dotted name of the operation that records it.
Every event belongs to its election's stream ``election:<key>``, from which
the services rebuild it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event

# (mandate key, holder's member number, faction or None), in order of election.
SeatRow = tuple[str, str, str | None]


@dataclass(frozen=True)
class ElectionOpened(Event):
    """An election is opened with its candidates (or party lists) fixed.

    ``lists`` holds ``(faction, (member, ...))`` pairs, each list in its order;
    ``threshold`` is a share of the list votes as ``"p/q"``; ``term_ends`` a UTC time
    ``YYYY-MM-DDTHH:MM:SS.ffffffZ``; ``vacancy`` the mandate whose seat a by-election
    fills.
    """

    op: ClassVar[str] = "election.open"

    key: str
    body: str
    constituency: str | None
    seats: int
    method: str
    candidates: tuple[str, ...] = ()
    candidate_factions: tuple[tuple[str, str], ...] = ()
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    apportionment: str | None = None
    threshold: str = "0"
    term_ends: str | None = None
    vacancy: str | None = None

    def stream(self) -> str:
        return f"election:{self.key}"

    def subjects(self) -> tuple[str, ...]:
        out = [f"election:{self.key}", f"body:{self.body}"]
        if self.constituency is not None:
            out.append(f"constituency:{self.constituency}")
        if self.vacancy is not None:
            out.append(f"mandate:{self.vacancy}")
        return tuple(out)


@dataclass(frozen=True)
class ElectionDeclared(Event):
    """The ballots were counted and the winners declared, in order of election.

    ``seated`` rows are ``(mandate key, holder, faction)``: the mandates the services
    record with ``mandate.record``. ``result`` is the count's canonical JSON text
    (every round); ``ballots`` the weight of ballots (or list votes) counted. For a
    party-list election ``allocation`` holds seats per list, ``skipped`` the
    ``(faction, candidate)`` passed over as no longer eligible, ``unfilled`` the
    ``(faction, seats)`` a list was too short to fill.
    """

    op: ClassVar[str] = "election.declare"

    election: str
    method: str
    seated: tuple[SeatRow, ...]
    ballots: int
    summary: str
    result: str
    allocation: tuple[tuple[str, int], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    unfilled: tuple[tuple[str, int], ...] = ()

    @property
    def winners(self) -> tuple[str, ...]:
        return tuple(row[1] for row in self.seated)

    def stream(self) -> str:
        return f"election:{self.election}"

    def subjects(self) -> tuple[str, ...]:
        return (f"election:{self.election}", *(f"mandate:{row[0]}" for row in self.seated))


@dataclass(frozen=True)
class ListSuccessorSeated(Event):
    """A seat vacated by ``vacated`` (holder of ``vacated_mandate``) goes to the next
    unelected, eligible candidate of the same list (M04); ``skipped`` names those
    passed over as no longer eligible."""

    op: ClassVar[str] = "election.fill-from-list"

    election: str
    vacated: str
    vacated_mandate: str
    successor: str
    faction: str
    mandate: str
    skipped: tuple[str, ...] = ()

    def stream(self) -> str:
        return f"election:{self.election}"

    def subjects(self) -> tuple[str, ...]:
        return (
            f"election:{self.election}",
            f"mandate:{self.vacated_mandate}",
            f"mandate:{self.mandate}",
            f"member:{self.successor}",
        )
