"""Building a ranked profile from a raw array: the fast path gives exactly the reference.

The reference checks every ballot with ``validate_reference``, takes
``np.unique(rows, axis=0)``, sums the weights of equal rows with ``np.add.at``,
drops rows whose weights sum to zero and cuts trailing all-padding columns. The
fast path (``unique_rankings``, used by ``RankedProfile.from_array``) must return the
same rows in the same order, the same weights, and the same error for the same
first bad ballot.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import InvalidBallot, RankedProfile
from sovet.count._fast_profile import unique_rankings, validate_reference

Outcome = tuple[np.ndarray, np.ndarray] | str


def reference(arr: np.ndarray, w: np.ndarray | None, n: int, *, validate: bool) -> Outcome:
    weights = np.ones(arr.shape[0], dtype=np.int64) if w is None else w
    try:
        if validate:
            validate_reference(arr, n, weights)
    except InvalidBallot as exc:
        return str(exc)
    unique, inverse = np.unique(arr, axis=0, return_inverse=True)
    summed = np.zeros(unique.shape[0], dtype=np.int64)
    np.add.at(summed, inverse.reshape(-1), weights)
    keep = summed > 0
    unique, summed = unique[keep], summed[keep]
    if unique.shape[0]:
        used = np.nonzero((unique >= 0).any(axis=0))[0]
        unique = unique[:, : int(used[-1]) + 1 if used.size else 1]
    return unique, summed


def fast(arr: np.ndarray, w: np.ndarray | None, n: int, *, validate: bool) -> Outcome:
    try:
        return unique_rankings(arr, w, n, validate=validate)
    except InvalidBallot as exc:
        return str(exc)


def assert_same(arr: np.ndarray, w: np.ndarray | None, n: int, *, validate: bool = True) -> None:
    expected = reference(arr, w, n, validate=validate)
    got = fast(arr, w, n, validate=validate)
    if isinstance(expected, str) or isinstance(got, str):
        assert got == expected
        return
    assert got[0].dtype == np.int16
    assert got[0].shape == expected[0].shape
    assert np.array_equal(got[0], expected[0])
    assert got[1].dtype == np.int64
    assert np.array_equal(got[1], expected[1])


def rankings(rng: np.random.Generator, rows: int, n: int, width: int, pad: float) -> np.ndarray:
    """Random strict rankings of n candidates, a share ``pad`` of them truncated."""
    arr = np.argsort(rng.random((rows, n)), axis=1)[:, :width].astype(np.int16)
    cut = np.where(rng.random(rows) < pad, rng.integers(0, width + 1, rows), width)
    arr[np.arange(width)[None, :] >= cut[:, None]] = -1
    return arr


@st.composite
def raw_profiles(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray | None, int, bool]:
    """A small pool of rankings drawn repeatedly (so rows repeat), sometimes with one
    entry broken, weights absent, equal, or mixed (zero and, unvalidated, negative)."""
    n = draw(st.integers(1, 12))
    width = draw(st.integers(1, n + 2))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    pool = rankings(rng, draw(st.integers(1, 8)), n, min(n, width), draw(st.sampled_from([0, 0.5])))
    pool = np.hstack([pool, np.full((pool.shape[0], width - pool.shape[1]), -1, np.int16)])
    arr = pool[rng.integers(0, pool.shape[0], draw(st.integers(1, 40)))]
    if draw(st.booleans()):
        arr[draw(st.integers(0, arr.shape[0] - 1)), draw(st.integers(0, width - 1))] = draw(
            st.integers(-3, n + 2)
        )
    validate = draw(st.booleans())
    kind = draw(st.sampled_from(["none", "equal", "mixed"]))
    weights: np.ndarray | None = None
    if kind == "equal":
        weights = np.full(arr.shape[0], draw(st.integers(0, 3)), dtype=np.int64)
    elif kind == "mixed":
        low = 0 if validate else -1
        weights = rng.integers(low, 4, arr.shape[0]).astype(np.int64)
    return arr, weights, n, validate


@settings(max_examples=200, deadline=None)
@given(raw_profiles())
def test_fast_path_equals_the_reference(
    drawn: tuple[np.ndarray, np.ndarray | None, int, bool],
) -> None:
    arr, weights, n, validate = drawn
    assert_same(arr, weights, n, validate=validate)


@pytest.mark.parametrize(
    ("n", "width", "rows", "pool", "pad", "weighted"),
    [
        (20, 20, 60_000, 60_000, 0.0, False),  # nearly all unique: a second round on few rows
        (20, 20, 60_000, 300, 0.0, False),  # many repeats: the last round over every row
        (20, 20, 60_000, 300, 0.0, True),  # weighted: every round keeps positions
        (20, 20, 40_000, 40_000, 0.3, True),
        (20, 14, 40_000, 2_000, 0.3, False),
        (10, 10, 50_000, 50_000, 0.0, False),  # one round: rows read back from the numbers
        (10, 10, 50_000, 500, 0.5, True),
        (10, 10, 50_000, 500, 0.0, False),  # one round on repeats: rows read back
        (40, 40, 20_000, 20_000, 0.2, False),  # 64-bit masks for the repeat check
        (40, 40, 20_000, 100, 0.0, True),
        (70, 30, 5_000, 5_000, 0.2, False),  # more than 63 candidates: checked by sorting
        (300, 6, 20_000, 1_000, 0.2, False),  # a base of 301 per rank
    ],
)
def test_large_arrays_equal_the_reference(
    n: int, width: int, rows: int, pool: int, pad: float, weighted: bool
) -> None:
    rng = np.random.default_rng(n * 1000 + width + pool)
    base = rankings(rng, pool, n, width, pad)
    base[: pool // 2, : width // 2] = base[0, : width // 2]  # long shared prefixes
    arr = base[rng.integers(0, pool, rows)]
    weights = rng.integers(0, 4, rows).astype(np.int64) if weighted else None
    assert_same(arr, weights, n)


def test_a_few_rows_tied_over_a_long_prefix() -> None:
    """After the first round a tenth of the rows are still tied, with more ranks left
    than the chunk computed ahead: those rows alone are gathered and sorted again."""
    rng = np.random.default_rng(5)
    arr = rankings(rng, 40_000, 30, 30, 0.0)
    arr[:4000, :15] = arr[0, :15]
    assert_same(arr, rng.integers(1, 3, 40_000).astype(np.int64), 30)
    assert_same(arr, None, 30)


def test_rows_sharing_prefixes_that_fill_a_round() -> None:
    """Rows differing only in their last rank, after a long common prefix."""
    rng = np.random.default_rng(7)
    arr = np.tile(np.arange(20, dtype=np.int16), (3000, 1))
    tail = rng.integers(0, 3, 3000)
    arr[tail == 1, 18:] = [19, 18]
    arr[tail == 2, 17:] = [19, 18, 17]
    assert_same(arr, None, 20)
    assert_same(arr, rng.integers(1, 5, 3000).astype(np.int64), 20)


def test_unvalidated_values_outside_the_candidates_are_deduplicated_alike() -> None:
    rng = np.random.default_rng(3)
    arr = rng.integers(-300, 300, (5000, 4)).astype(np.int16)
    arr = arr[rng.integers(0, 5000, 20000)]
    assert_same(arr, None, 5, validate=False)
    assert_same(arr, rng.integers(-2, 3, 20000).astype(np.int64), 5, validate=False)


@pytest.mark.parametrize(
    ("rows", "weights", "message"),
    [
        ([[0, 1], [1, 0]], [1, -1], "ballot 2: negative weight"),
        ([[0, 1], [2, 0], [0, -2]], None, "ballot 2: candidate index out of range"),
        ([[0, 1], [-1, 0], [1, 1]], None, "ballot 2: a preference follows an empty rank"),
        ([[0, 1], [1, 0], [1, 1], [0, 0]], None, "ballot 3: a candidate is ranked twice"),
        ([[0, 1, -1], [1, -1, -1], [1, -1, 1]], None, "ballot 3: a preference follows"),
        ([[0, 1, -1], [1, -1, -1], [0, 0, -1]], [0, 1, 0], "ballot 3: a candidate is ranked"),
    ],
)
def test_errors_name_the_first_bad_ballot(
    rows: list[list[int]], weights: list[int] | None, message: str
) -> None:
    with pytest.raises(InvalidBallot, match=message):
        RankedProfile.from_array(["A", "B"], rows, weights)


def test_the_first_bad_ballot_is_found_among_many_repeats() -> None:
    rng = np.random.default_rng(11)
    arr = rankings(rng, 50_000, 20, 20, 0.2)
    arr[31_337, 3:5] = arr[31_337, 2]
    arr[40_000, 3:5] = arr[40_000, 2]
    with pytest.raises(InvalidBallot, match=r"^ballot 31338: a candidate is ranked twice$"):
        RankedProfile.from_array([f"c{i}" for i in range(20)], arr)


def test_a_single_ballot_and_a_single_rank() -> None:
    assert_same(np.array([[2, 0, -1]], dtype=np.int16), None, 3)
    assert_same(np.array([[1], [0], [1], [-1]], dtype=np.int16), np.array([1, 2, 3, 4]), 2)
    assert_same(np.full((4, 3), -1, dtype=np.int16), None, 2)


def test_the_input_array_is_left_untouched() -> None:
    arr = np.array([[1, 0, -1], [0, 1, 2], [1, 0, -1]], dtype=np.int16)
    copy = arr.copy()
    profile = RankedProfile.from_array(["A", "B", "C"], arr)
    assert np.array_equal(arr, copy)
    assert profile.rankings() == [(("A", "B", "C"), 1), (("B", "A"), 2)]
    assert not profile.ballots.flags.writeable


def test_any_memory_layout_gives_the_same_profile() -> None:
    rng = np.random.default_rng(13)
    base = rankings(rng, 300, 8, 8, 0.3)[rng.integers(0, 300, 5000)]
    for arr in (np.asfortranarray(base), base[::-1], base[::2], base.astype(np.int64)):
        expected = reference(np.ascontiguousarray(arr, dtype=np.int16), None, 8, validate=True)
        got = fast(arr.astype(np.int16, copy=False), None, 8, validate=True)
        assert not isinstance(expected, str)
        assert not isinstance(got, str)
        assert np.array_equal(got[0], expected[0])
        assert np.array_equal(got[1], expected[1])
