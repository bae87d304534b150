"""Convening a body: summons, demands, fall-back convener, postponement, answers,
competence, rival summonses and conditional allegiance (M07, M09, M19)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.domain.convocation import Convocation
from sovet.domain.convocation_rules import (
    ConvocationRules,
    DemandBasis,
    QuorumBasis,
    QuorumRule,
)
from sovet.domain.errors import (
    AlreadyExists,
    DomainError,
    InvalidInput,
    InvalidTransition,
    NotCompetent,
    NotFound,
    NoticeTooShort,
)
from sovet.domain.events import EVENT_TYPES, event_from_entry
from sovet.domain.summonses import rival_summonses, summons_standing

T0 = datetime(1917, 10, 1, 12, tzinfo=UTC)
DAY = timedelta(days=1)
MEMBERS = ("a", "b", "c", "d", "e", "f")


def day(n: float) -> datetime:
    return T0 + n * DAY


def make(**kwargs: Any) -> Convocation:
    kwargs.setdefault("fallback", "rescue")
    members = kwargs.pop("members", MEMBERS)
    return Convocation.create("c2", "congress", "cec", members, **kwargs)


def refused(c: Convocation, error: type[DomainError], match: str, act: Callable[[], Any]) -> None:
    """The act raises ``error`` and records nothing."""
    before = list(c.pending)
    with pytest.raises(error, match=match):
        act()
    assert c.pending == before


def state(c: Convocation) -> dict[str, Any]:
    return {f.name: getattr(c, f.name) for f in fields(c) if f.name != "pending"}


def check_replay(c: Convocation) -> None:
    for e in c.pending:
        assert event_from_entry(e.op, e.payload()) == e
    replayed = Convocation.rebuild(event_from_entry(e.op, e.payload()) for e in c.pending)
    assert state(replayed) == state(c)


# -- creation ---------------------------------------------------------------------


def test_creation_records_the_rules() -> None:
    c = make(membership={"a": 100}, competent_convener="cec")
    (event,) = c.pending
    assert event.op == "convocation.create"
    assert event.payload()["min_notice"] == 14 * 86400
    assert event.payload()["demand_threshold"] == "1/3"
    assert c.rules == ConvocationRules()
    assert c.membership == {"a": 100}
    check_replay(c)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"members": ("a", "a", "b")}, "listed twice: a"),
        ({"fallback": "cec"}, "fall-back convener must not be cec"),
        ({"rules": ConvocationRules(demand_threshold=Fraction(0))}, "threshold must be in"),
        ({"rules": ConvocationRules(demand_threshold=Fraction(3, 2))}, "threshold must be in"),
        ({"rules": ConvocationRules(min_notice=timedelta(seconds=1.5))}, "whole number"),
        ({"rules": ConvocationRules(summon_within=-DAY)}, "whole number"),
        ({"rules": ConvocationRules(demand_basis=DemandBasis.MEMBERSHIP)}, "missing: a"),
        ({"membership": {"zz": 3}}, "'zz' is not a member body"),
        ({"membership": {"a": -3}}, "membership of a must be a count"),
        ({"members": ("Bad Key",)}, "invalid"),
    ],
)
def test_creation_errors(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidInput, match=match):
        make(**kwargs)


# -- the summons (M07, M09) -----------------------------------------------------------


def test_the_convener_summons_with_the_minimum_notice() -> None:
    c = make()
    c.summon("cec", day(0), opens_at=day(14), place="Smolny", agenda=["Power", "Peace"])
    assert c.summons is not None and c.opens_at == day(14)
    assert c.summons.agenda == ("Power", "Peace")
    assert c.competent is True and "competent convener" in c.summons.why
    assert c.summons.quorum == QuorumRule(Fraction(1, 2), QuorumBasis.VOTING_DELEGATES, False)
    check_replay(c)


def test_short_notice_is_refused_naming_both_dates() -> None:
    c = make()
    refused(
        c,
        NoticeTooShort,
        r"summons on 1917-10-01 12:00 UTC for 1917-10-11 12:00 UTC .* minimum is 14 days",
        lambda: c.summon("cec", day(0), opens_at=day(10), place="Smolny"),
    )


def test_minimum_notice_is_configurable() -> None:
    c = make(rules=ConvocationRules(min_notice=3 * DAY))
    c.summon("cec", day(0), opens_at=day(3), place="Smolny")
    assert c.opens_at == day(3)


def test_an_urgent_summons_needs_a_reason_which_is_recorded() -> None:
    c = make()
    refused(
        c,
        InvalidInput,
        "urgent summons needs a reason",
        lambda: c.summon("cec", day(0), opens_at=day(2), place="Smolny", urgent=True),
    )
    c.summon("cec", day(0), opens_at=day(2), place="Smolny", urgent=True, reason="the front")
    assert c.summons is not None and c.summons.urgent and c.summons.reason == "the front"
    check_replay(c)


@pytest.mark.parametrize(
    ("opens", "ends", "match"),
    [(day(-1), None, "must open after"), (day(20), day(19), "close after it opens")],
)
def test_dates_of_a_summons_must_be_in_order(
    opens: datetime, ends: datetime | None, match: str
) -> None:
    c = make()
    refused(
        c,
        InvalidInput,
        match,
        lambda: c.summon("cec", day(0), opens_at=opens, place="S", ends_at=ends),
    )


def test_naive_times_and_empty_places_are_refused() -> None:
    c = make()
    naive = datetime(1917, 11, 1)  # noqa: DTZ001 (the point of the test)
    refused(
        c,
        InvalidInput,
        "timezone-aware",
        lambda: c.summon("cec", naive, opens_at=day(20), place="S"),
    )
    refused(
        c, InvalidInput, "place name", lambda: c.summon("cec", day(0), opens_at=day(20), place=" ")
    )
    bad_quorum = QuorumRule(Fraction(0))
    refused(
        c,
        InvalidInput,
        "quorum share",
        lambda: c.summon("cec", day(0), opens_at=day(20), place="S", quorum=bad_quorum),
    )


def test_a_second_summons_is_refused() -> None:
    c = make()
    c.summon("cec", day(0), opens_at=day(20), place="Smolny")
    refused(
        c,
        InvalidTransition,
        "already summoned by cec .* postpone",
        lambda: c.summon("cec", day(1), opens_at=day(30), place="Smolny"),
    )


def test_only_the_convener_may_summon() -> None:
    c = make()
    refused(
        c,
        NotCompetent,
        "only cec \\(or, failing it, rescue\\) may summon",
        lambda: c.summon("stranger", day(0), opens_at=day(20), place="S"),
    )


def test_a_summons_by_a_body_that_is_not_competent_is_consultative() -> None:
    # M09: "Not having been summoned by the Petrograd Soviet, [...] the conference does
    # not consider itself empowered to adopt decisions" (002 l. 841).
    c = Convocation.create(
        "garrison", "garrison-conference", "cec", ["r1", "r2"], competent_convener="petrosoviet"
    )
    c.summon("cec", day(0), opens_at=day(15), place="Smolny")
    assert c.competent is False
    assert c.summons is not None and "consultative" in c.summons.why
    assert "petrosoviet" in c.summons.why
    check_replay(c)


def test_quorum_rule_is_stored_with_the_summons() -> None:
    c = make()
    rule = QuorumRule(Fraction(2, 3), QuorumBasis.MEMBER_BODIES, strict=True)
    c.summon("cec", day(0), opens_at=day(20), place="S", quorum=rule)
    assert c.summons is not None and c.summons.quorum == rule
    check_replay(c)


@pytest.mark.parametrize(
    ("rule", "base", "needed"),
    [
        (QuorumRule(), 650, 325),
        (QuorumRule(), 651, 326),
        (QuorumRule(strict=True), 650, 326),
        (QuorumRule(Fraction(1, 3), QuorumBasis.MEMBER_BODIES), 917, 306),
    ],
)
def test_quorum_needed(rule: QuorumRule, base: int, needed: int) -> None:
    assert rule.needed(base) == needed


def test_quorum_describes_itself() -> None:
    assert QuorumRule().describe() == "at least 1/2 of the registered voting delegates"
    strict = QuorumRule(Fraction(1, 3), QuorumBasis.MEMBER_BODIES, strict=True)
    assert strict.describe() == "more than 1/3 of the member bodies"


# -- demands and the fall-back convener (M07) ---------------------------------------------


def test_demands_past_the_threshold_oblige_the_convener() -> None:
    c = make()  # 6 member bodies, threshold 1/3: 2 demands
    assert c.demands_needed() == 2
    c.demand("a", day(0))
    assert c.obliged_at is None and c.deadline is None
    c.demand("b", day(1))
    assert c.obliged_at == day(1) and c.deadline == day(15)
    assert not c.overdue(day(15)) and c.overdue(day(15.5))
    check_replay(c)


def test_duplicate_and_foreign_demands_are_refused() -> None:
    c = make()
    c.demand("a", day(0))
    refused(c, AlreadyExists, "body a has already demanded", lambda: c.demand("a", day(1)))
    refused(c, NotFound, "'zz' is not a member body", lambda: c.demand("zz", day(1)))


def test_the_fall_back_convener_may_summon_only_after_the_deadline() -> None:
    c = make()
    summon = lambda at: c.summon("rescue", at, opens_at=at + 20 * DAY, place="Petrograd")  # noqa: E731
    refused(c, NotCompetent, "weigh 0 of the 2 needed", lambda: summon(day(0)))
    c.demand("a", day(0))
    c.demand("b", day(1))
    refused(c, NotCompetent, "cec has until 1917-10-16 12:00 UTC", lambda: summon(day(15)))
    summon(day(16))
    assert c.summons is not None and c.summons.by == "rescue" and c.competent is True
    assert "fall-back convener rescue" in c.summons.why
    check_replay(c)


def test_the_convener_may_still_summon_late() -> None:
    c = make()
    c.demand("a", day(0))
    c.demand("b", day(0))
    c.summon("cec", day(30), opens_at=day(50), place="Smolny")
    assert c.summons is not None and c.summons.by == "cec"


def test_a_demand_after_the_summons_is_recorded_but_changes_nothing() -> None:
    c = make()
    c.demand("a", day(0))
    c.summon("cec", day(1), opens_at=day(20), place="Smolny")
    c.demand("b", day(2))
    c.demand("c", day(2))
    assert set(c.demands) == {"a", "b", "c"}
    assert not c.demands["b"].counted
    assert c.demand_weight() == 1 and c.obliged_at is None
    check_replay(c)


def test_demands_counted_by_membership() -> None:
    rules = ConvocationRules(demand_basis=DemandBasis.MEMBERSHIP)
    c = make(members=("a", "b", "c"), membership={"a": 500, "b": 300, "c": 200}, rules=rules)
    assert c.demands_needed() == 334  # 1/3 of 1000, rounded up
    refused(
        c,
        InvalidInput,
        "cannot demand in the name of 600; it represents 500",
        lambda: c.demand("a", day(0), in_the_name_of=600),
    )
    c.demand("b", day(0))
    assert c.demand_weight() == 300 and c.obliged_at is None
    c.demand("c", day(1), in_the_name_of=150)
    assert c.demand_weight() == 450 and c.obliged_at == day(1)
    check_replay(c)


def test_a_demand_by_membership_needs_the_membership() -> None:
    rules = ConvocationRules(demand_basis=DemandBasis.MEMBERSHIP)
    c = make(members=("a",), membership={"a": 10}, rules=rules)
    c.membership.clear()  # as if the roll were lost
    refused(c, InvalidInput, "give the membership", lambda: c.demand("a", day(0)))


# -- postponement (M07) --------------------------------------------------------------------


def summoned(**kwargs: Any) -> Convocation:
    c = make(**kwargs)
    c.summon("cec", day(0), opens_at=day(20), place="Smolny", ends_at=day(22))
    return c


def test_postponement_keeps_its_history_and_moves_the_end() -> None:
    c = summoned()
    c.postpone(day(25), "delegates are still travelling", "cec", day(10))
    c.postpone(day(27), "the hall is taken", "cec", day(11))
    assert c.opens_at == day(27)
    assert c.summons is not None and c.summons.ends_at == day(29)
    assert [(p.old, p.new) for p in c.postponements] == [(day(20), day(25)), (day(25), day(27))]
    assert c.postponements[0].reason == "delegates are still travelling"
    check_replay(c)


@pytest.mark.parametrize(
    ("new", "reason", "by", "at", "error", "match"),
    [
        (day(25), "r", "stranger", day(10), NotCompetent, "only cec, which summoned it"),
        (day(25), " ", "cec", day(10), InvalidInput, "needs a reason"),
        (day(25), "r", "cec", day(20), InvalidTransition, "opening .* has come"),
        (day(19), "r", "cec", day(10), InvalidInput, "moves the opening later"),
        (day(20), "r", "cec", day(10), InvalidInput, "moves the opening later"),
    ],
)
def test_postponement_errors(
    new: datetime, reason: str, by: str, at: datetime, error: type[DomainError], match: str
) -> None:
    c = summoned()
    refused(c, error, match, lambda: c.postpone(new, reason, by, at))


def test_postponement_before_the_summons_is_refused() -> None:
    c = make()
    refused(
        c, InvalidTransition, "not been summoned", lambda: c.postpone(day(9), "r", "cec", day(1))
    )


def test_only_the_fall_back_convener_that_summoned_may_postpone() -> None:
    c = make()
    c.demand("a", day(0))
    c.demand("b", day(0))
    c.summon("rescue", day(15), opens_at=day(30), place="Petrograd")
    refused(c, NotCompetent, "only rescue", lambda: c.postpone(day(35), "r", "cec", day(16)))
    c.postpone(day(35), "r", "rescue", day(16))
    assert c.opens_at == day(35)


def test_postponement_notice_is_configurable() -> None:
    c = summoned(rules=ConvocationRules(postpone_notice=7 * DAY))
    refused(
        c,
        NoticeTooShort,
        "less than 7 days before it",
        lambda: c.postpone(day(25), "r", "cec", day(15)),
    )
    c.postpone(day(25), "r", "cec", day(13))


def test_the_1917_postponement() -> None:
    # Facts congress-postponement and congress-postponement-004 (002 l. 1218; 004 l. 41):
    # the CEC set the Congress for 20 October, and on the 17th moved it to the 25th,
    # "two or three days before the appointed date". Fact congress-convocation-demand:
    # the summons came the day after the Petrograd Soviet's demand of 21 September.
    # Julian dates as written, stored in the Gregorian calendar (+13 days, M30).
    sept_22, oct_17 = datetime(1917, 10, 5, tzinfo=UTC), datetime(1917, 10, 30, tzinfo=UTC)
    oct_20, oct_25 = datetime(1917, 11, 2, tzinfo=UTC), datetime(1917, 11, 7, tzinfo=UTC)
    c = Convocation.create("congress2", "congress", "cec", ["petrosoviet", "moscow"])
    c.demand("petrosoviet", sept_22 - DAY)
    c.summon("cec", sept_22, opens_at=oct_20, place="Smolny", agenda=["Power", "Peace", "CA"])
    c.postpone(oct_25, "delegates have not arrived", "cec", oct_17)
    assert c.opens_at - c.postponements[0].old == 5 * DAY  # postponed_days: 5
    assert c.postponements[0].old - oct_17 == 3 * DAY  # two or three days before
    check_replay(c)
    # With a rule of a week's notice for postponements, the CEC could not have done it.
    strict = Convocation.create(
        "congress2b",
        "congress",
        "cec",
        ["petrosoviet"],
        rules=ConvocationRules(postpone_notice=7 * DAY),
    )
    strict.summon("cec", sept_22, opens_at=oct_20, place="Smolny")
    with pytest.raises(NoticeTooShort):
        strict.postpone(oct_25, "delegates have not arrived", "cec", oct_17)


# -- answers (M07) -------------------------------------------------------------------------


def test_answers_need_a_summons_a_member_and_a_known_answer() -> None:
    c = make()
    refused(c, InvalidTransition, "not been summoned", lambda: c.respond("a", "agreed", day(1)))
    c.summon("cec", day(0), opens_at=day(20), place="S")
    refused(c, NotFound, "'zz' is not a member", lambda: c.respond("zz", "agreed", day(1)))
    refused(c, InvalidInput, "'perhaps' must be", lambda: c.respond("a", "perhaps", day(1)))


def test_an_answer_may_change_and_silence_is_not_refusal() -> None:
    c = make()
    c.summon("cec", day(0), opens_at=day(20), place="S")
    c.respond("a", "agreed", day(1))
    c.respond("b", "refused", day(1))
    refused(c, InvalidInput, "already agreed", lambda: c.respond("a", "agreed", day(2)))
    c.respond("b", "agreed", day(3))
    assert c.pending[-1].payload()["old"] == "refused"
    s = c.summary()
    assert s.agreed == ("a", "b") and s.refused == () and s.no_reply == ("c", "d", "e", "f")
    assert s.counts == (2, 0, 4) and s.total == 6
    check_replay(c)


def test_only_50_of_917_soviet_organisations_agreed() -> None:
    # Fact congress-soviet-organisations-response (002 l. 677): "out of 917 existing
    # Soviet organisations, only 50 had responded with an agreement to send delegates";
    # most simply ignored the CEC. Silence is not refusal, and it does not count as a
    # demand either: the obligation to convene is untouched by it.
    bodies = [f"soviet-{n:03d}" for n in range(917)]
    c = Convocation.create("congress2", "congress", "cec", bodies, fallback="northern")
    c.summon("cec", day(0), opens_at=day(20), place="Smolny")
    for body in bodies[:50]:
        c.respond(body, "agreed", day(5))
    s = c.summary()
    assert s.counts == (50, 0, 867)
    assert s.total == 917
    assert c.demands_needed() == 306 and c.demand_weight() == 0
    assert c.obliged_at is None and not c.overdue(day(100))
    check_replay(c)


# -- disputes (M07, M09) ---------------------------------------------------------------


def test_a_contest_is_recorded_with_its_reason() -> None:
    c = make()
    refused(c, InvalidInput, "needs a reason", lambda: c.contest("cec", "", day(1)))
    c.contest("peasant-ec", "dangerous and undesirable", day(1))
    assert c.contests[0].by == "peasant-ec" and c.contests[0].reason == "dangerous and undesirable"
    check_replay(c)


# -- rival summonses (M07) and allegiance (M19) ---------------------------------------------


def conv(key: str, body: str, convener: str, opens: datetime, **kw: Any) -> Convocation:
    c = Convocation.create(key, body, convener, ["x"])
    c.summon(convener, opens - 15 * DAY, opens_at=opens, place="P", **kw)
    return c


def test_rival_summonses_of_one_body_for_overlapping_dates_are_flagged() -> None:
    official = conv("official", "congress", "cec", day(20), ends_at=day(23))
    rival = conv("rival", "congress", "northern", day(22))
    later = conv("later", "congress", "northern", day(30))
    other_body = conv("other", "conference", "cec", day(20))
    unsummoned = Convocation.create("none", "congress", "x", ["x"])
    rivals = rival_summonses([official, rival, later, other_body, unsummoned])
    assert [(r.first, r.second) for r in rivals] == [("official", "rival")]
    assert "summoned by northern" in rivals[0].why


def test_summonses_without_an_end_are_rivals_within_a_day() -> None:
    a = conv("a", "congress", "cec", day(20))
    b = conv("b", "congress", "other", day(20.5))
    c = conv("c", "congress", "other", day(21))
    assert [(r.first, r.second) for r in rival_summonses([a, b, c])] == [("a", "b"), ("b", "c")]
    assert rival_summonses([a, c], duration=2 * DAY)[0].second == "c"


def test_a_summons_binds_only_the_bodies_that_recognise_its_author() -> None:
    # M19: the grenadier regiment would come out only at the summons of the Congress of
    # Soviets, the Oranienbaum school only at the CEC's (002 l. 811).
    c = Convocation.create("k", "garrison", "cec", ["grenadiers", "oranienbaum", "pavlovsky"])
    recognition = {"grenadiers": ["congress"], "oranienbaum": ["cec"]}
    s = summons_standing(c, recognition)
    assert (s.summoner, s.bound, s.advisory) == (
        "cec",
        ("oranienbaum", "pavlovsky"),
        ("grenadiers",),
    )
    s = summons_standing(c, recognition, by="congress", unstated_bound=False)
    assert s.bound == ("grenadiers",) and s.advisory == ("oranienbaum", "pavlovsky")


# -- properties ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=30),
    answers=st.lists(
        st.tuples(st.integers(min_value=0, max_value=29), st.sampled_from(["agreed", "refused"])),
        max_size=60,
    ),
)
def test_summary_counts_always_add_up_to_the_member_bodies(
    n: int, answers: list[tuple[int, str]]
) -> None:
    bodies = [f"b{i}" for i in range(n)]
    c = Convocation.create("k", "congress", "cec", bodies)
    c.summon("cec", day(0), opens_at=day(20), place="S")
    for i, answer in answers:
        current = c.responses.get(bodies[i % n])
        if current is not None and current.answer == answer:
            with pytest.raises(InvalidInput, match="already"):
                c.respond(bodies[i % n], answer, day(1))
        else:
            c.respond(bodies[i % n], answer, day(1))
    s = c.summary()
    assert s.total == n
    assert sorted(s.agreed + s.refused + s.no_reply) == sorted(bodies)
    assert c.obliged_at is None  # answers are not demands
    check_replay(c)


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=12),
    demanders=st.lists(st.integers(min_value=0, max_value=11), unique=True),
    threshold=st.fractions(min_value=Fraction(1, 10), max_value=1),
)
def test_the_obligation_starts_exactly_when_the_threshold_is_reached(
    n: int, demanders: list[int], threshold: Fraction
) -> None:
    bodies = [f"b{i}" for i in range(n)]
    c = Convocation.create(
        "k", "congress", "cec", bodies, rules=ConvocationRules(demand_threshold=threshold)
    )
    chosen = [bodies[i] for i in demanders if i < n]
    for k, body in enumerate(chosen):
        c.demand(body, day(k))
    reached = len(chosen) >= threshold * n and len(chosen) >= 1
    assert (c.obliged_at is not None) == reached
    if reached:
        assert c.obliged_at == day(c.demands_needed() - 1)


def test_every_convocation_act_round_trips_as_plain_json() -> None:
    c = make(membership={"a": 10})
    c.demand("a", day(0))
    c.demand("b", day(0))
    c.summon("rescue", day(16), opens_at=day(40), place="Petrograd", ends_at=day(42))
    c.postpone(day(45), "the hall is taken", "rescue", day(17))
    c.respond("a", "agreed", day(18))
    c.contest("cec", "not convened by the CEC", day(19))
    ops = {op for op, cls in EVENT_TYPES.items() if cls.__module__.endswith("convocation_events")}
    assert {e.op for e in c.pending} == ops
    json.dumps([e.payload() for e in c.pending])
    assert all(e.subjects()[0] == "convocation:c2" for e in c.pending)
    check_replay(c)
