"""Events of recall petitions and recall votes (M03).

Each ``op`` is also the dotted name of the operation that records it.
Every event belongs to its recall petition's stream ``recall:<key>``, from which
the services rebuild it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class RecallOpened(Event):
    """A petition to recall ``mandate`` opens: ``electors`` of the constituency at
    opening, ``threshold`` as ``"p/q"``, ``needed`` signatures, and the ``vacancy``
    policy (``by-election`` or ``next-on-list``)."""

    op: ClassVar[str] = "recall.open"

    key: str
    mandate: str
    holder: str
    constituency: str
    electors: int
    threshold: str
    needed: int
    vacancy: str

    def stream(self) -> str:
        return f"recall:{self.key}"

    def subjects(self) -> tuple[str, ...]:
        return (
            f"recall:{self.key}",
            f"mandate:{self.mandate}",
            f"constituency:{self.constituency}",
        )


@dataclass(frozen=True)
class RecallSigned(Event):
    op: ClassVar[str] = "recall.sign"

    petition: str
    elector: str

    def stream(self) -> str:
        return f"recall:{self.petition}"

    def subjects(self) -> tuple[str, ...]:
        return (f"recall:{self.petition}", f"member:{self.elector}")


@dataclass(frozen=True)
class RecallSignatureWithdrawn(Event):
    op: ClassVar[str] = "recall.withdraw"

    petition: str
    elector: str

    def stream(self) -> str:
        return f"recall:{self.petition}"

    def subjects(self) -> tuple[str, ...]:
        return (f"recall:{self.petition}", f"member:{self.elector}")


@dataclass(frozen=True)
class RecallVoteOpened(Event):
    """The petition reached its threshold; the constituency votes on the recall."""

    op: ClassVar[str] = "recall.open-vote"

    petition: str
    signatures: int
    needed: int

    def stream(self) -> str:
        return f"recall:{self.petition}"

    def subjects(self) -> tuple[str, ...]:
        return (f"recall:{self.petition}",)


@dataclass(frozen=True)
class RecallDecided(Event):
    """The recall vote's outcome under ``rule``; ``adopted`` means the mandate is
    recalled, and its seat filled by the ``vacancy`` policy."""

    op: ClassVar[str] = "recall.decide"

    petition: str
    mandate: str
    for_: int
    against: int
    abstain: int
    estimated: bool
    rule: str
    base: str
    base_size: int
    needed: int
    adopted: bool
    explanation: str
    vacancy: str

    def stream(self) -> str:
        return f"recall:{self.petition}"

    def subjects(self) -> tuple[str, ...]:
        return (f"recall:{self.petition}", f"mandate:{self.mandate}")


@dataclass(frozen=True)
class RecallClosed(Event):
    """The petition closes without a vote (withdrawn by its initiators, or lapsed)."""

    op: ClassVar[str] = "recall.close"

    petition: str
    reason: str

    def stream(self) -> str:
        return f"recall:{self.petition}"

    def subjects(self) -> tuple[str, ...]:
        return (f"recall:{self.petition}",)
