"""The 1917 replay reproduces the seeds' figures and the outcomes Sovet's rules compute."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from sovet import scenarios
from sovet.services import commands as c
from sovet.services.bus import OPERATIONS, Bus
from sovet.services.fake import FakeUnitOfWork
from sovet.services.permissions import Actor
from sovet.services.replay import HistoricalClock, load_replay, replay
from sovet.services.replay.spec import Later
from tests.scenario.conftest import History

FACTS = {r["id"]: r for r in scenarios.load_list("petrograd1917-facts")}


def fact_value(fact: str, field: str) -> object:
    record = FACTS[fact]
    if field.startswith("derived."):
        return record["derived"][field[8:]]
    return record["figures"][field]


def test_every_counted_tally_is_the_seeds(history: History) -> None:
    """Each count that rests on a fact alone equals that fact's figure, read here
    independently from the copied facts file."""
    checked = 0
    for poll in history.result.polls:
        for choice, fig in (
            ("for", poll.for_),
            ("against", poll.against),
            ("abstain", poll.abstain),
        ):
            if fig.facts and not fig.assumptions:
                figures = FACTS[fig.facts[0]]["figures"]
                if isinstance(figures.get(choice), int):
                    assert fig.value == figures[choice], (poll.key, choice)
                    checked += 1
                else:  # "unanimous": read as no votes against or abstaining
                    assert fig.value == 0 and "unanimous" in str(figures["result"])
    assert checked >= 16


def test_every_outcome_is_the_one_the_majority_rule_gives_and_history_records(
    history: History,
) -> None:
    for poll in history.result.polls:
        cast = poll.for_.value + poll.against.value
        assert poll.adopted == (Fraction(poll.for_.value) > Fraction(cast, 2)), poll.key
        assert poll.expected == poll.outcome, poll.key
        assert poll.for_.value + poll.against.value + poll.abstain.value <= poll.voters.value


@pytest.mark.parametrize(
    ("poll", "tally", "outcome"),
    [
        ("cc-10-oct-insurrection", "10–2–0", "adopted"),
        ("soldiers-mrc-regulations", "283–1–23", "adopted"),
        ("cc-16-oct-lenin", "20–2–3", "adopted"),
        ("cc-16-oct-zinoviev", "6–15–3", "rejected"),
        ("preparl-sr-formula", "95–127–50", "rejected"),
        ("preparl-right-formula", "135–139–0", "rejected"),
        ("congress-martov", "650–0–0", "adopted"),
        ("congress-proclamation", "566–2–12", "adopted"),
        ("congress-peace", "580–0–0", "adopted"),
        ("congress-land", "571–1–8", "adopted"),
        ("congress-sovnarkom", "430–150–0", "adopted"),
        ("congress-cec", "580–0–0", "adopted"),
    ],
)
def test_the_votes(history: History, poll: str, tally: str, outcome: str) -> None:
    record = next(p for p in history.result.polls if p.key == poll)
    assert (record.tally(), record.outcome) == (tally, outcome)


def test_the_number_voting_may_change_between_votes(history: History) -> None:
    polls = {p.key: p for p in history.result.polls}
    lenin, zinoviev = polls["cc-16-oct-lenin"], polls["cc-16-oct-zinoviev"]
    assert lenin.voters.value == zinoviev.voters.value == 25
    assert sum(int(x) for x in lenin.tally().split("–")) == 25
    assert sum(int(x) for x in zinoviev.tally().split("–")) == 24  # "the missing vote"


def test_the_two_tallies_of_lenins_resolution_are_a_recorded_conflict(history: History) -> None:
    (conflict,) = history.result.conflicts
    assert conflict.recorded.for_.facts == ("cc-16-oct-lenin-resolution-002",)
    assert conflict.other_fact == "cc-16-oct-lenin-resolution-004"
    assert (
        conflict.other_for.value,
        conflict.other_against.value,
        conflict.other_abstain.value,
    ) == (
        19,
        2,
        4,
    )
    assert conflict.other_adopted and conflict.recorded.adopted and conflict.same_outcome
    assert "cc-16-oct-lenin-resolution-004 gives 19–2–4" in conflict.recorded.note


def test_the_estimate_is_flagged(history: History) -> None:
    sovnarkom = next(p for p in history.result.polls if p.key == "congress-sovnarkom")
    assert sovnarkom.estimated
    assert sovnarkom.against.facts == ("sovnarkom-ratification",)
    assert not any(p.estimated for p in history.result.polls if p.key != "congress-sovnarkom")


def test_the_rival_formulas_both_fail(history: History) -> None:
    act = history.result.act("preparl-rival-formulas")
    assert act.outcomes["army-formulas"] == "no majority for any"


def test_re_elections_turn_the_soviets_majority(history: History) -> None:
    before, after = (history.result.composition(k) for k in ("soviet-1", "soviet-2"))
    assert before.seats == after.seats == 900
    largest = max(before.groups, key=lambda g: g.seats.value)
    assert largest.faction == "socialist-revolutionaries" and largest.seats.value < 451
    bolsheviks = next(g for g in after.groups if g.faction == "bolsheviks")
    assert bolsheviks.seats.value > 450
    assert "petrograd-soviet-congress-delegate-election" in bolsheviks.seats.facts
    assert "soviet-spring-shares" in largest.seats.assumptions


def test_the_congress_composition_and_the_walkout(history: History) -> None:
    opening = history.result.composition("congress-opening")
    after = history.result.composition("congress-after-walkout")
    assert opening.seats == opening.present == 650
    groups = {g.faction: g for g in opening.groups}
    assert groups["bolsheviks"].seats.value == 390
    assert groups["bolsheviks"].seats.facts == ("congress2-opening-composition",)
    sr = groups["left-srs"].seats.value + groups["socialist-revolutionaries"].seats.value
    assert sr == fact_value("congress2-opposition-composition", "social_revolutionaries")
    assert after.seats == 650 and after.present == 580
    assert 650 - after.present == fact_value("congress2-walkout", "delegates_walked_out_approx")
    assert history.result.act("congress-walkout").outcomes["majority"] == (
        "bolsheviks 390 of 580 (67.2%): an absolute majority"
    )


def test_the_petrograd_delegation_is_elected_on_lists(history: History) -> None:
    outcome = history.result.act("petrograd-delegates-elected").outcomes["delegates"]
    # 55 seats by Sainte-Laguë on 443 / 162 / 44
    assert outcome == "bolsheviks 37, left-srs 14, mensheviks 4"


def test_the_presidium_is_an_agreement_no_method_gives(history: History) -> None:
    presidium = next(a for a in history.result.allotments if a.key == "congress-presidium")
    agreed = {f: fig.value for f, fig in presidium.allocation.items()}
    assert agreed == {
        "bolsheviks": 14,
        "socialist-revolutionaries": 7,
        "mensheviks": 3,
        "menshevik-internationalists": 1,
    }
    by_method = {cmp.method: cmp.allocation for cmp in presidium.comparisons}
    assert set(by_method) == {"dhondt", "sainte-lague", "hare"}
    assert by_method["dhondt"]["bolsheviks"] == 17
    assert by_method["sainte-lague"]["bolsheviks"] == by_method["hare"]["bolsheviks"] == 15
    for allocation in by_method.values():
        assert {f: allocation.get(f, 0) for f in agreed} != agreed
    assert presidium.taken == {"bolsheviks": 14, "left-srs": 7}
    assert presidium.declined == {"socialist-revolutionaries": 7, "mensheviks": 3}
    assert presidium.open == {"menshevik-internationalists": 1}
    assert [h[1] for h in presidium.holders][:4] == ["lenin", "trotsky", "zinoviev", "kamenev"]


def test_the_executive_and_the_government(history: History) -> None:
    allotments = {a.key: a for a in history.result.allotments}
    cec = allotments["new-cec"]
    assert cec.taken == {"bolsheviks": 62, "left-srs": 29, "other-groups": 10}
    assert sum(cec.taken.values()) == 101
    assert cec.base_kind == "present-voting"
    assert sum(f.value for f in cec.base.values()) == 580
    assert cec.holders[0][1] == "kamenev"
    sovnarkom = allotments["council-of-commissars"]
    assert sovnarkom.taken == {"bolsheviks": 14} and sovnarkom.open == {"bolsheviks": 1}
    soviet = allotments["soviet-presidium"]
    assert {f: n.value for f, n in soviet.allocation.items()} == {
        "bolsheviks": 4,
        "left-srs": 2,
        "mensheviks": 1,
    }
    assert soviet.holders[0][1] == "trotsky"


def test_bodies_change_status(history: History) -> None:
    r = history.result
    assert r.act("northern-region-congress").outcomes == {
        "northern-region-congress": "private-conference"
    }
    assert r.act("preparl-dispersed").outcomes == {"pre-parliament": "defunct"}
    assert r.act("proclamation").outcomes["first-cec"] == "defunct"


def test_a_source_one_day_off_is_shown(history: History) -> None:
    (check,) = history.result.date_checks
    assert check.fact == "congress2-proclamation-vote-001"
    assert check.computed.words() == "8 November 1917 N.S."
    assert check.days_off == 1


def test_acts_declared_for_later_are_skipped_while_their_operations_are_missing(
    history: History,
) -> None:
    """An act declared for later is replayed once every operation it needs is
    registered, and skipped, naming the missing ones, until then."""
    skipped = history.result.skipped_operations()
    expected = {
        act.key: tuple(op for op in act.later.operations if op not in OPERATIONS)
        for act in history.spec.acts
        if act.later is not None and any(op not in OPERATIONS for op in act.later.operations)
    }
    assert skipped == expected
    # with the operations of orders, commissions and decrees registered, none waits
    assert skipped == {}


def test_a_missing_operation_skips_its_act_visibly(tmp_path: Path) -> None:
    spec = load_replay()
    act = replace(
        spec.act("countersign-rule"),
        later=Later(("policy.set", "policy.amend-by-lot"), "a rule Sovet lacks"),
    )
    small = replace(spec, acts=(spec.act("structure"), act))
    clock = HistoricalClock()
    result = replay(Bus(FakeUnitOfWork(), clock), clock, small)
    assert result.skipped_operations() == {"countersign-rule": ("policy.amend-by-lot",)}
    assert result.act("countersign-rule").lines == ["skipped until Sovet has policy.amend-by-lot"]


def test_the_committee_its_commissars_and_an_order_that_binds_one_unit_only(
    history: History,
) -> None:
    r = history.result
    assert r.act("mrc-created").outcomes["commission"] == "created with seats for 9 organisations"
    assert r.act("mrc-commissars").outcomes["offices"] == (
        "district-headquarters-sadovsky, district-headquarters-mekhonoshin, "
        "district-headquarters-lazimir"
    )
    assert r.act("countersign-rule").outcomes["policy"] == "1 of 3"
    assert r.act("order-refused").outcomes == {
        "sixth-reserve-battalion": "refused",
        "other-garrison-units": "refused",
        "peter-paul-garrison": "valid",
    }


def test_the_land_decree_goes_down_and_is_answered(history: History) -> None:
    r = history.result
    assert r.act("land-decree-disseminated").outcomes["decree"] == "No. 2, sent to 15 bodies"
    assert r.act("land-decree-answered").lines[-1] == (
        "of 15 bodies reached: acknowledged 1, adopted 2; silent 12"
    )


def test_every_assumption_used_is_recorded_with_its_reason(history: History) -> None:
    r = history.result
    for act in r.acts:
        for key in act.assumptions:
            assert key in r.assumptions, (act.key, key)
    for fig_list in ([p.for_, p.against, p.abstain, p.needed, p.voters] for p in r.polls):
        for fig in fig_list:
            for ref in fig.sources:
                assert ref in r.facts or ref in r.assumptions, ref


def test_the_ledger_verifies_and_replays(history: History) -> None:
    actor = Actor.operator()
    entries = history.bus.execute(actor, c.ExportLedger(history.result.org))
    assert entries[0].at.year == 1917  # the historical clock
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    assert history.bus.execute(actor, c.ReplayLedger(history.result.org)).ok
