"""Events of a sitting's order of business (M11): the agenda and the speakers' lists.
Times are canonical UTC text (:mod:`sovet.domain.exact`), durations whole seconds.
The agenda is kept as the stream ``agenda:SITTING``, each speakers' list as
``speakers:SITTING/ITEM``; a speaker is a member number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class _AgendaEvent(Event):
    sitting: str

    def subjects(self) -> tuple[str, ...]:
        item = getattr(self, "item", None)
        extra = () if item is None else (f"item:{self.sitting}/{item}",)
        return (f"sitting:{self.sitting}", *extra)

    def stream(self) -> str:
        return f"agenda:{self.sitting}"


@dataclass(frozen=True)
class AgendaCreated(_AgendaEvent):
    op: ClassVar[str] = "agenda.create"

    items: tuple[tuple[str, str], ...]  # (key, title)
    at: str


@dataclass(frozen=True)
class AgendaItemAdded(_AgendaEvent):
    op: ClassVar[str] = "agenda.add-item"

    item: str
    title: str
    position: int
    by_vote: bool
    at: str


@dataclass(frozen=True)
class AgendaItemRemoved(_AgendaEvent):
    op: ClassVar[str] = "agenda.remove-item"

    item: str
    by_vote: bool
    at: str


@dataclass(frozen=True)
class AgendaReordered(_AgendaEvent):
    op: ClassVar[str] = "agenda.reorder"

    order: tuple[str, ...]
    by_vote: bool
    at: str


@dataclass(frozen=True)
class AgendaAdopted(_AgendaEvent):
    op: ClassVar[str] = "agenda.adopt"

    at: str


@dataclass(frozen=True)
class AgendaItemTakenUp(_AgendaEvent):
    op: ClassVar[str] = "agenda.take-up"

    item: str
    by_vote: bool
    at: str


@dataclass(frozen=True)
class AgendaItemClosed(_AgendaEvent):
    """The current item ends: done, or set aside (``done`` false) for later."""

    op: ClassVar[str] = "agenda.close-item"

    item: str
    done: bool
    at: str


@dataclass(frozen=True)
class _SpeakersEvent(Event):
    sitting: str
    item: str

    def subjects(self) -> tuple[str, ...]:
        speaker = getattr(self, "speaker", None)
        extra = () if speaker is None else (f"member:{speaker}",)
        return (f"sitting:{self.sitting}", f"item:{self.sitting}/{self.item}", *extra)

    def stream(self) -> str:
        return f"speakers:{self.sitting}/{self.item}"


@dataclass(frozen=True)
class SpeakersListOpened(_SpeakersEvent):
    op: ClassVar[str] = "speakers.open"

    time_limit: int | None  # seconds per speech
    at: str


@dataclass(frozen=True)
class SpeakerRequested(_SpeakersEvent):
    op: ClassVar[str] = "speakers.request"

    speaker: str
    point_of_order: bool
    at: str


@dataclass(frozen=True)
class SpeakerWithdrawn(_SpeakersEvent):
    op: ClassVar[str] = "speakers.withdraw"

    speaker: str
    at: str


@dataclass(frozen=True)
class SpeakerCalled(_SpeakersEvent):
    op: ClassVar[str] = "speakers.call"

    speaker: str
    point_of_order: bool
    at: str


@dataclass(frozen=True)
class SpeechLogged(_SpeakersEvent):
    op: ClassVar[str] = "speakers.log-speech"

    speaker: str
    started: str
    ended: str
    over_limit: bool


@dataclass(frozen=True)
class SpeakersListClosed(_SpeakersEvent):
    """Closed by a vote of the sitting."""

    op: ClassVar[str] = "speakers.close"

    at: str
