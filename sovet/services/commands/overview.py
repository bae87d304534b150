"""Read commands behind a member's pages: their councils and delegates, a body's
composition, recall petitions, orders, and a poll's running count."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ListOrders",
    "ListRecalls",
    "ShowComposition",
    "ShowCouncils",
    "ShowRecall",
    "ShowTally",
]


@dataclass(frozen=True)
class ShowCouncils:
    """A member's councils and delegates; ``member`` defaults to the actor's own."""

    org: str
    member: str | None = None


@dataclass(frozen=True)
class ShowComposition:
    org: str
    body: str


@dataclass(frozen=True)
class ListRecalls:
    org: str
    limit: int = 50
    after: str | None = None


@dataclass(frozen=True)
class ShowRecall:
    org: str
    petition: str


@dataclass(frozen=True)
class ListOrders:
    org: str
    limit: int = 50
    after: str | None = None


@dataclass(frozen=True)
class ShowTally:
    org: str
    poll: str
