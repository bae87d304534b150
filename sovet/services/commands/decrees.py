"""Commands of decrees, their dissemination and compliance, and local acts (M13)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AdoptLocalAct",
    "AnnexSpec",
    "DeclareConflict",
    "DisseminateDecree",
    "EndDecree",
    "IssueDecree",
    "ListDecrees",
    "RespondToDecree",
    "ShowActs",
    "ShowCompliance",
    "ShowDecree",
]


@dataclass(frozen=True)
class AnnexSpec:
    key: str
    title: str
    text: str
    binding: bool = False


@dataclass(frozen=True)
class IssueDecree:
    """Issue a decree from a motion of kind decree that ``sitting`` adopted.

    ``until`` is the provisional clause in words and ``until_body`` the body whose
    decision ends it; ``roots`` and ``depth`` restrict the scope (by default every
    body below the issuing body)."""

    org: str
    key: str
    sitting: str
    motion: str
    number: str
    title: str
    effective: str
    annexes: tuple[AnnexSpec, ...] = ()
    until: str = ""
    until_body: str | None = None
    roots: tuple[str, ...] = ()
    depth: int | None = None


@dataclass(frozen=True)
class DisseminateDecree:
    """Send a decree to every body in its scope (each starts as ``sent``)."""

    org: str
    decree: str
    channel: str = "ledger"


@dataclass(frozen=True)
class RespondToDecree:
    """A body in scope reports: received, acknowledged, adopted, implemented, or
    refused (with ``reason``)."""

    org: str
    decree: str
    body: str
    state: str
    reason: str = ""


@dataclass(frozen=True)
class EndDecree:
    """``by`` (the body of the provisional clause, or the issuing body) ends a decree."""

    org: str
    decree: str
    by: str
    reason: str


@dataclass(frozen=True)
class AdoptLocalAct:
    """A body adopts an act of its own; ``number`` defaults to the next of its series."""

    org: str
    body: str
    key: str
    title: str
    text: str
    number: int | None = None


@dataclass(frozen=True)
class DeclareConflict:
    """``by`` (the act's body or the decree's issuing body) declares a local act in
    conflict with a decree that binds the act's body."""

    org: str
    body: str
    act: str
    decree: str
    by: str
    reason: str


@dataclass(frozen=True)
class ShowDecree:
    org: str
    decree: str


@dataclass(frozen=True)
class ListDecrees:
    org: str
    body: str | None = None


@dataclass(frozen=True)
class ShowCompliance:
    """A decree's compliance at or below ``under`` (the whole scope by default)."""

    org: str
    decree: str
    under: str | None = None


@dataclass(frozen=True)
class ShowActs:
    org: str
    body: str
