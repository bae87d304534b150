"""Random ranked profiles for the IRV and STV tests: Hypothesis strategies and seeded draws."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from sovet.count import RankedProfile, Result

NAMES = ("Ada", "Bea", "Cy", "Dov", "Eve", "Fay", "Gus")
Ballots = list[tuple[tuple[str, ...], int]]


@st.composite
def ballot_lists(
    draw: st.DrawFn, *, min_candidates: int = 2, max_candidates: int = 6, max_ballots: int = 14
) -> tuple[tuple[str, ...], Ballots]:
    """Candidates and truncated strict rankings with small weights (ties are common)."""
    n = draw(st.integers(min_candidates, max_candidates))
    names = NAMES[:n]
    ranking = st.permutations(names).flatmap(
        lambda perm: st.integers(1, len(perm)).map(lambda k: tuple(perm[:k]))
    )
    ballots = draw(
        st.lists(st.tuples(ranking, st.integers(1, 5)), min_size=1, max_size=max_ballots)
    )
    return names, ballots


def profile_of(names: tuple[str, ...], ballots: Ballots) -> RankedProfile:
    return RankedProfile.from_rankings(names, ballots)


def random_ballots(
    rng: np.random.Generator, n_candidates: int, n_voters: int, *, truncate: bool = True
) -> tuple[tuple[str, ...], Ballots]:
    """Plackett-Luce voters (popularities drawn from a flat Dirichlet), each ranking a
    random prefix of their order. Unequal popularities make exact ties rare."""
    names = NAMES[:n_candidates]
    log_pop = np.log(rng.dirichlet(np.ones(n_candidates)))
    out: Ballots = []
    for _ in range(n_voters):
        order = np.argsort(-(log_pop + rng.gumbel(size=n_candidates)))
        length = int(rng.integers(1, n_candidates + 1)) if truncate else n_candidates
        out.append((tuple(names[int(c)] for c in order[:length]), 1))
    return names, out


def had_ties(result: Result) -> bool:
    return bool(result.all_ties())


def check_round_books(result: Result, valid: int) -> None:
    """Tallies plus exhausted equal the valid votes, and transfers lead to the next round."""
    for now, nxt in zip(result.rounds, result.rounds[1:], strict=False):
        assert sum(now.tallies.values(), Fraction(0)) + now.exhausted == valid
        lost = -sum(now.transferred.values(), Fraction(0))
        assert nxt.exhausted == now.exhausted + lost
        for name, value in nxt.tallies.items():
            assert value == now.tallies[name] + now.transferred.get(name, Fraction(0))
    last = result.rounds[-1]
    assert sum(last.tallies.values(), Fraction(0)) + last.exhausted == valid
