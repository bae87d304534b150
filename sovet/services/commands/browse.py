"""Read commands for browsing an organisation: lists (paged with ``limit`` and the
cursor ``after``) and single things shown in full."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ListBodies",
    "ListElections",
    "ListLedger",
    "ListMandates",
    "ListMembers",
    "ListPolls",
    "ListSittings",
    "ShowBody",
    "ShowElection",
]


@dataclass(frozen=True)
class ListBodies:
    org: str


@dataclass(frozen=True)
class ShowBody:
    org: str
    body: str


@dataclass(frozen=True)
class ListMembers:
    """Members in order of number; ``council`` keeps those of one base council."""

    org: str
    council: str | None = None
    limit: int = 50
    after: str | None = None


@dataclass(frozen=True)
class ListMandates:
    """Mandates in order of key; ``body`` keeps the seats of one body."""

    org: str
    body: str | None = None
    limit: int = 50
    after: str | None = None


@dataclass(frozen=True)
class ListSittings:
    """Sittings in order of key; ``body`` keeps those of one body."""

    org: str
    limit: int = 50
    after: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class ListPolls:
    """Polls in order of key; ``sitting`` keeps those of one sitting."""

    org: str
    limit: int = 50
    after: str | None = None
    sitting: str | None = None


@dataclass(frozen=True)
class ListElections:
    org: str
    limit: int = 50
    after: str | None = None


@dataclass(frozen=True)
class ShowElection:
    org: str
    election: str


@dataclass(frozen=True)
class ListLedger:
    """Entries of the organisation's chain in order; ``after`` is a sequence number."""

    org: str
    limit: int = 100
    after: str | None = None
