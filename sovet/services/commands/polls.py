"""Commands of polls and instructions (M12, M20, M22)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AdoptInstruction",
    "CastBallot",
    "ClosePoll",
    "OpenPoll",
    "ShowPoll",
]


@dataclass(frozen=True)
class OpenPoll:
    org: str
    key: str
    sitting: str
    question: str
    motion: str | None = None
    mode: str = "show-of-hands"
    unit: str = "delegate"
    rule: str = "simple"


@dataclass(frozen=True)
class CastBallot:
    """A ballot; ``voter`` defaults to the actor's own member number."""

    org: str
    poll: str
    choice: str
    voter: str | None = None


@dataclass(frozen=True)
class ClosePoll:
    """Close a poll; a show of hands takes the chair's count (or flagged estimate)."""

    org: str
    poll: str
    for_: int | None = None
    against: int | None = None
    abstain: int | None = None
    estimated: bool = False
    note: str = ""


@dataclass(frozen=True)
class AdoptInstruction:
    """A constituency's instruction to its delegates on a motion (an imperative mandate)."""

    org: str
    key: str
    constituency: str
    motion: str
    direction: str
    binding: bool = True
    text: str = ""


@dataclass(frozen=True)
class ShowPoll:
    org: str
    poll: str
