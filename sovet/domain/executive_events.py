"""Events of executive bodies: their constitution and their posts (M14).

Each belongs to the stream ``executive:<body>``, from which the services rebuild the
executive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class ExecutiveConstituted(Event):
    """``congress`` constitutes ``body`` as its executive with ``powers``; the body
    answers to ``accountable_to`` (the congress itself, or, for a council of
    commissars, the executive committee)."""

    op: ClassVar[str] = "executive.constitute"

    body: str
    congress: str
    accountable_to: str
    powers: tuple[str, ...]
    resolution: str = ""

    def stream(self) -> str:
        return f"executive:{self.body}"

    def subjects(self) -> tuple[str, ...]:
        out: tuple[str, ...] = (
            f"executive:{self.body}",
            f"body:{self.body}",
            f"body:{self.congress}",
        )
        if self.accountable_to != self.congress:
            out += (f"body:{self.accountable_to}",)
        return out


@dataclass(frozen=True)
class PostCreated(Event):
    """A post (a commissariat) of the executive; ``open_for`` says why it is held
    vacant pending an agreement, empty when it is simply to be filled."""

    op: ClassVar[str] = "executive.add-post"

    executive: str
    post: str
    title: str
    open_for: str = ""

    def stream(self) -> str:
        return f"executive:{self.executive}"

    def subjects(self) -> tuple[str, ...]:
        return (f"executive:{self.executive}", f"post:{self.executive}.{self.post}")
