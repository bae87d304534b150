"""Read commands: queries go through the bus too, so their permission is checked in one place."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ExportLedger",
    "ExportOrganisation",
    "ListOrganisations",
    "ReplayLedger",
    "ShowTree",
]


@dataclass(frozen=True)
class ShowTree:
    org: str


@dataclass(frozen=True)
class ExportOrganisation:
    org: str


@dataclass(frozen=True)
class ExportLedger:
    org: str


@dataclass(frozen=True)
class ReplayLedger:
    org: str


@dataclass(frozen=True)
class ListOrganisations:
    @property
    def org(self) -> None:
        return None
