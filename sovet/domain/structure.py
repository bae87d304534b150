"""The structure of an organisation: bodies, links between them, constituencies,
representation norms and factions (mechanisms M01, M02, M04, M06, M22, M23)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class BodyKind(StrEnum):
    """What a body is (DESIGN.md, glossary)."""

    COUNCIL = "council"
    CONGRESS = "congress"
    CONFERENCE = "conference"
    EXECUTIVE = "executive"
    PRESIDIUM = "presidium"
    COMMISSION = "commission"
    FACTION = "faction"
    SECTION = "section"
    UNIT = "unit"


class BodyStatus(StrEnum):
    CONSTITUTED = "constituted"
    PRIVATE_CONFERENCE = "private-conference"
    DEFUNCT = "defunct"


class LinkKind(StrEnum):
    """Typed edges of the body graph (M06): the graph is not a strict tree.

    Delegation itself ("sends delegates to") is not a link: it is a
    :class:`Constituency` whose source is the lower body, so that every delegation
    carries its norm and the membership it represents.
    """

    SECTION_OF = "section-of"
    ELECTS = "elects"
    CONTROLS = "controls"
    MAY_REPLACE_MEMBERS_OF = "may-replace-members-of"
    DECREES_APPLY_TO = "decrees-apply-to"


# Links along which membership, seats or authority flow upward; with constituencies
# they must never form a cycle.
HIERARCHY_LINKS = frozenset({LinkKind.SECTION_OF, LinkKind.ELECTS})


class NormKind(StrEnum):
    FIXED = "fixed"
    PER_MEMBERS = "per-members"


class Rounding(StrEnum):
    """How a fractional entitlement (members / N) becomes whole seats."""

    DOWN = "down"
    UP = "up"
    NEAREST = "nearest"  # halves round up: 2.5 -> 3


class SeatRule(StrEnum):
    """How a body's total of seats is found.

    ``sum``: each constituency gets what its norm gives, the body's size is the sum.
    ``apportioned``: the body has a fixed size shared among its constituencies in
    proportion to the membership they represent, by a named apportionment method.
    ``fixed``: a fixed size not filled from constituencies (e.g. a presidium whose
    seats are allotted among factions by a poll).
    """

    SUM = "sum"
    APPORTIONED = "apportioned"
    FIXED = "fixed"


@dataclass(frozen=True)
class Body:
    key: str
    name: str
    kind: BodyKind
    level: str = ""
    seat_rule: SeatRule = SeatRule.SUM
    size: int | None = None  # the fixed size, for APPORTIONED and FIXED
    method: str = "sainte-lague"  # apportionment method id for APPORTIONED
    status: BodyStatus = BodyStatus.CONSTITUTED
    curiae: tuple[str, ...] = ()
    # A stated membership, where the roll is not held in Sovet (M02: bodies speak
    # "in the name of" a counted membership); a held roll is counted instead.
    membership: int | None = None


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    kind: LinkKind


@dataclass(frozen=True)
class Norm:
    """A representation norm: how many seats a constituency earns (M02).

    ``fixed``: ``seats`` seats whatever the membership. ``per-members``: one seat per
    ``per`` members, rounded as ``rounding`` says, then raised to ``minimum`` and
    capped at ``maximum`` when given. Norms are political choices and may differ by
    curia (the 1917 asymmetry between workers and soldiers).
    """

    key: str
    kind: NormKind
    seats: int | None = None
    per: int | None = None
    minimum: int = 0
    maximum: int | None = None
    rounding: Rounding = Rounding.DOWN
    curia: str | None = None


@dataclass(frozen=True)
class Constituency:
    """Who fills some of a body's seats: a body's member roll or a lower body.

    ``source`` is a body key. When the source is a base council, its members elect;
    when it is a lower body, that body sends delegates and represents its membership.
    ``membership_override`` records a stated membership ("in the name of 223,900")
    where the roll is not held in Sovet.
    """

    key: str
    body: str
    source: str
    norm: str | None = None
    curia: str | None = None
    membership_override: int | None = None


@dataclass(frozen=True)
class Faction:
    key: str
    name: str
    party: str | None = None
    parent: str | None = None  # the faction it split from


@dataclass(frozen=True)
class SeatLine:
    """One constituency's seats in a body, with the arithmetic that produced them."""

    constituency: str
    membership: int
    exact: Fraction
    seats: int
    rule: str
