"""What a replay produced, act by act: the record the CLI narrates and the report shows.

Every number kept here is a :class:`Figure` carrying the facts and assumptions it
rests on; numbers Sovet computes from them (voters present, the majority needed)
carry the union of their inputs' sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sovet.domain.calendar import HistoricalDate
from sovet.services.replay.spec import Figure, Later
from sovet.services.scenario import Assumption


@dataclass(frozen=True)
class Group:
    """A faction's seats in a body at one moment, and how many of them are present."""

    faction: str
    name: str
    seats: Figure
    present: Figure


@dataclass(frozen=True)
class Composition:
    """A body's composition at one moment (a hemicycle in the report)."""

    key: str
    label: str
    body: str
    body_name: str
    groups: tuple[Group, ...]
    act: str

    @property
    def seats(self) -> int:
        return sum(g.seats.value for g in self.groups)

    @property
    def present(self) -> int:
        return sum(g.present.value for g in self.groups)

    def sources(self) -> tuple[str, ...]:
        out: dict[str, None] = {}
        for g in self.groups:
            out.update(dict.fromkeys(g.seats.sources + g.present.sources))
        return tuple(out)

    def share(self, faction: str) -> str:
        """The faction's share of those present, e.g. ``390 of 580 (67.2%)``."""
        group = next((g for g in self.groups if g.faction == faction), None)
        n = 0 if group is None else group.present.value
        pct = 100 * n / self.present if self.present else 0.0
        return f"{n} of {self.present} ({pct:.1f}%)"


@dataclass(frozen=True)
class PollRecord:
    act: str
    key: str
    sitting: str
    body: str
    motion: str
    question: str
    for_: Figure
    against: Figure
    abstain: Figure
    voters: Figure
    needed: Figure
    adopted: bool
    estimated: bool
    explanation: str
    expected: str | None
    note: str = ""
    title: str = ""

    @property
    def outcome(self) -> str:
        return "adopted" if self.adopted else "rejected"

    def tally(self) -> str:
        return f"{self.for_.value}–{self.against.value}–{self.abstain.value}"


@dataclass(frozen=True)
class ConflictRecord:
    """Two sources' tallies of one vote, each decided under the same rule."""

    act: str
    poll: str
    recorded: PollRecord
    other_fact: str
    other_for: Figure
    other_against: Figure
    other_abstain: Figure
    other_adopted: bool
    other_needed: int

    @property
    def same_outcome(self) -> bool:
        return self.other_adopted == self.recorded.adopted


@dataclass(frozen=True)
class Comparison:
    method: str
    allocation: dict[str, int]
    difference: dict[str, int]


@dataclass(frozen=True)
class AllotmentRecord:
    act: str
    key: str
    body: str
    body_name: str
    seats: Figure
    method: str  # "agreement" or an apportionment method
    allocation: dict[str, Figure]
    base: dict[str, Figure]
    base_kind: str
    comparisons: tuple[Comparison, ...]
    taken: dict[str, int]
    declined: dict[str, int]
    open: dict[str, int]
    holders: tuple[tuple[str, str, str], ...]  # (faction, member, name) of named holders

    def shares(self) -> str:
        return "/".join(str(f.value) for f in self.allocation.values())


@dataclass(frozen=True)
class DateCheckRecord:
    act: str
    fact: str
    written: HistoricalDate
    computed: HistoricalDate

    @property
    def days_off(self) -> int:
        return self.written.jdn - self.computed.jdn


@dataclass
class ActResult:
    key: str
    title: str
    date: HistoricalDate  # Julian
    time: str
    facts: tuple[str, ...]
    lines: list[str] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)
    later: Later | None = None
    missing: tuple[str, ...] = ()
    skipped_by: str = ""  # the override that skipped it
    assumptions: list[str] = field(default_factory=list)

    @property
    def gregorian(self) -> HistoricalDate:
        return self.date.gregorian()

    @property
    def skipped(self) -> bool:
        return self.later is not None or bool(self.skipped_by)

    @property
    def sources(self) -> str:
        """The act's facts and assumptions, as the report's ``data-sources``."""
        return " ".join(dict.fromkeys((*self.facts, *self.assumptions)))


@dataclass
class ReplayResult:
    name: str
    org: str
    acts: list[ActResult] = field(default_factory=list)
    polls: list[PollRecord] = field(default_factory=list)
    conflicts: list[ConflictRecord] = field(default_factory=list)
    allotments: list[AllotmentRecord] = field(default_factory=list)
    compositions: list[Composition] = field(default_factory=list)
    date_checks: list[DateCheckRecord] = field(default_factory=list)
    assumptions: dict[str, Assumption] = field(default_factory=dict)
    facts: dict[str, dict[str, object]] = field(default_factory=dict)
    structure_figures: list[tuple[str, Figure, str]] = field(default_factory=list)
    overrides: tuple[str, ...] = ()
    faction_names: dict[str, str] = field(default_factory=dict)
    tree: Any = None  # the organisation's tree of bodies at the end (org.tree)

    def act(self, key: str) -> ActResult:
        return next(a for a in self.acts if a.key == key)

    def composition(self, key: str) -> Composition:
        return next(c for c in self.compositions if c.key == key)

    def skipped_operations(self) -> dict[str, tuple[str, ...]]:
        """Acts declared for later and the operations they still miss."""
        return {a.key: a.missing for a in self.acts if a.later is not None}
