"""Shared helpers for the tests of plurality, positional and Condorcet methods:
Hypothesis strategies for small ranked profiles, a pure-Python pairwise count, a
way to reorder and split ballots, and a translation to pref_voting's profiles."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

Ballots = list[tuple[tuple[str, ...], int]]
NAMES = tuple("ABCDEFGH")


@st.composite
def ranked_ballots(
    draw: st.DrawFn, *, max_candidates: int = 5, complete: bool = False, max_ballots: int = 12
) -> tuple[tuple[str, ...], Ballots]:
    """Candidates and weighted strict rankings (truncated unless ``complete``)."""
    n = draw(st.integers(1, max_candidates))
    names = NAMES[:n]
    count = draw(st.integers(1, max_ballots))
    ballots: Ballots = []
    for _ in range(count):
        order = draw(st.permutations(names))
        length = n if complete else draw(st.integers(1, n))
        ballots.append((tuple(order[:length]), draw(st.integers(1, 5))))
    return names, ballots


def reference_pairwise(candidates: Sequence[str], ballots: Ballots) -> list[list[int]]:
    """``m[a][b]``: weight ranking a above b; ranked above unranked; unranked pairs not counted."""
    index = {c: i for i, c in enumerate(candidates)}
    n = len(candidates)
    m = [[0] * n for _ in range(n)]
    for ranking, weight in ballots:
        ranked = [index[c] for c in ranking]
        unranked = [i for i in range(n) if i not in ranked]
        for pos, a in enumerate(ranked):
            for b in ranked[pos + 1 :] + unranked:
                m[a][b] += weight
    return m


def reorder_and_split(ballots: Ballots, seed: int) -> Ballots:
    """The same ballots shuffled, each of weight w > 1 split into two of weights k and w - k."""
    rnd = random.Random(seed)
    out: Ballots = []
    for ranking, weight in ballots:
        if weight > 1:
            k = rnd.randint(1, weight - 1)
            out += [(ranking, k), (ranking, weight - k)]
        else:
            out.append((ranking, weight))
    rnd.shuffle(out)
    return out


def random_complete(rnd: random.Random, n: int, voters: int) -> Ballots:
    """``voters`` complete random rankings over the first ``n`` names, weight 1 each."""
    names = list(NAMES[:n])
    out: Ballots = []
    for _ in range(voters):
        rnd.shuffle(names)
        out.append((tuple(names), 1))
    return out


def pref_voting_profile(candidates: Sequence[str], ballots: Ballots) -> Any:
    """The same complete ballots as a pref_voting ``Profile`` (candidates as indices)."""
    from pref_voting.profiles import Profile

    index = {c: i for i, c in enumerate(candidates)}
    return Profile(
        [[index[c] for c in ranking] for ranking, _ in ballots],
        rcounts=[w for _, w in ballots],
    )
