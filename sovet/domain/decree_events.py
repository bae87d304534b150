"""Events of decrees, their dissemination and the bodies' responses, and of local
acts (mechanism M13).

Each ``op`` is also the dotted name of the operation that records it. A decree's
own history is its stream ``decree:<key>``; a body's local acts are the stream
``acts:<body>``. Responses to a decree are many (one per body in scope, and more),
so they are not kept as a stream: they are the ledger's entries, and storage keeps
each body's current state as a row (the dissemination log).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class DecreeIssued(Event):
    """A decree adopted by ``body`` in ``sitting`` (motion ``motion``) is issued under
    its ``number``. ``annexes`` are ``(key, title, text, binding)`` rows: binding
    annexes bind as the decree does, the rest are appended for guidance (the 242
    peasant instructions appended to the land decree, fact
    ``peasant-electors-instructions``). ``until`` is the provisional clause in words
    and ``until_body`` the body whose decision ends it ("until the Constituent
    Assembly"); ``roots`` and ``depth`` the scope: the bodies below each root (a
    root other than the issuing body included), at most ``depth`` tiers down."""

    op: ClassVar[str] = "decree.issue"

    key: str
    body: str
    number: str
    title: str
    text: str
    sitting: str
    motion: str
    effective: str
    annexes: tuple[tuple[str, str, str, bool], ...] = ()
    until: str = ""
    until_body: str | None = None
    roots: tuple[str, ...] = ()
    depth: int | None = None

    def stream(self) -> str:
        return f"decree:{self.key}"

    def subjects(self) -> tuple[str, ...]:
        return (f"decree:{self.key}", f"body:{self.body}", f"motion:{self.motion}")


@dataclass(frozen=True)
class DecreeDisseminated(Event):
    """The decree is sent to every body in its scope: ``bodies`` of them, on
    ``tiers`` tiers; ``digest`` is the SHA-256 of the scope's canonical listing
    (:func:`sovet.domain.dissemination.scope_digest`), so the list itself, which
    replay recomputes from the structure, is bound to this entry."""

    op: ClassVar[str] = "decree.disseminate"

    decree: str
    channel: str
    bodies: int
    tiers: int
    digest: str

    def stream(self) -> str:
        return f"decree:{self.decree}"

    def subjects(self) -> tuple[str, ...]:
        return (f"decree:{self.decree}",)


@dataclass(frozen=True)
class DecreeAnswered(Event):
    """A body in scope reports its state for the decree: received, acknowledged,
    adopted locally, implemented, or refused with ``reason``."""

    op: ClassVar[str] = "decree.respond"

    decree: str
    body: str
    state: str
    reason: str = ""

    def subjects(self) -> tuple[str, ...]:
        return (f"decree:{self.decree}", f"body:{self.body}")


@dataclass(frozen=True)
class DecreeEnded(Event):
    """The body named in the provisional clause decides otherwise, or the issuing
    body repeals the decree: it binds no longer."""

    op: ClassVar[str] = "decree.end"

    decree: str
    by: str
    reason: str

    def stream(self) -> str:
        return f"decree:{self.decree}"

    def subjects(self) -> tuple[str, ...]:
        return (f"decree:{self.decree}", f"body:{self.by}")


@dataclass(frozen=True)
class LocalActAdopted(Event):
    """A body adopts an act of its own, numbered in its own series (Moscow's
    *Revolutionary Decree No. 1*, 002 l. 2142)."""

    op: ClassVar[str] = "act.adopt"

    body: str
    key: str
    number: int
    title: str
    text: str

    def stream(self) -> str:
        return f"acts:{self.body}"

    def subjects(self) -> tuple[str, ...]:
        return (f"body:{self.body}", f"act:{self.key}")


@dataclass(frozen=True)
class ConflictDeclared(Event):
    """Body ``by`` declares local act ``act`` of ``body`` in conflict with ``decree``;
    the flag shows on the act (the local body) and on the decree's dissemination log
    (the issuing body)."""

    op: ClassVar[str] = "act.declare-conflict"

    body: str
    act: str
    decree: str
    by: str
    reason: str

    def stream(self) -> str:
        return f"acts:{self.body}"

    def subjects(self) -> tuple[str, ...]:
        return (f"act:{self.act}", f"decree:{self.decree}", f"body:{self.body}", f"body:{self.by}")
