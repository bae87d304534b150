"""STV by Meek's method: keep factors iterated to convergence, exact Fractions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from sovet.count._meek_groups import (
    ELECTED,
    EXCLUDED,
    HOPEFUL,
    Group,
    all_ballots,
    condensed,
)
from sovet.count.errors import EmptyProfile, InvalidCount
from sovet.count.profiles import RankedProfile
from sovet.count.registry import BallotKind, Seats, register
from sovet.count.result import Result, Round
from sovet.count.ties import TieBreaker, TiePolicy

TOLERANCE = Fraction(1, 10**5)  # total surplus below which iteration stops (HWW 1987)
KEEP_DECIMALS = 9  # keep factors rounded up to 9 places (NZ Schedule 1A)
SOURCE = (
    "B. L. Meek, 'Une nouvelle approche du scrutin transférable' (1969/1970); I. D. Hill, "
    "B. A. Wichmann, D. R. Woodall, 'Algorithm 123: Single transferable vote by Meek's "
    "method', Computer Journal 30 (1987); keep-factor rounding of the Local Electoral "
    "Regulations 2001 (NZ), Schedule 1A"
)
Grouper = Callable[[npt.NDArray[np.int8]], list[Group]]


@register(
    "stv-meek",
    name="STV (Meek's method)",
    ballot=BallotKind.RANKED,
    seats=Seats.MANY,
    source=SOURCE,
)
def stv_meek(profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None) -> Result:
    """Single transferable vote by Meek's method, in exact arithmetic.

    Sources: B. L. Meek (1969, English translation 1970); the algorithm of Hill,
    Wichmann and Woodall, "Algorithm 123 - Single transferable vote by Meek's
    method", Computer Journal 30(3), 1987; keep-factor rounding as in New Zealand's
    Local Electoral Regulations 2001, Schedule 1A.

    Every candidate has a keep factor: 1 while hopeful, 0 once excluded, and for an
    elected candidate the share of each vote reaching them that they keep. A
    ballot's value flows down its ranking: each candidate keeps (value reaching
    them) × (keep factor) and passes the rest on; what passes the last preference is
    non-transferable ("excess").

    - Quota: (valid votes − excess) / (seats + 1), recomputed at every iteration, as
      an exact Fraction with no added increment; a hopeful candidate is elected when
      their votes strictly exceed it (the exact counterpart of HWW's quota plus
      0.000000001 with "reaches").
    - Iteration: each elected candidate's keep factor becomes keep × quota / votes,
      rounded up to 9 decimal places (NZ Schedule 1A's rounding, applied exactly on
      Fractions); votes are otherwise exact. Iteration stops when a hopeful candidate
      is elected, when the total surplus of the elected falls below 0.00001 (HWW),
      or when it no longer decreases (a stable state reached through the rounding).
    - Exclusion: after a stop with no one elected, the hopeful candidate with the
      fewest votes is excluded (keep factor 0). Ties are settled by ``ties``
      (default: forward, as New Zealand's ahead-at-first-difference rule, then lot
      with seed 0) and recorded.
    - When the elected and hopeful together are no more than the seats, the hopeful
      are elected.

    One round is recorded per election or exclusion, with the converged votes as
    ``tallies``, the elected candidates' keep factors as ``transfer_values``, the
    excess as ``exhausted`` and the quota and iteration count in ``note``.

    Known deviations from NZ Schedule 1A: votes are not rounded at each
    multiplication (clause 10 rounds each product up), the quota is not truncated
    and has no +0.000000001, the surplus tolerance is HWW's 0.00001 rather than
    0.0001, there is no early exclusion of a candidate whose votes plus the total
    surplus are below the next-lowest, and lot uses Sovet's seeded draw rather than
    the Schedule's pseudo-random numbers.

    Computed in exact Python arithmetic on the ballots condensed (with numpy) to
    their distinct relevant prefixes; this is exact, not an approximation.
    """
    return _count(profile, seats, ties, lambda st: condensed(profile, st))


def stv_meek_reference(
    profile: RankedProfile, seats: int = 1, *, ties: TieBreaker | None = None
) -> Result:
    """The same count over every unique ballot, without condensing (the reference)."""
    ballots = all_ballots(profile)
    return _count(profile, seats, ties, lambda _st: ballots)


def round_up(value: Fraction, decimals: int = KEEP_DECIMALS) -> Fraction:
    """``value`` rounded up to ``decimals`` places."""
    scale = 10**decimals
    return Fraction(-((-value.numerator * scale) // value.denominator), scale)


def distribute(groups: Sequence[Group], keep: Sequence[Fraction]) -> list[Fraction]:
    """Votes per candidate under the given keep factors (what is left over is excess)."""
    votes = [Fraction(0)] * len(keep)
    for ranking, weight in groups:
        left = Fraction(weight)
        for c in ranking:
            k = keep[c]
            if not k:
                continue
            share = left * k
            votes[c] += share
            left -= share
            if not left:
                break
    return votes


def _count(profile: RankedProfile, seats: int, ties: TieBreaker | None, grouper: Grouper) -> Result:
    if not 1 <= seats <= profile.n_candidates:
        raise InvalidCount(f"cannot fill {seats} seats from {profile.n_candidates} candidates")
    valid = _valid_weight(profile)
    if valid == 0:
        raise EmptyProfile("the profile has no ballot ranking any candidate")
    tb = ties if ties is not None else TieBreaker(TiePolicy.FORWARD)
    count = _Meek(profile.candidates, seats, valid, tb, grouper)
    count.run()
    return Result(
        method="stv-meek",
        seats=seats,
        elected=tuple(profile.candidates[c] for c in count.elected),
        rounds=tuple(count.rounds),
        quota=count.quota,
        seed=tb.seed,
        notes=(
            "quota = (valid − excess) / (seats + 1), elected when exceeded; keep factors "
            f"rounded up to {KEEP_DECIMALS} places; total surplus tolerance {TOLERANCE}",
        ),
    )


def _valid_weight(profile: RankedProfile) -> int:
    if profile.ballots.size == 0:
        return 0
    return int(profile.weights[profile.ballots[:, 0] >= 0].sum())


class _Meek:
    def __init__(
        self, names: Sequence[str], seats: int, valid: int, tb: TieBreaker, grouper: Grouper
    ) -> None:
        self.names, self.seats, self.valid, self.tb = names, seats, valid, tb
        self.grouper = grouper
        self.status = np.full(len(names), HOPEFUL, dtype=np.int8)
        self.keep = [Fraction(1)] * len(names)
        self.elected: list[int] = []
        self.rounds: list[Round] = []
        self.quota = Fraction(valid, seats + 1)

    @property
    def hopeful(self) -> list[int]:
        return [int(c) for c in np.flatnonzero(self.status == HOPEFUL)]

    def run(self) -> None:
        while len(self.elected) < self.seats:
            groups = self.grouper(self.status)
            if len(self.elected) + len(self.hopeful) <= self.seats:
                self._elect_rest(groups)
                return
            votes, excess, newly, steps = self._iterate(groups)
            if newly:
                self._elect(
                    newly, votes, excess, f"elected on exceeding the quota; {steps} iterations"
                )
            else:
                self._exclude(votes, excess, steps)

    def _iterate(self, groups: Sequence[Group]) -> tuple[list[Fraction], Fraction, list[int], int]:
        """Iterate keep factors until an election, convergence or a stable state."""
        last: Fraction | None = None
        steps = 0
        while True:
            steps += 1
            votes = distribute(groups, self.keep)
            excess = self.valid - sum(votes, Fraction(0))
            self.quota = (self.valid - excess) / (self.seats + 1)
            newly = [c for c in self.hopeful if votes[c] > self.quota]
            surplus = sum((votes[e] - self.quota for e in self.elected), Fraction(0))
            if newly or surplus < TOLERANCE or (last is not None and surplus >= last):
                newly.sort(key=lambda c: (-votes[c], c))
                # never more than the seats left (only conceivable if the elected sit
                # below the quota by rounding)
                return votes, excess, newly[: self.seats - len(self.elected)], steps
            last = surplus
            for e in self.elected:
                if votes[e]:
                    self.keep[e] = round_up(self.keep[e] * self.quota / votes[e])

    def _elect(self, newly: list[int], votes: list[Fraction], excess: Fraction, why: str) -> None:
        for c in newly:
            self.status[c] = ELECTED
            self.elected.append(c)
        self._record(votes, excess, elected=newly, note=why)

    def _exclude(self, votes: list[Fraction], excess: Fraction, steps: int) -> None:
        hopeful = self.hopeful
        low = min(votes[c] for c in hopeful)
        tied = [self.names[c] for c in hopeful if votes[c] == low]
        history = [r.tallies for r in self.rounds] + [self._tallies(votes)]
        out = self.names.index(self.tb.pick(tied, "exclude", history, prefer_low=True))
        self._record(votes, excess, excluded=[out], note=f"lowest excluded; {steps} iterations")
        self.status[out] = EXCLUDED
        self.keep[out] = Fraction(0)

    def _elect_rest(self, groups: Sequence[Group]) -> None:
        votes = distribute(groups, self.keep)
        excess = self.valid - sum(votes, Fraction(0))
        rest = sorted(self.hopeful, key=lambda c: (-votes[c], c))
        self._elect(rest, votes, excess, "the hopeful candidates fill the last vacancies")

    def _tallies(self, votes: Sequence[Fraction]) -> dict[str, Fraction]:
        return {self.names[c]: votes[c] for c in range(len(votes)) if self.status[c] != EXCLUDED}

    def _record(
        self,
        votes: list[Fraction],
        excess: Fraction,
        *,
        elected: Sequence[int] = (),
        excluded: Sequence[int] = (),
        note: str,
    ) -> None:
        self.rounds.append(
            Round(
                number=len(self.rounds) + 1,
                tallies=self._tallies(votes),
                elected=tuple(self.names[c] for c in elected),
                excluded=tuple(self.names[c] for c in excluded),
                transfer_values={self.names[e]: self.keep[e] for e in self.elected},
                exhausted=excess,
                ties=self.tb.take(),
                note=f"quota {self.quota}; {note}",
            )
        )
