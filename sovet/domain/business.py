"""The order of business of a sitting: its agenda and the speakers' list of each item
(mechanism M11).

The chair announces the order of the day (Kamenev: "three questions […] on the order
of the day", 002 l. 2350); once the sitting adopts it, a change — an item added,
removed, moved or taken up out of turn — needs a vote of the sitting. Each item has a
speakers' list: members ask for the floor in turn, a point of order goes before
everyone, one entry per speaker at a time, an optional time limit per speech checked
when the speech is logged, and the list closed by a vote.

Motions are in :mod:`sovet.domain.motions`; declarations and recesses in
:mod:`sovet.domain.proceedings`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sovet.domain import business_events as be
from sovet.domain.convocation_rules import whole_seconds
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    NotFound,
    VoteRequired,
)
from sovet.domain.events import Event
from sovet.domain.exact import parse_time, time_text, utc
from sovet.domain.keys import check_key, check_name


@dataclass(frozen=True)
class AgendaItem:
    key: str
    title: str


@dataclass
class Agenda:
    """The ordered items of a sitting, which is current, and which are done."""

    sitting: str
    items: list[AgendaItem] = field(default_factory=list)
    adopted: bool = False
    current: str | None = None
    done: list[str] = field(default_factory=list)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def create(cls, sitting: str, at: datetime, items: Iterable[tuple[str, str]] = ()) -> Agenda:
        """An agenda with its first items (key, title), as the chair proposes it."""
        check_key(sitting, "sitting")
        listed = tuple((check_key(k, "agenda item"), check_name(t, f"item {k}")) for k, t in items)
        keys = [k for k, _ in listed]
        if len(set(keys)) != len(keys):
            raise AlreadyExists(f"agenda of sitting {sitting}: an item key is given twice")
        agenda = cls(sitting)
        agenda.record(be.AgendaCreated(sitting, listed, time_text(at, "at")))
        return agenda

    @classmethod
    def rebuild(cls, sitting: str, events: Iterable[Event]) -> Agenda:
        agenda = cls(sitting)
        for event in events:
            agenda.apply(event)
        return agenda

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    # -- views ---------------------------------------------------------------
    def item(self, key: str) -> AgendaItem:
        for it in self.items:
            if it.key == key:
                return it
        raise NotFound(f"agenda of sitting {self.sitting} has no item {key!r}")

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(it.key for it in self.items)

    @property
    def to_do(self) -> tuple[str, ...]:
        """Items neither done nor current, in order."""
        return tuple(k for k in self.order if k not in self.done and k != self.current)

    @property
    def next_item(self) -> str | None:
        return next(iter(self.to_do), None)

    # -- changes -------------------------------------------------------------
    def _check_change(self, adopted_by_vote: bool, what: str) -> None:
        """Once the sitting has adopted its agenda, changing it needs its vote (M11)."""
        if self.adopted and not adopted_by_vote:
            raise VoteRequired(
                f"the agenda of sitting {self.sitting} is adopted: {what} needs a vote"
            )

    def add_item(
        self,
        key: str,
        title: str,
        at: datetime,
        *,
        position: int | None = None,
        adopted_by_vote: bool = False,
    ) -> Event:
        """Add an item at ``position`` (0 = first; default: last)."""
        check_key(key, "agenda item")
        if key in self.order:
            raise AlreadyExists(f"agenda of sitting {self.sitting} already has item {key!r}")
        place = len(self.items) if position is None else position
        if not 0 <= place <= len(self.items):
            raise InvalidInput(f"agenda of sitting {self.sitting}: no position {position}")
        self._check_change(adopted_by_vote, f"adding item {key}")
        title = check_name(title, f"agenda item {key}")
        at_text = time_text(at, "at")
        return self.record(
            be.AgendaItemAdded(self.sitting, key, title, place, adopted_by_vote, at_text)
        )

    def remove_item(self, key: str, at: datetime, *, adopted_by_vote: bool = False) -> Event:
        """Remove an item not yet taken up."""
        self.item(key)
        if key == self.current or key in self.done:
            raise InvalidTransition(
                f"agenda of sitting {self.sitting}: item {key} has been taken up; "
                "it cannot be removed"
            )
        self._check_change(adopted_by_vote, f"removing item {key}")
        at_text = time_text(at, "at")
        return self.record(be.AgendaItemRemoved(self.sitting, key, adopted_by_vote, at_text))

    def reorder(
        self, order: Iterable[str], at: datetime, *, adopted_by_vote: bool = False
    ) -> Event:
        """Put the items in a new order, given as every item key once."""
        keys = tuple(order)
        if sorted(keys) != sorted(self.order):
            raise InvalidInput(
                f"agenda of sitting {self.sitting}: a new order must list each item once "
                f"({', '.join(self.order)}), not {', '.join(keys)}"
            )
        self._check_change(adopted_by_vote, "reordering the items")
        at_text = time_text(at, "at")
        return self.record(be.AgendaReordered(self.sitting, keys, adopted_by_vote, at_text))

    def adopt(self, at: datetime) -> Event:
        """The sitting adopts the order of the day; from now on changes need a vote."""
        if self.adopted:
            raise InvalidTransition(f"the agenda of sitting {self.sitting} is already adopted")
        return self.record(be.AgendaAdopted(self.sitting, time_text(at, "at")))

    def take_up(
        self, at: datetime, key: str | None = None, *, adopted_by_vote: bool = False
    ) -> Event:
        """Take up ``key`` (default: the next item). Taking up an item out of the
        adopted order changes the agenda and needs a vote."""
        if self.current is not None:
            raise InvalidTransition(
                f"sitting {self.sitting}: item {self.current} is under way; close it first"
            )
        target = key if key is not None else self.next_item
        if target is None:
            raise InvalidTransition(f"sitting {self.sitting}: every agenda item is done")
        self.item(target)
        if target in self.done:
            raise InvalidTransition(f"sitting {self.sitting}: item {target} is already done")
        if target != self.next_item:
            self._check_change(adopted_by_vote, f"taking up item {target} out of turn")
        at_text = time_text(at, "at")
        return self.record(be.AgendaItemTakenUp(self.sitting, target, adopted_by_vote, at_text))

    def close_item(self, at: datetime, *, done: bool = True) -> Event:
        """End the current item: ``done``, or set aside to be taken up again later."""
        if self.current is None:
            raise InvalidTransition(f"sitting {self.sitting}: no agenda item is under way")
        at_text = time_text(at, "at")
        return self.record(be.AgendaItemClosed(self.sitting, self.current, done, at_text))

    # -- applying events -----------------------------------------------------
    def apply(self, event: Event) -> None:
        match event:
            case be.AgendaCreated():
                self.items = [AgendaItem(k, t) for k, t in event.items]
            case be.AgendaItemAdded():
                self.items.insert(event.position, AgendaItem(event.item, event.title))
            case be.AgendaItemRemoved():
                self.items = [it for it in self.items if it.key != event.item]
            case be.AgendaReordered():
                by_key = {it.key: it for it in self.items}
                self.items = [by_key[k] for k in event.order]
            case be.AgendaAdopted():
                self.adopted = True
            case be.AgendaItemTakenUp():
                self.current = event.item
            case be.AgendaItemClosed():
                self.current = None
                if event.done:
                    self.done.append(event.item)
            case _:
                pass


# -- the speakers' list ---------------------------------------------------------


@dataclass(frozen=True)
class Request:
    speaker: str
    point_of_order: bool
    at: datetime


@dataclass(frozen=True)
class Speech:
    speaker: str
    started: datetime
    ended: datetime
    over_limit: bool


@dataclass
class SpeakersList:
    """Who has asked for the floor on one agenda item, and who spoke."""

    sitting: str
    item: str
    time_limit: timedelta | None = None
    queue: list[Request] = field(default_factory=list)
    speaking: str | None = None
    closed: bool = False
    speeches: list[Speech] = field(default_factory=list)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def open(
        cls, sitting: str, item: str, at: datetime, *, time_limit: timedelta | None = None
    ) -> SpeakersList:
        """Open the list of an item, with an optional time limit per speech."""
        check_key(sitting, "sitting")
        check_key(item, "agenda item")
        limit = None if time_limit is None else whole_seconds(time_limit, "time limit")
        if limit == 0:
            raise InvalidInput(f"speakers' list of {item}: a time limit must be positive")
        speakers = cls(sitting, item)
        speakers.record(be.SpeakersListOpened(sitting, item, limit, time_text(at, "at")))
        return speakers

    @classmethod
    def rebuild(cls, sitting: str, item: str, events: Iterable[Event]) -> SpeakersList:
        speakers = cls(sitting, item)
        for event in events:
            speakers.apply(event)
        return speakers

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    @property
    def upcoming(self) -> tuple[Request, ...]:
        """The queue as it will be called: points of order first, each group in the
        order of the requests."""
        points = [r for r in self.queue if r.point_of_order]
        return (*points, *(r for r in self.queue if not r.point_of_order))

    def _where(self) -> str:
        return f"speakers' list of sitting {self.sitting}, item {self.item}"

    def request(self, speaker: str, at: datetime, *, point_of_order: bool = False) -> Event:
        """Ask for the floor. One entry per speaker at a time; a closed list takes
        only points of order."""
        check_key(speaker, "speaker")
        if any(r.speaker == speaker for r in self.queue):
            raise AlreadyExists(f"{self._where()}: {speaker} is already on the list")
        if self.closed and not point_of_order:
            raise InvalidTransition(f"{self._where()} is closed")
        at_text = time_text(at, "at")
        return self.record(
            be.SpeakerRequested(self.sitting, self.item, speaker, point_of_order, at_text)
        )

    def withdraw(self, speaker: str, at: datetime) -> Event:
        if not any(r.speaker == speaker for r in self.queue):
            raise NotFound(f"{self._where()}: {speaker} is not on the list")
        at_text = time_text(at, "at")
        return self.record(be.SpeakerWithdrawn(self.sitting, self.item, speaker, at_text))

    def next(self, at: datetime) -> Event:
        """Give the floor to the first in :attr:`upcoming`; the event names the speaker."""
        if not self.queue:
            raise InvalidTransition(f"{self._where()}: no one is waiting to speak")
        first = self.upcoming[0]
        at_text = time_text(at, "at")
        return self.record(
            be.SpeakerCalled(self.sitting, self.item, first.speaker, first.point_of_order, at_text)
        )

    def log_speech(self, speaker: str, started: datetime, ended: datetime) -> Event:
        """Log the speech of the speaker who has the floor; a speech longer than the
        time limit is recorded as over the limit (it was given: it is not refused)."""
        if self.speaking != speaker:
            raise InvalidTransition(f"{self._where()}: {speaker} does not have the floor")
        start, end = utc(started, "started"), utc(ended, "ended")
        if end < start:
            raise InvalidInput(f"{self._where()}: a speech cannot end before it starts")
        over = self.time_limit is not None and end - start > self.time_limit
        return self.record(
            be.SpeechLogged(
                self.sitting,
                self.item,
                speaker,
                time_text(start, "started"),
                time_text(end, "ended"),
                over,
            )
        )

    def close(self, at: datetime, *, by_vote: bool) -> Event:
        """Close the list to new speakers; the chair closes it on a vote of the sitting."""
        if not by_vote:
            raise VoteRequired(f"{self._where()}: closing the list needs a vote")
        if self.closed:
            raise InvalidTransition(f"{self._where()} is already closed")
        return self.record(be.SpeakersListClosed(self.sitting, self.item, time_text(at, "at")))

    def apply(self, event: Event) -> None:
        match event:
            case be.SpeakersListOpened():
                limit = event.time_limit
                self.time_limit = None if limit is None else timedelta(seconds=limit)
            case be.SpeakerRequested():
                at = parse_time(event.at, "at")
                self.queue.append(Request(event.speaker, event.point_of_order, at))
            case be.SpeakerWithdrawn():
                self.queue = [r for r in self.queue if r.speaker != event.speaker]
            case be.SpeakerCalled():
                self.queue = [r for r in self.queue if r.speaker != event.speaker]
                self.speaking = event.speaker
            case be.SpeechLogged():
                start, end = parse_time(event.started, "started"), parse_time(event.ended, "ended")
                self.speeches.append(Speech(event.speaker, start, end, event.over_limit))
                self.speaking = None
            case be.SpeakersListClosed():
                self.closed = True
            case _:
                pass
