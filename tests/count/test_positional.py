"""Borda count, complete and truncated ballots."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import InvalidCount, RankedProfile
from sovet.count.positional import borda
from tests.count.ranked_strategies import (
    pref_voting_profile,
    random_complete,
    ranked_ballots,
    reorder_and_split,
)

# Wikipedia, "Borda count", Tennessee example: Nashville 194, Chattanooga 173,
# Memphis 126, Knoxville 107 (per 100 voters). By hand, Nashville:
# 42*2 + 26*3 + 15*1 + 17*1 = 194.
M, N, C, K = "Memphis", "Nashville", "Chattanooga", "Knoxville"
TENNESSEE = RankedProfile.from_rankings(
    [M, N, C, K],
    [((M, N, C, K), 42), ((N, C, K, M), 26), ((C, K, N, M), 15), ((K, C, N, M), 17)],
)


def test_tennessee_borda_elects_nashville() -> None:
    result = borda(TENNESSEE)
    assert result.elected == (N,)
    assert result.scores == {M: 126, N: 194, C: 173, K: 107}
    assert result.ranking == (N, C, M, K)


def test_truncated_ballots_give_unranked_candidates_nothing() -> None:
    # Four candidates: a ballot ranking only A gives A 3 points, as a complete
    # ballot would; B, C and D get nothing from it. B > C gives B 3 and C 2.
    profile = RankedProfile.from_rankings(["A", "B", "C", "D"], [(("A",), 2), (("B", "C"), 1)])
    result = borda(profile)
    assert result.scores == {"A": 6, "B": 3, "C": 2, "D": 0}
    assert result.winner == "A"


def test_tie_for_first_is_drawn_and_recorded() -> None:
    profile = RankedProfile.from_rankings(["A", "B"], [("A", "B"), ("B", "A")])
    result = borda(profile)
    winners = [t for t in result.all_ties() if t.purpose == "winner"]
    assert len(winners) == 1 and winners[0].among == ("A", "B")
    assert result.winner == winners[0].chosen


def test_borda_fills_one_seat() -> None:
    with pytest.raises(InvalidCount, match="one seat"):
        borda(TENNESSEE, 2)


@settings(max_examples=150, deadline=None)
@given(ranked_ballots(), st.integers(0, 10_000))
def test_ballot_order_and_splitting_do_not_matter(
    drawn: tuple[tuple[str, ...], list[tuple[tuple[str, ...], int]]], seed: int
) -> None:
    names, ballots = drawn
    one = borda(RankedProfile.from_rankings(names, ballots))
    other = borda(RankedProfile.from_rankings(names, reorder_and_split(ballots, seed)))
    assert one.to_dict() == other.to_dict()


@settings(max_examples=150, deadline=None)
@given(ranked_ballots())
def test_scores_match_a_direct_count(
    drawn: tuple[tuple[str, ...], list[tuple[tuple[str, ...], int]]],
) -> None:
    names, ballots = drawn
    n = len(names)
    expected = dict.fromkeys(names, 0)
    for ranking, weight in ballots:
        for place, name in enumerate(ranking):
            expected[name] += weight * (n - 1 - place)
    result = borda(RankedProfile.from_rankings(names, ballots))
    assert result.scores == expected
    assert result.scores[result.winner] == max(expected.values())


@settings(max_examples=100, deadline=None)
@given(ranked_ballots(complete=True))
def test_complete_ballots_share_out_all_points(
    drawn: tuple[tuple[str, ...], list[tuple[tuple[str, ...], int]]],
) -> None:
    names, ballots = drawn
    n = len(names)
    result = borda(RankedProfile.from_rankings(names, ballots))
    assert result.scores is not None
    assert sum(result.scores.values()) == sum(w for _, w in ballots) * n * (n - 1) // 2


@pytest.mark.oracle
def test_borda_agrees_with_pref_voting() -> None:
    # Complete ballots only (pref_voting's Profile holds complete rankings; on
    # truncated ballots Sovet's truncated Borda is its own documented rule, checked
    # above by direct count). Where pref_voting has several winners, Sovet's drawn
    # winner must be one of them.
    from pref_voting.scoring_methods import borda as pv_borda

    rnd = random.Random("borda")
    unique = 0
    for _ in range(300):
        n = rnd.randint(2, 6)
        names = tuple("ABCDEF"[:n])
        ballots = random_complete(rnd, n, rnd.randint(1, 15))
        theirs = {names[i] for i in pv_borda(pref_voting_profile(names, ballots))}
        ours = borda(RankedProfile.from_rankings(names, ballots)).winner
        assert ours in theirs
        unique += len(theirs) == 1
    assert unique >= 150
