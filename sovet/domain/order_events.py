"""Events of orders and countersign policies (M17).

An order's events belong to its stream ``order:<key>``; a body's countersign policies
to the stream ``policies:<body>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sovet.domain.events import Event


@dataclass(frozen=True)
class OrderIssued(Event):
    """Body ``issuer`` (through ``office`` when an office holder issued it) orders
    ``addressees`` (units): an order of ``type`` with ``content``."""

    op: ClassVar[str] = "order.issue"

    key: str
    issuer: str
    type: str
    addressees: tuple[str, ...]
    content: str
    office: str | None = None

    def stream(self) -> str:
        return f"order:{self.key}"

    def subjects(self) -> tuple[str, ...]:
        out: tuple[str, ...] = (f"order:{self.key}", f"body:{self.issuer}")
        if self.office is not None:
            out += (f"office:{self.office}",)
        return out + tuple(f"body:{a}" for a in self.addressees)


@dataclass(frozen=True)
class OrderCountersigned(Event):
    """The holder of ``office`` countersigns the order (``on_paper`` when an
    administrator recorded a signature given on paper)."""

    op: ClassVar[str] = "order.countersign"

    order: str
    office: str
    holder: str
    on_paper: bool = False

    def stream(self) -> str:
        return f"order:{self.order}"

    def subjects(self) -> tuple[str, ...]:
        return (f"order:{self.order}", f"office:{self.office}", f"member:{self.holder}")


@dataclass(frozen=True)
class CountersignRefused(Event):
    """The holder of ``office`` refuses to countersign the order, with a reason."""

    op: ClassVar[str] = "order.refuse"

    order: str
    office: str
    holder: str
    reason: str
    on_paper: bool = False

    def stream(self) -> str:
        return f"order:{self.order}"

    def subjects(self) -> tuple[str, ...]:
        return (f"order:{self.order}", f"office:{self.office}", f"member:{self.holder}")


@dataclass(frozen=True)
class OrderSignedOff(Event):
    """Body ``body`` signs the order off (``approved``) or refuses its sign-off."""

    op: ClassVar[str] = "order.sign-off"

    order: str
    body: str
    approved: bool
    reason: str = ""

    def stream(self) -> str:
        return f"order:{self.order}"

    def subjects(self) -> tuple[str, ...]:
        return (f"order:{self.order}", f"body:{self.body}")


@dataclass(frozen=True)
class PolicySet(Event):
    """Body ``body`` sets (or replaces) its countersign policy ``key``: orders of
    ``types`` from ``issuers`` to ``addressees`` (each empty for "any") need
    ``needed`` of the ``signatories`` (offices), or the sign-off of ``sign_off``."""

    op: ClassVar[str] = "policy.set"

    body: str
    key: str
    types: tuple[str, ...]
    issuers: tuple[str, ...]
    addressees: tuple[str, ...]
    signatories: tuple[str, ...]
    needed: int
    sign_off: str | None = None
    note: str = ""

    def stream(self) -> str:
        return f"policies:{self.body}"

    def subjects(self) -> tuple[str, ...]:
        out: tuple[str, ...] = (f"policies:{self.body}", f"policy:{self.body}.{self.key}")
        out += tuple(f"office:{s}" for s in self.signatories)
        if self.sign_off is not None:
            out += (f"body:{self.sign_off}",)
        return out


@dataclass(frozen=True)
class PolicyRevoked(Event):
    op: ClassVar[str] = "policy.revoke"

    body: str
    key: str
    reason: str

    def stream(self) -> str:
        return f"policies:{self.body}"

    def subjects(self) -> tuple[str, ...]:
        return (f"policies:{self.body}", f"policy:{self.body}.{self.key}")
