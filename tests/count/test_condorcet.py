"""Schulze, ranked pairs and Copeland, and the pairwise matrix they share."""

from __future__ import annotations

import random
from functools import partial
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import InvalidCount, RankedProfile, TieBreaker, TiePolicy
from sovet.count.condorcet import copeland, ranked_pairs, schulze, strongest_paths
from sovet.count.profiles import pairwise_from_rankings
from tests.count.ranked_strategies import (
    Ballots,
    pref_voting_profile,
    random_complete,
    ranked_ballots,
    reference_pairwise,
    reorder_and_split,
)

METHODS = (schulze, ranked_pairs, copeland)
Drawn = tuple[tuple[str, ...], Ballots]

# Wikipedia, "Schulze method", the 45-voter example (winner E; ranking
# E > A > C > B > D). The pairwise and strongest-path tables are the article's.
SCHULZE_WIKI = RankedProfile.from_rankings(
    list("ABCDE"),
    [
        (tuple(r), w)
        for r, w in [
            ("ACBED", 5),
            ("ADECB", 5),
            ("BEDAC", 8),
            ("CABED", 3),
            ("CAEBD", 7),
            ("CBADE", 2),
            ("DCEBA", 7),
            ("EBADC", 8),
        ]
    ],
)
WIKI_D = [
    [0, 20, 26, 30, 22],
    [25, 0, 16, 33, 18],
    [19, 29, 0, 17, 24],
    [15, 12, 28, 0, 14],
    [23, 27, 21, 31, 0],
]
WIKI_P = [
    [0, 28, 28, 30, 24],
    [25, 0, 28, 33, 24],
    [25, 29, 0, 29, 24],
    [25, 28, 28, 0, 24],
    [25, 28, 28, 31, 0],
]

# Wikipedia's Tennessee capital example (see test_plurality): Nashville is the
# Condorcet winner; ranked pairs locks C>K (83-17), N>C and N>K (68-32), then
# N>M, C>M, K>M (58-42).
M, N, C, K = "Memphis", "Nashville", "Chattanooga", "Knoxville"
TENNESSEE = RankedProfile.from_rankings(
    [M, N, C, K],
    [((M, N, C, K), 42), ((N, C, K, M), 26), ((C, K, N, M), 15), ((K, C, N, M), 17)],
)

# A majority cycle, checked by hand: A>B 11-5 (margin 6), B>C 12-4 (8), C>A 9-7 (2).
CYCLE = RankedProfile.from_rankings(
    ["A", "B", "C"], [(("A", "B", "C"), 7), (("B", "C", "A"), 5), (("C", "A", "B"), 4)]
)


def test_schulze_wikipedia_example() -> None:
    assert SCHULZE_WIKI.pairwise_matrix().tolist() == WIKI_D
    assert strongest_paths(np.array(WIKI_D)).tolist() == WIKI_P
    result = schulze(SCHULZE_WIKI)
    assert result.elected == ("E",)
    assert result.ranking == ("E", "A", "C", "B", "D")
    assert result.scores == {"A": 3, "B": 1, "C": 2, "D": 0, "E": 4}
    assert result.rounds[1].tallies["E>D"] == 31
    assert result.all_ties() == ()


@pytest.mark.parametrize("method", METHODS)
def test_tennessee_elects_nashville(method: object) -> None:
    result = method(TENNESSEE)  # type: ignore[operator]
    assert result.elected == (N,)
    assert result.ranking == (N, C, K, M)
    assert result.all_ties() == ()


def test_ranked_pairs_tennessee_locks_every_majority() -> None:
    result = ranked_pairs(TENNESSEE)
    assert result.rounds[1].tallies[f"{C}>{K}"] == 66
    assert result.rounds[1].note.startswith(f"locked: {C}>{K}, ")
    assert "skipped (would close a cycle): none" in result.rounds[1].note


def test_copeland_tennessee_scores() -> None:
    assert copeland(TENNESSEE).scores == {M: 0, N: 3, C: 2, K: 1}


def test_ranked_pairs_skips_the_pair_that_closes_a_cycle() -> None:
    result = ranked_pairs(CYCLE)
    assert result.elected == ("A",)
    assert result.ranking == ("A", "B", "C")
    assert "locked: B>C, A>B; skipped (would close a cycle): C>A" in result.rounds[1].note


def test_schulze_on_the_cycle() -> None:
    # p[A,B] = 11, p[B,A] = min(12, 9) = 9; p[A,C] = min(11, 12) = 11, p[C,A] = 9.
    result = schulze(CYCLE)
    assert result.elected == ("A",)
    assert result.rounds[1].tallies["B>A"] == 9


def test_copeland_cycle_is_a_three_way_tie_drawn_by_lot() -> None:
    result = copeland(CYCLE)
    assert result.scores == {"A": 1, "B": 1, "C": 1}
    (tie,) = [t for t in result.all_ties() if t.purpose == "winner"]
    assert tie.among == ("A", "B", "C") and tie.rule == "forward, then lot" and tie.seed == 0
    assert result.winner == tie.chosen


def test_ranked_pairs_orders_equal_margins_only_when_it_matters() -> None:
    # A Condorcet cycle with all margins 1: which pair is locked first decides.
    profile = RankedProfile.from_rankings(["A", "B", "C"], ["ABC", "BCA", "CAB"])
    result = ranked_pairs(profile)
    order_ties = [t for t in result.all_ties() if t.among[0].count(">") == 1]
    assert order_ties and all(t.purpose == "order" for t in order_ties)
    assert order_ties[0].among == ("A>B", "B>C", "C>A")
    assert ranked_pairs(profile).to_dict() == result.to_dict()  # same seed, same result
    winners = {
        ranked_pairs(profile, ties=TieBreaker(TiePolicy.LOT, seed=s)).winner for s in range(40)
    }
    assert winners == {"A", "B", "C"}


def test_schulze_tie_for_the_win_is_recorded() -> None:
    profile = RankedProfile.from_rankings(["A", "B"], ["AB", "BA"])
    result = schulze(profile)
    (tie,) = [t for t in result.all_ties() if t.purpose == "winner"]
    assert tie.among == ("A", "B") and result.winner == tie.chosen


@pytest.mark.parametrize("method", METHODS)
def test_single_winner_only(method: object) -> None:
    with pytest.raises(InvalidCount, match="one seat"):
        method(TENNESSEE, 2)  # type: ignore[operator]


def test_twenty_candidates_and_full_rounds() -> None:
    rnd = random.Random(20)
    names = [f"c{i}" for i in range(20)]
    ballots = []
    for _ in range(500):
        order = names[:]
        rnd.shuffle(order)
        ballots.append((tuple(order[: rnd.randint(1, 20)]), rnd.randint(1, 3)))
    profile = RankedProfile.from_rankings(names, ballots)
    for method in METHODS:
        result = method(profile)
        assert result.ranking is not None and sorted(result.ranking) == sorted(names)
        assert len(result.rounds[0].tallies) == 20 * 19


# --- the pairwise matrix: fast path against a pure-Python count --------------------


@settings(max_examples=200, deadline=None)
@given(ranked_ballots(max_candidates=7, max_ballots=20))
def test_pairwise_matrix_agrees_with_a_pure_python_count(drawn: Drawn) -> None:
    names, ballots = drawn
    profile = RankedProfile.from_rankings(names, ballots)
    assert profile.pairwise_matrix().tolist() == reference_pairwise(names, ballots)


def test_pairwise_matrix_with_weights_past_float_precision() -> None:
    # A total weight of 2**53 or more takes the integer path; still exact.
    big = 2**60
    names = ("A", "B", "C")
    ballots = [(("A", "B"), big + 1), (("C",), big + 3), (("B", "C", "A"), 5)]
    profile = RankedProfile.from_rankings(names, ballots)
    assert profile.pairwise_matrix().tolist() == reference_pairwise(names, ballots)


def test_pairwise_matrix_with_long_ballots() -> None:
    # 130 places do not fit the 8-bit position type: the 16-bit one is used.
    rnd = random.Random(130)
    names = tuple(f"c{i}" for i in range(130))
    ballots = []
    for _ in range(12):
        order = list(names)
        rnd.shuffle(order)
        ballots.append((tuple(order[: rnd.randint(100, 130)]), rnd.randint(1, 4)))
    profile = RankedProfile.from_rankings(names, ballots)
    assert profile.pairwise_matrix().tolist() == reference_pairwise(names, ballots)


def test_pairwise_of_no_ballots_is_zero() -> None:
    empty = np.zeros((0, 3), dtype=np.int16)
    assert pairwise_from_rankings(empty, np.zeros(0, dtype=np.int64), 3).tolist() == [[0] * 3] * 3


def reference_strongest_paths(d: list[list[int]]) -> list[list[int]]:
    """The Floyd–Warshall loop as Schulze (2011) and Wikipedia write it."""
    n = len(d)
    p = [[d[i][j] if i != j and d[i][j] > d[j][i] else 0 for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            for k in range(n):
                if i != k and j != k:
                    p[j][k] = max(p[j][k], min(p[j][i], p[i][k]))
    return p


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 7).flatmap(
        lambda n: st.lists(
            st.lists(st.integers(0, 30), min_size=n, max_size=n), min_size=n, max_size=n
        )
    )
)
def test_strongest_paths_agree_with_the_loop(d: list[list[int]]) -> None:
    for i in range(len(d)):
        d[i][i] = 0
    assert strongest_paths(np.array(d, dtype=np.int64)).tolist() == reference_strongest_paths(d)


# --- properties --------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(ranked_ballots(), st.integers(0, 10_000))
def test_ballot_order_and_splitting_do_not_matter(drawn: Drawn, seed: int) -> None:
    names, ballots = drawn
    one = RankedProfile.from_rankings(names, ballots)
    other = RankedProfile.from_rankings(names, reorder_and_split(ballots, seed))
    for method in METHODS:
        assert method(one).to_dict() == method(other).to_dict()


@settings(max_examples=150, deadline=None)
@given(ranked_ballots())
def test_a_condorcet_winner_always_wins(drawn: Drawn) -> None:
    names, ballots = drawn
    d = reference_pairwise(names, ballots)
    n = len(names)
    winners = [a for a in range(n) if all(d[a][b] > d[b][a] for b in range(n) if b != a)]
    profile = RankedProfile.from_rankings(names, ballots)
    for method in METHODS:
        result = method(profile)
        if winners:
            assert result.winner == names[winners[0]]
        assert result.ranking is not None and sorted(result.ranking) == sorted(names)


@settings(max_examples=150, deadline=None)
@given(ranked_ballots())
def test_schulze_ranking_never_puts_a_beaten_candidate_first(drawn: Drawn) -> None:
    names, ballots = drawn
    p = strongest_paths(np.array(reference_pairwise(names, ballots), dtype=np.int64))
    result = schulze(RankedProfile.from_rankings(names, ballots))
    assert result.ranking is not None
    place = [names.index(c) for c in result.ranking]
    for hi, a in enumerate(place):
        for b in place[hi + 1 :]:
            assert not p[b, a] > p[a, b]


# --- oracles -----------------------------------------------------------------------


def _pv_winners(func: Any, names: tuple[str, ...], ballots: Ballots) -> set[str]:
    return {names[i] for i in func(pref_voting_profile(names, ballots))}


def _random_cases(label: str, count: int = 300) -> list[tuple[tuple[str, ...], Ballots]]:
    rnd = random.Random(label)
    out = []
    for _ in range(count):
        n = rnd.randint(2, 5)
        out.append((tuple("ABCDE"[:n]), random_complete(rnd, n, rnd.randint(1, 12))))
    return out


@pytest.mark.oracle
def test_schulze_winner_set_agrees_with_pref_voting_beat_path() -> None:
    # pref_voting's beat path measures links by margin; on complete ballots margins
    # and winning votes order links alike, so the sets of potential winners must be
    # equal. Truncated ballots are not compared (the measures differ there).
    from pref_voting.margin_based_methods import beat_path

    unique = 0
    for names, ballots in _random_cases("schulze"):
        theirs = _pv_winners(beat_path, names, ballots)
        d = np.array(reference_pairwise(names, ballots), dtype=np.int64)
        p = strongest_paths(d)
        ours = {c for i, c in enumerate(names) if (p[i] >= p[:, i]).all()}
        assert ours == theirs
        assert schulze(RankedProfile.from_rankings(names, ballots)).winner in theirs
        unique += len(theirs) == 1
    assert unique >= 150


@pytest.mark.oracle
def test_ranked_pairs_agrees_with_pref_voting() -> None:
    # pref_voting returns every candidate that wins under some order of the equal
    # margins; Sovet fixes one order by its tie policy, so its winner must be in
    # that set, and equal to it when the set has one member. (pref_voting's "basic"
    # algorithm tries every order and takes minutes here; "from_stacks" is its fast
    # equivalent.)
    from pref_voting.margin_based_methods import ranked_pairs as pv_ranked_pairs

    unique = 0
    for names, ballots in _random_cases("ranked-pairs"):
        theirs = _pv_winners(partial(pv_ranked_pairs, algorithm="from_stacks"), names, ballots)
        ours = ranked_pairs(RankedProfile.from_rankings(names, ballots)).winner
        assert ours in theirs
        unique += len(theirs) == 1
    assert unique >= 150


@pytest.mark.oracle
def test_copeland_agrees_with_pref_voting() -> None:
    # pref_voting scores wins minus losses, Sovet wins plus half the ties: the same
    # order, so the sets of top scorers must be equal.
    from pref_voting.c1_methods import copeland as pv_copeland

    unique = 0
    for names, ballots in _random_cases("copeland"):
        theirs = _pv_winners(pv_copeland, names, ballots)
        result = copeland(RankedProfile.from_rankings(names, ballots))
        assert result.scores is not None
        top = max(result.scores.values())
        assert {c for c, s in result.scores.items() if s == top} == theirs
        assert result.winner in theirs
        unique += len(theirs) == 1
    assert unique >= 100
