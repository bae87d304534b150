"""Plurality, block plurality and approval: each ballot gives points, the most win."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from sovet.count._rank import default_ties, fractions, select_by_scores
from sovet.count.errors import EmptyProfile, InvalidCount
from sovet.count.profiles import ApprovalProfile, IntArray, RankedProfile
from sovet.count.registry import BallotKind, Seats, register
from sovet.count.result import Result, Round
from sovet.count.ties import TieBreaker


def check_seats(seats: int, n_candidates: int, *, one: bool = False) -> None:
    """Refuse a seat count the method cannot fill."""
    if one and seats != 1:
        raise InvalidCount(f"this method fills exactly one seat, not {seats}")
    if seats < 1:
        raise InvalidCount(f"seats must be at least 1, not {seats}")
    if seats > n_candidates:
        raise InvalidCount(f"{seats} seats but only {n_candidates} candidates")


def require_preferences(profile: RankedProfile) -> None:
    """Refuse a profile with no ballots, or whose every ballot ranks nobody."""
    profile.require_ballots()
    if profile.ballots.size == 0 or not bool((profile.ballots[:, 0] >= 0).any()):
        raise EmptyProfile("no ballot ranks any candidate")


def top_k_counts(profile: RankedProfile, k: int) -> IntArray:
    """Weight of ballots naming each candidate among their first ``k`` preferences."""
    counts = np.zeros(profile.n_candidates, dtype=np.int64)
    for col in range(min(k, profile.ballots.shape[1])):
        named = profile.ballots[:, col]
        mask = named >= 0
        np.add.at(counts, named[mask].astype(np.intp), profile.weights[mask])
    return counts


def blank_weight(profile: RankedProfile) -> int:
    """Weight of ballots that rank nobody (empty ballots)."""
    if profile.ballots.size == 0:
        return profile.total_weight
    return int(profile.weights[profile.ballots[:, 0] < 0].sum())


def _score_result(
    method: str,
    candidates: tuple[str, ...],
    counts: IntArray,
    seats: int,
    ties: TieBreaker | None,
    *,
    blank: int,
    note: str,
) -> Result:
    tb = default_ties(ties)
    scores = fractions(list(counts), candidates)
    elected, ranking, settled = select_by_scores(candidates, scores, seats, tb, [scores])
    rnd = Round(
        number=1,
        tallies=scores,
        elected=elected,
        exhausted=Fraction(blank),
        ties=settled,
        note=note,
    )
    return Result(
        method=method,
        seats=seats,
        elected=elected,
        rounds=(rnd,),
        ranking=ranking,
        scores=scores,
        seed=tb.seed,
    )


@register(
    "plurality",
    name="Plurality (first past the post)",
    ballot=BallotKind.RANKED,
    seats=Seats.ONE,
    source="G. W. Cox, Making Votes Count (1997): simple plurality",
)
def plurality(profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None) -> Result:
    """The candidate named first on the most ballots wins.

    Rule: each ballot gives one vote (its weight) to its first preference; the
    candidate with the most first preferences is elected, whether or not that is a
    majority (G. W. Cox, *Making Votes Count*, 1997: "simple plurality").
    Later preferences are ignored; ballots ranking nobody are blank and are recorded
    as exhausted weight. A tie for first is settled by the declared tie policy
    (default: forward, which no earlier round can separate, so lot with seed 0),
    and recorded. ``ranking`` lists all candidates by first preferences.
    """
    require_preferences(profile)
    check_seats(seats, profile.n_candidates, one=True)
    counts = top_k_counts(profile, 1)
    return _score_result(
        "plurality",
        profile.candidates,
        counts,
        1,
        ties,
        blank=blank_weight(profile),
        note="first preferences",
    )


@register(
    "block-plurality",
    name="Block plurality (block vote)",
    ballot=BallotKind.RANKED,
    seats=Seats.MANY,
    source="D. M. Farrell, Electoral Systems (2nd ed. 2011): the block vote",
)
def block_plurality(
    profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None
) -> Result:
    """Each ballot gives one vote to each of its first ``seats`` preferences; the top ``seats`` win.

    Rule: the block vote (D. M. Farrell, *Electoral Systems*, 2nd ed. 2011),
    in which a voter has as many votes as there are seats and may give each
    candidate at most one. Sovet reads a ranked ballot as marking its first
    ``seats`` preferences, one vote each; the order among them does not matter, and
    a ballot ranking fewer candidates uses fewer votes. With one seat this is
    plurality. A tie for the last seat is settled by the declared tie policy
    (default: forward, then lot with seed 0) and recorded.
    """
    require_preferences(profile)
    check_seats(seats, profile.n_candidates)
    counts = top_k_counts(profile, seats)
    return _score_result(
        "block-plurality",
        profile.candidates,
        counts,
        seats,
        ties,
        blank=blank_weight(profile),
        note=f"votes for each candidate among the first {seats} preferences",
    )


@register(
    "approval",
    name="Approval voting",
    ballot=BallotKind.APPROVAL,
    seats=Seats.MANY,
    source="Brams & Fishburn, 'Approval voting', APSR 72(3) (1978) 831-847",
)
def approval(profile: ApprovalProfile, seats: int = 1, *, ties: TieBreaker | None = None) -> Result:
    """Each ballot approves any number of candidates; the ``seats`` most approved win.

    Rule: approval voting (S. J. Brams and P. C. Fishburn, "Approval voting",
    *American Political Science Review* 72(3), 1978, 831-847); with several seats,
    the candidates with the ``seats`` highest approval totals (multi-winner
    approval, "block approval"). Ballots approving nobody are recorded as exhausted
    weight. A tie for the last seat is settled by the declared tie policy (default:
    forward, then lot with seed 0) and recorded.
    """
    profile.require_ballots()
    check_seats(seats, len(profile.candidates))
    counts = profile.approval_totals()
    if not bool(counts.any()):
        raise EmptyProfile("no ballot approves any candidate")
    blank = int(profile.weights[~profile.approvals.any(axis=1)].sum())
    return _score_result(
        "approval",
        profile.candidates,
        counts,
        seats,
        ties,
        blank=blank,
        note="approvals",
    )
