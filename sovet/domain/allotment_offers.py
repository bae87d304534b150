"""Offers of allotted seats: accept, decline, defer, reassign, reserve, claim (M05).

The seeds: at the Second Congress "The Right immediately declines to enter the
præsidium. Martov's group sits tight for the time being; it has not decided. Seven
votes go over to the Left Social Revolutionaries." (002, l. 2342); the Central
Executive Committee "was to complete itself in the future" and the factions that
had left "were granted the right to send their delegates [...] on the basis of
proportional representation" (002, l. 2655).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime

from sovet.domain import allotment_events as ae
from sovet.domain.allotment_seats import OPEN, Seat, SeatState
from sovet.domain.elections import Elected
from sovet.domain.errors import AlreadyExists, InvalidInput, InvalidTransition, SeatNotAvailable
from sovet.domain.events import Event
from sovet.domain.exact import optional_time, time_text, utc
from sovet.domain.keys import check_key
from sovet.domain.members import check_member_number


@dataclass
class SeatOffers:
    """The seats of an allotment, each with its state; every change is an event."""

    key: str
    seat_list: dict[int, Seat] = field(default_factory=dict)
    pending: list[Event] = field(default_factory=list)

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    def apply(self, event: Event) -> None:
        self.apply_offer(event)

    def mandate_key(self, seat: int) -> str:
        """The mandate a seat's holder gets: ``f"{allotment}-{seat}"``."""
        return f"{self.key}-{seat}"

    # -- the faction answers -------------------------------------------------
    def accept(self, faction: str, holder: str) -> Elected:
        """``faction`` takes up one of the seats offered to it, with ``holder``.

        Refused when the faction has no open seat left (offered, pending or
        reassigned to it), or the member already holds a seat of this allotment.
        """
        check_member_number(holder)
        self._check_holder(holder)
        seat = self._open(faction, OPEN, 1, "accept")[0]
        mandate = self.mandate_key(seat.number)
        self.record(ae.SeatAccepted(self.key, faction, seat.number, holder, mandate))
        return Elected(mandate, holder, faction)

    def decline(self, faction: str, n: int | None = None, *, reason: str = "") -> tuple[int, ...]:
        """``faction`` declines ``n`` of its open seats (all when ``n`` is None);
        they return to the body, which may reassign them."""
        seats = self._open(faction, OPEN, n, "decline")
        numbers = tuple(s.number for s in seats)
        self.record(ae.SeatsDeclined(self.key, faction, numbers, reason))
        return numbers

    def defer(
        self, faction: str, *, deadline: datetime | None = None, n: int | None = None
    ) -> tuple[int, ...]:
        """``faction`` has not decided: its offered seats stay open (pending), until
        ``deadline`` if given (see :meth:`lapse`)."""
        when = None if deadline is None else time_text(deadline, f"allotment {self.key}: deadline")
        states = frozenset({SeatState.OFFERED, SeatState.REASSIGNED})
        seats = self._open(faction, states, n, "defer")
        numbers = tuple(s.number for s in seats)
        self.record(ae.SeatsDeferred(self.key, faction, numbers, when))
        return numbers

    def lapse(self, at: datetime) -> list[Event]:
        """Pending offers whose deadline has passed at ``at`` are declined.

        The seeds do not say what happens to an undecided faction's seats; Sovet
        holds them open indefinitely unless a deadline was set, and then treats
        silence at the deadline as declining.
        """
        when = utc(at, f"allotment {self.key}: at")
        due: dict[str, list[int]] = {}
        for seat in self._seats():
            late = seat.deadline is not None and seat.deadline <= when
            if seat.state is SeatState.PENDING and late:
                due.setdefault(seat.faction, []).append(seat.number)
        reason = f"the offer lapsed at its deadline ({time_text(when, 'at')})"
        return [
            self.record(ae.SeatsDeclined(self.key, faction, tuple(numbers), reason))
            for faction, numbers in due.items()
        ]

    # -- the body decides ----------------------------------------------------
    def reassign(self, seat: int, to_faction: str) -> None:
        """The body gives declined ``seat`` to ``to_faction``, which it is offered to.

        Only a declined seat can be reassigned: an accepted, claimed or reserved seat
        stays with its faction, and an open offer must be answered first.
        """
        check_key(to_faction, "faction")
        current = self._seat(seat)
        if current.state is not SeatState.DECLINED:
            raise SeatNotAvailable(
                f"allotment {self.key}: seat {seat} is {current.state} ({current.faction}); "
                "only a declined seat can be reassigned"
            )
        self.record(ae.SeatReassigned(self.key, seat, current.faction, to_faction))

    def reserve(self, faction: str, n: int | None = None) -> tuple[int, ...]:
        """Hold ``n`` of ``faction``'s open seats (all when None) for it to claim later."""
        seats = self._open(faction, OPEN, n, "reserve")
        numbers = tuple(s.number for s in seats)
        self.record(ae.SeatsReserved(self.key, faction, numbers))
        return numbers

    def claim(self, faction: str, holder: str) -> Elected:
        """``faction`` takes up a seat reserved for it, with ``holder``."""
        check_member_number(holder)
        self._check_holder(holder)
        seat = self._open(faction, frozenset({SeatState.RESERVED}), 1, "claim")[0]
        mandate = self.mandate_key(seat.number)
        self.record(ae.SeatClaimed(self.key, faction, seat.number, holder, mandate))
        return Elected(mandate, holder, faction)

    # -- lookups -------------------------------------------------------------
    def tally(self) -> dict[SeatState, int]:
        """Seats per state; they always sum to the allotted seats."""
        out = dict.fromkeys(SeatState, 0)
        for seat in self.seat_list.values():
            out[seat.state] += 1
        return out

    def seats_of(
        self, faction: str, states: Collection[SeatState] = tuple(SeatState)
    ) -> list[Seat]:
        return [s for s in self._seats() if s.faction == faction and s.state in states]

    def holders(self) -> list[Elected]:
        """The seats taken up (accepted or claimed), as mandates to record."""
        return [
            Elected(self.mandate_key(s.number), s.holder, s.faction)
            for s in self._seats()
            if s.holder is not None
        ]

    def _seats(self) -> list[Seat]:
        return [self.seat_list[n] for n in sorted(self.seat_list)]

    def _seat(self, number: int) -> Seat:
        self._require_allotted()
        if number not in self.seat_list:
            raise InvalidInput(f"allotment {self.key} has no seat {number}")
        return self.seat_list[number]

    def _open(
        self, faction: str, states: Collection[SeatState], n: int | None, doing: str
    ) -> list[Seat]:
        self._require_allotted()
        seats = self.seats_of(faction, states)
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
            raise InvalidInput(f"allotment {self.key}: a number of seats >= 1, not {n!r}")
        want = len(seats) if n is None else n
        if want == 0 or len(seats) < want:
            kinds = "/".join(sorted(str(s) for s in states))
            raise SeatNotAvailable(
                f"allotment {self.key}: {faction} has {len(seats)} {kinds} seat(s) "
                f"to {doing}, not {want or 'any'}"
            )
        return seats[:want]

    def _check_holder(self, holder: str) -> None:
        for seat in self.seat_list.values():
            if seat.holder == holder:
                raise AlreadyExists(
                    f"allotment {self.key}: {holder} already holds seat {seat.number}"
                )

    def _require_allotted(self) -> None:
        if not self.seat_list:
            raise InvalidTransition(f"allotment {self.key} has no seats allotted yet")

    # -- applying events -----------------------------------------------------
    def apply_offer(self, event: Event) -> None:
        """Change the seats as an offer event says; other events leave them as they are."""
        match event:
            case ae.SeatAccepted() | ae.SeatClaimed():
                state = SeatState.ACCEPTED
                if isinstance(event, ae.SeatClaimed):
                    state = SeatState.CLAIMED
                self._set(event.seat, state=state, holder=event.holder, deadline=None)
            case ae.SeatsDeclined():
                for n in event.seats:
                    self._set(n, state=SeatState.DECLINED, deadline=None)
            case ae.SeatsDeferred():
                deadline = optional_time(event.deadline, "deadline")
                for n in event.seats:
                    self._set(n, state=SeatState.PENDING, deadline=deadline)
            case ae.SeatReassigned():
                self._set(event.seat, state=SeatState.REASSIGNED, faction=event.new)
            case ae.SeatsReserved():
                for n in event.seats:
                    self._set(n, state=SeatState.RESERVED, deadline=None)
            case _:
                pass

    def _set(self, number: int, **changes: object) -> None:
        self.seat_list[number] = replace(self.seat_list[number], **changes)  # type: ignore[arg-type]
