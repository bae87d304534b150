"""Commands of a sitting: opening, registration, attendance, walkouts, credentials (M08-M10)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ChallengeCredential",
    "ChangeAttendance",
    "DecideChallenge",
    "DeclareWalkout",
    "OpenSitting",
    "RegisterDelegate",
    "SetSittingStatus",
    "SetStanding",
    "ShowSitting",
]


@dataclass(frozen=True)
class OpenSitting:
    org: str
    key: str
    body: str
    quorum: str = "1/2"
    majority_base: str = "cast"
    convocation: str | None = None
    consultative: bool = False


@dataclass(frozen=True)
class RegisterDelegate:
    """Register delegates (one or many mandates) with their credentials."""

    org: str
    sitting: str
    mandates: tuple[str, ...]


@dataclass(frozen=True)
class ChangeAttendance:
    org: str
    sitting: str
    mandates: tuple[str, ...]
    presence: str


@dataclass(frozen=True)
class DeclareWalkout:
    org: str
    sitting: str
    faction: str
    declaration: str
    mandates: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ChallengeCredential:
    org: str
    sitting: str
    mandate: str
    reason: str


@dataclass(frozen=True)
class DecideChallenge:
    org: str
    sitting: str
    mandate: str
    upheld: bool
    resolution: str = ""


@dataclass(frozen=True)
class SetStanding:
    org: str
    sitting: str
    mandate: str
    credential: str
    resolution: str


@dataclass(frozen=True)
class SetSittingStatus:
    org: str
    sitting: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class ShowSitting:
    org: str
    sitting: str
