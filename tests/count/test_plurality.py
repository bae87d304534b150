"""Plurality, block plurality and approval."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import (
    ApprovalProfile,
    EmptyProfile,
    InvalidCount,
    RankedProfile,
    TieBreaker,
    TiePolicy,
)
from sovet.count.plurality import approval, block_plurality, plurality
from tests.count.ranked_strategies import (
    pref_voting_profile,
    random_complete,
    ranked_ballots,
    reorder_and_split,
)

# Wikipedia, "Tennessee's capital" example (used on the pages of many methods):
# Memphis 42%, Nashville 26%, Chattanooga 15%, Knoxville 17%, each city's voters
# ranking the others by distance.
M, N, C, K = "Memphis", "Nashville", "Chattanooga", "Knoxville"
TENNESSEE = RankedProfile.from_rankings(
    [M, N, C, K],
    [((M, N, C, K), 42), ((N, C, K, M), 26), ((C, K, N, M), 15), ((K, C, N, M), 17)],
)


def test_tennessee_plurality_elects_memphis() -> None:
    result = plurality(TENNESSEE)
    assert result.elected == (M,)
    assert result.scores == {M: 42, N: 26, C: 15, K: 17}
    assert result.ranking == (M, N, K, C)
    assert result.all_ties() == ()


def test_block_plurality_counts_the_first_k_preferences() -> None:
    # Two seats: each ballot's first two preferences count one each.
    # Memphis 42, Nashville 42 + 26 = 68, Chattanooga 26 + 15 + 17 = 58,
    # Knoxville 15 + 17 = 32.
    result = block_plurality(TENNESSEE, 2)
    assert result.scores == {M: 42, N: 68, C: 58, K: 32}
    assert result.elected == (N, C)
    assert block_plurality(TENNESSEE, 1).elected == plurality(TENNESSEE).elected


def test_approval_elects_the_most_approved() -> None:
    profile = ApprovalProfile.from_sets(
        ["A", "B", "C", "D"],
        [(("A", "B"), 5), (("B",), 4), (("C", "D"), 3), (("A", "C", "D"), 2), ((), 1)],
    )
    one = approval(profile)
    assert one.scores == {"A": 7, "B": 9, "C": 5, "D": 5}
    assert one.elected == ("B",)
    assert one.rounds[0].exhausted == 1  # the ballot approving nobody
    two = approval(profile, 2)
    assert two.elected == ("B", "A")
    # C and D tie for third: that orders the ranking only, and is recorded so.
    assert two.ranking == ("B", "A", "C", "D")
    (tie,) = two.all_ties()
    assert (tie.among, tie.rule, tie.purpose) == (("C", "D"), "candidate-order", "order")


def test_tie_for_the_last_seat_is_settled_by_the_policy_and_recorded() -> None:
    profile = ApprovalProfile.from_sets(["A", "B", "C"], [(("A", "B"), 2), (("C",), 1)])
    drawn = approval(profile, 1)
    (tie,) = [t for t in drawn.all_ties() if t.purpose == "winner"]
    assert tie.among == ("A", "B") and tie.rule == "forward, then lot" and tie.seed == 0
    assert drawn.elected == (tie.chosen,)
    chair = approval(profile, 1, ties=TieBreaker(TiePolicy.CHAIR, chair_order=["B"]))
    assert chair.elected == ("B",)
    seeds = {approval(profile, 1, ties=TieBreaker(TiePolicy.LOT, seed=s)).winner for s in range(20)}
    assert seeds == {"A", "B"}  # a real draw, not a fixed choice


def test_blank_ballots_are_recorded_not_counted() -> None:
    profile = RankedProfile.from_rankings(["A", "B"], [(("A",), 3), ((), 2), (("B", "A"), 1)])
    result = plurality(profile)
    assert result.scores == {"A": 3, "B": 1}
    assert result.rounds[0].exhausted == 2


def test_errors() -> None:
    with pytest.raises(InvalidCount, match="one seat"):
        plurality(TENNESSEE, 2)
    with pytest.raises(InvalidCount, match="only 4 candidates"):
        block_plurality(TENNESSEE, 5)
    with pytest.raises(InvalidCount, match="at least 1"):
        block_plurality(TENNESSEE, 0)
    with pytest.raises(EmptyProfile):
        plurality(RankedProfile.from_rankings(["A"], []))
    with pytest.raises(EmptyProfile, match="ranks any"):
        plurality(RankedProfile.from_rankings(["A", "B"], [((), 4)]))
    with pytest.raises(EmptyProfile, match="approves any"):
        approval(ApprovalProfile.from_sets(["A"], [((), 3)]))


# --- properties --------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(ranked_ballots(), st.integers(0, 10_000), st.integers(1, 5))
def test_ballot_order_and_splitting_do_not_matter(
    drawn: tuple[tuple[str, ...], list[tuple[tuple[str, ...], int]]], seed: int, seats: int
) -> None:
    names, ballots = drawn
    seats = min(seats, len(names))
    one = RankedProfile.from_rankings(names, ballots)
    other = RankedProfile.from_rankings(names, reorder_and_split(ballots, seed))
    assert plurality(one).to_dict() == plurality(other).to_dict()
    assert block_plurality(one, seats).to_dict() == block_plurality(other, seats).to_dict()
    sets_one = ApprovalProfile.from_sets(names, [(set(r), w) for r, w in ballots])
    sets_other = ApprovalProfile.from_sets(
        names, [(set(r), w) for r, w in reorder_and_split(ballots, seed)]
    )
    assert approval(sets_one, seats).to_dict() == approval(sets_other, seats).to_dict()


@settings(max_examples=150, deadline=None)
@given(ranked_ballots(), st.integers(1, 5))
def test_block_plurality_fills_the_seats_with_the_highest_scores(
    drawn: tuple[tuple[str, ...], list[tuple[tuple[str, ...], int]]], seats: int
) -> None:
    names, ballots = drawn
    seats = min(seats, len(names))
    result = block_plurality(RankedProfile.from_rankings(names, ballots), seats)
    assert result.scores is not None
    expected = dict.fromkeys(names, 0)
    for ranking, weight in ballots:
        for name in ranking[:seats]:
            expected[name] += weight
    assert result.scores == expected
    assert len(result.elected) == seats
    lowest_in = min(expected[c] for c in result.elected)
    assert all(expected[c] <= lowest_in for c in names if c not in result.elected)


# --- oracle ------------------------------------------------------------------------


@pytest.mark.oracle
def test_plurality_agrees_with_pref_voting() -> None:
    # Compared where pref_voting's winner set is a single candidate; where it is
    # not, Sovet's winner (drawn by the tie policy) must be one of the set.
    from pref_voting.scoring_methods import plurality as pv_plurality

    rnd = random.Random("plurality")
    unique = 0
    for _ in range(300):
        n = rnd.randint(2, 6)
        names = tuple("ABCDEF"[:n])
        ballots = random_complete(rnd, n, rnd.randint(1, 15))
        theirs = {names[i] for i in pv_plurality(pref_voting_profile(names, ballots))}
        ours = plurality(RankedProfile.from_rankings(names, ballots)).winner
        assert ours in theirs
        unique += len(theirs) == 1
    assert unique >= 150
