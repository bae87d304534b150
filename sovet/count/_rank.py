"""Turning per-candidate scores into elected candidates and a ranking.

Shared by the score-based methods (plurality, block plurality, approval, Borda,
Copeland). A tie is settled by the declared :class:`~sovet.count.ties.TieBreaker`
only where it decides something: who wins, or who is inside the last seats. A tie
that only orders the ranking (equal scores that are all elected, or all not) is
listed in candidate order and recorded with the rule ``candidate-order``, so a
reader can see that the order there means nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import groupby

from sovet.count.result import TieResolution
from sovet.count.ties import TieBreaker, TiePolicy


def default_ties(ties: TieBreaker | None) -> TieBreaker:
    """The tie-breaker to use: the one given, else forward falling back to lot, seed 0."""
    return ties if ties is not None else TieBreaker(TiePolicy.FORWARD, seed=0)


def order_tie(group: Sequence[str]) -> TieResolution:
    """Record that ``group`` (tied, deciding nothing) is listed in candidate order."""
    return TieResolution(
        among=tuple(group), purpose="order", rule="candidate-order", chosen=group[0]
    )


def select_by_scores(
    candidates: Sequence[str],
    scores: Mapping[str, Fraction],
    seats: int,
    tb: TieBreaker,
    history: Sequence[Mapping[str, Fraction]] = (),
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[TieResolution, ...]]:
    """Elect the ``seats`` highest scores; return (elected, ranking, ties settled).

    Candidates are ranked by score, highest first. A group of equal scores that
    straddles the last seat is settled by ``tb`` (purpose ``winner`` for one seat,
    ``elect`` otherwise); the tie-breaker's own decisions are taken from it.
    """
    ordered = sorted(candidates, key=lambda c: -scores[c])  # stable: candidate order
    ranking: list[str] = []
    order_ties: list[TieResolution] = []
    purpose = "winner" if seats == 1 else "elect"
    for _, grp in groupby(ordered, key=lambda c: scores[c]):
        group = list(grp)
        start = len(ranking)
        if len(group) > 1 and start < seats < start + len(group):
            chosen: list[str] = []
            rest = list(group)
            while start + len(chosen) < seats:
                pick = tb.pick(rest, purpose, history, prefer_low=False)
                chosen.append(pick)
                rest.remove(pick)
            ranking.extend(chosen)
            group = rest
        elif len(group) > 1:
            order_ties.append(order_tie(group))
        if len(group) > 1 and len(ranking) > start:
            order_ties.append(order_tie(group))
        ranking.extend(group)
    return tuple(ranking[:seats]), tuple(ranking), tuple(tb.take()) + tuple(order_ties)


def fractions(values: Sequence[int], candidates: Sequence[str]) -> dict[str, Fraction]:
    """Pair integer totals with candidate names as exact numbers."""
    return {c: Fraction(int(v)) for c, v in zip(candidates, values, strict=True)}
