"""Elections of mandates in a constituency (mechanisms M03 and M04).

A constituency elects its deputies by plurality, block plurality, approval, STV
(Scottish rules or Meek), instant runoff, or on party lists (the Petrograd Soviet
elected its Congress delegates on lists: 443 / 162 / 44, fact
``petrograd-soviet-congress-delegate-election``). Lifecycle: an election is opened
with its candidates or lists fixed; its ballots are counted and the winners
declared in one act (:meth:`Election.declare`), every count going through
:mod:`sovet.count`; the winners then become mandates, which the services record with
``mandate.record``. A seat vacated later is filled by a by-election (an election for
one seat naming the vacated mandate) or, in a list election, by the next candidate
on the same list (:meth:`Election.fill_from_list`). The seeds describe no fixed terms
(M03): ``term_ends`` is optional, and :meth:`Election.is_due` tells when a scheduled
re-election is due.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

from sovet.count import ApprovalProfile, RankedProfile, TieBreaker
from sovet.domain import election_count as count
from sovet.domain.election_events import ElectionDeclared, ElectionOpened, ListSuccessorSeated
from sovet.domain.election_opening import ElectionMethod, opening_event
from sovet.domain.errors import InvalidInput, InvalidTransition, ListExhausted, NotFound
from sovet.domain.events import Event
from sovet.domain.exact import optional_time, parse_fraction, utc
from sovet.domain.keys import check_key

__all__ = ["Elected", "Election", "ElectionMethod", "ElectionStatus", "next_on_list"]

Ballots = RankedProfile | ApprovalProfile | Mapping[str, int]


class ElectionStatus(StrEnum):
    OPENED = "opened"
    DECLARED = "declared"


class Elected(NamedTuple):
    """A seat won: the mandate key to record, its holder, and the holder's faction."""

    mandate: str
    holder: str
    faction: str | None


DEFAULT_LIST_METHOD = "sainte-lague"


@dataclass
class Election:
    """An election of ``seats`` mandates of ``body`` by ``constituency`` (M03, M04)."""

    key: str
    body: str
    constituency: str | None
    seats: int
    method: ElectionMethod
    candidates: tuple[str, ...] = ()
    factions: dict[str, str] = field(default_factory=dict)
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    apportionment: str | None = None
    threshold: Fraction = Fraction(0)
    term_ends: datetime | None = None
    vacancy: str | None = None
    status: ElectionStatus = ElectionStatus.OPENED
    seated: list[Elected] = field(default_factory=list)
    vacated: set[str] = field(default_factory=set)
    allocation: dict[str, int] = field(default_factory=dict)
    declared: int = 0
    pending: list[Event] = field(default_factory=list)

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(
        cls,
        key: str,
        body: str,
        constituency: str | None,
        seats: int,
        method: str,
        *,
        candidates: Sequence[str] = (),
        factions: Mapping[str, str] | None = None,
        lists: Mapping[str, Sequence[str]] | None = None,
        apportionment: str = DEFAULT_LIST_METHOD,
        threshold: Fraction = Fraction(0),
        term_ends: datetime | None = None,
        vacancy: str | None = None,
    ) -> Election:
        """Open an election with its candidates fixed.

        Rules: ``seats`` >= 1, and exactly 1 for a single-winner method (plurality,
        IRV). Candidate methods need at least ``seats`` distinct candidates (member
        numbers); ``factions`` may give each candidate's faction. A ``party-list``
        election takes ordered ``lists`` per faction, no member on two lists, an
        apportionment method (default Sainte-Laguë, Sovet's default for bodies; the
        seeds name none) and a threshold share of the list votes in [0, 1).
        Mandate keys are derived as ``f"{key}-{n}"``, so they must be valid keys.
        """
        event = opening_event(
            key,
            body,
            constituency,
            seats,
            method,
            candidates=candidates,
            factions=factions,
            lists=lists,
            apportionment=apportionment,
            threshold=threshold,
            term_ends=term_ends,
            vacancy=vacancy,
        )
        election = cls.from_opened(event)
        election.pending.append(event)
        return election

    @classmethod
    def by_election(
        cls,
        key: str,
        body: str,
        constituency: str | None,
        vacancy: str,
        *,
        candidates: Sequence[str],
        method: str = "plurality",
        factions: Mapping[str, str] | None = None,
        term_ends: datetime | None = None,
    ) -> Election:
        """A by-election: one seat, vacated by the mandate ``vacancy`` (M03).

        Default method plurality; any single-seat-capable candidate method may be
        named (IRV, approval, STV with one seat).
        """
        if method == ElectionMethod.PARTY_LIST:
            raise InvalidInput(f"by-election {key}: a single seat is not filled on lists")
        return cls.open(
            key,
            body,
            constituency,
            1,
            method,
            candidates=candidates,
            factions=factions,
            term_ends=term_ends,
            vacancy=vacancy,
        )

    @classmethod
    def from_opened(cls, event: ElectionOpened) -> Election:
        """The state an :class:`ElectionOpened` event creates (replay starts here)."""
        return cls(
            key=event.key,
            body=event.body,
            constituency=event.constituency,
            seats=event.seats,
            method=ElectionMethod(event.method),
            candidates=tuple(event.candidates),
            factions=dict(event.candidate_factions),
            lists={f: tuple(names) for f, names in event.lists},
            apportionment=event.apportionment,
            threshold=parse_fraction(event.threshold, "threshold"),
            term_ends=optional_time(event.term_ends, "term_ends"),
            vacancy=event.vacancy,
        )

    @classmethod
    def replay(cls, events: Iterable[Event]) -> Election:
        """Rebuild an election from its events, the first being its opening."""
        stream = iter(events)
        first = next(stream, None)
        if not isinstance(first, ElectionOpened):
            raise InvalidInput("an election's first event must be election.open")
        election = cls.from_opened(first)
        for event in stream:
            election.apply(event)
        return election

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    # -- declaring -----------------------------------------------------------
    def declare(
        self,
        ballots: Ballots,
        *,
        ineligible: Collection[str] = (),
        ties: TieBreaker | None = None,
    ) -> list[Elected]:
        """Count the ballots and declare the winners in order of election (M03, M04).

        Candidate methods take a ranked or approval profile of the election's
        candidates (an ineligible candidate must have been left out of it) and call
        the registered method of :mod:`sovet.count`. A party-list election takes the
        votes per list: seats are apportioned among the lists with the election's
        method and threshold, then filled down each list in its order, skipping
        candidates in ``ineligible``; seats a list is too short to fill stay vacant
        and are recorded as unfilled (they may be filled by by-election). Ties
        follow ``ties`` (default: forward, then lot with seed 0), recorded in the
        result. Returns the seats to record as mandates.
        """
        self._require(ElectionStatus.OPENED, "declared")
        if self.method is ElectionMethod.PARTY_LIST:
            if not isinstance(ballots, Mapping):
                raise InvalidInput(f"election {self.key}: a list election takes votes per list")
            event = count.declare_lists(self, ballots, set(ineligible), ties)
        else:
            if isinstance(ballots, Mapping):
                raise InvalidInput(f"election {self.key}: {self.method} takes a ballot profile")
            event = count.declare_candidates(self, ballots, set(ineligible), ties)
        self.record(event)
        return list(self.seated)

    # -- vacancies -----------------------------------------------------------
    def fill_from_list(self, vacated_holder: str, ineligible: Collection[str] = ()) -> Elected:
        """The seat of ``vacated_holder`` goes to the next on the same list (M04).

        Rule: the first candidate, in list order, who has never held a seat of this
        election and is not in ``ineligible`` (those passed over are recorded);
        :class:`ListExhausted` when there is none. The successor's mandate key
        continues the numbering after the declared seats.
        """
        successor = next_on_list(self, vacated_holder, ineligible)
        seat = self._seat_of(vacated_holder)
        faction = seat.faction or ""
        mandate = check_key(f"{self.key}-{len(self.seated) + 1}", "mandate")
        order = self.lists[faction]
        passed = order[: order.index(successor)]
        skipped = tuple(c for c in passed if c not in self._ever_seated())
        self.record(
            ListSuccessorSeated(
                self.key, vacated_holder, seat.mandate, successor, faction, mandate, skipped
            )
        )
        return self.seated[-1]

    def is_due(self, at: datetime) -> bool:
        """A re-election is due: the winners were declared and their term has ended."""
        when = utc(at, f"election {self.key}: at")
        return (
            self.status is ElectionStatus.DECLARED
            and self.term_ends is not None
            and when >= self.term_ends
        )

    # -- lookups -------------------------------------------------------------
    @property
    def winners(self) -> tuple[str, ...]:
        """The declared winners, in order of election (successors not included)."""
        return tuple(s.holder for s in self.seated[: self.declared])

    def current(self) -> list[Elected]:
        """The seats now held: declared winners and successors, less those vacated."""
        return [s for s in self.seated if s.mandate not in self.vacated]

    def all_candidates(self) -> tuple[str, ...]:
        if self.method is ElectionMethod.PARTY_LIST:
            return tuple(c for names in self.lists.values() for c in names)
        return self.candidates

    def _ever_seated(self) -> set[str]:
        return {s.holder for s in self.seated}

    def _seat_of(self, holder: str) -> Elected:
        for seat in self.current():
            if seat.holder == holder:
                return seat
        raise NotFound(f"election {self.key}: {holder} holds none of its seats")

    def _require(self, status: ElectionStatus, doing: str) -> None:
        if self.status is not status:
            raise InvalidTransition(
                f"election {self.key} is {self.status}; it cannot be {doing} now"
            )

    # -- applying events -----------------------------------------------------
    def apply(self, event: Event) -> None:
        """Change the election as ``event`` says (used live and by replay)."""
        match event:
            case ElectionDeclared():
                self.status = ElectionStatus.DECLARED
                self.seated = [Elected(*row) for row in event.seated]
                self.allocation = dict(event.allocation)
                self.declared = len(event.seated)
            case ListSuccessorSeated():
                self.vacated.add(event.vacated_mandate)
                self.seated.append(Elected(event.mandate, event.successor, event.faction))
            case _:
                pass


def next_on_list(election: Election, vacated_holder: str, ineligible: Collection[str] = ()) -> str:
    """The next unelected, eligible candidate on the list of ``vacated_holder`` (M04).

    Rule: walk the list in its order and take the first candidate who has never held
    a seat of this election and is not in ``ineligible``. Raises
    :class:`ListExhausted` when the list has no one left, naming the list.
    """
    if election.method is not ElectionMethod.PARTY_LIST:
        raise InvalidInput(f"election {election.key} was not held on lists")
    election._require(ElectionStatus.DECLARED, "filled from its lists")
    seat = election._seat_of(vacated_holder)
    faction = seat.faction or ""
    used = election._ever_seated()
    for candidate in election.lists[faction]:
        if candidate not in used and candidate not in ineligible:
            return candidate
    raise ListExhausted(
        f"election {election.key}: the list of {faction} has no candidate left to succeed "
        f"{vacated_holder} (all {len(election.lists[faction])} elected or ineligible)"
    )
