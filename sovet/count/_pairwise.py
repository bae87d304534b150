"""The pairwise support matrix of ranked ballots: ``m[a, b]`` = weight ranking a above b.

A ranked candidate is above every candidate after it and every unranked one; two
unranked candidates are not compared. Two exact ways:

- By masks (up to 63 candidates). On each ballot, the candidates below the one at
  rank j are the bits of ``after_j``, the complement of the candidates at ranks 0..j.
  ``m[a, b]`` sums the weight of every (ballot, rank) whose candidate is a and whose
  ``after`` holds b. The ``after`` masks are cut into parts of at most 12 bits, and
  one weighted ``bincount`` per part counts each (candidate, part of mask) pair;
  a product with the 0/1 table of each part's bits then gives the matrix. The work
  grows with ballots x ranks, not ballots x candidates**2.
- By comparison (any number of candidates): each candidate's place on each ballot is
  compared with every other's, a block of ballots at a time, and the 0/1 results are
  summed with the weights by a matrix product.

Both sum in float64, which is exact here: every sum is a whole number no larger than
the total weight, checked to be below 2**53; beyond it, integer arithmetic is used.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
Rows = npt.NDArray[np.int16]

_FLOAT_EXACT = 2**53
_PART_BITS = 12  # at most 4096 mask values per part: each histogram stays in cache
_ROWS = 4096  # ballots per block


def pairwise_from_rankings(ballots: Rows, weights: IntArray, n: int) -> IntArray:
    """``m[a, b]``: weight of ballots ranking a above b (unranked below all ranked)."""
    if ballots.shape[0] == 0:
        return np.zeros((n, n), dtype=np.int64)
    exact = int(weights.sum()) < _FLOAT_EXACT
    if exact and n <= 63:
        return _by_masks(ballots, weights, n)
    pos = _positions(ballots, n)
    if exact:
        acc = np.rint(_weighted_less(pos, weights.astype(np.float64)))
    else:
        acc = _weighted_less(pos, weights)
    m: IntArray = np.asarray(acc, dtype=np.int64)
    np.fill_diagonal(m, 0)
    return m


def _by_masks(ballots: Rows, weights: IntArray, n: int) -> IntArray:
    parts = -(-n // _PART_BITS)
    bits = -(-n // parts)
    hist = np.zeros((parts, (n + 1) << bits), dtype=np.float64)
    for start in range(0, ballots.shape[0], _ROWS):
        block = ballots[start : start + _ROWS]
        w = np.repeat(weights[start : start + _ROWS].astype(np.float64), block.shape[1])
        _count_masks(block, w, n, bits, hist)
    table = ((np.arange(1 << bits)[:, None] >> np.arange(bits)) & 1).astype(np.float64)
    m = np.empty((n, parts * bits), dtype=np.float64)
    for p in range(parts):
        m[:, p * bits : (p + 1) * bits] = hist[p].reshape(n + 1, 1 << bits)[:n] @ table
    return np.rint(m[:, :n]).astype(np.int64)


def _count_masks(
    block: Rows, w: npt.NDArray[np.float64], n: int, bits: int, hist: npt.NDArray[np.float64]
) -> None:
    """Add each (candidate, part of its ``after`` mask) of the block to ``hist``; an
    empty rank counts as candidate n, whose row of the histogram is not used."""
    kind: Any = np.uint32 if n < 32 else np.uint64
    cand = block.astype(kind)  # -1 wraps to the largest value
    np.minimum(cand, kind(n), out=cand)
    after = np.left_shift(kind(1), cand)
    for j in range(1, after.shape[1]):
        np.bitwise_or(after[:, j], after[:, j - 1], out=after[:, j])
    np.bitwise_and(~after, kind((1 << n) - 1), out=after)
    base = cand.astype(np.intp) << bits
    low = kind((1 << bits) - 1)
    for p in range(hist.shape[0]):
        part = (after >> kind(p * bits)) & low
        if kind is np.uint64:
            part = part.view(np.int64)  # int64 | uint64 would promote to float
        hist[p] += np.bincount((base | part).ravel(), weights=w, minlength=hist.shape[1])


def _weighted_less(pos: npt.NDArray[Any], w: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``sum_i w[i] * (pos[i, a] < pos[i, b])`` for every (a, b), a block at a time."""
    count, n = pos.shape
    block = max(1, 2**21 // (n * n))
    acc = np.zeros(n * n, dtype=w.dtype)
    buf = np.empty((block, n, n), dtype=w.dtype)
    for start in range(0, count, block):
        part = pos[start : start + block]
        out = buf[: part.shape[0]]
        np.less(part[:, :, None], part[:, None, :], out=out)
        acc += w[start : start + block] @ out.reshape(part.shape[0], n * n)
    return acc.reshape(n, n)


def _positions(ballots: Rows, n: int) -> npt.NDArray[np.integer[Any]]:
    """``pos[i, c]``: the place of candidate c on ballot i, or L if it is unranked."""
    count, length = ballots.shape
    pos = np.full((count, n), length, dtype=np.int8 if length < 127 else np.int16)
    rows = np.arange(count)
    for col in range(length):
        named = ballots[:, col]
        mask = named >= 0
        pos[rows[mask], named[mask]] = col
    return pos
