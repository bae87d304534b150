"""Commands: the data of each state change, as interfaces hand it to the bus."""

from __future__ import annotations

from dataclasses import dataclass, field


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


# -- reads: queries go through the bus too, so their permission is checked in one place


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


# -- sittings (M08-M10) ------------------------------------------------------------


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


# -- polls (M12, M20, M22) -------------------------------------------------------------


@dataclass(frozen=True)
class OpenPoll:
    org: str
    key: str
    sitting: str
    question: str
    motion: str | None = None
    mode: str = "show-of-hands"
    unit: str = "delegate"
    rule: str = "simple"


@dataclass(frozen=True)
class CastBallot:
    """A ballot; ``voter`` defaults to the actor's own member number."""

    org: str
    poll: str
    choice: str
    voter: str | None = None


@dataclass(frozen=True)
class ClosePoll:
    """Close a poll; a show of hands takes the chair's count (or flagged estimate)."""

    org: str
    poll: str
    for_: int | None = None
    against: int | None = None
    abstain: int | None = None
    estimated: bool = False
    note: str = ""


@dataclass(frozen=True)
class AdoptInstruction:
    """A constituency's instruction to its delegates on a motion (an imperative mandate)."""

    org: str
    key: str
    constituency: str
    motion: str
    direction: str
    binding: bool = True
    text: str = ""


@dataclass(frozen=True)
class ShowPoll:
    org: str
    poll: str


from sovet.services.commands.business import *  # noqa: E402, F403
from sovet.services.commands.convocation import *  # noqa: E402, F403
from sovet.services.commands.mandates_ops import *  # noqa: E402, F403  (elections, allotment, recall)
