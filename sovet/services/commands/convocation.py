"""Commands of a convocation (M07, M09): set up, demanded, summoned, postponed,
answered and contested. ``body`` is the body that acts (whose chair acts for it);
times the user gives are ISO 8601 date-times with a time zone, durations ISO 8601
durations (``P14D``, ``PT36H``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CreateConvocation:
    """Set up the convocation of ``body`` by ``convener``. ``members`` defaults to the
    bodies that send delegates to ``body``."""

    org: str
    key: str
    body: str
    convener: str
    members: tuple[str, ...] | None = None
    fallback: str | None = None
    competent_convener: str | None = None
    min_notice: str = "P14D"
    demand_threshold: str = "1/3"
    demand_basis: str = "bodies"
    summon_within: str = "P14D"
    postpone_notice: str | None = None


@dataclass(frozen=True)
class DemandConvocation:
    """Member body ``body`` demands the convocation."""

    org: str
    convocation: str
    body: str
    in_the_name_of: int | None = None


@dataclass(frozen=True)
class SummonConvocation:
    """``body`` (the convener, or the fall-back convener) summons the convened body."""

    org: str
    convocation: str
    body: str
    opens_at: str
    place: str
    agenda: tuple[str, ...] = ()
    quorum: str = "1/2"
    quorum_basis: str = "voting-delegates"
    quorum_strict: bool = False
    urgent: bool = False
    reason: str = ""
    ends_at: str | None = None


@dataclass(frozen=True)
class PostponeConvocation:
    """``body``, which summoned, moves the opening later to ``opens_at``."""

    org: str
    convocation: str
    body: str
    opens_at: str
    reason: str


@dataclass(frozen=True)
class RespondToConvocation:
    """Member body ``body`` answers the summons: ``agreed`` or ``refused``."""

    org: str
    convocation: str
    body: str
    answer: str


@dataclass(frozen=True)
class ContestConvocation:
    """``body`` disputes the convocation's legality."""

    org: str
    convocation: str
    body: str
    reason: str


@dataclass(frozen=True)
class ShowConvocation:
    org: str
    convocation: str
