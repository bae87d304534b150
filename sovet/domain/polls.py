"""Polls on a motion: how votes are cast and counted, and what decides (M12, M20, M22).

A poll is opened in a sitting with a *mode* — a counted show of hands (or an analog
outcome the chair records as an estimate, flagged and never passed off as a count), a
roll call (named ballots), or a secret ballot (register kept apart from the ballot
box, a receipt per ballot) — a *counting unit* — each delegate one vote, a card
weighted by the membership the delegate represents, or one vote per delegation
(decided by its own majority) or its weight — and a majority rule from
``sovet.count.majority``. The voters are fixed when the poll opens: the voting
delegates present then, so quorum and majority bases follow walkouts (M10).

Ballots are many and are kept by the ballot repositories, not in this aggregate; the
aggregate decides whether a ballot may be cast and, at the close, counts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar, TypeVar

from sovet.count.majority import (
    ABSOLUTE_MEMBERS,
    ABSOLUTE_PRESENT,
    SIMPLE,
    THREE_QUARTERS,
    TWO_THIRDS,
    MajorityDecision,
    MajorityRule,
    decide,
    delegation_tally,
)
from sovet.count.profiles import Tally
from sovet.domain.errors import InvalidInput, InvalidTransition, NotEntitled
from sovet.domain.events import Event
from sovet.domain.keys import check_key
from sovet.domain.sitting import Bases, Delegate, Sitting

CHOICES = ("for", "against", "abstain")


class PollMode(StrEnum):
    SHOW_OF_HANDS = "show-of-hands"
    ROLL_CALL = "roll-call"
    SECRET = "secret"  # noqa: S105 - a voting mode, not a password


class CountingUnit(StrEnum):
    DELEGATE = "delegate"
    CARD = "card"  # weighted by the membership each delegate represents
    DELEGATION = "delegation"  # each delegation one vote, by its own majority
    DELEGATION_WEIGHTED = "delegation-weighted"  # each delegation its weight


RULES: Mapping[str, MajorityRule] = {
    "simple": SIMPLE,
    "absolute-present": ABSOLUTE_PRESENT,
    "absolute-members": ABSOLUTE_MEMBERS,
    "two-thirds": TWO_THIRDS,
    "three-quarters": THREE_QUARTERS,
}


class PollStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Voter:
    holder: str  # member number
    mandate: str
    weight: int = 1
    delegation: str | None = None
    curia: str | None = None
    constituency: str | None = None


@dataclass(frozen=True)
class Ballot:
    """A named ballot (roll call); secret ballots carry a receipt and no voter."""

    voter: str | None
    choice: str
    receipt: str | None = None


# -- events ------------------------------------------------------------------


@dataclass(frozen=True)
class PollOpened(Event):
    op: ClassVar[str] = "poll.open"

    key: str
    sitting: str
    body: str
    question: str
    motion: str | None
    mode: str
    unit: str
    rule: str
    # (holder, mandate, weight, delegation, curia, constituency) per voter
    voters: tuple[tuple[str, str, int, str | None, str | None, str | None], ...]
    seats: int
    registered_voting: int
    present_voting: int
    quorate: bool

    def subjects(self) -> tuple[str, ...]:
        return (f"poll:{self.key}", f"sitting:{self.sitting}")

    def stream(self) -> str:
        return f"poll:{self.key}"


@dataclass(frozen=True)
class BallotCast(Event):
    """One ballot, sealed into the ledger when the poll closes: named for a roll call,
    by receipt only for a secret ballot (in receipt order, so nothing links it to the
    register)."""

    op: ClassVar[str] = "ballot.cast"

    poll: str
    choice: str
    voter: str | None = None
    receipt: str | None = None
    contrary: bool = False  # cast against an advisory instruction (named polls only)

    def subjects(self) -> tuple[str, ...]:
        who = f"member:{self.voter}" if self.voter else f"receipt:{self.receipt}"
        return (f"poll:{self.poll}", who)


@dataclass(frozen=True)
class VotersRegistered(Event):
    """The register of a secret poll: who voted, sorted, apart from the ballot box."""

    op: ClassVar[str] = "poll.register"

    poll: str
    voters: tuple[str, ...]

    def subjects(self) -> tuple[str, ...]:
        return (f"poll:{self.poll}",)


@dataclass(frozen=True)
class PollClosed(Event):
    op: ClassVar[str] = "poll.close"

    def stream(self) -> str:
        return f"poll:{self.poll}"

    poll: str
    for_: int
    against: int
    abstain: int
    estimated: bool
    adopted: bool
    base: str
    base_size: int
    needed: int
    explanation: str
    by_curia: tuple[tuple[str, int, int, int], ...] = ()
    note: str = ""

    def subjects(self) -> tuple[str, ...]:
        return (f"poll:{self.poll}",)


# -- the aggregate -------------------------------------------------------------


@dataclass(frozen=True)
class PollHeader:
    """What casting needs to know of a poll (kept apart so a cast loads no ballots)."""

    key: str
    mode: PollMode
    status: PollStatus
    sitting: str = ""
    body: str = ""
    motion: str | None = None


def ballot_allowed(header: PollHeader, who: Voter | None, voter: str, choice: str) -> Voter:
    """The rule of casting: the poll is open and counted ballot by ballot, the choice is
    for, against or abstain, and the voter was a voting delegate present when the poll
    opened. One ballot per voter is enforced by the store under concurrency."""
    if header.status is not PollStatus.OPEN:
        raise InvalidTransition(f"poll {header.key} is closed")
    if header.mode is PollMode.SHOW_OF_HANDS:
        raise InvalidInput(f"poll {header.key} is a show of hands: the chair records the count")
    if choice not in CHOICES:
        raise InvalidInput(f"choice must be one of {', '.join(CHOICES)}, not {choice!r}")
    if who is None:
        raise NotEntitled(
            f"member {voter} may not vote in poll {header.key}: not a voting "
            "delegate present when it opened"
        )
    return who


@dataclass
class Poll:
    key: str
    sitting: str
    body: str
    question: str
    motion: str | None
    mode: PollMode
    unit: CountingUnit
    rule: str
    voters: dict[str, Voter]
    bases: Bases
    status: PollStatus = PollStatus.OPEN
    outcome: PollClosed | None = None
    pending: list[Event] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        key: str,
        sitting: Sitting,
        question: str,
        *,
        motion: str | None = None,
        mode: str = "show-of-hands",
        unit: str = "delegate",
        rule: str = "simple",
        constituencies: Mapping[str, str | None] | None = None,
    ) -> Poll:
        """Open a poll; its voters are the voting delegates present now (M10)."""
        check_key(key, "poll")
        if sitting.status != "open":
            raise InvalidTransition(f"sitting {sitting.key} is {sitting.status}, not open")
        poll_mode = _choose(PollMode, mode, "poll mode")
        counting = _choose(CountingUnit, unit, "counting unit")
        if rule not in RULES:
            raise InvalidInput(
                f"unknown majority rule {rule!r}; expected one of: " + ", ".join(RULES)
            )
        if poll_mode is PollMode.SHOW_OF_HANDS and counting is not CountingUnit.DELEGATE:
            raise InvalidInput(
                "a show of hands counts delegates; use a roll call for cards or delegations"
            )
        if not question.strip():
            raise InvalidInput(f"poll {key} needs a question")
        seat_of = constituencies or {}
        voters = tuple(
            (
                d.holder,
                d.mandate,
                _weight(d, counting),
                d.delegation,
                d.curia,
                seat_of.get(d.mandate),
            )
            for d in sorted(sitting.eligible_voters(), key=lambda d: d.holder)
        )
        holders = [v[0] for v in voters]
        if len(set(holders)) != len(holders):
            raise InvalidInput(f"poll {key}: a member holds two voting mandates in the sitting")
        b = sitting.bases()
        event = PollOpened(
            key,
            sitting.key,
            sitting.body,
            question.strip(),
            motion,
            str(poll_mode),
            str(counting),
            rule,
            voters,
            b.seats,
            b.registered_voting,
            b.present_voting,
            b.quorate,
        )
        poll = cls.from_opened(event)
        poll.pending.append(event)
        return poll

    @classmethod
    def from_opened(cls, e: PollOpened) -> Poll:
        voters = {h: Voter(h, m, w, dg, cu, co) for h, m, w, dg, cu, co in e.voters}
        needed = 0
        bases = Bases(e.seats, e.registered_voting, e.present_voting, needed, e.quorate)
        return cls(
            e.key,
            e.sitting,
            e.body,
            e.question,
            e.motion,
            PollMode(e.mode),
            CountingUnit(e.unit),
            e.rule,
            voters,
            bases,
        )

    def apply(self, event: Event) -> None:
        if isinstance(event, PollClosed):
            self.status = PollStatus.CLOSED
            self.outcome = event

    # -- casting ---------------------------------------------------------------
    def check_ballot(self, voter: str, choice: str) -> Voter:
        """May ``voter`` cast ``choice`` now? (One ballot each is kept by the store.)"""
        if self.status is not PollStatus.OPEN:
            raise InvalidTransition(f"poll {self.key} is closed")
        if self.mode is PollMode.SHOW_OF_HANDS:
            raise InvalidInput(f"poll {self.key} is a show of hands: the chair records the count")
        if choice not in CHOICES:
            raise InvalidInput(f"choice must be one of {', '.join(CHOICES)}, not {choice!r}")
        who = self.voters.get(voter)
        if who is None:
            raise NotEntitled(
                f"member {voter} may not vote in poll {self.key}: not a voting "
                "delegate present when it opened"
            )
        return who

    # -- closing ---------------------------------------------------------------
    def close_counted(self, ballots: Iterable[Ballot], note: str = "") -> PollClosed:
        """Close a roll call or secret ballot: count the ballots under the poll's unit."""
        if self.status is not PollStatus.OPEN:
            raise InvalidTransition(f"poll {self.key} is already closed")
        if self.mode is PollMode.SHOW_OF_HANDS:
            raise InvalidInput(f"poll {self.key} is a show of hands; record the count instead")
        items = list(ballots)
        tally = self._tally(items)
        by_curia = self._by_curia(items)
        return self._close(tally, by_curia, note)

    def close_show(
        self,
        for_: int,
        against: int,
        abstain: int = 0,
        *,
        estimated: bool = False,
        note: str = "",
    ) -> PollClosed:
        """Close a show of hands with the chair's count, or an estimate flagged as such."""
        if self.status is not PollStatus.OPEN:
            raise InvalidTransition(f"poll {self.key} is already closed")
        if self.mode is not PollMode.SHOW_OF_HANDS:
            raise InvalidInput(f"poll {self.key} is a {self.mode}: its ballots are counted")
        total = for_ + against + abstain
        if not estimated and total > len(self.voters):
            raise InvalidInput(f"{total} hands counted but only {len(self.voters)} may vote")
        if estimated and not note.strip():
            raise InvalidInput("an estimated outcome needs the chair's words as a note")
        tally = Tally(for_, against, abstain, estimated=estimated)
        return self._close(tally, (), note)

    def _close(
        self, tally: Tally, by_curia: tuple[tuple[str, int, int, int], ...], note: str
    ) -> PollClosed:
        decision = self.decide(tally)
        event = PollClosed(
            self.key,
            tally.for_,
            tally.against,
            tally.abstain,
            tally.estimated,
            decision.adopted,
            str(decision.base),
            decision.base_size,
            decision.needed,
            decision.explain(),
            by_curia,
            note,
        )
        self.apply(event)
        self.pending.append(event)
        return event

    def decide(self, tally: Tally) -> MajorityDecision:
        """The majority rule on the bases fixed when the poll opened."""
        rule = RULES[self.rule]
        present, members = self._base_numbers()
        if tally.estimated:
            present = members = None  # an estimate cannot be checked against a roll
        return decide(tally, rule, present=present, members=members)

    def _base_numbers(self) -> tuple[int | None, int | None]:
        if self.unit is CountingUnit.DELEGATE:
            return len(self.voters), max(self.bases.seats, len(self.voters))
        if self.unit is CountingUnit.CARD:
            weight = sum(v.weight for v in self.voters.values())
            return weight, weight
        delegations = {v.delegation for v in self.voters.values()}
        if self.unit is CountingUnit.DELEGATION:
            return len(delegations), len(delegations)
        weight = sum(v.weight for v in self.voters.values())
        return weight, weight

    def _tally(self, ballots: list[Ballot]) -> Tally:
        if self.mode is PollMode.SECRET or self.unit is CountingUnit.DELEGATE:
            return _count(b.choice for b in ballots)
        if self.unit is CountingUnit.CARD:
            weights = dict.fromkeys(CHOICES, 0)
            for b in ballots:
                weights[b.choice] += self.voters[b.voter or ""].weight
            return Tally(weights["for"], weights["against"], weights["abstain"])
        groups: dict[str, list[str]] = {}
        for b in ballots:
            v = self.voters[b.voter or ""]
            groups.setdefault(v.delegation or v.holder, []).append(b.choice)
        weights_of = dict.fromkeys((v.delegation or v.holder for v in self.voters.values()), 0)
        for v in self.voters.values():
            weights_of[v.delegation or v.holder] += v.weight
        per = {k: _count(choices) for k, choices in groups.items()}
        if self.unit is CountingUnit.DELEGATION:
            return delegation_tally(per, "one-each")
        return delegation_tally(per, "weight", weights={k: weights_of[k] for k in per})

    def _by_curia(self, ballots: list[Ballot]) -> tuple[tuple[str, int, int, int], ...]:
        if self.mode is PollMode.SECRET:
            return ()  # a curia breakdown of secret ballots would narrow who voted how
        curiae = sorted({v.curia for v in self.voters.values() if v.curia})
        out = []
        for curia in curiae:
            t = _count(b.choice for b in ballots if self.voters[b.voter or ""].curia == curia)
            out.append((curia, t.for_, t.against, t.abstain))
        return tuple(out)


def _weight(d: Delegate, unit: CountingUnit) -> int:
    if unit in (CountingUnit.CARD, CountingUnit.DELEGATION_WEIGHTED):
        return d.represents
    return 1


def _count(choices: Iterable[str]) -> Tally:
    counts = dict.fromkeys(CHOICES, 0)
    for choice in choices:
        counts[choice] += 1
    return Tally(counts["for"], counts["against"], counts["abstain"])


E = TypeVar("E", bound=StrEnum)


def _choose(kind: type[E], value: str, what: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(v) for v in kind)
        raise InvalidInput(f"unknown {what} {value!r}; expected one of: {allowed}") from None


__all__ = [
    "CHOICES",
    "Ballot",
    "BallotCast",
    "CountingUnit",
    "Poll",
    "PollClosed",
    "PollHeader",
    "PollMode",
    "PollOpened",
    "Voter",
    "VotersRegistered",
    "ballot_allowed",
]
