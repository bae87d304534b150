"""Instant-runoff voting (the alternative vote): one seat, the lowest excluded each round."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np

from sovet.count._piles import IntArray, PileBackend, open_piles
from sovet.count.errors import EmptyProfile, InvalidCount
from sovet.count.profiles import RankedProfile
from sovet.count.registry import BallotKind, Seats, register
from sovet.count.result import Result, Round
from sovet.count.ties import TieBreaker, TiePolicy

SOURCE = (
    "Minneapolis Code of Ordinances, Title 8.5, ch. 167 (ranked-choice voting): §167.20 "
    "definitions, §§167.60-167.70 tabulation; FairVote, 'How ranked choice voting works'"
)
VARIANT = (
    "majority of the continuing (non-exhausted) votes elects; otherwise the lowest "
    "candidate is excluded and each of their ballots passes to its next continuing "
    "preference"
)


@register(
    "irv",
    name="Instant-runoff voting",
    ballot=BallotKind.RANKED,
    seats=Seats.ONE,
    source=SOURCE,
)
def irv(
    profile: RankedProfile,
    seats: int = 1,
    *,
    ties: TieBreaker | None = None,
    batch_elimination: bool = False,
) -> Result:
    """Instant-runoff voting: exclude the lowest until someone holds a majority.

    Rule: each round counts every ballot for its highest-ranked continuing candidate.
    A candidate holding more than half of the votes of continuing (non-exhausted)
    ballots is elected. Otherwise the candidate with the fewest votes is excluded
    and each of their ballots passes to its next continuing preference; a ballot
    with none left is exhausted and no longer counts towards the majority. One
    candidate is excluded per round. When only one candidate remains, they are
    elected. Integer arithmetic throughout; no rounding arises.

    Source: Minneapolis Code of Ordinances, Title 8.5, ch. 167 (§167.20 definitions,
    §§167.60-167.70 tabulation); FairVote's description of instant runoff.

    Ties for exclusion are settled by ``ties`` (default: forward, the candidate lower
    at the earliest round where the tied differed, then lot with seed 0), and
    recorded in the round.

    ``batch_elimination=True`` applies Minneapolis' batch elimination of candidates
    "mathematically impossible to be elected" (§167.20): exclude together the largest
    set of lowest candidates whose combined votes are fewer than the next-lowest
    candidate's votes, when that set has two or more members. The winner is the
    same; the rounds are fewer.

    Ballots ranking no candidate are not valid votes and are not counted. Each
    round's ``exhausted`` is the weight of exhausted ballots going into the round.
    """
    return _count(profile, seats, ties, batch_elimination, fast=True)


def irv_reference(
    profile: RankedProfile,
    seats: int = 1,
    *,
    ties: TieBreaker | None = None,
    batch_elimination: bool = False,
) -> Result:
    """The same count on plain-Python piles (the reference for the numpy path)."""
    return _count(profile, seats, ties, batch_elimination, fast=False)


def first_preference_totals(profile: RankedProfile) -> IntArray:
    """Weight of first preferences per candidate index (a bare numpy tally)."""
    ballots = profile.ballots
    if ballots.shape[0] == 0 or ballots.shape[1] == 0:
        return np.zeros(profile.n_candidates, dtype=np.int64)
    first = ballots[:, 0]
    ok = first >= 0
    sums = np.bincount(first[ok], weights=profile.weights[ok], minlength=profile.n_candidates)
    return np.rint(sums).astype(np.int64)


def _count(
    profile: RankedProfile,
    seats: int,
    ties: TieBreaker | None,
    batch: bool,
    *,
    fast: bool,
) -> Result:
    if seats != 1:
        raise InvalidCount(f"instant-runoff voting fills one seat, not {seats}")
    piles = open_piles(profile, 0, fast=fast)
    if piles.valid_weight == 0:
        raise EmptyProfile("the profile has no ballot ranking any candidate")
    tb = ties if ties is not None else TieBreaker(TiePolicy.FORWARD)
    rounds = _run(piles, profile.candidates, tb, batch)
    return Result(
        method="irv",
        seats=1,
        elected=rounds[-1].elected,
        rounds=tuple(rounds),
        seed=tb.seed,
        notes=(VARIANT + (" (batch elimination)" if batch else ""),),
    )


def _run(piles: PileBackend, names: Sequence[str], tb: TieBreaker, batch: bool) -> list[Round]:
    tallies = piles.first_preferences()
    continuing = list(range(len(names)))
    rounds: list[Round] = []
    while True:
        number = len(rounds) + 1
        now = {names[c]: tallies[c] for c in continuing}
        active = sum(now.values(), Fraction(0))
        exhausted = piles.valid_weight - active
        leader = max(continuing, key=lambda c: tallies[c])
        if len(continuing) == 1 or 2 * tallies[leader] > active:
            why = "the last continuing candidate" if len(continuing) == 1 else "a majority"
            note = f"{names[leader]} holds {why} ({tallies[leader]} of {active})"
            rounds.append(
                Round(
                    number,
                    now,
                    elected=(names[leader],),
                    exhausted=exhausted,
                    ties=tb.take(),
                    note=note,
                )
            )
            return rounds
        history = [r.tallies for r in rounds] + [now]
        out = _exclusions(continuing, tallies, names, tb, history, batch=batch)
        continuing = [c for c in continuing if c not in out]
        moved = piles.transfer(out, continuing)
        transferred = {names[x]: -tallies[x] for x in out}
        transferred.update({names[c]: v for c, v in moved.received.items() if v})
        excluded = tuple(names[x] for x in out)
        note = f"no majority ({tallies[leader]} of {active}); excluded {', '.join(excluded)}"
        rounds.append(
            Round(
                number,
                now,
                excluded=excluded,
                transferred=transferred,
                exhausted=exhausted,
                ties=tb.take(),
                note=note,
            )
        )
        for x in out:
            del tallies[x]
        for c, v in moved.received.items():
            tallies[c] += v


def _exclusions(
    continuing: Sequence[int],
    tallies: Mapping[int, Fraction],
    names: Sequence[str],
    tb: TieBreaker,
    history: Sequence[Mapping[str, Fraction]],
    *,
    batch: bool,
) -> list[int]:
    """The candidate(s) to exclude this round, lowest first."""
    order = sorted(continuing, key=lambda c: (tallies[c], c))
    if batch:
        size = _batch_size(order, tallies)
        if size >= 2:
            return order[:size]
    low = tallies[order[0]]
    tied = [names[c] for c in order if tallies[c] == low]
    if len(tied) == 1:
        return [order[0]]
    chosen = tb.pick(tied, "exclude", history, prefer_low=True)
    return [names.index(chosen)]


def _batch_size(order: Sequence[int], tallies: Mapping[int, Fraction]) -> int:
    """Largest j with the j lowest together below the (j+1)-th lowest."""
    running = Fraction(0)
    best = 0
    for j in range(len(order) - 1):
        running += tallies[order[j]]
        if running < tallies[order[j + 1]]:
            best = j + 1
    return best
