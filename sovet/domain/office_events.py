"""Events of offices: commissars attached to units and holders of executive posts (M14,
M16). Each belongs to the stream ``office:<key>``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class OfficeAppointed(Event):
    """``appointed_by`` appoints member ``holder`` to office ``key``: attached to
    ``unit`` (a commissar, with ``credential``) or to ``post`` of ``executive``."""

    op: ClassVar[str] = "office.appoint"

    key: str
    holder: str
    appointed_by: str
    title: str
    powers: tuple[str, ...]
    unit: str | None = None
    executive: str | None = None
    post: str | None = None
    credential: str = ""
    resolution: str = ""

    def stream(self) -> str:
        return f"office:{self.key}"

    def subjects(self) -> tuple[str, ...]:
        out: tuple[str, ...] = (
            f"office:{self.key}",
            f"member:{self.holder}",
            f"body:{self.appointed_by}",
        )
        if self.unit is not None:
            out += (f"body:{self.unit}",)
        if self.executive is not None:
            out += (f"post:{self.executive}.{self.post}",)
        return out


@dataclass(frozen=True)
class OfficeRecognitionRecorded(Event):
    """The unit the office is attached to recognises its holder, or refuses to."""

    op: ClassVar[str] = "office.recognise"

    office: str
    unit: str
    recognised: bool
    reason: str = ""

    def stream(self) -> str:
        return f"office:{self.office}"

    def subjects(self) -> tuple[str, ...]:
        return (f"office:{self.office}", f"body:{self.unit}")


@dataclass(frozen=True)
class OfficeRemovalOrdered(Event):
    """Body ``by`` orders the office ended. ``effective`` when ``by`` is a body the
    office answers to (the office then ends); otherwise the order is recorded as
    contested and the office continues (M16)."""

    op: ClassVar[str] = "office.recall"

    office: str
    by: str
    reason: str
    effective: bool
    ground: str

    def stream(self) -> str:
        return f"office:{self.office}"

    def subjects(self) -> tuple[str, ...]:
        return (f"office:{self.office}", f"body:{self.by}")
