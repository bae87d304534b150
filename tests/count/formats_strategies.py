"""Hypothesis strategies shared by the ballot-format tests."""

from __future__ import annotations

from hypothesis import strategies as st

from sovet.count import RankedProfile

NAME_CHARS = st.characters(
    whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" .-'", max_codepoint=0x24F
)
names = (
    st.text(NAME_CHARS, min_size=1, max_size=12)
    .map(str.strip)
    .filter(
        lambda s: bool(s) and s.casefold() not in ("undervote", "overvote", "skipped", "weight")
    )
)


@st.composite
def profiles(draw: st.DrawFn, *, min_candidates: int = 1, max_candidates: int = 7) -> RankedProfile:
    """A profile of non-empty strict rankings with weights (no blank ballots)."""
    candidates = draw(
        st.lists(names, min_size=min_candidates, max_size=max_candidates, unique=True)
    )
    n = len(candidates)
    ballot = st.permutations(range(n)).flatmap(
        lambda order: st.integers(1, n).map(lambda k: tuple(candidates[i] for i in order[:k]))
    )
    rankings = draw(st.lists(st.tuples(ballot, st.integers(1, 50)), min_size=0, max_size=15))
    return RankedProfile.from_rankings(candidates, rankings)


def same(a: RankedProfile, b: RankedProfile) -> bool:
    """Same candidates in the same order and the same ballots with the same weights."""
    return a.candidates == b.candidates and sorted(a.rankings()) == sorted(b.rankings())
