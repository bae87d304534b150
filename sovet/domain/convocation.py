"""Convening a body: the summons, demands of member bodies, postponement, answers and
competence (mechanisms M07, M09).

The convener summons the body (a congress) with a date, a place, an agenda and the
quorum rule; the summons must give the minimum notice unless marked urgent with a
reason. Member bodies may demand a convocation: once the demands reach the threshold,
the convener must summon within a deadline, and if it does not, a named fall-back
convener may (and only then). A summons by a body that is not the competent convener
makes the sitting consultative. The body that summoned may postpone, with a reason,
before the opening; every postponement is kept. Member bodies answer the summons
(agreed or refused); silence is not a refusal. Anyone may contest the convocation's
legality, and the dispute is recorded.

The 1917 case: the First Congress fixed a congress every three months, the CEC was
to convene it and stalled; the Petrograd Soviet and soviet delegates demanded one
within two weeks; the CEC set 20 October, then on the 17th postponed the opening to
the 25th (facts ``congress-periodicity-rule``, ``congress-convocation-demand``,
``congress-postponement``); Dan reported that only 50 of 917 soviet organisations had
agreed to send delegates (``congress-soviet-organisations-response``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from sovet.domain import convocation_events as ce
from sovet.domain.convocation_rules import (
    Answer,
    Contest,
    ConvocationRules,
    Demand,
    DemandBasis,
    Postponement,
    QuorumRule,
    Response,
    ResponseSummary,
    Summons,
    check_notice,
    check_postponement,
    creation_event,
    rules_from,
    summons_from,
    when,
)
from sovet.domain.errors import (
    AlreadyExists,
    InvalidInput,
    InvalidTransition,
    NotCompetent,
    NotFound,
)
from sovet.domain.events import Event
from sovet.domain.exact import (
    fraction_text,
    parse_time,
    time_text,
    utc,
)
from sovet.domain.keys import check_key, check_name


@dataclass
class Convocation:
    """A convocation of ``body`` by ``convener``, expecting delegates of ``members``."""

    key: str
    body: str
    convener: str
    members: tuple[str, ...]
    rules: ConvocationRules = field(default_factory=ConvocationRules)
    membership: dict[str, int] = field(default_factory=dict)
    fallback: str | None = None
    competent_convener: str | None = None
    demands: dict[str, Demand] = field(default_factory=dict)
    obliged_at: datetime | None = None
    summons: Summons | None = None
    postponements: list[Postponement] = field(default_factory=list)
    responses: dict[str, Response] = field(default_factory=dict)
    contests: list[Contest] = field(default_factory=list)
    pending: list[Event] = field(default_factory=list)

    # -- creation ------------------------------------------------------------
    @classmethod
    def create(
        cls,
        key: str,
        body: str,
        convener: str,
        members: Iterable[str],
        *,
        membership: Mapping[str, int] | None = None,
        fallback: str | None = None,
        competent_convener: str | None = None,
        rules: ConvocationRules | None = None,
    ) -> Convocation:
        """Set up a convocation. ``membership`` gives the membership each member body
        represents (needed when demands are counted by membership); ``fallback`` names
        the body that may summon if the convener fails an obligation; the
        ``competent_convener`` (default: the convener) is the body whose summons makes
        the sitting competent rather than consultative (M09)."""
        event = creation_event(
            key, body, convener, members, membership or {}, fallback, competent_convener, rules
        )
        convocation = cls.from_created(event)
        convocation.pending.append(event)
        return convocation

    @classmethod
    def from_created(cls, event: ce.ConvocationCreated) -> Convocation:
        return cls(
            key=event.key,
            body=event.body,
            convener=event.convener,
            members=tuple(event.members),
            rules=rules_from(event),
            membership=dict(event.membership),
            fallback=event.fallback,
            competent_convener=event.competent_convener,
        )

    @classmethod
    def rebuild(cls, events: Iterable[Event]) -> Convocation:
        """A convocation from its events (replay); the first must be its creation."""
        it = iter(events)
        first = next(it, None)
        if not isinstance(first, ce.ConvocationCreated):
            raise InvalidInput("a convocation's first event must be convocation.create")
        convocation = cls.from_created(first)
        for event in it:
            convocation.apply(event)
        return convocation

    def record(self, event: Event) -> Event:
        self.apply(event)
        self.pending.append(event)
        return event

    # -- demands (M07) -------------------------------------------------------
    def demands_needed(self) -> int:
        """The weight of demands that obliges the convener: the threshold share of the
        member bodies (or of the membership they represent), rounded up, at least 1."""
        if self.rules.demand_basis is DemandBasis.BODIES:
            base = len(self.members)
        else:
            base = sum(self.membership.values())
        return max(1, math.ceil(self.rules.demand_threshold * base))

    def demand_weight(self) -> int:
        """Demands counted so far: one per body, or the membership each speaks for.
        Demands made after the summons are kept but not counted."""
        counted = [d for d in self.demands.values() if d.counted]
        if self.rules.demand_basis is DemandBasis.BODIES:
            return len(counted)
        return sum(d.in_the_name_of or 0 for d in counted)

    @property
    def deadline(self) -> datetime | None:
        """When the convener's obligation to summon runs out, once demands oblige it."""
        return None if self.obliged_at is None else self.obliged_at + self.rules.summon_within

    def overdue(self, at: datetime) -> bool:
        """The convener was obliged to summon, has not, and its deadline has passed."""
        deadline = self.deadline
        return self.summons is None and deadline is not None and utc(at, "at") > deadline

    def demand(self, body: str, at: datetime, in_the_name_of: int | None = None) -> Event:
        """A member body demands the convocation (M07). One demand per body; a demand
        after the summons is recorded but counts for nothing. ``in_the_name_of`` is the
        membership the demand speaks for (default: the body's recorded membership); it
        may not exceed what the body is recorded to represent."""
        self._member(body)
        if body in self.demands:
            raise AlreadyExists(f"convocation {self.key}: body {body} has already demanded it")
        weight = self.membership.get(body) if in_the_name_of is None else in_the_name_of
        if weight is not None:
            recorded = self.membership.get(body)
            if weight < 0 or (recorded is not None and weight > recorded):
                raise InvalidInput(
                    f"convocation {self.key}: body {body} cannot demand in the name of "
                    f"{weight}; it represents {recorded}"
                )
        if self.rules.demand_basis is DemandBasis.MEMBERSHIP and weight is None:
            raise InvalidInput(
                f"convocation {self.key}: demands count by membership; give the membership "
                f"body {body} speaks for"
            )
        return self.record(ce.ConvocationDemanded(self.key, body, time_text(at, "at"), weight))

    # -- the summons (M07, M09) ----------------------------------------------
    def summon(
        self,
        by: str,
        at: datetime,
        *,
        opens_at: datetime,
        place: str,
        agenda: Iterable[str] = (),
        quorum: QuorumRule | None = None,
        urgent: bool = False,
        reason: str = "",
        ends_at: datetime | None = None,
    ) -> Event:
        """Summon the body to open at ``opens_at`` in ``place`` (M07).

        Only the convener may summon, or the fall-back convener once the demands have
        obliged the convener and its deadline has passed. The notice (``opens_at`` -
        ``at``) must be at least the minimum unless ``urgent`` with a reason. The
        summons records whether it makes the sitting competent or consultative (M09).
        """
        at, opens = utc(at, "at"), utc(opens_at, "opens_at")
        if self.summons is not None:
            raise InvalidTransition(
                f"convocation {self.key} was already summoned by {self.summons.by} for "
                f"{when(self.summons.opens_at)}; postpone it instead"
            )
        self._check_summoner(by, at)
        ends = None if ends_at is None else utc(ends_at, "ends_at")
        if opens <= at or (ends is not None and ends <= opens):
            raise InvalidInput(
                f"convocation {self.key}: it must open after the summons ({when(at)}) and "
                f"close after it opens"
            )
        check_notice(self.key, at, opens, urgent, reason, self.rules.min_notice)
        rule = (quorum or QuorumRule()).check()
        competent, why = self._competence(by)
        items = tuple(check_name(t, f"convocation {self.key} agenda item") for t in agenda)
        return self.record(
            ce.ConvocationSummoned(
                convocation=self.key,
                by=by,
                at=time_text(at, "at"),
                opens_at=time_text(opens, "opens_at"),
                place=check_name(place, f"convocation {self.key} place"),
                agenda=items,
                quorum_share=fraction_text(rule.share),
                quorum_basis=str(rule.basis),
                quorum_strict=rule.strict,
                competent=competent,
                why=why,
                urgent=urgent,
                reason=reason.strip(),
                ends_at=None if ends is None else time_text(ends, "ends_at"),
            )
        )

    def _check_summoner(self, by: str, at: datetime) -> None:
        if by == self.convener:
            return
        if by != self.fallback:
            also = "" if self.fallback is None else f" (or, failing it, {self.fallback})"
            raise NotCompetent(f"convocation {self.key}: only {self.convener}{also} may summon it")
        if self.deadline is None:
            raise NotCompetent(
                f"convocation {self.key}: fall-back convener {by} may summon only when the "
                f"demands oblige {self.convener} and it fails to; demands weigh "
                f"{self.demand_weight()} of the {self.demands_needed()} needed"
            )
        if at <= self.deadline:
            raise NotCompetent(
                f"convocation {self.key}: {self.convener} has until {when(self.deadline)} to "
                f"summon; fall-back convener {by} may summon only after that"
            )

    def _competence(self, by: str) -> tuple[bool, str]:
        competent = self.competent_convener or self.convener
        if by == self.fallback and self.obliged_at is not None and self.deadline is not None:
            return True, (
                f"summoned by the fall-back convener {by}: demands obliged {self.convener} "
                f"on {when(self.obliged_at)} to summon by {when(self.deadline)} and it did not"
            )
        if by == competent:
            return True, f"summoned by {by}, the competent convener"
        return False, (
            f"summoned by {by}, not by the competent convener {competent}: the sitting is "
            "consultative and its acts carry that status (M09)"
        )

    @property
    def opens_at(self) -> datetime | None:
        return None if self.summons is None else self.summons.opens_at

    @property
    def competent(self) -> bool | None:
        """Whether the summons makes the sitting competent; ``None`` before it."""
        return None if self.summons is None else self.summons.competent

    # -- postponement (M07) --------------------------------------------------
    def postpone(self, new_opens_at: datetime, reason: str, by: str, at: datetime) -> Event:
        """Move the opening later. Only the body that summoned may, with a reason,
        before the appointed opening and, when the rules say so, at least
        ``postpone_notice`` before it. Every postponement is kept."""
        at, new = utc(at, "at"), utc(new_opens_at, "new_opens_at")
        summons = self._summoned()
        if by != summons.by:
            raise NotCompetent(
                f"convocation {self.key}: only {summons.by}, which summoned it, may postpone it"
            )
        check_postponement(self.key, summons.opens_at, new, reason, at, self.rules)
        return self.record(
            ce.ConvocationPostponed(
                self.key,
                by,
                time_text(at, "at"),
                time_text(summons.opens_at, "old"),
                time_text(new, "new"),
                reason.strip(),
            )
        )

    # -- answers and disputes (M07, M09) -------------------------------------
    def respond(self, body: str, answer: str, at: datetime) -> Event:
        """A member body answers the summons; it may change its answer later."""
        self._summoned()
        self._member(body)
        try:
            value = Answer(answer)
        except ValueError:
            raise InvalidInput(
                f"convocation {self.key}: answer {answer!r} must be 'agreed' or 'refused'"
            ) from None
        old = self.responses.get(body)
        if old is not None and old.answer is value:
            raise InvalidInput(f"convocation {self.key}: body {body} has already {value}")
        return self.record(
            ce.ConvocationAnswered(
                self.key, body, str(value), time_text(at, "at"), None if old is None else old.answer
            )
        )

    def summary(self) -> ResponseSummary:
        """Agreed, refused and no reply among the member bodies, in their order."""
        agreed, refused, silent = [], [], []
        for body in self.members:
            response = self.responses.get(body)
            if response is None:
                silent.append(body)
            elif response.answer is Answer.AGREED:
                agreed.append(body)
            else:
                refused.append(body)
        return ResponseSummary(tuple(agreed), tuple(refused), tuple(silent))

    def contest(self, by: str, reason: str, at: datetime) -> Event:
        """Record a dispute of the convocation's legality (M07, M09): who and why."""
        check_key(by, f"convocation {self.key}: contesting body")
        if not reason.strip():
            raise InvalidInput(f"convocation {self.key}: a contest needs a reason")
        return self.record(
            ce.ConvocationContested(self.key, by, reason.strip(), time_text(at, "at"))
        )

    # -- helpers -------------------------------------------------------------
    def _member(self, body: str) -> None:
        if body not in self.members:
            raise NotFound(f"convocation {self.key}: body {body!r} is not a member body")

    def _summoned(self) -> Summons:
        if self.summons is None:
            raise InvalidTransition(f"convocation {self.key} has not been summoned yet")
        return self.summons

    # -- applying events -----------------------------------------------------
    def apply(self, event: Event) -> None:
        """Change the state as ``event`` says (live and on replay)."""
        match event:
            case ce.ConvocationDemanded():
                self._apply_demand(event)
            case ce.ConvocationSummoned():
                self.summons = summons_from(event)
            case ce.ConvocationPostponed():
                self._apply_postponement(event)
            case ce.ConvocationAnswered():
                at = parse_time(event.at, "at")
                self.responses[event.body] = Response(event.body, Answer(event.answer), at)
            case ce.ConvocationContested():
                self.contests.append(Contest(event.by, event.reason, parse_time(event.at, "at")))
            case _:
                pass

    def _apply_demand(self, event: ce.ConvocationDemanded) -> None:
        at = parse_time(event.at, "at")
        counted = self.summons is None
        self.demands[event.body] = Demand(event.body, at, event.in_the_name_of, counted)
        if counted and self.obliged_at is None and self.demand_weight() >= self.demands_needed():
            self.obliged_at = at

    def _apply_postponement(self, event: ce.ConvocationPostponed) -> None:
        if self.summons is None:
            return
        old, new = parse_time(event.old, "old"), parse_time(event.new, "new")
        ends = self.summons.ends_at
        moved = None if ends is None else ends + (new - old)
        self.summons = replace(self.summons, opens_at=new, ends_at=moved)
        at = parse_time(event.at, "at")
        self.postponements.append(Postponement(event.by, at, old, new, event.reason))
