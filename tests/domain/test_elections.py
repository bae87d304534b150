"""Elections of mandates (M03, M04): candidate methods, party lists, by-elections,
next on the list, terms; every count goes through sovet.count."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import ApprovalProfile, RankedProfile, TieBreaker
from sovet.domain.election_events import ElectionDeclared, ElectionOpened, ListSuccessorSeated
from sovet.domain.elections import Elected, Election, ElectionStatus, next_on_list
from sovet.domain.errors import (
    DomainError,
    InvalidInput,
    InvalidTransition,
    ListExhausted,
    NotFound,
)
from sovet.domain.events import Event, event_from_entry

T0 = datetime(1917, 10, 31, 12, 0, tzinfo=UTC)

RANKED = [(("a", "b"), 10), (("b", "a"), 6), (("c",), 3), (("d", "c"), 2)]


def ranked() -> RankedProfile:
    return RankedProfile.from_rankings(["a", "b", "c", "d"], RANKED)


def approvals() -> ApprovalProfile:
    return ApprovalProfile.from_sets(
        ["a", "b", "c", "d"], [({"a", "b"}, 10), ({"b"}, 6), ({"c", "d"}, 3)]
    )


def candidate_election(method: str = "stv-scottish", seats: int = 2, **kw: Any) -> Election:
    return Election.open(
        "factory-1", "soviet", "factory", seats, method, candidates=["a", "b", "c", "d"], **kw
    )


def list_election(seats: int = 4, **kw: Any) -> Election:
    lists = kw.pop(
        "lists",
        {"reds": ["r1", "r2", "r3", "r4"], "greens": ["g1", "g2", "g3"], "blues": ["b1"]},
    )
    return Election.open("city-1", "soviet", "district", seats, "party-list", lists=lists, **kw)


def round_trips(events: list[Event]) -> None:
    for event in events:
        wire = json.loads(json.dumps(event.payload()))
        assert event_from_entry(event.op, wire) == event


def refused(
    obj: Election, action: Callable[[], object], error: type[Exception], match: str
) -> None:
    before = list(obj.pending)
    with pytest.raises(error, match=match):
        action()
    assert obj.pending == before, "a refused action records no event"


# -- candidate methods ---------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "seats", "ballots", "winners"),
    [
        ("plurality", 1, ranked, ("a",)),
        ("irv", 1, ranked, ("a",)),
        ("block-plurality", 2, ranked, ("a", "b")),
        ("stv-scottish", 2, ranked, ("a", "b")),
        ("stv-meek", 2, ranked, ("a", "b")),
        ("approval", 2, approvals, ("b", "a")),
    ],
)
def test_every_candidate_method_counts_through_sovet_count(
    method: str, seats: int, ballots: Callable[[], Any], winners: tuple[str, ...]
) -> None:
    e = candidate_election(method, seats, factions={"a": "reds", "b": "greens"})
    seated = e.declare(ballots())
    assert sorted(s.holder for s in seated) == sorted(winners)
    assert [s.mandate for s in seated] == [f"factory-1-{n}" for n in range(1, seats + 1)]
    assert {s.holder: s.faction for s in seated}["a"] == "reds"
    declared = e.pending[-1]
    assert isinstance(declared, ElectionDeclared)
    assert declared.winners == e.winners == tuple(s.holder for s in seated)
    assert declared.ballots == (21 if ballots is ranked else 19)
    assert json.loads(declared.result)["method"] == method
    assert e.status is ElectionStatus.DECLARED
    round_trips(e.pending)


def test_stv_result_keeps_every_round_with_exact_numbers() -> None:
    e = candidate_election("stv-scottish", 2)
    e.declare(ranked())
    declared = e.pending[-1]
    assert isinstance(declared, ElectionDeclared)
    result = json.loads(declared.result)
    assert result["rounds"], "the rounds are kept"
    assert "quota" in declared.summary and "elected in order" in declared.summary
    assert "." not in json.dumps(result["rounds"][0]["tallies"]), "no floats"


def test_winners_are_in_order_of_election() -> None:
    e = candidate_election("stv-scottish", 2)
    e.declare(ranked())
    assert e.winners[0] == "a"  # a reaches the quota on first preferences


@pytest.mark.parametrize("method", ["plurality", "irv"])
def test_single_winner_methods_fill_one_seat(method: str) -> None:
    with pytest.raises(InvalidInput, match=f"{method} fills one seat, not 2"):
        candidate_election(method, 2)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"seats": 5}, "5 seats need at least 5 candidates"),
        ({"seats": 0}, "seats must be a whole number >= 1"),
        ({"seats": True}, "seats must be a whole number >= 1"),
        ({"factions": {"z": "reds"}}, "z has a faction but is no candidate"),
        ({"factions": {"a": "Reds"}}, "faction key"),
        ({"lists": {"reds": ["a"]}}, "only a party-list election takes lists"),
        ({"term_ends": datetime(1918, 1, 1)}, "timezone-aware"),  # noqa: DTZ001
        ({"vacancy": "Bad Key"}, "vacated mandate key"),
    ],
)
def test_candidate_opening_rules(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidInput, match=match):
        candidate_election(**kwargs)


def test_unknown_method_and_duplicate_candidates() -> None:
    with pytest.raises(InvalidInput, match="unknown election method 'borda'"):
        Election.open("e", "soviet", None, 1, "borda", candidates=["a"])
    with pytest.raises(InvalidInput, match="a appear twice among the candidates"):
        Election.open("e", "soviet", None, 1, "plurality", candidates=["a", "a"])
    with pytest.raises(InvalidInput, match="member number"):
        Election.open("e", "soviet", None, 1, "plurality", candidates=["a b"])


def test_derived_mandate_keys_must_be_valid() -> None:
    with pytest.raises(InvalidInput, match="derived mandate key"):
        Election.open("e" * 79, "soviet", None, 1, "plurality", candidates=["a"])


def test_declare_refusals_record_nothing() -> None:
    e = candidate_election("stv-scottish", 2)
    refused(e, lambda: e.declare(approvals()), InvalidInput, "counts ranked ballots")
    refused(e, lambda: e.declare({"a": 3}), InvalidInput, "takes a ballot profile")
    stranger = RankedProfile.from_rankings(["a", "x"], [("x", "a")])
    refused(e, lambda: e.declare(stranger), InvalidInput, "non-candidates x")
    refused(
        e,
        lambda: e.declare(ranked(), ineligible={"c"}),
        InvalidInput,
        "c no longer eligible; count the ballots without them",
    )
    empty = RankedProfile.from_rankings(["a", "b"], [])
    refused(e, lambda: e.declare(empty), InvalidInput, "the count failed")
    e.declare(ranked())
    refused(e, lambda: e.declare(ranked()), InvalidTransition, "is declared; it cannot be")


def test_ties_follow_the_declared_policy_and_are_recorded() -> None:
    e = Election.open("e", "soviet", None, 1, "plurality", candidates=["a", "b"])
    tie = RankedProfile.from_rankings(["a", "b"], [("a",), ("b",)])
    e.declare(tie, ties=TieBreaker(seed=7))
    declared = e.pending[-1]
    assert isinstance(declared, ElectionDeclared)
    assert "tie(s) settled" in declared.summary
    assert json.loads(declared.result)["seed"] == 7


# -- party lists ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lists": {}}, "needs at least one list"),
        ({"lists": {"reds": []}}, "the list of reds is empty"),
        ({"lists": {"reds": ["x"], "blues": ["x"]}}, "x appear twice among the list"),
        ({"candidates": ["a"]}, "takes lists, not candidates"),
        ({"apportionment": "jefferson"}, "unknown apportionment 'jefferson'"),
        ({"threshold": Fraction(1)}, r"threshold must be in \[0, 1\)"),
        ({"threshold": Fraction(-1, 10)}, r"threshold must be in \[0, 1\)"),
    ],
)
def test_list_opening_rules(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidInput, match=match):
        list_election(**kwargs)


def test_seats_are_filled_down_each_list_skipping_the_ineligible() -> None:
    e = list_election(4, apportionment="dhondt")
    seated = e.declare({"reds": 60, "greens": 30, "blues": 10}, ineligible={"r2"})
    assert e.allocation == {"reds": 3, "greens": 1, "blues": 0}
    assert seated == [
        Elected("city-1-1", "r1", "reds"),
        Elected("city-1-2", "r3", "reds"),
        Elected("city-1-3", "r4", "reds"),
        Elected("city-1-4", "g1", "greens"),
    ]
    declared = e.pending[-1]
    assert isinstance(declared, ElectionDeclared)
    assert declared.skipped == (("reds", "r2"),)
    assert declared.allocation == (("reds", 3), ("greens", 1), ("blues", 0))
    round_trips(e.pending)


def test_a_list_too_short_leaves_its_seats_vacant_and_recorded() -> None:
    e = list_election(4, lists={"reds": ["r1"], "greens": ["g1", "g2"]})
    seated = e.declare({"reds": 80, "greens": 20})  # Sainte-Laguë: 3 and 1
    assert [s.holder for s in seated] == ["r1", "g1"]
    declared = e.pending[-1]
    assert isinstance(declared, ElectionDeclared)
    assert declared.unfilled == (("reds", 2),)
    assert "unfilled: reds 2" in declared.summary


def test_threshold_keeps_a_small_list_out() -> None:
    e = list_election(4, threshold=Fraction(1, 10))
    e.declare({"reds": 50, "greens": 45, "blues": 5})
    assert e.allocation["blues"] == 0


def test_list_vote_refusals() -> None:
    e = list_election()
    refused(e, lambda: e.declare({"purples": 3}), InvalidInput, "no list for purples")
    refused(e, lambda: e.declare({"reds": -1}), InvalidInput, "whole number >= 0")
    refused(e, lambda: e.declare({"reds": 0}), InvalidInput, "the count failed")
    refused(e, lambda: e.declare(ranked()), InvalidInput, "takes votes per list")


def test_petrograd_soviet_elects_congress_delegates_on_lists() -> None:
    # Fact petrograd-soviet-congress-delegate-election (002, l. 673): 443 votes for the
    # Bolshevik list (Trotsky, Kamenev, Volodarsky, Yurenev, Lashevich), 162 for the
    # SRs, 44 for the Mensheviks. ASSUMED, not in the seed: 7 delegate seats, and the
    # SR and Menshevik candidates (the seed names none).
    lists = {
        "bolsheviks": ["trotsky", "kamenev", "volodarsky", "yurenev", "lashevich"],
        "srs": ["sr-1", "sr-2", "sr-3"],
        "mensheviks": ["menshevik-1"],
    }
    votes = {"bolsheviks": 443, "srs": 162, "mensheviks": 44}
    for method in ("dhondt", "sainte-lague"):
        e = Election.open(
            f"petrograd-{method}",
            "congress-2",
            "petrograd-soviet",
            7,
            "party-list",
            lists=lists,
            apportionment=method,
        )
        seated = e.declare(votes)
        assert e.allocation == {"bolsheviks": 5, "srs": 2, "mensheviks": 0}
        assert [s.holder for s in seated[:5]] == lists["bolsheviks"]
        assert [s.holder for s in seated[5:]] == ["sr-1", "sr-2"]
        declared = e.pending[-1]
        assert isinstance(declared, ElectionDeclared)
        assert declared.ballots == 649  # derived total in the fact
        round_trips(e.pending)
    # The whole Bolshevik list is elected: a Bolshevik vacancy cannot be filled from it.
    with pytest.raises(ListExhausted, match="the list of bolsheviks has no candidate left"):
        e.fill_from_list("trotsky")


# -- vacancies -----------------------------------------------------------------
def test_next_on_list_and_successor_seated() -> None:
    e = list_election(4)
    e.declare({"reds": 60, "greens": 30, "blues": 10})  # reds 3 (r1-r3), greens 1 (g1)
    assert next_on_list(e, "r2") == "r4"
    assert next_on_list(e, "g1", ineligible={"g2"}) == "g3"
    successor = e.fill_from_list("g1", ineligible={"g2"})
    assert successor == Elected("city-1-5", "g3", "greens")
    event = e.pending[-1]
    assert isinstance(event, ListSuccessorSeated)
    assert (event.vacated_mandate, event.skipped) == ("city-1-4", ("g2",))
    assert "g1" not in [s.holder for s in e.current()]
    # the successor's own seat can be vacated in turn; g1 is never seated again
    assert e.fill_from_list("g3").holder == "g2"
    refused(e, lambda: e.fill_from_list("g2"), ListExhausted, "list of greens has no candidate")
    refused(e, lambda: e.fill_from_list("g1"), NotFound, "g1 holds none of its seats")
    round_trips(e.pending)
    assert Election.replay(e.pending).current() == e.current()


def test_next_on_list_needs_a_declared_list_election() -> None:
    e = list_election()
    refused(e, lambda: e.fill_from_list("r1"), InvalidTransition, "is opened")
    c = candidate_election()
    c.declare(ranked())
    refused(c, lambda: c.fill_from_list("a"), InvalidInput, "was not held on lists")


def test_by_election_fills_one_vacated_seat() -> None:
    e = Election.by_election(
        "factory-by-1", "soviet", "factory", "factory-1-2", candidates=["c", "d"], method="irv"
    )
    opened = e.pending[0]
    assert isinstance(opened, ElectionOpened)
    assert (opened.seats, opened.vacancy) == (1, "factory-1-2")
    assert "mandate:factory-1-2" in opened.subjects()
    profile = RankedProfile.from_rankings(["c", "d"], [("c",), ("c",), ("d",)])
    assert e.declare(profile) == [Elected("factory-by-1-1", "c", None)]
    with pytest.raises(InvalidInput, match="not filled on lists"):
        Election.by_election("x", "soviet", None, "m", candidates=["c"], method="party-list")


# -- terms ---------------------------------------------------------------------
def test_re_election_is_due_when_the_term_ends() -> None:
    msk = timezone(timedelta(hours=3))
    ends = datetime(1918, 1, 1, 3, 0, tzinfo=msk)  # midnight UTC
    e = candidate_election("stv-scottish", 2, term_ends=ends)
    assert not e.is_due(datetime(1919, 1, 1, tzinfo=UTC)), "not declared yet"
    e.declare(ranked())
    assert not e.is_due(datetime(1917, 12, 31, 23, 59, tzinfo=UTC))
    assert e.is_due(datetime(1918, 1, 1, tzinfo=UTC))
    assert not candidate_election().is_due(T0)
    with pytest.raises(InvalidInput, match="timezone-aware"):
        e.is_due(datetime(1918, 1, 2))  # noqa: DTZ001
    assert Election.replay(e.pending).term_ends == ends


def test_replay_rebuilds_the_same_election() -> None:
    e = list_election(4, term_ends=T0)
    e.declare({"reds": 60, "greens": 30, "blues": 10})
    again = Election.replay(e.pending)
    assert (again.seated, again.allocation, again.status, again.threshold) == (
        e.seated,
        e.allocation,
        e.status,
        e.threshold,
    )
    with pytest.raises(InvalidInput, match=r"first event must be election\.open"):
        Election.replay(e.pending[1:])


# -- properties ----------------------------------------------------------------
@settings(max_examples=120, deadline=None)
@given(
    votes=st.lists(st.integers(0, 500), min_size=1, max_size=4).filter(lambda v: sum(v) > 0),
    lengths=st.lists(st.integers(1, 5), min_size=4, max_size=4),
    seats=st.integers(1, 10),
    method=st.sampled_from(["dhondt", "sainte-lague", "hare", "droop"]),
    ineligible=st.sets(st.sampled_from(["l0-0", "l1-1", "l2-0", "l0-2"])),
)
def test_list_seats_are_filled_or_recorded_unfilled(
    votes: list[int], lengths: list[int], seats: int, method: str, ineligible: set[str]
) -> None:
    lists = {f"l{i}": [f"l{i}-{j}" for j in range(lengths[i])] for i in range(len(votes))}
    e = Election.open("p", "b", None, seats, "party-list", lists=lists, apportionment=method)
    seated = e.declare(dict(zip(lists, votes, strict=True)), ineligible=ineligible)
    declared = e.pending[-1]
    assert isinstance(declared, ElectionDeclared)
    assert sum(e.allocation.values()) == seats
    assert len(seated) + sum(n for _, n in declared.unfilled) == seats
    for faction, names in lists.items():
        got = [s.holder for s in seated if s.faction == faction]
        eligible = [n for n in names if n not in ineligible]
        assert got == eligible[: len(got)], "filled down the list in order"
    assert not {s.holder for s in seated} & ineligible
    round_trips(e.pending)


def test_every_error_is_a_domain_error() -> None:
    assert issubclass(ListExhausted, DomainError)
