"""What happens on the floor of a sitting besides motions: declarations entered without
a vote, recesses and caucus breaks, and corrections of the minutes (mechanisms M11, M28).

"Special declarations" by factions repeatedly interrupted the Congress; the presidium
declared recesses, and factions asked for caucus breaks before votes (M11). The
minutes are derived from the record and never rewritten: a correction is a new entry
(M28).

Declarations, recesses and corrections are kept as the stream ``proceedings:SITTING``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from sovet.domain.errors import AlreadyExists, InvalidInput, InvalidTransition, NotFound
from sovet.domain.events import Event
from sovet.domain.exact import optional_time, parse_time, time_text, utc
from sovet.domain.keys import check_key

GRANTORS = ("chair", "vote")


# -- events --------------------------------------------------------------------


@dataclass(frozen=True)
class _FloorEvent(Event):
    sitting: str
    key: str

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}",)

    def stream(self) -> str:
        return f"proceedings:{self.sitting}"


@dataclass(frozen=True)
class DeclarationEntered(_FloorEvent):
    """A statement entered in the minutes without a vote, by a delegate or faction."""

    op: ClassVar[str] = "declaration.enter"

    text: str
    at: str
    delegate: str | None = None
    faction: str | None = None
    item: str | None = None


@dataclass(frozen=True)
class RecessRequested(_FloorEvent):
    op: ClassVar[str] = "recess.request"

    by: str
    reason: str
    at: str


@dataclass(frozen=True)
class RecessGranted(_FloorEvent):
    """The recess starts, granted by the chair or by a vote; ``until`` if announced."""

    op: ClassVar[str] = "recess.grant"

    by: str  # "chair" | "vote"
    at: str
    until: str | None = None


@dataclass(frozen=True)
class RecessRefused(_FloorEvent):
    op: ClassVar[str] = "recess.refuse"

    by: str  # "chair" | "vote"
    at: str


@dataclass(frozen=True)
class RecessEnded(_FloorEvent):
    op: ClassVar[str] = "recess.end"

    at: str


@dataclass(frozen=True)
class MinutesCorrected(Event):
    """A correction of minute entry ``entry``, itself a new entry (M28)."""

    op: ClassVar[str] = "minutes.correct"

    sitting: str
    entry: int
    text: str
    by: str
    at: str

    def subjects(self) -> tuple[str, ...]:
        return (f"sitting:{self.sitting}",)

    def stream(self) -> str:
        return f"proceedings:{self.sitting}"


# -- values --------------------------------------------------------------------


@dataclass(frozen=True)
class Declaration:
    key: str
    text: str
    at: datetime
    delegate: str | None = None
    faction: str | None = None
    item: str | None = None


class RecessState(StrEnum):
    REQUESTED = "requested"
    RUNNING = "running"
    REFUSED = "refused"
    ENDED = "ended"


@dataclass(frozen=True)
class Recess:
    key: str
    by: str
    reason: str
    requested_at: datetime
    state: RecessState = RecessState.REQUESTED
    granted_by: str | None = None
    start: datetime | None = None
    until: datetime | None = None
    end: datetime | None = None


# -- the aggregate -------------------------------------------------------------


@dataclass
class Proceedings:
    """Declarations, recesses and minute corrections of one sitting. It starts empty
    when the sitting opens, so it has no creation event of its own."""

    sitting: str
    declarations: dict[str, Declaration] = field(default_factory=dict)
    recesses: dict[str, Recess] = field(default_factory=dict)
    corrections: list[MinutesCorrected] = field(default_factory=list)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def rebuild(cls, sitting: str, events: Iterable[Event]) -> Proceedings:
        proceedings = cls(sitting)
        for event in events:
            proceedings.apply(event)
        return proceedings

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    # -- declarations (M11) --------------------------------------------------
    def declare(
        self,
        key: str,
        text: str,
        at: datetime,
        *,
        delegate: str | None = None,
        faction: str | None = None,
        item: str | None = None,
    ) -> Event:
        """Enter a declaration in the minutes, without a vote. It is made by a
        delegate (a mandate key), a faction, or a delegate speaking for a faction."""
        check_key(key, "declaration")
        if key in self.declarations:
            raise AlreadyExists(f"sitting {self.sitting} already has a declaration {key!r}")
        if delegate is None and faction is None:
            raise InvalidInput(f"declaration {key}: name the delegate or the faction making it")
        if not text.strip():
            raise InvalidInput(f"declaration {key}: the text must not be empty")
        at_text = time_text(at, "at")
        return self.record(
            DeclarationEntered(self.sitting, key, text, at_text, delegate, faction, item)
        )

    # -- recesses (M11) ------------------------------------------------------
    @property
    def in_recess(self) -> str | None:
        """The key of the recess now running, if any."""
        running = [r.key for r in self.recesses.values() if r.state is RecessState.RUNNING]
        return running[0] if running else None

    def recess(self, key: str) -> Recess:
        try:
            return self.recesses[key]
        except KeyError:
            raise NotFound(f"sitting {self.sitting} has no recess {key!r}") from None

    def request_recess(self, key: str, by: str, reason: str, at: datetime) -> Event:
        """Ask for a recess (a caucus break) with a reason."""
        check_key(key, "recess")
        if key in self.recesses:
            raise AlreadyExists(f"sitting {self.sitting} already has a recess {key!r}")
        check_key(by, f"recess {key}: requested by")
        if not reason.strip():
            raise InvalidInput(f"recess {key}: a request needs a reason")
        at_text = time_text(at, "at")
        return self.record(RecessRequested(self.sitting, key, by, reason.strip(), at_text))

    def grant_recess(
        self, key: str, at: datetime, *, by: str, until: datetime | None = None
    ) -> Event:
        """Grant a requested recess, by the chair or by a vote; it starts at ``at``.
        One recess at a time."""
        r = self._requested(key, by)
        if self.in_recess is not None:
            raise InvalidTransition(f"sitting {self.sitting} is already in recess {self.in_recess}")
        start = utc(at, "at")
        if until is not None and utc(until, "until") <= start:
            raise InvalidInput(f"recess {r.key}: it must end after it starts")
        end = None if until is None else time_text(until, "until")
        return self.record(RecessGranted(self.sitting, key, by, time_text(start, "at"), end))

    def refuse_recess(self, key: str, at: datetime, *, by: str) -> Event:
        """Refuse a requested recess, by the chair or by a vote."""
        self._requested(key, by)
        return self.record(RecessRefused(self.sitting, key, by, time_text(at, "at")))

    def call_recess(
        self, key: str, reason: str, at: datetime, *, until: datetime | None = None
    ) -> list[Event]:
        """The chair (presidium) declares a recess: requested and granted by the chair."""
        asked = self.request_recess(key, "chair", reason, at)
        return [asked, self.grant_recess(key, at, by="chair", until=until)]

    def end_recess(self, key: str, at: datetime) -> Event:
        """The recess ends and the sitting resumes."""
        r = self.recess(key)
        if r.state is not RecessState.RUNNING or r.start is None:
            raise InvalidTransition(f"recess {key} is {r.state}, not running")
        if utc(at, "at") < r.start:
            raise InvalidInput(f"recess {key} cannot end before it started")
        return self.record(RecessEnded(self.sitting, key, time_text(at, "at")))

    def _requested(self, key: str, by: str) -> Recess:
        r = self.recess(key)
        if by not in GRANTORS:
            raise InvalidInput(f"recess {key}: decided by 'chair' or 'vote', not {by!r}")
        if r.state is not RecessState.REQUESTED:
            raise InvalidTransition(f"recess {key} is already {r.state}")
        return r

    # -- minutes (M28) -------------------------------------------------------
    def correct_minutes(self, entry: int, text: str, by: str, at: datetime) -> Event:
        """Correct minute entry ``entry`` by a new entry; nothing is rewritten."""
        if isinstance(entry, bool) or not isinstance(entry, int) or entry < 1:
            raise InvalidInput(f"sitting {self.sitting}: no minute entry {entry!r}")
        if not text.strip():
            raise InvalidInput(f"sitting {self.sitting}: a correction needs its text")
        check_key(by, "correction by")
        at_text = time_text(at, "at")
        return self.record(MinutesCorrected(self.sitting, entry, text.strip(), by, at_text))

    # -- applying events -----------------------------------------------------
    def apply(self, event: Event) -> None:
        match event:
            case DeclarationEntered():
                self.declarations[event.key] = Declaration(
                    event.key,
                    event.text,
                    parse_time(event.at, "at"),
                    event.delegate,
                    event.faction,
                    event.item,
                )
            case RecessRequested():
                at = parse_time(event.at, "at")
                self.recesses[event.key] = Recess(event.key, event.by, event.reason, at)
            case RecessGranted():
                r = self.recesses[event.key]
                self.recesses[event.key] = replace(
                    r,
                    state=RecessState.RUNNING,
                    granted_by=event.by,
                    start=parse_time(event.at, "at"),
                    until=optional_time(event.until, "until"),
                )
            case RecessRefused():
                r = self.recesses[event.key]
                self.recesses[event.key] = replace(
                    r, state=RecessState.REFUSED, granted_by=event.by
                )
            case RecessEnded():
                r = self.recesses[event.key]
                end = parse_time(event.at, "at")
                self.recesses[event.key] = replace(r, state=RecessState.ENDED, end=end)
            case MinutesCorrected():
                self.corrections.append(event)
            case _:
                pass
