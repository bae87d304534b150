"""Commands of elections of mandates, seat allotment among factions, and recall.

Ballots, votes and faction sizes are tuples of pairs, so that a command stays
hashable and its fields map one to one onto an API body or CLI arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "AcceptSeat",
    "AgreeAllotment",
    "ClaimSeat",
    "CloseRecall",
    "CompareAllotment",
    "ComputeAllotment",
    "CreateAllotment",
    "DecideRecall",
    "DeclareElection",
    "DeclineSeats",
    "DeferSeats",
    "DueElections",
    "FillFromList",
    "OpenElection",
    "OpenRecall",
    "OpenRecallVote",
    "ReassignSeat",
    "ReserveSeats",
    "SignRecall",
    "WithdrawSignature",
]

# (faction, number): faction sizes, agreed shares, list votes.
Counts = tuple[tuple[str, int], ...]


# -- elections (M03, M04) -------------------------------------------------------
@dataclass(frozen=True)
class OpenElection:
    """Open an election of ``seats`` mandates of ``body`` by ``constituency``.

    A candidate method takes ``candidates`` (member numbers) and optionally their
    ``factions`` as (candidate, faction) pairs, by default each member's faction on
    the roll; ``party-list`` takes ordered ``lists`` as (faction, members) pairs, an
    ``apportionment`` method and a ``threshold`` share "p/q". Naming a ``vacancy``
    (an ended mandate) makes it a by-election for that one seat.
    """

    org: str
    key: str
    body: str
    constituency: str | None
    method: str
    seats: int = 1
    candidates: tuple[str, ...] = ()
    factions: tuple[tuple[str, str], ...] = ()
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    apportionment: str = "sainte-lague"
    threshold: str = "0"
    term_ends: datetime | None = None
    vacancy: str | None = None


@dataclass(frozen=True)
class DeclareElection:
    """Count and declare: ``ballots`` are (ranking or approved set, weight) pairs for a
    candidate method; ``votes`` are (faction, votes) pairs for a list election."""

    org: str
    election: str
    ballots: tuple[tuple[tuple[str, ...], int], ...] = ()
    votes: Counts = ()
    ineligible: tuple[str, ...] = ()
    ties: str = "forward"
    seed: int = 0


@dataclass(frozen=True)
class FillFromList:
    """Give the seat of the ended ``mandate`` to the next on its list."""

    org: str
    election: str
    mandate: str
    ineligible: tuple[str, ...] = ()


@dataclass(frozen=True)
class DueElections:
    """The elections whose terms have ended: re-elections due (M03)."""

    org: str


# -- seat allotment (M05) -------------------------------------------------------
@dataclass(frozen=True)
class CreateAllotment:
    org: str
    key: str
    body: str
    seats: int


@dataclass(frozen=True)
class ComputeAllotment:
    """Apportion by ``method`` on a base: counted from ``sitting`` (``present-voting``
    or ``registered``), or the faction ``sizes`` given."""

    org: str
    allotment: str
    method: str
    base: str = "faction-sizes"
    sizes: Counts = ()
    sitting: str | None = None
    threshold: str = "0"
    at: datetime | None = None


@dataclass(frozen=True)
class AgreeAllotment:
    """Allot as agreed, with the justification; a base (``sizes`` or ``sitting``) may
    be kept for comparison."""

    org: str
    allotment: str
    allocation: Counts
    justification: str
    sizes: Counts = ()
    sitting: str | None = None
    base: str = "faction-sizes"
    at: datetime | None = None


@dataclass(frozen=True)
class CompareAllotment:
    """What each method (all apportionment methods when none named) would give."""

    org: str
    allotment: str
    methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class AcceptSeat:
    org: str
    allotment: str
    faction: str
    holder: str


@dataclass(frozen=True)
class DeclineSeats:
    """``seats``: how many of the faction's open seats; all when None."""

    org: str
    allotment: str
    faction: str
    seats: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class DeferSeats:
    org: str
    allotment: str
    faction: str
    deadline: datetime | None = None
    seats: int | None = None


@dataclass(frozen=True)
class ReassignSeat:
    org: str
    allotment: str
    seat: int
    faction: str


@dataclass(frozen=True)
class ReserveSeats:
    org: str
    allotment: str
    faction: str
    seats: int | None = None


@dataclass(frozen=True)
class ClaimSeat:
    org: str
    allotment: str
    faction: str
    holder: str


# -- recall (M03) ---------------------------------------------------------------
@dataclass(frozen=True)
class OpenRecall:
    """Open a petition to recall ``mandate``; ``elector`` defaults to the actor's own
    member number (an organisation's administrator may name another elector)."""

    org: str
    key: str
    mandate: str
    threshold: str = "1/4"
    vacancy: str = "by-election"
    constituency: str | None = None
    elector: str | None = None


@dataclass(frozen=True)
class SignRecall:
    """Sign a petition; ``elector`` as in :class:`OpenRecall`."""

    org: str
    petition: str
    elector: str | None = None


@dataclass(frozen=True)
class WithdrawSignature:
    org: str
    petition: str
    elector: str | None = None


@dataclass(frozen=True)
class OpenRecallVote:
    org: str
    petition: str


@dataclass(frozen=True)
class DecideRecall:
    """The recall vote's tally under ``rule`` (a poll rule such as ``simple``)."""

    org: str
    petition: str
    for_: int
    against: int
    abstain: int = 0
    estimated: bool = False
    rule: str = "simple"
    present: int | None = None


@dataclass(frozen=True)
class CloseRecall:
    org: str
    petition: str
    reason: str
