"""Conferences of unit committees: the Garrison Conference as the model (M18).

"Under the direction of the Military Revolutionary Committee there was created a
Permanent Conference of the Garrison", consisting of "the regimental committees which
guided the daily lives of their units" (002_9a3e1fc102cad50d.txt, l. 753). Its session
of the 18th called the roll of units — for, against, neutral, or conditional
("Those against the action were the military school in Peterhof and the Ninth Cavalry
regiment. The squadrons of the cavalry of the Guard were inclined to neutrality", l.
811); the CEC convened a rival assembly next morning, adding committees long due for
re-election, where the Peter and Paul fortress committees were opposed (fact
``peter-paul-fortress-stance-19th``). Sovet's rules:

- a conference is a body of kind ``conference`` whose members are units (bodies of kind
  ``unit``), each represented by its committee, not individuals; it is constituted by
  the body that directs it, and members may be added later;
- sessions are numbered 1, 2, ... in the order they are convened, each with its
  convener; a session convened by a body other than the directing one is marked
  *rival*; a convener may call units beyond the members (``invited``);
- at a session's roll call each unit called (member, or invited to that session) states
  one stance: ``support``, ``oppose``, ``neutral``, or ``conditional`` on a named
  authority (M19); units that gave none are listed as not answering.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sovet.domain import garrison_events as gev
from sovet.domain.errors import AlreadyExists, InvalidInput, NotFound
from sovet.domain.events import Event, replay_stream
from sovet.domain.exact import check_text, choice
from sovet.domain.structure import Body, BodyKind


class Stance(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    NEUTRAL = "neutral"
    CONDITIONAL = "conditional"


@dataclass(frozen=True)
class UnitStance:
    unit: str
    stance: Stance
    authority: str | None = None
    note: str = ""
    invited: bool = False  # called by the convener without being a member


@dataclass
class Session:
    number: int
    convener: str
    rival: bool
    called: tuple[str, ...]
    invited: tuple[str, ...] = ()
    note: str = ""
    stances: dict[str, UnitStance] = field(default_factory=dict)


@dataclass(frozen=True)
class Roll:
    """A session's roll call: each stance given, the count per stance, the silent."""

    session: int
    convener: str
    rival: bool
    stances: tuple[UnitStance, ...]
    counts: tuple[tuple[str, int], ...]
    not_answering: tuple[str, ...]
    invited: tuple[str, ...] = ()
    note: str = ""


def _units(bodies: Iterable[Body], where: str) -> tuple[str, ...]:
    keys: list[str] = []
    for body in bodies:
        if body.kind is not BodyKind.UNIT:
            raise InvalidInput(f"{where}: {body.key} is a {body.kind}, not a unit")
        keys.append(body.key)
    if len(set(keys)) != len(keys):
        raise InvalidInput(f"{where}: a unit is named twice")
    return tuple(keys)


@dataclass
class Conference:
    """A conference of unit committees (its stream ``conference:<body>``)."""

    body: str
    directed_by: str
    members: list[str]
    sessions: list[Session] = field(default_factory=list)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def constitute(cls, body: Body, directed_by: Body, members: Sequence[Body]) -> Conference:
        """Constitute ``body`` (a conference) under ``directed_by`` with unit members."""
        if body.kind is not BodyKind.CONFERENCE:
            raise InvalidInput(
                f"body {body.key} is a {body.kind}; only a conference is constituted"
            )
        if directed_by.key == body.key:
            raise InvalidInput(f"conference {body.key} cannot direct itself")
        if not members:
            raise InvalidInput(f"conference {body.key}: name at least one member unit")
        keys = _units(members, f"conference {body.key}")
        event = gev.ConferenceConstituted(body.key, directed_by.key, keys)
        conference = cls(body.key, directed_by.key, list(keys))
        conference.pending.append(event)
        return conference

    @classmethod
    def replay(cls, events: Iterable[Event]) -> Conference:
        return replay_stream(
            events,
            gev.ConferenceConstituted,
            lambda first: cls(first.body, first.directed_by, list(first.members)),
            "a conference",
        )

    def session(self, number: int) -> Session:
        if isinstance(number, bool) or not 1 <= number <= len(self.sessions):
            raise NotFound(f"conference {self.body} has no session {number!r}")
        return self.sessions[number - 1]

    # -- acts -----------------------------------------------------------------------
    def add_member(self, unit: Body) -> Event:
        (key,) = _units([unit], f"conference {self.body}")
        if key in self.members:
            raise AlreadyExists(f"{key} is already a member of conference {self.body}")
        return self.record(gev.ConferenceMemberAdded(self.body, key))

    def convene(self, convener: str, invited: Sequence[Body] = (), note: str = "") -> Event:
        """Convene the next session; rival when ``convener`` is not the directing body.
        Invited units must not already be members."""
        extra = _units(invited, f"conference {self.body}, invited")
        already = [u for u in extra if u in self.members]
        if already:
            raise InvalidInput(
                f"conference {self.body}: {', '.join(already)} are members, not invited guests"
            )
        text = check_text(note, f"conference {self.body}: note", 500) if note.strip() else ""
        number = len(self.sessions) + 1
        rival = convener != self.directed_by
        return self.record(gev.SessionConvened(self.body, number, convener, rival, extra, text))

    def record_stance(
        self,
        number: int,
        unit: str,
        stance: str,
        authority: str | None = None,
        note: str = "",
    ) -> Event:
        """Record a called unit's stance at session ``number``, once; a conditional
        stance names the authority it depends on, and only a conditional one does."""
        session = self.session(number)
        if unit not in session.called:
            raise NotFound(f"{unit} was not called to session {number} of {self.body}")
        if unit in session.stances:
            raise AlreadyExists(f"{unit} has already answered the roll of session {number}")
        chosen = choice(Stance, stance, f"stance of {unit}")
        if (chosen is Stance.CONDITIONAL) != (authority is not None):
            raise InvalidInput(
                f"stance of {unit}: a conditional stance names the authority it depends on, "
                "and only a conditional one does"
            )
        text = check_text(note, f"stance of {unit}: note", 500) if note.strip() else ""
        return self.record(
            gev.StanceRecorded(self.body, number, unit, str(chosen), authority, text)
        )

    def roll(self, number: int) -> Roll:
        session = self.session(number)
        stances = tuple(session.stances[u] for u in session.called if u in session.stances)
        counts = tuple((str(s), sum(1 for x in stances if x.stance is s)) for s in Stance)
        silent = tuple(u for u in session.called if u not in session.stances)
        return Roll(
            number,
            session.convener,
            session.rival,
            stances,
            counts,
            silent,
            session.invited,
            session.note,
        )

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    def apply(self, event: Event) -> None:
        match event:
            case gev.ConferenceMemberAdded():
                self.members.append(event.unit)
            case gev.SessionConvened():
                called = (*self.members, *event.invited)
                self.sessions.append(
                    Session(
                        event.number,
                        event.convener,
                        event.rival,
                        called,
                        event.invited,
                        event.note,
                    )
                )
            case gev.StanceRecorded():
                session = self.sessions[event.session - 1]
                session.stances[event.unit] = UnitStance(
                    event.unit,
                    Stance(event.stance),
                    event.authority,
                    event.note,
                    event.unit in session.invited,
                )
            case _:
                pass
