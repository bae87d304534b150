"""Plain-Python ballot piles: the reference the numpy path is tested against.

The same interface as :class:`~sovet.count._piles.FastPiles`, written as the rules
read: each ballot is a list of candidates with a pointer and a :class:`Fraction`
value, a surplus transfer gives each ballot the value s·v/t truncated to the stated
number of decimals, and every sum is a sum of Fractions. Slow and obviously right.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from fractions import Fraction

from sovet.count._piles import Transfer, truncate
from sovet.count.profiles import RankedProfile


class ReferencePiles:
    """Ballots as Python lists, values as Fractions."""

    def __init__(self, profile: RankedProfile, decimals: int = 0) -> None:
        self.n = profile.n_candidates
        self.decimals = decimals
        self.rankings: list[list[int]] = []
        self.weights: list[int] = []
        for row, weight in zip(profile.ballots.tolist(), profile.weights.tolist(), strict=True):
            ranking = [int(c) for c in row if c >= 0]
            if ranking:
                self.rankings.append(ranking)
                self.weights.append(int(weight))
        self.valid_weight = sum(self.weights)
        self.pointer = [0] * len(self.rankings)
        self.value = [Fraction(1)] * len(self.rankings)
        self.piles: dict[int, list[int]] = {c: [] for c in range(self.n)}
        for b, ranking in enumerate(self.rankings):
            self.piles[ranking[0]].append(b)

    def first_preferences(self) -> dict[int, Fraction]:
        return {
            c: sum((self.weights[b] * self.value[b] for b in pile), Fraction(0))
            for c, pile in self.piles.items()
        }

    def transfer(
        self,
        sources: Sequence[int],
        continuing: Collection[int],
        surplus: tuple[Fraction, Fraction] | None = None,
    ) -> Transfer:
        live = set(continuing)
        moving = [b for c in sources for b in self.piles[c]]
        for c in sources:
            self.piles[c] = []
        received = {c: Fraction(0) for c in sorted(live)}
        exhausted = Fraction(0)
        for b in moving:
            if surplus is not None:
                self.value[b] = truncate(surplus[0] * self.value[b] / surplus[1], self.decimals)
            nxt = self._next(b, live)
            amount = self.weights[b] * self.value[b]
            if nxt is None:
                exhausted += amount
            else:
                received[nxt] += amount
                self.piles[nxt].append(b)
        return Transfer(received, exhausted)

    def _next(self, b: int, live: set[int]) -> int | None:
        ranking = self.rankings[b]
        p = self.pointer[b] + 1
        while p < len(ranking) and ranking[p] not in live:
            p += 1
        self.pointer[b] = p
        return ranking[p] if p < len(ranking) else None
