"""Events of motions, amendments and rival texts (M11) and of dissent (M28).
Times are canonical UTC text (:mod:`sovet.domain.exact`). The motions of a sitting are
kept as the stream ``motions:SITTING``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class _MotionEvent(Event):
    sitting: str
    motion: str

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}", f"motion:{self.motion}")

    def stream(self) -> str:
        return f"motions:{self.sitting}"


@dataclass(frozen=True)
class MotionMoved(_MotionEvent):
    """A motion is moved; ``acts`` makes it a ratification of prior acts (by reference)."""

    op: ClassVar[str] = "motion.move"

    kind: str
    mover: str
    text: str
    at: str
    faction: str | None = None
    item: str | None = None
    acts: tuple[str, ...] = ()


@dataclass(frozen=True)
class AmendmentMoved(_MotionEvent):
    """An amendment of ``amends``: ``text`` replaces its whole text, or, with ``find``,
    replaces the one occurrence of ``find`` in it."""

    op: ClassVar[str] = "motion.amend"

    amends: str
    mover: str
    text: str
    at: str
    find: str | None = None
    faction: str | None = None

    def subjects(self) -> tuple[str, ...]:
        return (*super().subjects(), f"motion:{self.amends}")


@dataclass(frozen=True)
class MotionWithdrawn(_MotionEvent):
    op: ClassVar[str] = "motion.withdraw"

    by: str
    at: str


@dataclass(frozen=True)
class MotionDeferred(_MotionEvent):
    """The mover (or its faction) holds its motion back from a vote."""

    op: ClassVar[str] = "motion.defer"

    by: str
    reason: str
    at: str


@dataclass(frozen=True)
class MotionResumed(_MotionEvent):
    op: ClassVar[str] = "motion.resume"

    by: str
    at: str


@dataclass(frozen=True)
class MotionNotPut(_MotionEvent):
    """The question is not put: moot, or a rival text was adopted first."""

    op: ClassVar[str] = "motion.not-put"

    reason: str
    at: str


@dataclass(frozen=True)
class MotionDecided(_MotionEvent):
    """The outcome of the vote, as the poll gave it: ``text`` is what was put (the
    motion as amended), the tally (``None`` when not counted) and the rule applied."""

    op: ClassVar[str] = "motion.decide"

    adopted: bool
    text: str
    at: str
    for_: int | None = None
    against: int | None = None
    abstain: int | None = None
    estimated: bool = False
    rule: str = ""


@dataclass(frozen=True)
class RivalsDeclared(Event):
    """Alternative texts to be voted in this sequence; the first adopted wins."""

    op: ClassVar[str] = "motion.declare-rivals"

    sitting: str
    key: str
    motions: tuple[str, ...]
    at: str

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}", *(f"motion:{m}" for m in self.motions))

    def stream(self) -> str:
        return f"motions:{self.sitting}"


@dataclass(frozen=True)
class DissentEntered(_MotionEvent):
    """A delegate or faction has its dissent from a decision entered in the minutes."""

    op: ClassVar[str] = "motion.dissent"

    by: str
    text: str
    at: str
    faction: str | None = None
