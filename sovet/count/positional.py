"""Positional (scoring) methods: points by rank on each ballot."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from sovet.count._rank import default_ties, fractions, select_by_scores
from sovet.count.plurality import blank_weight, check_seats, require_preferences
from sovet.count.profiles import IntArray, RankedProfile
from sovet.count.registry import BallotKind, Seats, register
from sovet.count.result import Result, Round
from sovet.count.ties import TieBreaker


def borda_scores(profile: RankedProfile) -> IntArray:
    """Truncated Borda points: ``n - 1 - i`` for the candidate in place ``i``, 0 if unranked."""
    n = profile.n_candidates
    scores = np.zeros(n, dtype=np.int64)
    for col in range(profile.ballots.shape[1]):
        named = profile.ballots[:, col]
        mask = named >= 0
        np.add.at(scores, named[mask].astype(np.intp), profile.weights[mask] * (n - 1 - col))
    return scores


@register(
    "borda",
    name="Borda count",
    ballot=BallotKind.RANKED,
    seats=Seats.ONE,
    source="J.-C. de Borda, 'Mémoire sur les élections au scrutin' (1781/1784)",
)
def borda(profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None) -> Result:
    """Each ballot gives n-1 points to its first preference, n-2 to its second, ... 0 to the last.

    Rule: the Borda count (J.-C. de Borda, "Mémoire sur les élections au
    scrutin", Histoire de l'Académie royale des sciences, 1781, published 1784),
    with ``n`` the number of candidates. The candidate with the most points wins;
    ``ranking`` orders all candidates by points.

    Truncated ballots ("optional preferential, truncated Borda"): a candidate in
    place ``i`` (0 = first) gets ``n - 1 - i`` points whatever the ballot's length,
    and candidates the ballot leaves unranked get nothing. A ballot ranking only A
    thus gives A ``n - 1`` points, as a complete ballot would. Known alternatives,
    not applied: giving the unranked candidates an equal share of the points left
    over (the "averaged" rule), or scoring each ballot from its own length
    (Dowdall/modified Borda). On complete ballots all agree.

    A tie for first is settled by the declared tie policy (default: forward, which
    no earlier round can separate, so lot with seed 0) and recorded.
    """
    require_preferences(profile)
    check_seats(seats, profile.n_candidates, one=True)
    tb = default_ties(ties)
    scores = fractions(list(borda_scores(profile)), profile.candidates)
    elected, ranking, settled = select_by_scores(profile.candidates, scores, 1, tb, [scores])
    rnd = Round(
        number=1,
        tallies=scores,
        elected=elected,
        exhausted=Fraction(blank_weight(profile)),
        ties=settled,
        note=f"Borda points: {profile.n_candidates - 1} for a first preference down to 0; "
        "unranked candidates get 0",
    )
    return Result(
        method="borda",
        seats=1,
        elected=elected,
        rounds=(rnd,),
        ranking=ranking,
        scores=scores,
        seed=tb.seed,
    )
