"""The seats of an allotment and their states (M05)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class BaseKind(StrEnum):
    """The base an allotment is computed on (M05: "an explicit base")."""

    PRESENT_VOTING = "present-voting"
    REGISTERED = "registered"
    FACTION_SIZES = "faction-sizes"


class SeatState(StrEnum):
    """Where a seat's offer stands.

    offered: allotted, no answer yet; pending: the faction has not decided (until a
    deadline, if set); accepted: taken up with a holder; declined: returned to the
    body; reassigned: given by the body to another faction, offered to it; reserved:
    held for an absent faction; claimed: a reserved seat taken up.
    """

    OFFERED = "offered"
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REASSIGNED = "reassigned"
    RESERVED = "reserved"
    CLAIMED = "claimed"


# Seats whose faction may still answer the offer.
OPEN = frozenset({SeatState.OFFERED, SeatState.PENDING, SeatState.REASSIGNED})


@dataclass(frozen=True)
class Seat:
    """Seat ``number``: the faction it is now offered to, reserved for or held by,
    the faction it was first allotted to (``origin``), its state and holder."""

    number: int
    faction: str
    state: SeatState = SeatState.OFFERED
    holder: str | None = None
    origin: str = ""
    deadline: datetime | None = None
