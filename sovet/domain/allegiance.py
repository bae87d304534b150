"""Conditional allegiance: which authorities a unit obeys, and for which orders (M19,
M27).

"In the Moscow district 'they will come out at the summons of the Soviet, but not of
the party'" (002_9a3e1fc102cad50d.txt, l. 2180); "the grenadier regiment would come
out only at the summons of the Congress of Soviets"; "The military School in
Oranienbaum would submit only to the commands of the Central Executive Committee"
(l. 811). A unit records, per authority (a body):

- ``obeys``: it executes the authority's orders, and accepts its countersign policies;
- ``accepts-countersign``: it does not take orders from the authority, but accepts its
  countersign policies as a condition on orders it does obey (the garrison told to
  "fulfil only those orders of headquarters which should be countersigned by the
  Soldiers' Sections", l. 809);

each optionally for named order types only (M19: "for each kind of call"). Declaring
again for the same authority replaces the earlier word; withdrawing removes it.
Recognition changes over time; validity is judged on the allegiance in force
(:mod:`sovet.domain.validity`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from sovet.domain import allegiance_events as aev
from sovet.domain.errors import InvalidInput, NotFound
from sovet.domain.events import Event
from sovet.domain.exact import check_text, choice
from sovet.domain.keys import check_key


class AllegianceKind(StrEnum):
    OBEYS = "obeys"
    ACCEPTS_COUNTERSIGN = "accepts-countersign"


@dataclass(frozen=True)
class Recognised:
    """What a unit said of one authority."""

    authority: str
    kind: AllegianceKind
    types: tuple[str, ...] = ()
    note: str = ""

    def applies_to(self, order_type: str) -> bool:
        return not self.types or order_type in self.types

    def describe(self) -> str:
        what = "obeys" if self.kind is AllegianceKind.OBEYS else "accepts the countersign of"
        only = f" (orders of type {', '.join(self.types)})" if self.types else ""
        return f"{what} {self.authority}{only}"


@dataclass
class Allegiance:
    """A unit's recognised authorities (its stream ``allegiance:<unit>``)."""

    unit: str
    authorities: dict[str, Recognised] = field(default_factory=dict)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def replay(cls, unit: str, events: Iterable[Event]) -> Allegiance:
        allegiance = cls(unit)
        for event in events:
            allegiance.apply(event)
        return allegiance

    # -- the unit's word -----------------------------------------------------------
    def declare(
        self, authority: str, kind: str = "obeys", types: Iterable[str] = (), note: str = ""
    ) -> Event:
        """The unit recognises ``authority`` (another body) as ``kind`` says, for orders
        of ``types`` (empty: all); replaces its earlier word on that authority."""
        check_key(authority, "authority")
        if authority == self.unit:
            raise InvalidInput(f"unit {self.unit} cannot declare allegiance to itself")
        chosen = choice(AllegianceKind, kind, f"allegiance of {self.unit}: kind")
        kinds = tuple(check_key(t, "order type") for t in types)
        if len(set(kinds)) != len(kinds):
            raise InvalidInput(f"allegiance of {self.unit}: an order type is listed twice")
        text = check_text(note, f"allegiance of {self.unit}: note", 500) if note.strip() else ""
        return self.record(aev.AllegianceDeclared(self.unit, authority, str(chosen), kinds, text))

    def withdraw(self, authority: str, note: str = "") -> Event:
        if authority not in self.authorities:
            raise NotFound(f"unit {self.unit} does not recognise {authority!r}")
        text = check_text(note, f"allegiance of {self.unit}: note", 500) if note.strip() else ""
        return self.record(aev.AllegianceWithdrawn(self.unit, authority, text))

    # -- questions -----------------------------------------------------------------
    def obeys(self, authority: str, order_type: str) -> bool:
        """The unit executes orders of ``order_type`` from ``authority``."""
        found = self.authorities.get(authority)
        return (
            found is not None
            and found.kind is AllegianceKind.OBEYS
            and found.applies_to(order_type)
        )

    def accepts(self, authority: str, order_type: str) -> bool:
        """The unit accepts ``authority``'s countersign policies on orders of ``order_type``
        (whether it obeys the authority or only accepts its countersign)."""
        found = self.authorities.get(authority)
        return found is not None and found.applies_to(order_type)

    def describe(self) -> str:
        if not self.authorities:
            return f"{self.unit} recognises no authority"
        said = "; ".join(r.describe() for _, r in sorted(self.authorities.items()))
        return f"{self.unit} {said}"

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    def apply(self, event: Event) -> None:
        match event:
            case aev.AllegianceDeclared():
                self.authorities[event.authority] = Recognised(
                    event.authority, AllegianceKind(event.kind), event.types, event.note
                )
            case aev.AllegianceWithdrawn():
                self.authorities.pop(event.authority, None)
            case _:
                pass
