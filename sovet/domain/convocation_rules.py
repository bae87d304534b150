"""The rules and records a convocation keeps (M07, M09): notice, demand threshold,
quorum stored with the summons, and the summons, demands, postponements, answers and
disputes as values."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from sovet.domain import convocation_events as ce
from sovet.domain.errors import InvalidInput, InvalidTransition, NoticeTooShort
from sovet.domain.exact import fraction_text, optional_time, parse_fraction, parse_time
from sovet.domain.keys import check_key

DAY = timedelta(days=1)


class DemandBasis(StrEnum):
    """What the demand threshold is a share of: member bodies, or the membership they
    represent (each demand then weighs its ``in_the_name_of``)."""

    BODIES = "bodies"
    MEMBERSHIP = "membership"


class Answer(StrEnum):
    """A member body's answer to a summons. No answer is not a refusal (M07)."""

    AGREED = "agreed"
    REFUSED = "refused"


class QuorumBasis(StrEnum):
    """What a quorum is a share of (M09)."""

    VOTING_DELEGATES = "voting-delegates"  # registered voting delegates
    MEMBER_BODIES = "member-bodies"  # member bodies represented


def whole_seconds(span: timedelta, what: str) -> int:
    """A duration as whole seconds, the form events store; negative or fractional refused."""
    if span < timedelta(0) or span % timedelta(seconds=1):
        raise InvalidInput(f"{what} must be a whole number of seconds >= 0, not {span}")
    return span // timedelta(seconds=1)


def span(length: timedelta) -> str:
    """A duration as messages show it: "14 days", "2 days 3 h", "90 s"."""
    seconds = int(length // timedelta(seconds=1))
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    units = (
        (days, " day" if days == 1 else " days"),
        (hours, " h"),
        (minutes, " min"),
        (secs, " s"),
    )
    return sign + (" ".join(f"{n}{unit}" for n, unit in units if n) or "0 s")


def when(at: datetime) -> str:
    """A time as messages show it."""
    return at.strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class QuorumRule:
    """The quorum fixed by the convener and stored with the summons (M09).

    ``share`` of ``basis``; ``strict``: more than that share, else at least it. The
    seeds give no figure, only that the convener fixed it; the default is at least one
    half of the registered voting delegates, the reading :mod:`sovet.domain.sitting`
    applies when it checks a quorum.
    """

    share: Fraction = Fraction(1, 2)
    basis: QuorumBasis = QuorumBasis.VOTING_DELEGATES
    strict: bool = False

    def check(self) -> QuorumRule:
        if not Fraction(0) < self.share <= 1:
            raise InvalidInput(f"a quorum share must be in (0, 1], not {self.share}")
        QuorumBasis(self.basis)
        return self

    def needed(self, base: int) -> int:
        """The fewest present (delegates or bodies) that make a quorum on ``base``."""
        exact = self.share * base
        return math.floor(exact) + 1 if self.strict else math.ceil(exact)

    def describe(self) -> str:
        words = "more than" if self.strict else "at least"
        of = (
            "the registered voting delegates"
            if self.basis is QuorumBasis.VOTING_DELEGATES
            else "the member bodies"
        )
        return f"{words} {self.share} of {of}"


@dataclass(frozen=True)
class ConvocationRules:
    """The configurable rules of a convocation (M07). The seeds fix none of these
    figures (only that a congress was to meet every three months and that 14 days
    were demanded); the defaults are:

    - ``min_notice``: 14 days between the summons and the opening, unless urgent;
    - ``demand_threshold`` of ``demand_basis``: demands from at least 1/3 of the member
      bodies oblige the convener to summon;
    - ``summon_within``: the convener then has 14 days to summon, after which the
      fall-back convener may;
    - ``postpone_notice``: how long before the appointed opening a postponement must
      be decided; ``None`` (default): any time before the opening.
    """

    min_notice: timedelta = 14 * DAY
    demand_threshold: Fraction = Fraction(1, 3)
    demand_basis: DemandBasis = DemandBasis.BODIES
    summon_within: timedelta = 14 * DAY
    postpone_notice: timedelta | None = None

    def check(self, key: str) -> ConvocationRules:
        whole_seconds(self.min_notice, f"convocation {key}: minimum notice")
        whole_seconds(self.summon_within, f"convocation {key}: time to summon")
        if self.postpone_notice is not None:
            whole_seconds(self.postpone_notice, f"convocation {key}: postponement notice")
        if not Fraction(0) < self.demand_threshold <= 1:
            raise InvalidInput(
                f"convocation {key}: the demand threshold must be in (0, 1], "
                f"not {self.demand_threshold}"
            )
        DemandBasis(self.demand_basis)
        return self


@dataclass(frozen=True)
class Demand:
    """A member body's demand; ``counted`` is false when it came after the summons."""

    body: str
    at: datetime
    in_the_name_of: int | None
    counted: bool


@dataclass(frozen=True)
class Summons:
    by: str
    at: datetime
    opens_at: datetime
    place: str
    agenda: tuple[str, ...]
    quorum: QuorumRule
    competent: bool
    why: str
    urgent: bool = False
    reason: str = ""
    ends_at: datetime | None = None


@dataclass(frozen=True)
class Postponement:
    by: str
    at: datetime
    old: datetime
    new: datetime
    reason: str


@dataclass(frozen=True)
class Response:
    body: str
    answer: Answer
    at: datetime


@dataclass(frozen=True)
class Contest:
    by: str
    reason: str
    at: datetime


@dataclass(frozen=True)
class ResponseSummary:
    """Answers to a summons: agreed, refused, and no reply (not a refusal), by body."""

    agreed: tuple[str, ...]
    refused: tuple[str, ...]
    no_reply: tuple[str, ...]

    @property
    def counts(self) -> tuple[int, int, int]:
        return len(self.agreed), len(self.refused), len(self.no_reply)

    @property
    def total(self) -> int:
        return sum(self.counts)


# -- checks of a summons and a postponement ----------------------------------------


def check_notice(
    key: str, at: datetime, opens: datetime, urgent: bool, reason: str, minimum: timedelta
) -> None:
    """A summons gives at least ``minimum`` notice, unless urgent with a reason (M07)."""
    if urgent and not reason.strip():
        raise InvalidInput(f"convocation {key}: an urgent summons needs a reason")
    notice = opens - at
    if notice < minimum and not urgent:
        raise NoticeTooShort(
            f"convocation {key}: a summons on {when(at)} for {when(opens)} gives "
            f"{span(notice)} notice; the minimum is {span(minimum)} unless urgent"
        )


def check_postponement(
    key: str, opens: datetime, new: datetime, reason: str, at: datetime, rules: ConvocationRules
) -> None:
    """A postponement has a reason, comes before the opening (and at least
    ``postpone_notice`` before it, when the rules say so) and moves it later (M07)."""
    if not reason.strip():
        raise InvalidInput(f"convocation {key}: a postponement needs a reason")
    if at >= opens:
        raise InvalidTransition(
            f"convocation {key}: the opening ({when(opens)}) has come; "
            f"it cannot be postponed on {when(at)}"
        )
    if new <= opens:
        raise InvalidInput(
            f"convocation {key}: a postponement moves the opening later than "
            f"{when(opens)}, not to {when(new)}"
        )
    minimum = rules.postpone_notice
    if minimum is not None and opens - at < minimum:
        raise NoticeTooShort(
            f"convocation {key}: a postponement on {when(at)} of the opening on "
            f"{when(opens)} comes less than {span(minimum)} before it"
        )


# -- events to values, and the checks of a new convocation ---------------------


def creation_event(
    key: str,
    body: str,
    convener: str,
    members: Iterable[str],
    membership: Mapping[str, int],
    fallback: str | None,
    competent_convener: str | None,
    rules: ConvocationRules | None,
) -> ce.ConvocationCreated:
    """The creation event of a convocation, once its keys and rules are checked."""
    check_key(key, "convocation")
    for what, value in (("body", body), ("convener", convener)):
        check_key(value, f"convocation {key}: {what}")
    for what, other in (("fall-back convener", fallback), ("competent", competent_convener)):
        if other is not None:
            check_key(other, f"convocation {key}: {what}")
    if fallback is not None and fallback == convener:
        raise InvalidInput(f"convocation {key}: the fall-back convener must not be {convener}")
    listed = _check_members(key, members)
    rules = (rules or ConvocationRules()).check(key)
    sizes = _check_membership(key, listed, membership, rules)
    postpone = rules.postpone_notice
    return ce.ConvocationCreated(
        key=key,
        body=body,
        convener=convener,
        members=listed,
        membership=tuple(sizes.items()),
        fallback=fallback,
        competent_convener=competent_convener,
        min_notice=whole_seconds(rules.min_notice, "minimum notice"),
        demand_threshold=fraction_text(rules.demand_threshold),
        demand_basis=str(rules.demand_basis),
        summon_within=whole_seconds(rules.summon_within, "time to summon"),
        postpone_notice=None if postpone is None else whole_seconds(postpone, "notice"),
    )


def rules_from(event: ce.ConvocationCreated) -> ConvocationRules:
    postpone = event.postpone_notice
    return ConvocationRules(
        min_notice=timedelta(seconds=event.min_notice),
        demand_threshold=parse_fraction(event.demand_threshold, "demand threshold"),
        demand_basis=DemandBasis(event.demand_basis),
        summon_within=timedelta(seconds=event.summon_within),
        postpone_notice=None if postpone is None else timedelta(seconds=postpone),
    )


def summons_from(event: ce.ConvocationSummoned) -> Summons:
    return Summons(
        by=event.by,
        at=parse_time(event.at, "at"),
        opens_at=parse_time(event.opens_at, "opens_at"),
        place=event.place,
        agenda=tuple(event.agenda),
        quorum=QuorumRule(
            parse_fraction(event.quorum_share, "quorum share"),
            QuorumBasis(event.quorum_basis),
            event.quorum_strict,
        ),
        competent=event.competent,
        why=event.why,
        urgent=event.urgent,
        reason=event.reason,
        ends_at=optional_time(event.ends_at, "ends_at"),
    )


def _check_members(key: str, members: Iterable[str]) -> tuple[str, ...]:
    listed = tuple(members)
    for body in listed:
        check_key(body, f"convocation {key}: member body")
    twice = sorted(body for body, n in Counter(listed).items() if n > 1)
    if twice:
        raise InvalidInput(f"convocation {key}: member bodies listed twice: {', '.join(twice)}")
    return listed


def _check_membership(
    key: str, members: tuple[str, ...], membership: Mapping[str, int], rules: ConvocationRules
) -> dict[str, int]:
    for body, size in membership.items():
        if body not in members:
            raise InvalidInput(f"convocation {key}: {body!r} is not a member body")
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise InvalidInput(f"convocation {key}: membership of {body} must be a count >= 0")
    missing = [b for b in members if b not in membership]
    if rules.demand_basis is DemandBasis.MEMBERSHIP and missing:
        raise InvalidInput(
            f"convocation {key}: demands count by membership, so every member body needs "
            f"its membership; missing: {', '.join(missing[:5])}"
        )
    return {b: membership[b] for b in members if b in membership}
