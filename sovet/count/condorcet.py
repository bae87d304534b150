"""Condorcet methods over the pairwise matrix: Schulze, ranked pairs, Copeland.

All three read ``profile.pairwise_matrix()``: ``d[X, Y]`` is the weight of ballots
ranking X above Y, a ranked candidate counting above every unranked one and two
unranked candidates not compared. Each returns the winner, a full ranking and
per-candidate scores, and records the pairwise matrix as its first round (tallies
keyed ``"X>Y"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import groupby

import numpy as np
import numpy.typing as npt

from sovet.count._rank import default_ties, order_tie, select_by_scores
from sovet.count.plurality import check_seats, require_preferences
from sovet.count.profiles import IntArray, RankedProfile
from sovet.count.registry import BallotKind, Seats, register
from sovet.count.result import Result, Round, TieResolution
from sovet.count.ties import TieBreaker

BoolArray = npt.NDArray[np.bool_]


def pair_key(a: str, b: str) -> str:
    return f"{a}>{b}"


def matrix_tallies(names: Sequence[str], m: IntArray) -> dict[str, Fraction]:
    """A candidate-by-candidate matrix as round tallies keyed ``"X>Y"``."""
    return {
        pair_key(a, b): Fraction(int(m[i, j]))
        for i, a in enumerate(names)
        for j, b in enumerate(names)
        if i != j
    }


def pairwise_round(profile: RankedProfile, d: IntArray) -> Round:
    return Round(
        number=1,
        tallies=matrix_tallies(profile.candidates, d),
        note="pairwise support: d[X>Y] = weight of ballots ranking X above Y",
    )


def strongest_paths(d: IntArray) -> IntArray:
    """Schulze's strongest path strengths, links measured by winning votes.

    A link X→Y exists when ``d[X,Y] > d[Y,X]`` and has strength ``d[X,Y]``; a path
    is as strong as its weakest link; ``p[X,Y]`` is the strongest path's strength
    (0 when there is none). Floyd–Warshall widest paths, one vectorised step per
    intermediate candidate.
    """
    p = np.where(d > d.T, d, 0).astype(np.int64)
    for k in range(p.shape[0]):
        p = np.maximum(p, np.minimum(p[:, k : k + 1], p[k : k + 1, :]))
    np.fill_diagonal(p, 0)
    return p


def linear_order(
    names: Sequence[str], above: BoolArray, tb: TieBreaker
) -> tuple[tuple[str, ...], tuple[TieResolution, ...]]:
    """Extend the acyclic relation ``above[i, j]`` ("i goes above j") to a ranking.

    Repeatedly take the candidates no remaining candidate goes above. Several at the
    top of the whole order are a tie for the win, settled by ``tb``; several lower
    down only order the ranking and are listed in candidate order (recorded).
    """
    remaining = np.ones(len(names), dtype=bool)
    ranking: list[str] = []
    order_ties: list[TieResolution] = []
    while remaining.any():
        beaten = (above & remaining[:, None]).any(axis=0)
        group = [names[int(c)] for c in np.nonzero(remaining & ~beaten)[0]]
        if len(group) > 1 and not ranking:
            chosen = tb.pick(group, "winner", (), prefer_low=False)
        else:
            chosen = group[0]
            if len(group) > 1:
                order_ties.append(order_tie(group))
        ranking.append(chosen)
        remaining[names.index(chosen)] = False
    return tuple(ranking), tuple(tb.take()) + tuple(order_ties)


def _single(
    method: str,
    ranking: tuple[str, ...],
    rounds: Sequence[Round],
    scores: dict[str, Fraction],
    seed: int,
) -> Result:
    return Result(
        method=method,
        seats=1,
        elected=ranking[:1],
        rounds=tuple(rounds),
        ranking=ranking,
        scores=scores,
        seed=seed,
    )


@register(
    "schulze",
    name="Schulze method (beatpath)",
    ballot=BallotKind.RANKED,
    seats=Seats.ONE,
    source="M. Schulze, Social Choice and Welfare 36 (2011) 267-303",
)
def schulze(profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None) -> Result:
    """Schulze: the candidate whose strongest paths beat every rival's wins.

    Rule: M. Schulze, "A new monotonic, clone-independent, reversal symmetric, and
    Condorcet-consistent single-winner election method", *Social Choice and
    Welfare* 36 (2011) 267-303. A link X→Y exists when more ballots rank X above Y
    than Y above X, and its strength is measured by winning votes, ``d[X,Y]``; the
    strength ``p[X,Y]`` of the strongest path is found by Floyd–Warshall. X beats Y
    when ``p[X,Y] > p[Y,X]``; this relation is transitive (proved in the paper), and
    ``ranking`` is a linear order extending it. Known deviation: the paper lets
    equal winning votes be ordered further by fewer opposing votes; Sovet uses the
    winning votes alone, as in the paper's basic procedure. On complete ballots the
    measures by winning votes and by margins agree.

    Ties: several potential winners (``p[X,Y] >= p[Y,X]`` for all Y) are settled by
    the declared tie policy (default: forward, which no earlier round can separate,
    so lot with seed 0) and recorded; Schulze's own proposal is a random ballot.
    Lower in the ranking, incomparable candidates are listed in candidate order
    and recorded as such. ``scores``: how many rivals each candidate beats.
    """
    require_preferences(profile)
    check_seats(seats, profile.n_candidates, one=True)
    tb = default_ties(ties)
    d = profile.pairwise_matrix()
    p = strongest_paths(d)
    beats = p > p.T
    ranking, settled = linear_order(profile.candidates, beats, tb)
    scores = {c: Fraction(int(beats[i].sum())) for i, c in enumerate(profile.candidates)}
    rounds = [
        pairwise_round(profile, d),
        Round(
            number=2,
            tallies=matrix_tallies(profile.candidates, p),
            note="strongest paths p[X>Y] (links by winning votes)",
        ),
        Round(
            number=3,
            tallies=scores,
            elected=ranking[:1],
            ties=settled,
            note="rivals beaten: X beats Y when p[X>Y] > p[Y>X]",
        ),
    ]
    return _single("schulze", ranking, rounds, scores, tb.seed)


def _closure_with(reach: BoolArray, edges: Sequence[tuple[int, int]]) -> BoolArray:
    """Transitive closure of ``reach`` with ``edges`` added (Warshall, vectorised)."""
    r = reach.copy()
    for a, b in edges:
        r[a, b] = True
    for k in range(r.shape[0]):
        r |= r[:, k : k + 1] & r[k : k + 1, :]
    return r


def _lock(reach: BoolArray, a: int, b: int) -> None:
    """Add a→b to the transitive closure ``reach``: whoever reaches a (or is a) now
    reaches b and all b reaches."""
    src = reach[:, a].copy()
    src[a] = True
    dst = reach[b, :].copy()
    dst[b] = True
    reach |= src[:, None] & dst[None, :]


def _lock_order(
    names: Sequence[str], group: list[tuple[int, int]], reach: BoolArray, tb: TieBreaker
) -> list[tuple[int, int]]:
    """The order in which to try pairs of equal margin; the tie policy decides it when
    the order matters (some pair of the group would close a cycle)."""
    if len(group) == 1 or not _closure_with(reach, group).diagonal().any():
        return group
    labels = {pair_key(names[a], names[b]): (a, b) for a, b in group}
    return [labels[k] for k in tb.order(list(labels), "order")]


@register(
    "ranked-pairs",
    name="Ranked pairs (Tideman)",
    ballot=BallotKind.RANKED,
    seats=Seats.ONE,
    source="T. N. Tideman, Social Choice and Welfare 4 (1987) 185-206",
)
def ranked_pairs(
    profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None
) -> Result:
    """Ranked pairs: lock in majorities from the largest margin down, skipping any
    that would close a cycle; the candidate no locked pair beats wins.

    Rule: T. N. Tideman, "Independence of clones as a criterion for voting rules",
    *Social Choice and Welfare* 4 (1987) 185-206. Majorities are ranked by margin
    ``d[X,Y] - d[Y,X]``; each is locked in unless it would create a cycle with the
    pairs already locked. ``ranking`` is the order of the locked graph. Pairs with
    no majority (equal support) are never locked.

    Ties: majorities of equal margin are tried in an order set by the declared tie
    policy (default: forward, then lot with seed 0) — but only when their order
    changes what is locked, and every such order is recorded. Tideman uses a
    tie-breaking ranking of the candidates instead. Several unbeaten candidates are
    a tie for the win, settled by the same policy and recorded. ``scores``: how
    many candidates each one is locked above, directly or through others.
    """
    require_preferences(profile)
    check_seats(seats, profile.n_candidates, one=True)
    tb = default_ties(ties)
    names = profile.candidates
    d = profile.pairwise_matrix()
    n = len(names)
    majorities = sorted(
        ((int(d[a, b] - d[b, a]), a, b) for a in range(n) for b in range(n) if d[a, b] > d[b, a]),
        key=lambda t: -t[0],
    )
    reach = np.zeros((n, n), dtype=bool)
    locked: list[str] = []
    skipped: list[str] = []
    for _, grp in groupby(majorities, key=lambda t: t[0]):
        for a, b in _lock_order(names, [(a, b) for _, a, b in grp], reach, tb):
            if reach[b, a]:
                skipped.append(pair_key(names[a], names[b]))
                continue
            locked.append(pair_key(names[a], names[b]))
            _lock(reach, a, b)
    lock_ties = tb.take()
    ranking, settled = linear_order(names, reach, tb)
    scores = {c: Fraction(int(reach[i].sum())) for i, c in enumerate(names)}
    margins = {pair_key(names[a], names[b]): Fraction(m) for m, a, b in majorities}
    rounds = [
        pairwise_round(profile, d),
        Round(
            number=2,
            tallies=margins,
            ties=lock_ties,
            note="locked: "
            + (", ".join(locked) or "none")
            + "; skipped (would close a cycle): "
            + (", ".join(skipped) or "none"),
        ),
        Round(
            number=3,
            tallies=scores,
            elected=ranking[:1],
            ties=settled,
            note="candidates each is locked above",
        ),
    ]
    return _single("ranked-pairs", ranking, rounds, scores, tb.seed)


def copeland_scores(d: IntArray) -> list[Fraction]:
    """One point per pairwise win, a half per pairwise tie (Llull/Copeland scoring)."""
    wins = (d > d.T).sum(axis=1)
    level = (d == d.T).sum(axis=1) - 1  # the diagonal is always "level"
    return [Fraction(int(w)) + Fraction(int(t), 2) for w, t in zip(wins, level, strict=True)]


@register(
    "copeland",
    name="Copeland method",
    ballot=BallotKind.RANKED,
    seats=Seats.ONE,
    source="A. H. Copeland, 'A reasonable social welfare function' (1951)",
)
def copeland(profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None) -> Result:
    """Copeland: one point for each rival beaten head to head, a half for each tie.

    Rule: A. H. Copeland, "A 'reasonable' social welfare function", Seminar on
    Applications of Mathematics to the Social Sciences, University of Michigan,
    1951; the half point for a pairwise tie is the common convention (also Llull's).
    The most points wins; ``ranking`` orders all candidates by points and
    ``scores`` holds them. A Condorcet winner always wins.

    Ties: Copeland scores tie often. A tie for first is settled by the declared
    tie policy (default: forward, which no earlier round can separate, so lot with
    seed 0) and recorded; equal scores lower down are listed in candidate order.
    """
    require_preferences(profile)
    check_seats(seats, profile.n_candidates, one=True)
    tb = default_ties(ties)
    d = profile.pairwise_matrix()
    scores = dict(zip(profile.candidates, copeland_scores(d), strict=True))
    elected, ranking, settled = select_by_scores(profile.candidates, scores, 1, tb, ())
    rounds = [
        pairwise_round(profile, d),
        Round(number=2, tallies=scores, elected=elected, ties=settled, note="Copeland points"),
    ]
    return _single("copeland", ranking, rounds, scores, tb.seed)
