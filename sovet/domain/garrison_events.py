"""Events of conferences of unit committees (M18). Each belongs to the stream
``conference:<body>``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class ConferenceConstituted(Event):
    """``directed_by`` constitutes conference ``body`` of the committees of ``members``
    (units)."""

    op: ClassVar[str] = "conference.constitute"

    body: str
    directed_by: str
    members: tuple[str, ...]

    def stream(self) -> str:
        return f"conference:{self.body}"

    def subjects(self) -> tuple[str, ...]:
        out = (f"conference:{self.body}", f"body:{self.body}", f"body:{self.directed_by}")
        return out + tuple(f"body:{m}" for m in self.members)


@dataclass(frozen=True)
class ConferenceMemberAdded(Event):
    op: ClassVar[str] = "conference.add-member"

    conference: str
    unit: str

    def stream(self) -> str:
        return f"conference:{self.conference}"

    def subjects(self) -> tuple[str, ...]:
        return (f"conference:{self.conference}", f"body:{self.unit}")


@dataclass(frozen=True)
class SessionConvened(Event):
    """Session ``number`` convened by ``convener``; ``rival`` when the convener is not
    the body directing the conference; ``invited`` units called beside its members."""

    op: ClassVar[str] = "conference.convene"

    conference: str
    number: int
    convener: str
    rival: bool
    invited: tuple[str, ...] = ()
    note: str = ""

    def stream(self) -> str:
        return f"conference:{self.conference}"

    def subjects(self) -> tuple[str, ...]:
        return (f"conference:{self.conference}", f"body:{self.convener}")


@dataclass(frozen=True)
class StanceRecorded(Event):
    """At the roll call of session ``session``, ``unit``'s committee declares its
    ``stance`` (support, oppose, neutral, or conditional on ``authority``)."""

    op: ClassVar[str] = "conference.roll-call"

    conference: str
    session: int
    unit: str
    stance: str
    authority: str | None = None
    note: str = ""

    def stream(self) -> str:
        return f"conference:{self.conference}"

    def subjects(self) -> tuple[str, ...]:
        out = (f"conference:{self.conference}", f"body:{self.unit}")
        return out if self.authority is None else (*out, f"body:{self.authority}")
