"""Building a ranked profile from a raw ballot array: validation and deduplication.

:func:`unique_rankings` returns exactly what the reference does (check every ballot
with :func:`validate_reference`, take ``np.unique(rows, axis=0)`` and sum the
weights of equal rows; tests hold the two together), in a few passes over the array:

- Validation. The range of candidate indices is one min and one max. The other two
  rules (no preference after an empty rank, no candidate twice) are checked on the
  unique rows only, since equal ballots are equally valid; "twice" with a bitmask
  of the candidates on each row, whose bit count must equal the row's length. When a
  check fails, :func:`validate_reference` runs on the whole array to name the first
  bad ballot.
- Deduplication. A row read as a number in base ``r = max - min + 1``, digits the
  entries minus the minimum and the first preference most significant, orders rows
  as ``np.unique`` does. Twenty preferences need more than 64 bits, so the rows are
  sorted in rounds, most significant ranks first (a radix sort whose digits are
  chunks of ranks). Each round sorts one uint64 per row: the row's group of equal
  rows so far, the next chunk of ranks and, in the low bits, the row's position, so
  that ``np.sort`` (several times faster than ``np.argsort``) also yields the
  permutation; a round that would otherwise need a third sort of every row uses
  ``np.argsort`` instead. Rows already alone in their group are not sorted again.
  When every weight is equal and, after the first round, the rest of the row fits,
  the last round sorts group and remaining ranks without positions and reads those
  ranks back from the sorted numbers (ballots with many repeats: few unique rows).
- Chunks are computed a block of rows at a time by a float64 matrix product with the
  powers of ``r``; exact, as every chunk is a whole number below 2**53. The first
  pass also computes the next chunk, which the second round then reuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from sovet.count.errors import InvalidBallot

IntArray = npt.NDArray[np.int64]
Rows = npt.NDArray[np.int16]
Index = npt.NDArray[np.intp]
Keys = npt.NDArray[np.uint64]
Flags = npt.NDArray[np.bool_]

_BLOCK = 8192  # rows per block of the chunk products and the row checks
_SAMPLE = 4096  # rows sampled to see whether ballots repeat
_FLOAT_EXACT = 2**53


def validate_reference(arr: Rows, n: int, w: IntArray) -> None:
    """Check every ballot, naming the first bad one (1-based) of the first rule broken."""
    if (w < 0).any():
        raise InvalidBallot(f"ballot {int(np.argmax(w < 0)) + 1}: negative weight")
    if arr.size == 0:
        return
    bad = (arr < -1) | (arr >= n)
    if bad.any():
        row = int(np.argwhere(bad)[0][0])
        raise InvalidBallot(f"ballot {row + 1}: candidate index out of range")
    present = arr >= 0
    # Padding must be trailing: once -1 appears, only -1 may follow.
    gap = (~present[:, :-1]) & present[:, 1:]
    if gap.any():
        row = int(np.argwhere(gap)[0][0])
        raise InvalidBallot(f"ballot {row + 1}: a preference follows an empty rank")
    srt = np.sort(np.where(present, arr, -1 - np.arange(arr.shape[1])), axis=1)
    dup = (srt[:, 1:] == srt[:, :-1]) & (srt[:, 1:] >= 0)
    if dup.any():
        row = int(np.argwhere(dup)[0][0])
        raise InvalidBallot(f"ballot {row + 1}: a candidate is ranked twice")


def unique_rankings(
    arr: Rows, w: IntArray | None, n: int, *, validate: bool
) -> tuple[Rows, IntArray]:
    """The unique rows of a non-empty (count, width) array in ``np.unique`` order, their
    summed weights (None: one each; rows summing to zero dropped), trailing
    all-padding columns cut."""
    if validate and w is not None and (w < 0).any():
        _fail(arr, w, n)
    low, high = int(arr.min()), int(arr.max())
    if validate and (low < -1 or high >= n):
        _fail(arr, w, n)
    rows, summed = _unique_sorted(arr, w, low, high - low + 1)
    if validate and not _strict(rows, n, padded=low < 0):
        _fail(arr, w, n)
    if (summed <= 0).any():
        keep = summed > 0
        rows, summed = rows[keep], summed[keep]
    return trim_padding(rows, padded=low < 0), summed


def _fail(arr: Rows, w: IntArray | None, n: int) -> None:
    """Raise the reference's error for the first bad ballot of ``arr``."""
    validate_reference(arr, n, np.ones(arr.shape[0], dtype=np.int64) if w is None else w)
    raise InvalidBallot("a ballot is not a strict ranking")  # not reached: the above raises


def trim_padding(rows: Rows, *, padded: bool = True) -> Rows:
    """Cut the trailing columns that hold no preference (keeping at least one)."""
    if rows.shape[0] == 0 or rows.shape[1] == 0 or not padded:
        return rows
    used = np.flatnonzero(rows.max(axis=0) >= 0)
    width = int(used[-1]) + 1 if used.size else 1
    return rows if width == rows.shape[1] else np.ascontiguousarray(rows[:, :width])


# ---------------------------------------------------------------- sorting in rounds


@dataclass
class _Sort:
    """Rows sorted on their first ``col`` ranks: ``order[p]`` is the row at sorted
    position p (None before the first round: the identity); ``new[p]`` is True where
    a group of rows equal so far begins. ``pieces`` keeps chunks computed ahead,
    by first rank: (number of ranks, values in the original row order)."""

    arr: Rows
    low: int
    radix: int
    new: Flags
    order: Index | None = None
    col: int = 0
    pieces: dict[int, tuple[int, Keys]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return int(self.arr.shape[0])

    @property
    def width(self) -> int:
        return int(self.arr.shape[1])


def _unique_sorted(arr: Rows, w: IntArray | None, low: int, radix: int) -> tuple[Rows, IntArray]:
    count = arr.shape[0]
    unit = 1 if w is None else int(w[0])
    uniform = (w is None or bool((w == unit).all())) and abs(unit) * count < 2**63
    new = np.zeros(count, dtype=bool)
    new[0] = True
    st = _Sort(arr, low, radix, new)
    active: Index | None = None  # sorted positions still tied; None = all
    while st.col < st.width and count > 1:
        if uniform and active is None:
            final = _final_round(st, st.order)
            if final is not None:
                return final[0], final[1] * unit
        _round(st, active)
        active = _tied_positions(st.new)
        if active is not None and active.shape[0] == 0:
            break
    starts = np.flatnonzero(st.new)
    reps = starts if st.order is None else np.take(st.order, starts)
    rows = np.take(arr, reps, axis=0)
    if uniform or w is None:
        return rows, np.diff(starts, append=count).astype(np.int64) * unit
    return rows, np.add.reduceat(w if st.order is None else np.take(w, st.order), starts)


def _tied_positions(new: Flags) -> Index | None:
    """Sorted positions of rows in a group of two or more; None when that is most."""
    alone = new.copy()
    alone[:-1] &= new[1:]
    if 2 * (new.shape[0] - int(np.count_nonzero(alone))) > new.shape[0]:
        return None
    return np.flatnonzero(~alone)


def _group_offsets(new: Flags, cap: int) -> Keys:
    """``cap`` times the group number (from 0) of each sorted position."""
    starts = np.flatnonzero(new)
    sizes = np.diff(starts, append=new.shape[0])
    return np.repeat(np.arange(starts.shape[0], dtype=np.uint64) * np.uint64(cap), sizes)


def _fit(st: _Sort, bits: int, left: int) -> tuple[int, int]:
    """The most ranks k <= left whose chunk (< radix**k) fits in ``bits`` and whose
    float64 product stays exact."""
    limit = min(1 << max(bits, 0), _FLOAT_EXACT // (1 + abs(st.low)))
    k, cap = 0, 1
    while k < left and cap * st.radix <= limit:
        k, cap = k + 1, cap * st.radix
    return k, cap


def _round(st: _Sort, active: Index | None) -> None:
    """Sort the rows at ``active`` (all if None) on their next chunk of ranks."""
    new = st.new if active is None else np.take(st.new, active)
    rows = st.order if active is None or st.order is None else np.take(st.order, active)
    m = new.shape[0]
    groups = int(np.count_nonzero(new))
    gbits, ibits = (groups - 1).bit_length(), max(1, (m - 1).bit_length())
    left = st.width - st.col
    k, cap = _fit(st, 64 - gbits - ibits, left)
    indexed = True
    if k < left:
        k2, cap2 = _fit(st, 64 - gbits, left)
        if k2 == left or k == 0:
            k, cap, indexed = k2, cap2, False
    key = _chunk_in_order(st, rows, k)
    if groups > 1:
        key += _group_offsets(new, cap)
    local, key = _sort_keys(key, ibits if indexed else 0)
    order = local if rows is None else np.take(rows, local)
    if active is None:
        st.order, st.new = order, _starts(key)
    elif st.order is not None:  # always, after the first round
        st.order[active], st.new[active] = order, _starts(key)
    st.col += k


def _sort_keys(key: Keys, ibits: int) -> tuple[Index, Keys]:
    """The permutation sorting ``key`` and the sorted keys (positions packed if ibits)."""
    if not ibits:
        local = np.argsort(key)
        return local, np.take(key, local)
    key <<= np.uint64(ibits)
    key |= np.arange(key.shape[0], dtype=np.uint64)
    key.sort()
    local = (key & np.uint64((1 << ibits) - 1)).view(np.int64)
    key >>= np.uint64(ibits)
    return local, key


def _starts(key: Keys) -> Flags:
    step = np.empty(key.shape[0], dtype=bool)
    step[0] = True
    np.not_equal(key[1:], key[:-1], out=step[1:])
    return step


def _final_round(st: _Sort, order: Index | None) -> tuple[Rows, IntArray] | None:
    """Sort all rows on every remaining rank without positions, when that fits in 64
    bits (and, as the first round, when the rows repeat); the unique rows (ranks
    sorted before from a row of their group, the rest read back from the numbers)
    and their counts, or None."""
    groups = int(np.count_nonzero(st.new))
    left = st.width - st.col
    k, cap = _fit(st, 64 - (groups - 1).bit_length(), left)
    if k < left or (order is None and not _repeats(st.arr)):
        return None
    key = _chunk_in_order(st, order, k)
    if groups > 1:
        key += _group_offsets(st.new, cap)
    key.sort()
    starts = np.flatnonzero(_starts(key))
    counts = np.diff(starts, append=key.shape[0]).astype(np.int64)
    unique = np.take(key, starts)
    group = unique // np.uint64(cap)
    chunk = unique - group * np.uint64(cap)
    rows = np.empty((starts.shape[0], st.width), dtype=np.int16)
    if order is not None:
        reps = np.take(order, np.take(np.flatnonzero(st.new), group.view(np.int64)))
        rows[:, : st.col] = np.take(st.arr[:, : st.col], reps, axis=0)
    _decode(chunk, st.radix, st.low, rows[:, st.col :])
    return rows, counts


def _repeats(arr: Rows) -> bool:
    """Whether a sample of the rows repeats a lot; then, when a single round would do,
    reading the few unique rows back from the sorted numbers is quicker than sorting
    positions along. Only the speed depends on the answer, never the result."""
    sample = arr[:: max(1, arr.shape[0] // _SAMPLE)]
    marks = sample.astype(np.float64) @ np.sqrt(np.arange(2.0, arr.shape[1] + 2.0))
    return bool(2 * np.unique(marks).shape[0] < sample.shape[0])


def _decode(chunk: Keys, radix: int, low: int, out: Rows) -> None:
    """Write the base-``radix`` digits of ``chunk`` (plus ``low``) into the columns of out."""
    r = np.uint64(radix)
    for j in range(out.shape[1] - 1, -1, -1):
        rest = chunk // r  # a division by a scalar: fast, unlike divmod
        chunk -= rest * r
        out[:, j] = chunk
        chunk = rest
    if low:
        out += np.int16(low)


def _chunk_in_order(st: _Sort, rows: Index | None, k: int) -> Keys:
    """Ranks col..col+k of the rows ``rows`` (all, in order, if None) as base-``radix``
    numbers, in that order."""
    ahead = st.pieces.pop(st.col, None)
    if ahead is None or ahead[0] != k:
        if rows is not None and 4 * rows.shape[0] < st.count:
            part = np.take(st.arr[:, st.col : st.col + k], rows, axis=0)
            return _chunks(part, [(0, k)], st.low, st.radix)[0]
        ahead = (k, _chunks_ahead(st, k))
    values = ahead[1]
    return values if rows is None else np.take(values, rows)


def _chunks_ahead(st: _Sort, k: int) -> Keys:
    """Ranks col..col+k of every row; also, in the same pass, the rest of the row as
    far as it fits a float, kept for the next round."""
    spans = [(st.col, k)]
    rest, _ = _fit(st, 64, st.width - st.col - k)
    if rest:
        spans.append((st.col + k, rest))
    values = _chunks(st.arr, spans, st.low, st.radix)
    if rest:
        st.pieces[st.col + k] = (rest, values[1])
    return values[0]


def _chunks(arr: Rows, spans: list[tuple[int, int]], low: int, radix: int) -> list[Keys]:
    """For each span (col, k): ``sum_j (arr[:, col + j] - low) * radix**(k-1-j)`` per
    row, by float64 products a block at a time, all spans in one pass."""
    weights = np.zeros((arr.shape[1], len(spans)), dtype=np.float64)
    for i, (col, k) in enumerate(spans):
        weights[col : col + k, i] = float(radix) ** np.arange(k - 1, -1, -1, dtype=np.float64)
    offset = low * weights.sum(axis=0)
    out = [np.empty(arr.shape[0], dtype=np.uint64) for _ in spans]
    buf = np.empty((_BLOCK, arr.shape[1]), dtype=np.float64)
    res = np.empty((_BLOCK, len(spans)), dtype=np.float64)
    for start in range(0, arr.shape[0], _BLOCK):
        part = arr[start : start + _BLOCK]
        digits, sums = buf[: part.shape[0]], res[: part.shape[0]]
        np.copyto(digits, part)
        np.matmul(digits, weights, out=sums)
        if low:
            sums -= offset
        for i, values in enumerate(out):
            np.copyto(values[start : start + _BLOCK], sums[:, i], casting="unsafe")
    return out


# ---------------------------------------------------------------- row checks


def _strict(rows: Rows, n: int, *, padded: bool) -> bool:
    """Whether every row (indices known to be in range) is a strict ranking."""
    if padded:
        present = rows >= 0
        if ((~present[:, :-1]) & present[:, 1:]).any():
            return False
    if n > 63:
        return _strict_by_sorting(rows)
    for start in range(0, rows.shape[0], _BLOCK):
        if not _block_strict(rows[start : start + _BLOCK], n, padded=padded):
            return False
    return True


def _block_strict(part: Rows, n: int, *, padded: bool) -> bool:
    """Candidate c sets bit c+1 (padding bit 0); the candidate bits must number the
    row's preferences, else some candidate appears twice."""
    kind: Any = np.uint32 if n < 32 else np.uint64
    bits = part.astype(kind)
    bits += kind(1)
    np.left_shift(kind(1), bits, out=bits)
    acc = bits[:, 0].copy()
    for j in range(1, bits.shape[1]):
        acc |= bits[:, j]
    if not padded:
        return bool((np.bitwise_count(acc) == part.shape[1]).all())
    acc >>= kind(1)
    ranked = np.count_nonzero(part >= 0, axis=1)
    return bool((np.bitwise_count(acc) == ranked).all())


def _strict_by_sorting(rows: Rows) -> bool:
    present = rows >= 0
    srt = np.sort(np.where(present, rows, -1 - np.arange(rows.shape[1])), axis=1)
    return not ((srt[:, 1:] == srt[:, :-1]) & (srt[:, 1:] >= 0)).any()
