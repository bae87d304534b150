"""The values of a sitting's motions (M11): kinds, states, a motion, a question in the
voting order, an outcome, a rival-text outcome and a dissent, and the rule that applies
an amendment to a text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sovet.count import Tally
from sovet.domain import motion_events as me
from sovet.domain.errors import InvalidInput
from sovet.domain.exact import parse_time


class MotionKind(StrEnum):
    RESOLUTION = "resolution"
    DECREE = "decree"
    AMENDMENT = "amendment"
    DECLARATION = "declaration"
    PROCEDURAL = "procedural"


class MotionState(StrEnum):
    MOVED = "moved"
    WITHDRAWN = "withdrawn"
    DEFERRED = "deferred"
    NOT_PUT = "not-put"
    ADOPTED = "adopted"
    REJECTED = "rejected"


OPEN = frozenset({MotionState.MOVED, MotionState.DEFERRED})
DECIDED = frozenset({MotionState.ADOPTED, MotionState.REJECTED})

# Amendments of amendments are in order, amendments of the third degree are not
# (Robert's Rules of Order Newly Revised, 12th ed. 2020, §12, "Amend").
MAX_DEPTH = 2


@dataclass(frozen=True)
class Motion:
    """A motion or an amendment. An amendment's ``text`` replaces the whole text of
    the motion it ``amends``, or, when ``find`` is given, the one occurrence of
    ``find`` in it. ``depth`` is 0 for a main motion, 1 for an amendment, 2 for an
    amendment of an amendment. ``acts`` makes a motion a ratification of prior acts."""

    key: str
    kind: MotionKind
    mover: str
    text: str
    faction: str | None = None
    item: str | None = None
    amends: str | None = None
    find: str | None = None
    acts: tuple[str, ...] = ()
    depth: int = 0
    state: MotionState = MotionState.MOVED
    rivals: str | None = None  # the key of its rival-text group

    @property
    def is_amendment(self) -> bool:
        return self.amends is not None

    @property
    def is_ratification(self) -> bool:
        return bool(self.acts)


@dataclass(frozen=True)
class Question:
    """One question in the voting order."""

    motion: str
    kind: MotionKind
    depth: int
    amends: str | None


@dataclass(frozen=True)
class Outcome:
    """What the vote on a motion gave, as the caller's poll reported it."""

    adopted: bool
    text: str
    at: datetime
    tally: Tally | None = None
    rule: str = ""


@dataclass(frozen=True)
class RivalOutcome:
    """Rival texts voted in sequence: ``winner`` is the one adopted, if any;
    ``settled`` once none is left open. Settled with no winner is "no majority"."""

    group: str
    motions: tuple[str, ...]
    winner: str | None
    settled: bool

    @property
    def no_majority(self) -> bool:
        return self.settled and self.winner is None


@dataclass(frozen=True)
class Dissent:
    motion: str
    by: str
    text: str
    at: datetime
    faction: str | None = None


def apply_change(text: str, find: str | None, new: str, where: str) -> str:
    """An amendment's effect: ``new`` replaces the whole ``text``, or the one
    occurrence of ``find`` in it. A find-text that is absent, or that occurs more
    than once (so the place is ambiguous), is refused."""
    if find is None:
        return new
    count = text.count(find)
    if count != 1:
        state = "is not in" if count == 0 else f"occurs {count} times in"
        raise InvalidInput(f"{where}: the text to replace {find!r} {state} the text amended")
    return text.replace(find, new, 1)


# -- pure views over the motions of a sitting, keyed and in the order moved -------


def amendments_of(motions: Mapping[str, Motion], key: str) -> list[Motion]:
    """The amendments of ``key``, in the order moved."""
    return [m for m in motions.values() if m.amends == key]


def text_as_amended(motions: Mapping[str, Motion], key: str) -> str:
    """The text of ``key`` with its adopted amendments applied in the order they were
    adopted (which is the order moved), each amendment itself as amended."""
    text = motions[key].text
    for a in amendments_of(motions, key):
        if a.state is MotionState.ADOPTED:
            new = text_as_amended(motions, a.key)
            text = apply_change(text, a.find, new, f"amendment {a.key}")
    return text


def voting_order(motions: Mapping[str, Motion], key: str) -> tuple[Question, ...]:
    """The questions still to be put on ``key``, in the order of Robert's Rules of Order
    Newly Revised (12th ed. 2020, §12 "Amend"; common parliamentary procedure): the
    amendments of an amendment before it, each amendment (as amended) before the motion
    it amends, amendments of one motion in the order moved, and ``key`` itself, as
    amended, last. A motion not in the state ``moved`` (decided, withdrawn, not put, or
    held back) is left out with everything under it."""
    m = motions[key]
    if m.state is not MotionState.MOVED:
        return ()
    out: list[Question] = []
    for a in amendments_of(motions, key):
        out.extend(voting_order(motions, a.key))
    out.append(Question(m.key, m.kind, m.depth, m.amends))
    return tuple(out)


def rival_outcome(motions: Mapping[str, Motion], group: str, keys: tuple[str, ...]) -> RivalOutcome:
    states = [motions[k].state for k in keys]
    adopted = [k for k, s in zip(keys, states, strict=True) if s is MotionState.ADOPTED]
    settled = not any(s in OPEN for s in states)
    return RivalOutcome(group, keys, adopted[0] if adopted else None, settled)


# -- checks, and values from events ---------------------------------------------


def check_text(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{what}: the text must not be empty")
    return value


def check_acts(key: str, acts: Iterable[str]) -> tuple[str, ...]:
    """References to prior acts (ledger entries, orders): no spaces, named once."""
    refs = tuple(acts)
    for ref in refs:
        if not isinstance(ref, str) or not ref or len(ref) > 200 or any(c.isspace() for c in ref):
            raise InvalidInput(f"motion {key}: act reference {ref!r} is invalid")
    if len(set(refs)) != len(refs):
        raise InvalidInput(f"motion {key}: an act is named twice")
    return refs


def moved(event: me.MotionMoved) -> Motion:
    return Motion(
        event.motion,
        MotionKind(event.kind),
        event.mover,
        event.text,
        event.faction,
        event.item,
        acts=tuple(event.acts),
    )


def amendment(event: me.AmendmentMoved, target: Motion) -> Motion:
    return Motion(
        event.motion,
        MotionKind.AMENDMENT,
        event.mover,
        event.text,
        event.faction,
        target.item,
        event.amends,
        event.find,
        depth=target.depth + 1,
    )


def outcome(event: me.MotionDecided) -> Outcome:
    tally = None
    if event.for_ is not None and event.against is not None:
        tally = Tally(event.for_, event.against, event.abstain or 0, event.estimated)
    return Outcome(event.adopted, event.text, parse_time(event.at, "at"), tally, event.rule)
