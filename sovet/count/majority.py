"""Majority rules on a for/against/abstain tally, card votes and votes by delegation.

A rule is a threshold share of a base, with the comparison it uses:

- *simple majority*: more than half of the votes cast (for + against); abstentions
  are not votes cast, and a tie fails (Robert's Rules of Order Newly Revised, 12th
  ed. 2020, §44, "Bases for determining a voting result"; the 1915 edition
  already reads "a majority of the votes cast, ignoring blanks");
- *absolute majority of the members*: more than half of the seats or members,
  given as input, whoever is present or votes;
- *absolute majority of those present*: more than half of those present, given as
  input, so abstentions and present non-voters count against in effect (RONR §44);
- *qualified majorities*: at least two-thirds, or at least three-quarters, of the
  votes cast (RONR §44), or of a base given as input.

"More than" rules need the smallest integer strictly greater than
``threshold × base``; "at least" rules the smallest integer not below it. A motion
always needs at least one vote for. A tally recorded as an estimate (the chair's
"overwhelming majority") gives a decision flagged ``estimated``, never a count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Literal

from sovet.count.errors import InvalidBallot, InvalidCount
from sovet.count.profiles import Tally
from sovet.count.registry import BallotKind, Seats, register
from sovet.count.result import Result, Round


class Base(StrEnum):
    CAST = "cast"  # for + against
    PRESENT = "present"  # the number present, given as input
    MEMBERS = "members"  # the seats or members of the body, given as input


@dataclass(frozen=True)
class MajorityRule:
    """``threshold`` of ``base``; ``strict``: more than it, else at least it."""

    name: str
    threshold: Fraction
    base: Base
    strict: bool

    def __post_init__(self) -> None:
        if not Fraction(0) < self.threshold <= 1:
            raise InvalidCount(f"a majority threshold must be in (0, 1], not {self.threshold}")

    def needed(self, base_size: int) -> int:
        """The fewest votes for that pass the rule on a base of ``base_size``."""
        share = self.threshold * base_size
        votes = math.floor(share) + 1 if self.strict else math.ceil(share)
        return max(votes, 1)

    def describe(self) -> str:
        comparison = "more than" if self.strict else "at least"
        return f"{comparison} {self.threshold} of {BASE_WORDS[self.base]}"


BASE_WORDS = {
    Base.CAST: "the votes cast",
    Base.PRESENT: "those present",
    Base.MEMBERS: "the members",
}

SIMPLE = MajorityRule("simple majority", Fraction(1, 2), Base.CAST, strict=True)
ABSOLUTE_MEMBERS = MajorityRule(
    "absolute majority of the members", Fraction(1, 2), Base.MEMBERS, strict=True
)
ABSOLUTE_PRESENT = MajorityRule(
    "absolute majority of those present", Fraction(1, 2), Base.PRESENT, strict=True
)
TWO_THIRDS = MajorityRule("two-thirds majority", Fraction(2, 3), Base.CAST, strict=False)
THREE_QUARTERS = MajorityRule("three-quarters majority", Fraction(3, 4), Base.CAST, strict=False)


@dataclass(frozen=True)
class MajorityDecision:
    """Whether a motion passed under a rule, with the base and the votes it needed."""

    rule: MajorityRule
    tally: Tally
    adopted: bool
    base: Base
    base_size: int
    needed: int
    estimated: bool

    @property
    def outcome(self) -> str:
        return "adopted" if self.adopted else "rejected"

    def explain(self) -> str:
        text = (
            f"{self.outcome}: {self.tally.for_} for, {self.tally.against} against, "
            f"{self.tally.abstain} abstaining; {self.rule.name} ({self.rule.describe()}) "
            f"on a base of {self.base_size} needs {self.needed} for"
        )
        if self.estimated:
            text += "; the tally is an estimate recorded by the chair, not a count"
        return text

    def to_result(self, method: str) -> Result:
        t = self.tally
        scores = {
            "for": Fraction(t.for_),
            "against": Fraction(t.against),
            "abstain": Fraction(t.abstain),
        }
        rnd = Round(number=1, tallies=scores, elected=(self.outcome,), note=self.explain())
        notes = [f"base: {BASE_WORDS[self.base]} = {self.base_size}", f"needed: {self.needed}"]
        if self.estimated:
            notes.append("estimated: the outcome rests on the chair's estimate, not a count")
        return Result(
            method=method,
            seats=1,
            elected=(self.outcome,),
            rounds=(rnd,),
            quota=Fraction(self.needed),
            scores=scores,
            notes=tuple(notes),
        )


def _base_size(tally: Tally, rule: MajorityRule, present: int | None, members: int | None) -> int:
    if present is not None and present < tally.participating:
        raise InvalidCount(
            f"{tally.participating} voted or abstained but only {present} are present"
        )
    if members is not None:
        if present is not None and present > members:
            raise InvalidCount(f"{present} present but the body has only {members} members")
        if members < tally.participating:
            raise InvalidCount(
                f"{tally.participating} voted or abstained but the body has {members} members"
            )
    if rule.base is Base.CAST:
        return tally.cast
    size = present if rule.base is Base.PRESENT else members
    if size is None:
        wanted = (
            "the number present (present=)"
            if rule.base is Base.PRESENT
            else ("the number of members (members=)")
        )
        raise InvalidCount(f"the {rule.name} needs {wanted} as input")
    return size


def decide(
    tally: Tally, rule: MajorityRule, *, present: int | None = None, members: int | None = None
) -> MajorityDecision:
    """Apply ``rule`` to ``tally``; ``present`` and ``members`` give the bases it may need.

    Both are checked against the tally when given (no more voted than present, no
    more present than members), whatever base the rule uses.
    """
    size = _base_size(tally, rule, present, members)
    needed = rule.needed(size)
    return MajorityDecision(
        rule=rule,
        tally=tally,
        adopted=tally.for_ >= needed,
        base=rule.base,
        base_size=size,
        needed=needed,
        estimated=tally.estimated,
    )


CHOICES = ("for", "against", "abstain")


def card_tally(cards: Iterable[tuple[str, int]]) -> Tally:
    """A card vote: each card is (``"for"`` | ``"against"`` | ``"abstain"``, weight).

    A card counts the membership its holder represents, so the tally's numbers are
    weights; decide it with a base in the same units.
    """
    totals = dict.fromkeys(CHOICES, 0)
    for number, (choice, weight) in enumerate(cards, start=1):
        if choice not in totals:
            raise InvalidBallot(
                f"card {number}: unknown choice {choice!r}; use for/against/abstain"
            )
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
            raise InvalidBallot(
                f"card {number}: weight must be a whole number >= 0, not {weight!r}"
            )
        totals[choice] += weight
    return Tally(totals["for"], totals["against"], totals["abstain"])


def delegation_vote(tally: Tally) -> str:
    """A delegation's one vote: its own majority of votes cast; a tie abstains."""
    if tally.for_ > tally.against:
        return "for"
    if tally.against > tally.for_:
        return "against"
    return "abstain"


def delegation_tally(
    votes_by_delegation: Mapping[str, Tally],
    mode: Literal["one-each", "weight"] = "one-each",
    *,
    weights: Mapping[str, int] | None = None,
) -> Tally:
    """Votes counted by delegation: each delegation's majority decides its vote.

    ``one-each``: every delegation casts one vote. ``weight``: it casts its weight
    from ``weights`` (e.g. the membership it represents), or, when none is given,
    the number of its members who voted or abstained. A delegation whose votes for
    and against are equal (including one where all abstain) abstains. The tally is
    an estimate if any delegation's tally is.
    """
    if mode not in ("one-each", "weight"):
        raise InvalidCount(f"unknown delegation mode {mode!r}; use 'one-each' or 'weight'")
    cards: list[tuple[str, int]] = []
    for name, tally in votes_by_delegation.items():
        if mode == "one-each":
            weight = 1
        elif weights is not None:
            if name not in weights:
                raise InvalidCount(f"no weight given for delegation {name!r}")
            weight = weights[name]
        else:
            weight = tally.participating
        cards.append((delegation_vote(tally), weight))
    total = card_tally(cards)
    estimated = any(t.estimated for t in votes_by_delegation.values())
    return Tally(total.for_, total.against, total.abstain, estimated=estimated)


@register(
    "majority-simple",
    name="Simple majority of votes cast",
    ballot=BallotKind.TALLY,
    seats=Seats.ONE,
    source="Robert's Rules of Order Newly Revised (12th ed. 2020), §44",
)
def majority_simple(
    tally: Tally, *, present: int | None = None, members: int | None = None
) -> Result:
    """Adopted when the votes for are more than half of the votes cast (for + against).

    Abstentions and blanks are not votes cast; a tie fails (RONR 12th ed. §44;
    common parliamentary practice). Needs ``floor(cast / 2) + 1`` for, and
    at least one. An estimated tally gives a decision flagged as an estimate.
    """
    return decide(tally, SIMPLE, present=present, members=members).to_result("majority-simple")


@register(
    "majority-absolute-members",
    name="Absolute majority of the members",
    ballot=BallotKind.TALLY,
    seats=Seats.ONE,
    source="Robert's Rules of Order Newly Revised (12th ed. 2020), §44",
)
def majority_absolute_members(
    tally: Tally, *, present: int | None = None, members: int | None = None
) -> Result:
    """Adopted when the votes for are more than half of all the body's members or seats.

    The base is ``members`` (required), however many are present or vote: absence,
    abstention and a vote against all count against in effect (RONR 12th ed. §44,
    "a majority of the entire membership"). Needs ``floor(members / 2) + 1`` for.
    """
    decision = decide(tally, ABSOLUTE_MEMBERS, present=present, members=members)
    return decision.to_result("majority-absolute-members")


@register(
    "majority-absolute-present",
    name="Absolute majority of those present",
    ballot=BallotKind.TALLY,
    seats=Seats.ONE,
    source="Robert's Rules of Order Newly Revised (12th ed. 2020), §44",
)
def majority_absolute_present(
    tally: Tally, *, present: int | None = None, members: int | None = None
) -> Result:
    """Adopted when the votes for are more than half of those present.

    The base is ``present`` (required, at least everyone who voted or abstained), so
    an abstention or a present non-voter counts against in effect (RONR 12th ed.
    §44, "a majority of the members present"). Needs ``floor(present / 2) + 1``.
    """
    decision = decide(tally, ABSOLUTE_PRESENT, present=present, members=members)
    return decision.to_result("majority-absolute-present")


@register(
    "majority-two-thirds",
    name="Two-thirds of votes cast",
    ballot=BallotKind.TALLY,
    seats=Seats.ONE,
    source="Robert's Rules of Order Newly Revised (12th ed. 2020), §44",
)
def majority_two_thirds(
    tally: Tally, *, present: int | None = None, members: int | None = None
) -> Result:
    """Adopted when the votes for are at least two-thirds of the votes cast.

    Abstentions are not votes cast; equivalently, at least twice as many for as
    against (RONR 12th ed. §44). Needs ``ceil(2 × cast / 3)`` for, and at least
    one. For two-thirds of those present or of the members, call :func:`decide`
    with ``MajorityRule("...", Fraction(2, 3), Base.PRESENT, strict=False)``.
    """
    return decide(tally, TWO_THIRDS, present=present, members=members).to_result(
        "majority-two-thirds"
    )


@register(
    "majority-three-quarters",
    name="Three-quarters of votes cast",
    ballot=BallotKind.TALLY,
    seats=Seats.ONE,
    source="Robert's Rules of Order Newly Revised (12th ed. 2020), §44 (by analogy)",
)
def majority_three_quarters(
    tally: Tally, *, present: int | None = None, members: int | None = None
) -> Result:
    """Adopted when the votes for are at least three-quarters of the votes cast.

    Abstentions are not votes cast; equivalently, at least three times as many for
    as against. The qualified-majority reading of RONR 12th ed. §44 applied to
    three-quarters, as in statutes and rules of order that require it. Needs
    ``ceil(3 × cast / 4)`` for, and at least one.
    """
    return decide(tally, THREE_QUARTERS, present=present, members=members).to_result(
        "majority-three-quarters"
    )
