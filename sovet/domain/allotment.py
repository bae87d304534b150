"""Seat allotment among factions for a presidium or an executive (mechanism M05).

Leading organs were composed proportionally among factions. The seats are allotted
either by a named apportionment method on an explicit base (present voting
delegates, registered delegates, or faction sizes recorded at a moment), or by a
recorded agreement with its justification: the Second Congress's 25-seat presidium
"upon a proportional basis: 14 Bolsheviks, 7 Social Revolutionaries, 3 Mensheviks
and 1 Internationalist" (002, l. 2342; fact ``congress2-presidium-proposal``) is a
stated allocation, not one a standard method derives from the opening figures, so
:meth:`SeatAllotment.compare` shows what each method would have given.

Every allotted seat is then offered to its faction, which accepts it with a holder,
declines it, or has not decided (pending, optionally until a deadline). A declined
seat returns to the body, which may reassign it ("Seven votes go over to the Left
Social Revolutionaries", fact ``congress2-presidium-outcome``); a seat may be
reserved for an absent faction and claimed by it later (the factions that left the
Congress kept "the right to send their delegates to the Central Executive Committee
on the basis of proportional representation", 002, l. 2655).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from sovet.count import CountError, Result, TieBreaker
from sovet.count.apportionment import APPORTIONMENT, apportion
from sovet.domain import allotment_events as ae
from sovet.domain.allotment_offers import SeatOffers
from sovet.domain.allotment_seats import BaseKind, Seat, SeatState
from sovet.domain.errors import InvalidInput, InvalidTransition
from sovet.domain.events import Event
from sovet.domain.exact import (
    check_text,
    choice,
    fraction_text,
    optional_time,
    result_text,
    time_text,
)
from sovet.domain.keys import check_key

__all__ = ["BaseKind", "MethodComparison", "Seat", "SeatAllotment", "SeatState"]


@dataclass(frozen=True)
class MethodComparison:
    """What ``method`` gives on the recorded base, and its difference from the
    recorded allocation (method's seats minus recorded seats, per faction)."""

    method: str
    allocation: dict[str, int]
    difference: dict[str, int]
    result: Result


@dataclass
class SeatAllotment(SeatOffers):
    """The allotment of a body's ``seats`` among factions, and the offers of them."""

    body: str = ""
    seats: int = 0
    method: str | None = None
    base_kind: BaseKind | None = None
    sizes: dict[str, int] = field(default_factory=dict)
    at: datetime | None = None
    allocation: dict[str, int] = field(default_factory=dict)
    justification: str = ""
    threshold: Fraction = Fraction(0)

    # -- creation ------------------------------------------------------------
    @classmethod
    def create(cls, key: str, body: str, seats: int) -> SeatAllotment:
        """An allotment of ``seats`` (>= 1) of ``body``; seat n's mandate is ``key-n``."""
        check_key(key, "allotment")
        check_key(body, "body")
        if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
            raise InvalidInput(f"allotment {key}: seats must be a whole number >= 1")
        check_key(f"{key}-{seats}", "derived mandate")
        event = ae.AllotmentCreated(key, body, seats)
        allotment = cls(key=key)
        allotment.record(event)
        return allotment

    @classmethod
    def replay(cls, events: Iterable[Event]) -> SeatAllotment:
        """Rebuild an allotment from its events, the first being its creation."""
        stream = iter(events)
        first = next(stream, None)
        if not isinstance(first, ae.AllotmentCreated):
            raise InvalidInput("an allotment's first event must be allotment.create")
        allotment = cls(key=first.key)
        allotment.apply(first)
        for event in stream:
            allotment.apply(event)
        return allotment

    # -- allotting -----------------------------------------------------------
    def by_method(
        self,
        method_id: str,
        base_kind: str,
        sizes: Mapping[str, int],
        at: datetime,
        *,
        threshold: Fraction = Fraction(0),
        ties: TieBreaker | None = None,
    ) -> dict[str, int]:
        """Apportion the seats by ``method_id`` on faction ``sizes`` recorded at ``at``.

        Rule (M05): the base is named (``present-voting``, ``registered`` or
        ``faction-sizes``) and stored with the sizes and the moment, so the allotment
        can be checked and recomputed; the count is :func:`sovet.count.apportionment.apportion`
        (D'Hondt, Sainte-Laguë, modified Sainte-Laguë, Hare or Droop), its rounds
        kept in the event. Each allotted seat is offered to its faction.
        """
        self._require_unallotted()
        kind = choice(BaseKind, base_kind, "allotment base")
        base = _sizes(self.key, sizes)
        if method_id not in APPORTIONMENT:
            known = ", ".join(APPORTIONMENT)
            raise InvalidInput(f"allotment {self.key}: unknown method {method_id!r}; {known}")
        result = self._apportion(method_id, base, threshold, ties)
        allocation = dict(result.allocation or {})
        self.record(
            ae.AllotmentComputed(
                self.key,
                method_id,
                str(kind),
                time_text(at, f"allotment {self.key}: at"),
                tuple(base.items()),
                tuple((f, allocation.get(f, 0)) for f in base),
                fraction_text(Fraction(threshold)),
                _summary(result, kind, base),
                result_text(result),
            )
        )
        return dict(self.allocation)

    def by_agreement(
        self,
        allocation: Mapping[str, int],
        justification: str,
        *,
        sizes: Mapping[str, int] | None = None,
        base_kind: str = "faction-sizes",
        at: datetime | None = None,
    ) -> dict[str, int]:
        """Allot the seats as agreed, with the agreement's justification recorded.

        Rules (M05, "a manual allocation must be possible, with its justification
        recorded"): the shares are whole numbers >= 0 summing to the body's seats;
        when a base is given (``sizes`` at ``at``), every faction named must be in
        it. The base is kept for :meth:`compare`.
        """
        self._require_unallotted()
        shares = _sizes(self.key, allocation, what="share")
        if sum(shares.values()) != self.seats:
            raise InvalidInput(
                f"allotment {self.key}: the agreed shares sum to {sum(shares.values())}, "
                f"not to the {self.seats} seats"
            )
        why = check_text(justification, f"allotment {self.key}: justification")
        base: dict[str, int] = {}
        kind: str | None = None
        when: str | None = None
        if sizes is not None:
            base = _sizes(self.key, sizes)
            missing = [f for f in shares if f not in base]
            if missing:
                raise InvalidInput(
                    f"allotment {self.key}: {', '.join(missing)} not in the base given"
                )
            if at is None:
                raise InvalidInput(f"allotment {self.key}: a base needs the moment it holds (at)")
            kind = str(choice(BaseKind, base_kind, "allotment base"))
            when = time_text(at, f"allotment {self.key}: at")
        self.record(
            ae.AllotmentAgreed(
                self.key, tuple(shares.items()), why, tuple(base.items()), kind, when
            )
        )
        return dict(self.allocation)

    def compare(
        self, methods: Iterable[str], *, ties: TieBreaker | None = None
    ) -> tuple[MethodComparison, ...]:
        """What each named method would have given on the recorded base (M05)."""
        if not self.sizes:
            raise InvalidInput(f"allotment {self.key} has no recorded base to compare on")
        out = []
        for method in methods:
            if method not in APPORTIONMENT:
                raise InvalidInput(f"allotment {self.key}: unknown method {method!r}")
            result = self._apportion(method, self.sizes, self.threshold, ties)
            got = dict(result.allocation or {})
            names = list(dict.fromkeys([*self.allocation, *got]))
            diff = {f: got.get(f, 0) - self.allocation.get(f, 0) for f in names}
            out.append(MethodComparison(method, got, diff, result))
        return tuple(out)

    def _apportion(
        self,
        method: str,
        base: Mapping[str, int],
        threshold: Fraction,
        ties: TieBreaker | None,
    ) -> Result:
        try:
            return apportion(method, base, self.seats, threshold=Fraction(threshold), ties=ties)
        except CountError as exc:
            raise InvalidInput(f"allotment {self.key}: the count failed: {exc}") from exc

    def _require_unallotted(self) -> None:
        if self.allocation:
            raise InvalidTransition(f"allotment {self.key} has already been allotted")

    # -- applying events -----------------------------------------------------
    def apply(self, event: Event) -> None:
        """Change the allotment as ``event`` says (used live and by replay)."""
        match event:
            case ae.AllotmentCreated():
                self.body, self.seats = event.body, event.seats
            case ae.AllotmentComputed():
                self.method = event.method
                self.base_kind = BaseKind(event.base_kind)
                self.threshold = Fraction(event.threshold)
                self._allot(event.allocation, event.sizes, event.at)
            case ae.AllotmentAgreed():
                self.method = None
                self.justification = event.justification
                self.base_kind = None if event.base_kind is None else BaseKind(event.base_kind)
                self._allot(event.allocation, event.sizes, event.at)
            case _:
                self.apply_offer(event)

    def _allot(self, allocation: Any, sizes: Any, at: str | None) -> None:
        self.allocation = dict(allocation)
        self.sizes = dict(sizes)
        self.at = optional_time(at, "at")
        number = 0
        for faction, count in self.allocation.items():
            for _ in range(count):
                number += 1
                self.seat_list[number] = Seat(number, faction, origin=faction)


def _sizes(key: str, sizes: Mapping[str, int], what: str = "size") -> dict[str, int]:
    if not sizes:
        raise InvalidInput(f"allotment {key}: no factions given")
    out: dict[str, int] = {}
    for faction, value in sizes.items():
        check_key(faction, "faction")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(
                f"allotment {key}: the {what} of {faction} must be a whole number >= 0, "
                f"not {value!r}"
            )
        out[faction] = value
    return out


def _summary(result: Result, kind: BaseKind, base: Mapping[str, int]) -> str:
    sizes = ", ".join(f"{f} {n}" for f, n in base.items())
    shares = ", ".join(f"{f} {n}" for f, n in (result.allocation or {}).items())
    return f"{result.method} on {kind} ({sizes}): {shares}"
