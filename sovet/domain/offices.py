"""Offices: commissars attached to units and institutions, and holders of executive
posts (M14, M16).

The MRC appointed commissars "in the combatant units of the garrison and in certain
institutions and store houses 'for observation and leadership'"
(002_9a3e1fc102cad50d.txt, l. 855); they carried written credentials; a commandant
could refuse one (the Peter and Paul fortress, until its garrison voted to obey the
MRC); headquarters ordered "all commissars of the Petrograd Soviet to be removed",
without effect (seeds-system.md, M16). Sovet's rules:

- an office is held by one member, appointed by one body, either **attached to a
  unit** (a body: a regiment, an institution) with a credential, or **to a post** of
  an executive (a people's commissar);
- its powers are listed (observe, countersign, authorise issues, issue orders);
- the unit may refuse to recognise the holder, and later recognise them; both are
  recorded and the office stands meanwhile;
- only a body the office answers to may end it: the appointing body, and for a post
  also the bodies the executive answers to (M14). A removal ordered by any other body
  is recorded as *contested* and not applied (M16: "a rival authority's removal order
  recorded as contested rather than applied");
- an office once ended stays ended; a successor is a new appointment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from sovet.domain import office_events as oev
from sovet.domain.errors import AlreadyExists, InvalidInput, InvalidTransition, NotCompetent
from sovet.domain.events import Event, replay_stream
from sovet.domain.exact import check_text, choice
from sovet.domain.executive import Executive
from sovet.domain.keys import check_key, check_name
from sovet.domain.members import check_member_number
from sovet.domain.structure import Body


class OfficePower(StrEnum):
    """What an office holder may do (M16: "observe, countersign, authorise issues of
    resources")."""

    OBSERVE = "observe"
    COUNTERSIGN = "countersign"
    AUTHORISE_ISSUES = "authorise-issues"
    ISSUE_ORDERS = "issue-orders"


# The powers an office has unless its appointment lists others: a commissar attached to
# a unit observes and countersigns (M16, M17); a people's commissar issues orders (M14).
COMMISSAR_POWERS = ("observe", "countersign")
POST_POWERS = ("issue-orders",)


def parse_office_powers(values: Iterable[str], where: str) -> tuple[OfficePower, ...]:
    given = [choice(OfficePower, v, f"{where}: power") for v in values]
    if not given:
        raise InvalidInput(f"{where}: list at least one power of the office")
    if len(set(given)) != len(given):
        raise InvalidInput(f"{where}: a power is listed twice")
    return tuple(p for p in OfficePower if p in given)


@dataclass(frozen=True)
class Recognition:
    """The attached unit's latest word on the office holder."""

    recognised: bool
    reason: str = ""


@dataclass(frozen=True)
class ContestedRemoval:
    by: str
    reason: str
    ground: str


@dataclass
class Office:
    """One office and its holder (M16)."""

    key: str
    holder: str
    appointed_by: str
    title: str
    powers: frozenset[OfficePower]
    unit: str | None = None
    executive: str | None = None
    post: str | None = None
    credential: str = ""
    resolution: str = ""
    active: bool = True
    recognition: Recognition | None = None
    ended_by: str | None = None
    ended_reason: str = ""
    contested: list[ContestedRemoval] = field(default_factory=list)
    pending: list[Event] = field(default_factory=list)

    # -- appointment -------------------------------------------------------------
    @classmethod
    def attach(
        cls,
        key: str,
        holder: str,
        appointed_by: Body,
        unit: Body,
        credential: str,
        *,
        title: str = "commissar",
        powers: Iterable[str] = COMMISSAR_POWERS,
        resolution: str = "",
    ) -> Office:
        """Attach a commissar to ``unit``: a credential (its number or document
        reference) is required, as the MRC's commissars carried written credentials
        (M16). Another body's commissar already in the unit does not prevent it; the
        rival appointments are shown side by side (:func:`rival_appointments`)."""
        if unit.key == appointed_by.key:
            raise InvalidInput(f"office {key}: {unit.key} cannot attach a commissar to itself")
        paper = check_text(credential, f"office {key}: credential", 200)
        return cls._appoint(
            key, holder, appointed_by.key, title, powers, resolution, unit=unit.key, paper=paper
        )

    @classmethod
    def to_post(
        cls,
        key: str,
        holder: str,
        appointed_by: Body,
        executive: Executive,
        post: str,
        *,
        held_by: str | None = None,
        title: str | None = None,
        powers: Iterable[str] = POST_POWERS,
        credential: str = "",
        resolution: str = "",
    ) -> Office:
        """Appoint to ``post`` of ``executive``: only a body the executive answers to
        may (the congress; for a council of commissars also the executive committee,
        between congresses: M14), and only while no office ``held_by`` holds the post.
        A post left open for negotiation is filled the same way once agreed."""
        found = executive.post(post)
        if appointed_by.key not in executive.answerable_to:
            allowed = " or ".join(sorted(executive.answerable_to))
            raise NotCompetent(
                f"office {key}: posts of {executive.body} are filled by {allowed}, "
                f"not by {appointed_by.key}"
            )
        if held_by is not None:
            raise AlreadyExists(
                f"post {post} of {executive.body} is held by office {held_by}; recall it first"
            )
        paper = ""
        if credential.strip():
            paper = check_text(credential, f"office {key}: credential", 200)
        return cls._appoint(
            key,
            holder,
            appointed_by.key,
            title or found.title,
            powers,
            resolution,
            executive=executive.body,
            post=post,
            paper=paper,
        )

    @classmethod
    def _appoint(
        cls,
        key: str,
        holder: str,
        by: str,
        title: str,
        powers: Iterable[str],
        resolution: str,
        *,
        unit: str | None = None,
        executive: str | None = None,
        post: str | None = None,
        paper: str = "",
    ) -> Office:
        check_key(key, "office")
        check_member_number(holder)
        chosen = parse_office_powers(powers, f"office {key}")
        note = ""
        if resolution.strip():
            note = check_text(resolution, f"office {key}: resolution", 300)
        event = oev.OfficeAppointed(
            key,
            holder,
            by,
            check_name(title, f"office {key} title"),
            tuple(str(p) for p in chosen),
            unit,
            executive,
            post,
            paper,
            note,
        )
        office = cls.from_appointed(event)
        office.pending.append(event)
        return office

    @classmethod
    def from_appointed(cls, event: oev.OfficeAppointed) -> Office:
        return cls(
            event.key,
            event.holder,
            event.appointed_by,
            event.title,
            frozenset(OfficePower(p) for p in event.powers),
            event.unit,
            event.executive,
            event.post,
            event.credential,
            event.resolution,
        )

    @classmethod
    def replay(cls, events: Iterable[Event]) -> Office:
        return replay_stream(events, oev.OfficeAppointed, cls.from_appointed, "an office")

    # -- what it answers to ------------------------------------------------------
    def answers_to(self, executive: Executive | None = None) -> frozenset[str]:
        """The bodies that may end the office: its appointing body, and for a post the
        bodies ``executive`` (the post's executive) answers to (M14, M16)."""
        out = {self.appointed_by}
        if executive is not None and executive.body == self.executive:
            out |= executive.answerable_to
        return frozenset(out)

    def may(self, power: OfficePower) -> bool:
        return self.active and power in self.powers

    # -- acts ----------------------------------------------------------------------
    def recognise(self, recognised: bool, reason: str = "") -> Event:
        """The unit the commissar is attached to recognises them or refuses to (the
        Peter and Paul fortress refused until its garrison voted, M16); a refusal needs
        a reason. Only a unit attachment is recognised, and only while in office."""
        self._require_active("recognised")
        if self.unit is None:
            raise InvalidInput(f"office {self.key} is a post, not attached to a unit")
        text = reason.strip()
        if not recognised:
            text = check_text(reason, f"office {self.key}: reason for refusing recognition")
        return self.record(oev.OfficeRecognitionRecorded(self.key, self.unit, recognised, text))

    def order_removal(
        self, by: str, reason: str, *, executive: Executive | None = None
    ) -> oev.OfficeRemovalOrdered:
        """Body ``by`` orders the office ended. Applied when ``by`` is one the office
        answers to (see :meth:`answers_to`); otherwise recorded as contested, and the
        holder stays in office (M16)."""
        self._require_active("removed")
        text = check_text(reason, f"office {self.key}: reason for removal")
        entitled = self.answers_to(executive)
        effective = by in entitled
        if effective:
            ground = f"{by} may end office {self.key}"
        else:
            ground = (
                f"office {self.key} answers to {', '.join(sorted(entitled))}, not to {by}; "
                "the removal is recorded as contested and not applied"
            )
        event = oev.OfficeRemovalOrdered(self.key, by, text, effective, ground)
        self.record(event)
        return event

    def _require_active(self, doing: str) -> None:
        if not self.active:
            raise InvalidTransition(
                f"office {self.key} was ended by {self.ended_by}; it cannot be {doing}"
            )

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    def apply(self, event: Event) -> None:
        match event:
            case oev.OfficeRecognitionRecorded():
                self.recognition = Recognition(event.recognised, event.reason)
            case oev.OfficeRemovalOrdered() if event.effective:
                self.active = False
                self.ended_by = event.by
                self.ended_reason = event.reason
            case oev.OfficeRemovalOrdered():
                self.contested.append(ContestedRemoval(event.by, event.reason, event.ground))
            case _:
                pass


def rival_appointments(offices: Iterable[Office]) -> dict[str, tuple[str, ...]]:
    """Units to which more than one body has attached an office still active, with the
    appointing bodies: two authorities appointing to the same unit (M16, M27)."""
    by_unit: dict[str, set[str]] = {}
    for office in offices:
        if office.active and office.unit is not None:
            by_unit.setdefault(office.unit, set()).add(office.appointed_by)
    return {unit: tuple(sorted(bodies)) for unit, bodies in by_unit.items() if len(bodies) > 1}
