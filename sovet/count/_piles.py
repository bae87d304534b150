"""Ballot piles for transfer counts (IRV, STV by Gregory transfers), fast numpy path.

Each unique ballot has a pointer to its current preference and, once a surplus has
been transferred, a value. Values are kept as integers scaled by ``10**decimals``,
which is exact under a statute that truncates transfer values to that many decimal
places (Scottish rule 48(3): five). A transfer touches only the ballots of the
candidates being transferred from: their pointers advance to the next continuing
preference and the receiving tallies are summed with one ``bincount`` over those
ballots. Nothing is recounted from scratch after the first stage.

:class:`PileBackend` is the interface the counting rules use; the plain-Python
:class:`~sovet.count._reference_stv.ReferencePiles` implements the same interface
and the tests hold both to identical results.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

import numpy as np
import numpy.typing as npt

from sovet.count.profiles import RankedProfile

IntArray = npt.NDArray[np.int64]
_FLOAT_EXACT = 2**53  # float64 sums of integers are exact below this
_INT_SAFE = 2**62


@dataclass(frozen=True)
class Transfer:
    """What one transfer did: value credited per receiving candidate, value exhausted."""

    received: dict[int, Fraction]
    exhausted: Fraction


class PileBackend(Protocol):
    """Where the ballots sit during a count, and how they move."""

    valid_weight: int

    def first_preferences(self) -> dict[int, Fraction]:
        """Value held by every candidate at the first stage (zero included)."""
        ...

    def transfer(
        self,
        sources: Sequence[int],
        continuing: Collection[int],
        surplus: tuple[Fraction, Fraction] | None = None,
    ) -> Transfer:
        """Move every ballot held by ``sources`` to its next continuing preference.

        With ``surplus = (s, t)`` each ballot's value v becomes s·v/t truncated to the
        backend's decimals (weighted inclusive Gregory); otherwise values are kept.
        """
        ...


def truncate(value: Fraction, decimals: int) -> Fraction:
    """``value`` cut (not rounded) to ``decimals`` places, for a non-negative value."""
    scale = 10**decimals
    return Fraction(value.numerator * scale // value.denominator, scale)


def fits_fast_path(profile: RankedProfile, decimals: int) -> bool:
    """Whether scaled integer values of this profile stay far inside int64."""
    return profile.total_weight * int(10**decimals) < _INT_SAFE


def _sum_by(labels: npt.NDArray[np.int16], amounts: IntArray, n: int) -> IntArray:
    """Exact per-label sums of non-negative integer amounts."""
    if amounts.size == 0:
        return np.zeros(n, dtype=np.int64)
    if int(amounts.sum()) < _FLOAT_EXACT:
        sums = np.bincount(labels, weights=amounts, minlength=n)
        return np.rint(sums).astype(np.int64)
    out = np.zeros(n, dtype=np.int64)
    np.add.at(out, labels.astype(np.intp), amounts)
    return out


class FastPiles:
    """Numpy piles over the deduplicated ballots of a ranked profile."""

    def __init__(self, profile: RankedProfile, decimals: int = 0) -> None:
        self.n = profile.n_candidates
        self.scale = int(10**decimals)
        first = profile.ballots[:, 0] if profile.ballots.shape[1] else None
        keep = np.zeros(0, dtype=np.intp) if first is None else np.flatnonzero(first >= 0)
        whole = keep.size == profile.ballots.shape[0]  # no empty ballot: no copy needed
        self.ballots = profile.ballots if whole else profile.ballots[keep]
        self.weights: IntArray = profile.weights if whole else profile.weights[keep]
        self.valid_weight = int(self.weights.sum())
        self.width = self.ballots.shape[1]
        self.pos = np.zeros(keep.size, dtype=np.int16)
        self.cur = self.ballots[:, 0].copy() if keep.size else np.zeros(0, np.int16)
        self.value: IntArray | None = None  # per-ballot value; None while all are 1
        index_type = np.int32 if keep.size < 2**31 else np.int64
        self.piles: list[list[npt.NDArray[np.integer]]] = [[] for _ in range(self.n)]
        self._file(np.arange(keep.size, dtype=index_type))

    def first_preferences(self) -> dict[int, Fraction]:
        sums = _sum_by(self.cur, self.weights * self.scale, self.n)
        return {c: Fraction(int(sums[c]), self.scale) for c in range(self.n)}

    def transfer(
        self,
        sources: Sequence[int],
        continuing: Collection[int],
        surplus: tuple[Fraction, Fraction] | None = None,
    ) -> Transfer:
        idx = self._take(sources)
        if surplus is not None:
            self._revalue(idx, surplus)
        live_mask = np.zeros(self.n, dtype=bool)
        live_mask[list(continuing)] = True
        self._advance(idx, live_mask)
        cand = self.cur[idx]
        amounts = self._amounts(idx)
        gone = cand < 0
        exhausted = int(amounts[gone].sum())
        sums = _sum_by(cand[~gone], amounts[~gone], self.n)
        received = {int(c): Fraction(int(sums[c]), self.scale) for c in np.flatnonzero(live_mask)}
        self._file(idx[~gone])
        return Transfer(received, Fraction(exhausted, self.scale))

    # -- internals ---------------------------------------------------------------

    def _amounts(self, idx: npt.NDArray[np.integer]) -> IntArray:
        weights: IntArray = self.weights[idx]
        if self.value is None:
            return weights * self.scale
        values: IntArray = self.value[idx]
        return weights * values

    def _take(self, sources: Sequence[int]) -> npt.NDArray[np.integer]:
        chunks = [chunk for c in sources for chunk in self.piles[c]]
        for c in sources:
            self.piles[c] = []
        if not chunks:
            return np.zeros(0, dtype=np.int32)
        return np.concatenate(chunks)

    def _file(self, idx: npt.NDArray[np.integer]) -> None:
        """Add ballots to the piles of their current candidates."""
        if idx.size == 0:
            return
        cand = self.cur[idx]
        order = np.argsort(cand, kind="stable")
        counts = np.bincount(cand, minlength=self.n)
        for c, part in enumerate(np.split(idx[order], np.cumsum(counts)[:-1])):
            if part.size:
                self.piles[c].append(part)

    def _revalue(self, idx: npt.NDArray[np.integer], surplus: tuple[Fraction, Fraction]) -> None:
        """New value of each ballot: floor(s·v/t) on scaled integers, per distinct v."""
        s = surplus[0] * self.scale
        t = surplus[1] * self.scale
        if s.denominator != 1 or t.denominator != 1:
            raise ValueError("surplus and total must be whole multiples of the value unit")
        if self.value is None:
            self.value = np.full(self.ballots.shape[0], self.scale, dtype=np.int64)
        distinct, inverse = np.unique(self.value[idx], return_inverse=True)
        s_int, t_int = int(s), int(t)
        new = np.array([s_int * int(v) // t_int for v in distinct], dtype=np.int64)
        self.value[idx] = new[inverse.reshape(-1)]

    def _advance(self, idx: npt.NDArray[np.integer], live: npt.NDArray[np.bool_]) -> None:
        """Move pointers of ``idx`` to their next continuing preference (or -1)."""
        todo = idx
        while todo.size:
            self.pos[todo] += 1
            p = self.pos[todo]
            nxt = np.full(todo.size, -1, dtype=np.int16)
            inside = p < self.width
            nxt[inside] = self.ballots[todo[inside], p[inside]]
            self.cur[todo] = nxt
            skip = (nxt >= 0) & ~live[np.maximum(nxt, 0)]
            todo = todo[skip]


def open_piles(profile: RankedProfile, decimals: int, *, fast: bool) -> PileBackend:
    """The numpy piles when asked for and exact in int64, else the reference piles."""
    from sovet.count._reference_stv import ReferencePiles

    if fast and fits_fast_path(profile, decimals):
        return FastPiles(profile, decimals)
    return ReferencePiles(profile, decimals)
