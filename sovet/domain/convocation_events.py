"""Events of a convocation (M07, M09): created, demanded, summoned, postponed, answered
and contested. Times are canonical UTC text (:mod:`sovet.domain.exact`), durations whole
seconds, shares ``"p/q"`` text. A convocation is kept as the stream of its events,
``convocation:KEY``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class ConvocationCreated(Event):
    """A convocation is set up: the body to convene, its convener and its rules."""

    op: ClassVar[str] = "convocation.create"

    key: str
    body: str
    convener: str
    members: tuple[str, ...]
    membership: tuple[tuple[str, int], ...] = ()
    fallback: str | None = None
    competent_convener: str | None = None
    min_notice: int = 14 * 86400  # seconds
    demand_threshold: str = "1/3"
    demand_basis: str = "bodies"
    summon_within: int = 14 * 86400  # seconds
    postpone_notice: int | None = None  # seconds

    def subjects(self) -> tuple[str, ...]:
        return (f"convocation:{self.key}", f"body:{self.body}", f"body:{self.convener}")

    def stream(self) -> str:
        return f"convocation:{self.key}"


@dataclass(frozen=True)
class ConvocationDemanded(Event):
    """A member body demands that the body be convened."""

    op: ClassVar[str] = "convocation.demand"

    convocation: str
    body: str
    at: str
    in_the_name_of: int | None = None

    def subjects(self) -> tuple[str, ...]:
        return (f"convocation:{self.convocation}", f"body:{self.body}")

    def stream(self) -> str:
        return f"convocation:{self.convocation}"


@dataclass(frozen=True)
class ConvocationSummoned(Event):
    """The summons: date, place, agenda, quorum rule and the competence it carries."""

    op: ClassVar[str] = "convocation.summon"

    convocation: str
    by: str
    at: str
    opens_at: str
    place: str
    agenda: tuple[str, ...]
    quorum_share: str
    quorum_basis: str
    quorum_strict: bool
    competent: bool
    why: str
    urgent: bool = False
    reason: str = ""
    ends_at: str | None = None

    def subjects(self) -> tuple[str, ...]:
        return (f"convocation:{self.convocation}", f"body:{self.by}")

    def stream(self) -> str:
        return f"convocation:{self.convocation}"


@dataclass(frozen=True)
class ConvocationPostponed(Event):
    """The opening moves from ``old`` to ``new``, with the reason."""

    op: ClassVar[str] = "convocation.postpone"

    convocation: str
    by: str
    at: str
    old: str
    new: str
    reason: str

    def subjects(self) -> tuple[str, ...]:
        return (f"convocation:{self.convocation}", f"body:{self.by}")

    def stream(self) -> str:
        return f"convocation:{self.convocation}"


@dataclass(frozen=True)
class ConvocationAnswered(Event):
    """A member body answers the summons (agreed or refused to send delegates)."""

    op: ClassVar[str] = "convocation.respond"

    convocation: str
    body: str
    answer: str
    at: str
    old: str | None = None

    def subjects(self) -> tuple[str, ...]:
        return (f"convocation:{self.convocation}", f"body:{self.body}")

    def stream(self) -> str:
        return f"convocation:{self.convocation}"


@dataclass(frozen=True)
class ConvocationContested(Event):
    """A body disputes the legality of the convocation; the dispute is recorded."""

    op: ClassVar[str] = "convocation.contest"

    convocation: str
    by: str
    reason: str
    at: str

    def subjects(self) -> tuple[str, ...]:
        return (f"convocation:{self.convocation}", f"body:{self.by}")

    def stream(self) -> str:
        return f"convocation:{self.convocation}"
