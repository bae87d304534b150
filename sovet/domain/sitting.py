"""A sitting of a body: who may sit and vote, who is present, and the bases that quorum
and majority are computed on (mechanisms M08, M09, M10).

Delegates come in with a credential (voting, advisory or guest) issued by the body that
elected them; a credential may be challenged and the sitting decides; a delegate's
standing may change mid-sitting by resolution. Attendance is logged (present, withdrawn,
returned) and a faction may declare a walkout of all or part of its members, who keep
their rights. Quorum and the majority base are recomputed whenever they are asked for,
so a poll opened after a walkout counts on the sitting as it then is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from fractions import Fraction
from typing import ClassVar, TypeVar

from sovet.domain.errors import AlreadyExists, InvalidInput, InvalidTransition, NotFound
from sovet.domain.events import Event
from sovet.domain.keys import check_key
from sovet.domain.members import CredentialStatus


class SittingStatus(StrEnum):
    CONVENED = "convened"
    OPEN = "open"
    RECESS = "recess"
    CLOSED = "closed"


class Presence(StrEnum):
    ABSENT = "absent"
    PRESENT = "present"
    WITHDRAWN = "withdrawn"


class MajorityBase(StrEnum):
    """What a majority is a majority of (M10): configurable per body."""

    CAST = "cast"  # votes cast for or against
    PRESENT_VOTING = "present-voting"  # voting delegates present
    REGISTERED_VOTING = "registered-voting"  # voting delegates registered
    SEATS = "seats"  # the body's seats


@dataclass(frozen=True)
class Delegate:
    """A mandate sitting in this sitting, with what a poll needs to know of it."""

    mandate: str
    holder: str
    faction: str | None
    credential: CredentialStatus
    delegation: str | None = None  # the electing body, for counts per delegation
    curia: str | None = None
    represents: int = 0  # membership represented, for card votes
    registered: bool = False
    presence: Presence = Presence.ABSENT
    challenged: str | None = None  # the reason, while a challenge is open

    @property
    def votes(self) -> bool:
        return self.credential is CredentialStatus.VOTING and self.challenged is None


# -- events ------------------------------------------------------------------


class _InSitting:
    """Mixin: an event of a sitting's stream."""

    sitting: str

    def stream(self) -> str:
        return f"sitting:{self.sitting}"


@dataclass(frozen=True)
class SittingOpened(Event):
    op: ClassVar[str] = "sitting.open"

    key: str
    body: str
    seats: int
    quorum: str  # a fraction "p/q" of registered voting delegates
    majority_base: str
    convocation: str | None = None
    consultative: bool = False

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.key}", f"body:{self.body}")

    def stream(self) -> str:
        return f"sitting:{self.key}"


@dataclass(frozen=True)
class DelegateRegistered(_InSitting, Event):
    op: ClassVar[str] = "sitting.register"

    sitting: str
    mandate: str
    holder: str
    faction: str | None
    credential: str
    delegation: str | None = None
    curia: str | None = None
    represents: int = 0

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}", f"mandate:{self.mandate}")


@dataclass(frozen=True)
class AttendanceChanged(_InSitting, Event):
    op: ClassVar[str] = "sitting.attend"

    sitting: str
    mandates: tuple[str, ...]
    old: str
    new: str
    at: str  # ISO time the chair recorded

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}", *(f"mandate:{m}" for m in self.mandates))


@dataclass(frozen=True)
class WalkoutDeclared(_InSitting, Event):
    """A faction declares that all or part of its members leave; they keep their rights."""

    op: ClassVar[str] = "sitting.walkout"

    sitting: str
    faction: str
    mandates: tuple[str, ...]
    declaration: str
    at: str

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}", f"faction:{self.faction}")


@dataclass(frozen=True)
class CredentialChallenged(_InSitting, Event):
    op: ClassVar[str] = "credential.challenge"

    sitting: str
    mandate: str
    by: str
    reason: str

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}", f"mandate:{self.mandate}")


@dataclass(frozen=True)
class ChallengeDecided(_InSitting, Event):
    op: ClassVar[str] = "credential.decide"

    sitting: str
    mandate: str
    upheld: bool  # True: the challenge stands and the credential is withdrawn
    old: str
    new: str
    resolution: str = ""

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}", f"mandate:{self.mandate}")


@dataclass(frozen=True)
class StandingChanged(_InSitting, Event):
    """A delegate's credential changed mid-sitting by resolution (guest -> voting)."""

    op: ClassVar[str] = "sitting.set-standing"

    sitting: str
    mandate: str
    old: str
    new: str
    resolution: str

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}", f"mandate:{self.mandate}")


@dataclass(frozen=True)
class SittingStatusChanged(_InSitting, Event):
    op: ClassVar[str] = "sitting.set-status"

    sitting: str
    old: str
    new: str
    reason: str = ""

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}",)


# -- the aggregate -------------------------------------------------------------


@dataclass(frozen=True)
class Bases:
    """The numbers quorum and majority rest on at one moment."""

    seats: int
    registered_voting: int
    present_voting: int
    quorum_needed: int
    quorate: bool


@dataclass
class Sitting:
    key: str
    body: str
    seats: int
    quorum: Fraction = Fraction(1, 2)
    majority_base: MajorityBase = MajorityBase.CAST
    convocation: str | None = None
    consultative: bool = False
    status: SittingStatus = SittingStatus.OPEN
    delegates: dict[str, Delegate] = field(default_factory=dict)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        key: str,
        body: str,
        *,
        seats: int,
        quorum: Fraction = Fraction(1, 2),
        majority_base: str = "cast",
        convocation: str | None = None,
        consultative: bool = False,
    ) -> Sitting:
        """Open a sitting; ``consultative`` when not convened by the competent body (M09)."""
        check_key(key, "sitting")
        if seats < 0:
            raise InvalidInput(f"sitting {key}: seats must be >= 0")
        if not Fraction(0) <= quorum <= 1:
            raise InvalidInput(f"sitting {key}: quorum must be a share between 0 and 1")
        base = _enum(MajorityBase, majority_base, "majority base")
        sitting = cls(key, body, seats, quorum, base, convocation, consultative)
        sitting.record(SittingOpened(key, body, seats, f"{quorum.numerator}/{quorum.denominator}",
                                     str(base), convocation, consultative))  # fmt: skip
        return sitting

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    def delegate(self, mandate: str) -> Delegate:
        try:
            return self.delegates[mandate]
        except KeyError:
            raise NotFound(f"sitting {self.key} has no delegate with mandate {mandate!r}") from None

    def _require_open(self) -> None:
        if self.status is SittingStatus.CLOSED:
            raise InvalidTransition(f"sitting {self.key} is closed")

    # -- credentials and registration (M08) -----------------------------------
    def register(
        self,
        mandate: str,
        holder: str,
        faction: str | None,
        credential: str,
        *,
        delegation: str | None = None,
        curia: str | None = None,
        represents: int = 0,
    ) -> Event:
        """Register a delegate with the credential its electing body issued."""
        self._require_open()
        if mandate in self.delegates:
            raise AlreadyExists(f"mandate {mandate} is already registered in sitting {self.key}")
        _enum(CredentialStatus, credential, "credential")
        if represents < 0:
            raise InvalidInput(f"mandate {mandate}: represented membership must be >= 0")
        return self.record(DelegateRegistered(self.key, mandate, holder, faction, credential,
                                              delegation, curia, represents))  # fmt: skip

    def challenge(self, mandate: str, by: str, reason: str) -> Event:
        self._require_open()
        d = self.delegate(mandate)
        if d.challenged is not None:
            raise InvalidTransition(f"mandate {mandate}'s credential is already challenged")
        if not reason.strip():
            raise InvalidInput("a challenge needs a reason")
        return self.record(CredentialChallenged(self.key, mandate, by, reason.strip()))

    def decide_challenge(self, mandate: str, upheld: bool, resolution: str = "") -> Event:
        """The sitting decides: an upheld challenge withdraws the credential (guest)."""
        d = self.delegate(mandate)
        if d.challenged is None:
            raise InvalidTransition(f"mandate {mandate}'s credential is not challenged")
        new = CredentialStatus.GUEST if upheld else d.credential
        return self.record(ChallengeDecided(self.key, mandate, upheld, str(d.credential),
                                            str(new), resolution))  # fmt: skip

    def set_standing(self, mandate: str, credential: str, resolution: str) -> Event:
        """Change a delegate's standing mid-sitting by resolution (M08)."""
        self._require_open()
        d = self.delegate(mandate)
        new = _enum(CredentialStatus, credential, "credential")
        if new == d.credential:
            raise InvalidInput(f"mandate {mandate} already has a {new} credential")
        if not resolution.strip():
            raise InvalidInput("a change of standing needs the resolution that decided it")
        return self.record(StandingChanged(self.key, mandate, str(d.credential), str(new),
                                           resolution.strip()))  # fmt: skip

    # -- attendance (M10) ------------------------------------------------------
    def attend(self, mandates: list[str], presence: str, at: datetime) -> Event:
        self._require_open()
        new = _enum(Presence, presence, "presence")
        if not mandates:
            raise InvalidInput("name at least one mandate")
        olds = {self.delegate(m).presence for m in mandates}
        if olds == {new}:
            raise InvalidInput(f"{', '.join(mandates)} already {new}")
        old = olds.pop() if len(olds) == 1 else "mixed"
        return self.record(AttendanceChanged(self.key, tuple(mandates), str(old), str(new),
                                             at.isoformat()))  # fmt: skip

    def walkout(
        self, faction: str, declaration: str, at: datetime, mandates: list[str] | None = None
    ) -> Event:
        """A faction's walkout: all its present members, or the named part, withdraw.

        A faction may declare and not leave (``mandates=[]``); those who leave keep
        their mandates and rights (reserved seats, M05) and may return.
        """
        self._require_open()
        members = [k for k, d in self.delegates.items() if d.faction == faction]
        if not members:
            raise NotFound(f"sitting {self.key} has no delegates of faction {faction!r}")
        leaving = (
            [k for k in members if self.delegates[k].presence is Presence.PRESENT]
            if mandates is None
            else mandates
        )
        outsiders = [m for m in leaving if m not in members]
        if outsiders:
            raise InvalidInput(f"{', '.join(outsiders)} are not delegates of faction {faction}")
        return self.record(WalkoutDeclared(self.key, faction, tuple(leaving),
                                           declaration.strip(), at.isoformat()))  # fmt: skip

    def set_status(self, status: str, reason: str = "") -> Event:
        new = _enum(SittingStatus, status, "sitting status")
        if self.status is SittingStatus.CLOSED:
            raise InvalidTransition(f"sitting {self.key} is closed")
        if new is self.status:
            raise InvalidInput(f"sitting {self.key} is already {new}")
        return self.record(SittingStatusChanged(self.key, str(self.status), str(new), reason))

    # -- bases (M09, M10) -----------------------------------------------------
    def bases(self) -> Bases:
        """Quorum and majority bases as the sitting now stands.

        Quorum (M09) is the share ``quorum`` of registered voting delegates (the smallest
        whole number of delegates at least that share), counted among those present.
        """
        voting = [d for d in self.delegates.values() if d.votes]
        registered = len(voting)
        present = sum(1 for d in voting if d.presence is Presence.PRESENT)
        needed = _ceil(self.quorum * registered)
        return Bases(self.seats, registered, present, needed, present >= needed)

    def eligible_voters(self) -> list[Delegate]:
        """Voting delegates present now: who may vote in a poll opened now."""
        return [d for d in self.delegates.values() if d.votes and d.presence is Presence.PRESENT]

    # -- applying events -------------------------------------------------------
    def apply(self, event: Event) -> None:
        match event:
            case SittingOpened():
                pass
            case DelegateRegistered():
                self.delegates[event.mandate] = Delegate(
                    event.mandate, event.holder, event.faction,
                    CredentialStatus(event.credential), event.delegation, event.curia,
                    event.represents, registered=True,
                )  # fmt: skip
            case AttendanceChanged():
                for m in event.mandates:
                    self.delegates[m] = replace(self.delegates[m], presence=Presence(event.new))
            case WalkoutDeclared():
                for m in event.mandates:
                    self.delegates[m] = replace(self.delegates[m], presence=Presence.WITHDRAWN)
            case CredentialChallenged():
                self.delegates[event.mandate] = replace(
                    self.delegates[event.mandate], challenged=event.reason
                )
            case ChallengeDecided():
                self.delegates[event.mandate] = replace(
                    self.delegates[event.mandate],
                    challenged=None,
                    credential=CredentialStatus(event.new),
                )
            case StandingChanged():
                self.delegates[event.mandate] = replace(
                    self.delegates[event.mandate], credential=CredentialStatus(event.new)
                )
            case SittingStatusChanged():
                self.status = SittingStatus(event.new)
            case _:
                pass

    @classmethod
    def rebuild(cls, events: list[Event]) -> Sitting:
        """A sitting from its events (replay)."""
        first = events[0]
        if not isinstance(first, SittingOpened):
            raise InvalidInput("a sitting's first event must be sitting.open")
        num, den = first.quorum.split("/")
        sitting = cls(first.key, first.body, first.seats, Fraction(int(num), int(den)),
                      MajorityBase(first.majority_base), first.convocation,
                      first.consultative)  # fmt: skip
        for event in events[1:]:
            sitting.apply(event)
        return sitting


def _ceil(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


E = TypeVar("E", bound=StrEnum)


def _enum(kind: type[E], value: str, what: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(v) for v in kind)
        raise InvalidInput(f"unknown {what} {value!r}; expected one of: {allowed}") from None
