"""Past-tense events. Each event's ``op`` is the dotted operation name that records it,
and its payload is exactly what the ledger stores and what replay re-applies."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar

from sovet.domain.errors import InvalidInput

JsonDict = dict[str, Any]
EVENT_TYPES: dict[str, type[Event]] = {}


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Event:
    op: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.op in EVENT_TYPES:
            raise ValueError(f"event {cls.op!r} is registered twice")
        if cls.op:
            EVENT_TYPES[cls.op] = cls

    def subjects(self) -> tuple[str, ...]:
        return ()

    def stream(self) -> str | None:
        """The aggregate whose history this event belongs to, when that aggregate is
        kept as its stream of events (a sitting, a poll); None for the rest."""
        return None

    def payload(self) -> JsonDict:
        out: JsonDict = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            out[f.name] = _thaw(value)
        return out


class Applies(Protocol):
    def apply(self, event: Event) -> None: ...


A = TypeVar("A", bound=Applies)
E = TypeVar("E", bound=Event)


def replay_stream(events: Iterable[Event], first: type[E], start: Callable[[E], A], what: str) -> A:
    """Rebuild an aggregate kept as its stream: made from the stream's first event,
    which must be a ``first``, then every later event applied in order."""
    stream = iter(events)
    head = next(stream, None)
    if not isinstance(head, first):
        raise InvalidInput(f"{what}'s first event must be {first.op}")
    aggregate = start(head)
    for event in stream:
        aggregate.apply(event)
    return aggregate


def event_from_entry(op: str, payload: JsonDict) -> Event:
    """Rebuild an event from a ledger entry's operation name and payload."""
    cls = EVENT_TYPES.get(op)
    if cls is None:
        raise InvalidInput(f"the ledger holds an unknown operation {op!r}")
    kwargs: JsonDict = {}
    for f in dataclasses.fields(cls):
        if f.name not in payload:
            if f.default is not dataclasses.MISSING:
                continue
            raise InvalidInput(f"ledger entry {op}: payload lacks {f.name!r}")
        kwargs[f.name] = _freeze(payload[f.name])
    return cls(**kwargs)


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class OrganisationCreated(Event):
    op: ClassVar[str] = "org.create"

    key: str
    name: str
    calendar: str = "gregorian"

    def subjects(self) -> tuple[str, ...]:
        return (f"org:{self.key}",)


@dataclass(frozen=True)
class BodyCreated(Event):
    op: ClassVar[str] = "body.create"

    key: str
    name: str
    kind: str
    level: str = ""
    seat_rule: str = "sum"
    size: int | None = None
    method: str = "sainte-lague"
    curiae: tuple[str, ...] = ()
    membership: int | None = None

    def subjects(self) -> tuple[str, ...]:
        return (f"body:{self.key}",)


@dataclass(frozen=True)
class BodyStatusChanged(Event):
    op: ClassVar[str] = "body.set-status"

    body: str
    old: str
    new: str

    def subjects(self) -> tuple[str, ...]:
        return (f"body:{self.body}",)


@dataclass(frozen=True)
class BodiesLinked(Event):
    op: ClassVar[str] = "body.link"

    source: str
    target: str
    kind: str

    def subjects(self) -> tuple[str, ...]:
        return (f"body:{self.source}", f"body:{self.target}")


@dataclass(frozen=True)
class NormSet(Event):
    op: ClassVar[str] = "norm.set"

    key: str
    kind: str
    seats: int | None = None
    per: int | None = None
    minimum: int = 0
    maximum: int | None = None
    rounding: str = "down"
    curia: str | None = None

    def subjects(self) -> tuple[str, ...]:
        return (f"norm:{self.key}",)


@dataclass(frozen=True)
class ConstituencyCreated(Event):
    op: ClassVar[str] = "constituency.create"

    key: str
    body: str
    source: str
    norm: str | None = None
    curia: str | None = None
    membership_override: int | None = None

    def subjects(self) -> tuple[str, ...]:
        return (f"constituency:{self.key}", f"body:{self.body}", f"body:{self.source}")


@dataclass(frozen=True)
class FactionCreated(Event):
    op: ClassVar[str] = "faction.create"

    key: str
    name: str
    party: str | None = None
    parent: str | None = None

    def subjects(self) -> tuple[str, ...]:
        return (f"faction:{self.key}",)


@dataclass(frozen=True)
class FactionSplit(Event):
    """Part of a faction's members leave it to form a new faction (M04)."""

    op: ClassVar[str] = "faction.split"

    faction: str
    new_key: str
    new_name: str
    members: tuple[str, ...]

    def subjects(self) -> tuple[str, ...]:
        return (f"faction:{self.faction}", f"faction:{self.new_key}")


@dataclass(frozen=True)
class MemberAdded(Event):
    op: ClassVar[str] = "member.add"

    number: str
    name: str
    council: str
    faction: str | None = None
    email: str | None = None

    def subjects(self) -> tuple[str, ...]:
        return (f"member:{self.number}", f"body:{self.council}")


@dataclass(frozen=True)
class MemberAffiliated(Event):
    """A member joins, leaves or moves between factions; old and new are recorded."""

    op: ClassVar[str] = "member.affiliate"

    number: str
    old: str | None
    new: str | None

    def subjects(self) -> tuple[str, ...]:
        return (f"member:{self.number}",)


@dataclass(frozen=True)
class RollImported(Event):
    """One part of an imported member roll, in its canonical text
    (``sovet.domain.roll``): the parts of one import, joined in order, are the whole
    roll, so that it can be rebuilt from the ledger alone. ``sha256`` is the digest of
    the imported file as given.
    """

    op: ClassVar[str] = "roll.import"

    source: str
    sha256: str
    part: int
    parts: int
    text: str

    def subjects(self) -> tuple[str, ...]:
        return (f"roll:{self.sha256[:16]}",)


@dataclass(frozen=True)
class MandateRecorded(Event):
    op: ClassVar[str] = "mandate.record"

    key: str
    body: str
    constituency: str | None
    holder: str
    faction: str | None = None

    def subjects(self) -> tuple[str, ...]:
        return (f"mandate:{self.key}", f"body:{self.body}", f"member:{self.holder}")


@dataclass(frozen=True)
class MandateStatusChanged(Event):
    op: ClassVar[str] = "mandate.set-status"

    key: str
    old: str
    new: str
    reason: str = ""

    def subjects(self) -> tuple[str, ...]:
        return (f"mandate:{self.key}",)


@dataclass(frozen=True)
class CredentialIssued(Event):
    op: ClassVar[str] = "credential.issue"

    mandate: str
    old: str | None
    new: str

    def subjects(self) -> tuple[str, ...]:
        return (f"mandate:{self.mandate}",)
