"""Commissions of a council: the Military Revolutionary Committee as the model (M15).

The MRC's regulations, ratified by the Executive Committee and adopted by the soldiers'
section (283 to 1, 23 abstaining) and the plenary Soviet, gave seats to organisations —
"the præsidiums of the Soviet and of the soldiers' section, representatives of the
fleet, of the regional committee of Finland, of the railroad unions, of the factory
committees, the trade unions, the party military organisations, the Red Guard, etc."
(002_9a3e1fc102cad50d.txt, l. 749; fact ``mrc-draft-executive-committee``) — and
departments "of defence, supplies, communications, intelligence, etc." (l. 757).
Boycotted by the Compromisers, it held Bolsheviks and Left SRs only; it "hardly met once
in plenary session", working "through the bureau under the guidance of the president"
(l. 853). Sovet's rules:

- a commission is a body of kind ``commission`` created by resolution of a parent
  body, with regulations: its mandate, its delegated powers
  (:mod:`sovet.domain.powers`), its duty to report to the parent, and its seats
  allotted to named organisations (bodies of the organisation);
- each organisation fills its own seats, up to its allotment, one member per seat, no
  member seated twice;
- an organisation may boycott: its seats not filled stay empty and are shown as
  boycotted;
- departments are added with an optional head;
- a bureau of seat holders with a president works between plenaries; forming it again
  replaces it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sovet.domain import commission_events as cev
from sovet.domain.errors import AlreadyExists, InvalidInput, InvalidTransition, NotFound
from sovet.domain.events import Event, replay_stream
from sovet.domain.exact import check_text
from sovet.domain.keys import check_key, check_name
from sovet.domain.members import check_member_number
from sovet.domain.organisation import Organisation
from sovet.domain.powers import Delegation, Power, parse_powers
from sovet.domain.structure import Body, BodyKind


class SeatState(StrEnum):
    FILLED = "filled"
    EMPTY = "empty"
    BOYCOTTED = "boycotted"


@dataclass(frozen=True)
class SeatView:
    """One seat of the commission as it stands."""

    organisation: str
    number: int
    state: SeatState
    holder: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Department:
    key: str
    name: str
    head: str | None = None


@dataclass
class Commission:
    """A commission and its regulations (its stream ``commission:<body>``)."""

    body: str
    parent: str
    mandate: str
    powers: frozenset[Power]
    reporting: str
    allotted: dict[str, int]
    resolution: str = ""
    seated: dict[str, list[str]] = field(default_factory=dict)
    boycotts: dict[str, str] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    bureau: tuple[str, ...] = ()
    president: str | None = None
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        org: Organisation,
        body: Body,
        parent: Body,
        *,
        mandate: str,
        powers: Iterable[str],
        reporting: str,
        seats: Sequence[tuple[str, int]],
        resolution: str = "",
    ) -> Commission:
        """Create ``body`` as a commission of ``parent`` (rules in the module's
        docstring): its mandate and reporting duty are stated, at least one power is
        delegated, and each organisation given seats is a body of ``org`` (other than
        the commission) allotted one or more seats, named once."""
        where = f"commission {body.key}"
        if body.kind is not BodyKind.COMMISSION:
            raise InvalidInput(f"body {body.key} is a {body.kind}; only a commission is created")
        if parent.key == body.key:
            raise InvalidInput(f"{where} cannot be its own parent")
        text = check_text(mandate, f"{where}: mandate")
        duty = check_text(reporting, f"{where}: reporting duty", 500)
        chosen = parse_powers(powers, where)
        if not seats:
            raise InvalidInput(f"{where}: allot seats to at least one organisation")
        allotted: list[tuple[str, int]] = []
        for organisation, count in seats:
            org.body(organisation)
            if organisation == body.key:
                raise InvalidInput(f"{where} cannot allot seats to itself")
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                raise InvalidInput(f"{where}: {organisation} must get >= 1 seat, not {count!r}")
            allotted.append((organisation, count))
        if len({o for o, _ in allotted}) != len(allotted):
            raise InvalidInput(f"{where}: an organisation is allotted seats twice")
        note = check_text(resolution, f"{where}: resolution", 300) if resolution.strip() else ""
        event = cev.CommissionCreated(
            body.key,
            parent.key,
            text,
            tuple(str(p) for p in chosen),
            duty,
            tuple(allotted),
            note,
        )
        commission = cls.from_created(event)
        commission.pending.append(event)
        return commission

    @classmethod
    def from_created(cls, event: cev.CommissionCreated) -> Commission:
        return cls(
            event.body,
            event.parent,
            event.mandate,
            frozenset(Power(p) for p in event.powers),
            event.reporting,
            dict(event.seats),
            event.resolution,
        )

    @classmethod
    def replay(cls, events: Iterable[Event]) -> Commission:
        return replay_stream(events, cev.CommissionCreated, cls.from_created, "a commission")

    @property
    def delegation(self) -> Delegation:
        return Delegation(self.body, "commission", self.parent, self.powers)

    @property
    def holders(self) -> set[str]:
        return {m for members in self.seated.values() for m in members}

    # -- seats ----------------------------------------------------------------------
    def _allotment(self, organisation: str) -> int:
        count = self.allotted.get(organisation)
        if count is None:
            raise NotFound(f"commission {self.body} allots no seats to {organisation!r}")
        return count

    def fill_seat(self, organisation: str, member: str) -> Event:
        """``organisation`` seats ``member`` in one of its own seats."""
        count = self._allotment(organisation)
        check_member_number(member)
        if organisation in self.boycotts:
            raise InvalidTransition(
                f"{organisation} boycotts commission {self.body}; its seats stay empty"
            )
        taken = self.seated.get(organisation, [])
        if len(taken) >= count:
            raise InvalidTransition(
                f"{organisation} has filled all its {count} seats in commission {self.body}"
            )
        if member in self.holders:
            raise AlreadyExists(f"member {member} already holds a seat in commission {self.body}")
        return self.record(cev.CommissionSeatFilled(self.body, organisation, member))

    def boycott(self, organisation: str, reason: str) -> Event:
        """``organisation`` boycotts the commission: the seats it has not filled stay
        empty and are shown as boycotted (M15: "Boycotted by the Compromisers")."""
        count = self._allotment(organisation)
        if organisation in self.boycotts:
            raise InvalidTransition(f"{organisation} already boycotts commission {self.body}")
        if len(self.seated.get(organisation, [])) >= count:
            raise InvalidTransition(
                f"{organisation} has filled all its seats in commission {self.body}"
            )
        text = check_text(reason, f"commission {self.body}: reason for the boycott")
        return self.record(cev.CommissionBoycotted(self.body, organisation, text))

    def seats(self) -> list[SeatView]:
        """Every allotted seat in the regulations' order: filled, empty, or boycotted."""
        out: list[SeatView] = []
        for organisation, count in self.allotted.items():
            holders = self.seated.get(organisation, [])
            for number in range(1, count + 1):
                if number <= len(holders):
                    out.append(
                        SeatView(organisation, number, SeatState.FILLED, holders[number - 1])
                    )
                elif organisation in self.boycotts:
                    note = f"boycotted: {self.boycotts[organisation]}"
                    out.append(SeatView(organisation, number, SeatState.BOYCOTTED, note=note))
                else:
                    out.append(SeatView(organisation, number, SeatState.EMPTY))
        return out

    # -- departments and bureau -----------------------------------------------------
    def add_department(self, key: str, name: str, head: str | None = None) -> Event:
        check_key(key, "department")
        if key in self.departments:
            raise AlreadyExists(f"commission {self.body} already has a department {key!r}")
        title = check_name(name, f"department {key}")
        if head is not None:
            check_member_number(head)
        return self.record(cev.DepartmentAdded(self.body, key, title, head))

    def form_bureau(self, members: Sequence[str], president: str) -> Event:
        """The bureau: seat holders, named once each, its president among them (M15:
        the work "carried on through the bureau under the guidance of the president")."""
        if not members:
            raise InvalidInput(f"commission {self.body}: a bureau needs members")
        if len(set(members)) != len(members):
            raise InvalidInput(f"commission {self.body}: a bureau member is named twice")
        outside = [m for m in members if m not in self.holders]
        if outside:
            raise InvalidInput(
                f"commission {self.body}: {', '.join(outside)} hold no seat in it and "
                "cannot sit in its bureau"
            )
        if president not in members:
            raise InvalidInput(
                f"commission {self.body}: the bureau's president {president} is not "
                "among its members"
            )
        return self.record(cev.BureauFormed(self.body, tuple(members), president))

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    def apply(self, event: Event) -> None:
        match event:
            case cev.CommissionSeatFilled():
                self.seated.setdefault(event.organisation, []).append(event.member)
            case cev.CommissionBoycotted():
                self.boycotts[event.organisation] = event.reason
            case cev.DepartmentAdded():
                self.departments[event.key] = Department(event.key, event.name, event.head)
            case cev.BureauFormed():
                self.bureau = event.members
                self.president = event.president
            case _:
                pass
