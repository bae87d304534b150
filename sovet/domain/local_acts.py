"""A body's own acts, numbered in its own series, and conflicts declared between a
local act and a higher decree (mechanism M13).

Local soviets legislated for themselves: Moscow's *Revolutionary Decree No. 1*
required shop-committee consent for hiring and dismissal (002 l. 2142). Sovet keeps
each body's acts as one book: numbers run 1, 2, 3 … in the order adopted unless the
body gives its own (which must not be taken); a conflict between a local act and a
decree that binds the body is declared by the body itself or by the decree's
issuing body, and is then flagged to both: on the act, and on the decree's
dissemination log beside the body's response.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sovet.domain import decree_events as de
from sovet.domain.errors import AlreadyExists, InvalidInput, NotCompetent, NotFound
from sovet.domain.events import Event
from sovet.domain.exact import check_text
from sovet.domain.keys import check_key, check_name


@dataclass(frozen=True)
class LocalAct:
    key: str
    number: int
    title: str
    text: str


@dataclass(frozen=True)
class Conflict:
    act: str
    decree: str
    by: str
    reason: str


@dataclass
class ActBook:
    """The acts of one body. Empty until its first act, so it has no creation event."""

    body: str
    acts: dict[str, LocalAct] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def rebuild(cls, body: str, events: Iterable[Event]) -> ActBook:
        book = cls(body)
        for event in events:
            book.apply(event)
        return book

    def apply(self, event: Event) -> None:
        match event:
            case de.LocalActAdopted():
                self.acts[event.key] = LocalAct(event.key, event.number, event.title, event.text)
            case de.ConflictDeclared():
                self.conflicts.append(Conflict(event.act, event.decree, event.by, event.reason))
            case _:
                raise InvalidInput(f"acts of {self.body}: {event.op} is no event of a local act")

    def record(self, event: Event) -> None:
        self.apply(event)
        self.pending.append(event)

    def act(self, key: str) -> LocalAct:
        try:
            return self.acts[key]
        except KeyError:
            raise NotFound(f"body {self.body} has no local act {key!r}") from None

    def next_number(self) -> int:
        return max((a.number for a in self.acts.values()), default=0) + 1

    def adopt(self, key: str, title: str, text: str, number: int | None = None) -> LocalAct:
        """Adopt an act under the next number of the body's series, or under
        ``number`` when that number is free."""
        check_key(key, "local act")
        if key in self.acts:
            raise AlreadyExists(f"body {self.body} already has a local act {key!r}")
        if number is None:
            number = self.next_number()
        elif number < 1:
            raise InvalidInput(f"local act {key}: number must be at least 1, not {number}")
        taken = next((a.key for a in self.acts.values() if a.number == number), None)
        if taken is not None:
            raise AlreadyExists(f"body {self.body}: act No. {number} is {taken} already")
        self.record(
            de.LocalActAdopted(
                body=self.body,
                key=key,
                number=number,
                title=check_name(title, f"local act {key}"),
                text=check_text(text, f"local act {key} text", 100_000),
            )
        )
        return self.acts[key]

    def declare_conflict(
        self, act: str, decree: str, *, by: str, issuing: str, reason: str
    ) -> Conflict:
        """Record that ``act`` conflicts with ``decree`` (issued by ``issuing``); only
        this body or the issuing body may declare it, once per act and decree."""
        self.act(act)
        if by not in (self.body, issuing):
            raise NotCompetent(
                f"a conflict of {self.body}'s act {act} with decree {decree} is declared by "
                f"{self.body} or by {issuing}, not by {by}"
            )
        if any(c.act == act and c.decree == decree for c in self.conflicts):
            raise AlreadyExists(f"act {act} is already declared in conflict with decree {decree}")
        self.record(
            de.ConflictDeclared(
                body=self.body,
                act=act,
                decree=decree,
                by=by,
                reason=check_text(reason, f"conflict of act {act} with decree {decree}: reason"),
            )
        )
        return self.conflicts[-1]
