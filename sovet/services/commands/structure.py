"""Commands that build an organisation's structure, its roll and its mandates."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "AddMember",
    "AffiliateMember",
    "CreateBody",
    "CreateConstituency",
    "CreateFaction",
    "CreateOrganisation",
    "ImportOrganisation",
    "ImportRoll",
    "IssueCredential",
    "LinkBodies",
    "RecordMandate",
    "SetBodyStatus",
    "SetMandateStatus",
    "SetNorm",
    "SplitFaction",
]


@dataclass(frozen=True)
class CreateOrganisation:
    key: str
    name: str
    calendar: str = "gregorian"

    @property
    def org(self) -> None:  # a new organisation is not yet anyone's to administer
        return None


@dataclass(frozen=True)
class CreateBody:
    org: str
    key: str
    name: str
    kind: str
    level: str = ""
    seat_rule: str = "sum"
    size: int | None = None
    method: str = "sainte-lague"
    curiae: tuple[str, ...] = ()
    membership: int | None = None


@dataclass(frozen=True)
class SetBodyStatus:
    org: str
    key: str
    status: str


@dataclass(frozen=True)
class LinkBodies:
    org: str
    source: str
    target: str
    kind: str


@dataclass(frozen=True)
class SetNorm:
    org: str
    key: str
    kind: str
    seats: int | None = None
    per: int | None = None
    minimum: int = 0
    maximum: int | None = None
    rounding: str = "down"
    curia: str | None = None


@dataclass(frozen=True)
class CreateConstituency:
    org: str
    key: str
    body: str
    source: str
    norm: str | None = None
    curia: str | None = None
    membership_override: int | None = None


@dataclass(frozen=True)
class CreateFaction:
    org: str
    key: str
    name: str
    party: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class SplitFaction:
    org: str
    faction: str
    new_key: str
    new_name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class AddMember:
    org: str
    number: str
    name: str
    council: str
    faction: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class AffiliateMember:
    org: str
    number: str
    faction: str | None


@dataclass(frozen=True)
class ImportRoll:
    """A member roll as CSV text: header ``number,name,council[,faction][,email]``."""

    org: str
    source: str
    text: str
    part_size: int = 1 << 20  # characters of roll text per ledger entry
    progress: object = field(default=None, compare=False)


@dataclass(frozen=True)
class RecordMandate:
    org: str
    key: str
    body: str
    holder: str
    constituency: str | None = None
    faction: str | None = None


@dataclass(frozen=True)
class SetMandateStatus:
    org: str
    key: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class IssueCredential:
    org: str
    mandate: str
    credential: str


@dataclass(frozen=True)
class ImportOrganisation:
    """A whole organisation as parsed from its YAML export (see ``services.orgfile``)."""

    document: dict[str, object]
    source: str = "<yaml>"

    @property
    def org(self) -> None:
        return None
