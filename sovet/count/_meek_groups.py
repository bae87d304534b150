"""Ballot groups for Meek's method: the exact profile, or the numpy-condensed one.

Under Meek's method a ballot's value flows down its ranking: an excluded candidate
passes it all on, an elected one keeps the share given by their keep factor, and
the first hopeful candidate keeps everything that reaches them. Two ballots that
agree on their elected candidates before the first hopeful one, and on that
hopeful, therefore give every candidate exactly the same votes. Between two
changes of candidate status the count can run on one weighted group per such
prefix instead of one per ballot; because the votes are sums of Fractions, the
grouped count is identical to the ungrouped one, only faster.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from sovet.count.profiles import RankedProfile

HOPEFUL, ELECTED, EXCLUDED = 0, 1, 2
Group = tuple[tuple[int, ...], int]
_CHUNK = 1 << 20


def all_ballots(profile: RankedProfile) -> list[Group]:
    """Every unique non-empty ballot with its weight (the reference, ungrouped)."""
    out: list[Group] = []
    for row, weight in zip(profile.ballots.tolist(), profile.weights.tolist(), strict=True):
        ranking = tuple(int(c) for c in row if c >= 0)
        if ranking and weight:
            out.append((ranking, int(weight)))
    return out


def condensed(profile: RankedProfile, status: npt.NDArray[np.int8]) -> list[Group]:
    """Ballots cut after their first hopeful candidate, excluded ones dropped, merged.

    Ballots left with no candidate at all are dropped: their whole value is
    non-transferable, which the count derives from the valid total.
    """
    keys: list[npt.NDArray[np.int16]] = []
    sums: list[npt.NDArray[np.int64]] = []
    for start in range(0, profile.ballots.shape[0], _CHUNK):
        rows = profile.ballots[start : start + _CHUNK]
        key = _prefix_keys(rows, status)
        k, s = _merge(key, profile.weights[start : start + _CHUNK])
        keys.append(k)
        sums.append(s)
    if not keys:
        return []
    width = max(k.shape[1] for k in keys)
    padded = [np.pad(k, ((0, 0), (0, width - k.shape[1])), constant_values=-1) for k in keys]
    key, weight = _merge(np.concatenate(padded), np.concatenate(sums))
    out: list[Group] = []
    for row, w in zip(key.tolist(), weight.tolist(), strict=True):
        ranking = tuple(c for c in row if c >= 0)
        if ranking:
            out.append((ranking, int(w)))
    return out


def _prefix_keys(
    rows: npt.NDArray[np.int16], status: npt.NDArray[np.int8]
) -> npt.NDArray[np.int16]:
    """Each row reduced to its elected candidates before the first hopeful, and that hopeful.

    Walks the columns while some row is still open, so a round costs the length of
    the prefixes actually read, not the full width of every ballot.
    """
    n = rows.shape[0]
    key = np.full((n, int((status == ELECTED).sum()) + 1), -1, dtype=np.int16)
    filled = np.zeros(n, dtype=np.intp)
    open_rows = np.arange(n)
    for j in range(rows.shape[1]):
        if open_rows.size == 0:
            break
        cand = rows[open_rows, j]
        state = np.where(cand >= 0, status[np.maximum(cand, 0)], EXCLUDED)
        counts = state != EXCLUDED
        hit = open_rows[counts]
        key[hit, filled[hit]] = cand[counts]
        filled[hit] += 1
        open_rows = open_rows[(cand >= 0) & (state != HOPEFUL)]
    used = int(filled.max()) if n else 0
    return np.ascontiguousarray(key[:, : max(used, 1)])


def _merge(
    key: npt.NDArray[np.int16], weights: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.int64]]:
    """Unique rows of ``key`` with summed weights (exact integer sums)."""
    if key.shape[0] == 0:
        return key, weights
    base = int(max(int(key.max()), 0)) + 2
    if base ** key.shape[1] < 2**62:
        code = np.zeros(key.shape[0], dtype=np.int64)
        for j in range(key.shape[1]):
            code = code * base + (key[:, j].astype(np.int64) + 1)
        _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
        unique = key[first]
    else:
        unique, inverse = np.unique(key, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    if int(weights.sum()) < 2**53:  # float64 sums of integers stay exact
        sums = np.bincount(inverse, weights=weights, minlength=unique.shape[0])
        return unique, np.rint(sums).astype(np.int64)
    summed = np.zeros(unique.shape[0], dtype=np.int64)
    np.add.at(summed, inverse, weights)
    return unique, summed
