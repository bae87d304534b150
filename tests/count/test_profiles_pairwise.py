"""The pairwise matrix, by masks and by comparison, against a pure-Python count."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.count import RankedProfile
from sovet.count._pairwise import _positions, _weighted_less, pairwise_from_rankings


def python_pairwise(ballots: np.ndarray, weights: np.ndarray, n: int) -> list[list[int]]:
    """m[a][b]: weight of ballots with a ranked and b after it or unranked."""
    m = [[0] * n for _ in range(n)]
    for row, weight in zip(ballots.tolist(), weights.tolist(), strict=True):
        ranked = [c for c in row if c >= 0]
        for place, a in enumerate(ranked):
            for b in range(n):
                if b != a and b not in ranked[: place + 1]:
                    m[a][b] += int(weight)
    return m


def random_ballots(seed: int, rows: int, n: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    arr = np.argsort(rng.random((rows, n)), axis=1)[:, :width].astype(np.int16)
    cut = rng.integers(0, width + 1, rows)
    arr[np.arange(width)[None, :] >= cut[:, None]] = -1
    return arr, rng.integers(0, 6, rows).astype(np.int64)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 70),
    st.integers(0, 2**32 - 1),
    st.integers(1, 30),
    st.floats(0.1, 1.0),
)
def test_matrix_equals_a_pure_python_count(n: int, seed: int, rows: int, share: float) -> None:
    width = max(1, round(n * share))
    ballots, weights = random_ballots(seed, rows, n, width)
    assert pairwise_from_rankings(ballots, weights, n).tolist() == python_pairwise(
        ballots, weights, n
    )


@pytest.mark.parametrize("n", [1, 2, 12, 13, 24, 25, 31, 32, 40, 63, 64, 80])
def test_masks_and_comparison_agree_around_every_boundary(n: int) -> None:
    """Parts of the mask (12 bits), 32- and 64-bit masks, and the comparison path."""
    ballots, weights = random_ballots(n, 9000, n, n)
    expected = np.rint(_weighted_less(_positions(ballots, n), weights.astype(np.float64)))
    np.fill_diagonal(expected, 0)
    got = pairwise_from_rankings(ballots, weights, n)
    assert got.dtype == np.int64
    assert np.array_equal(got, expected.astype(np.int64))


def test_complete_rankings_sum_to_the_total_on_each_pair() -> None:
    rng = np.random.default_rng(1)
    raw = np.argsort(rng.random((20000, 20)), axis=1).astype(np.int16)
    profile = RankedProfile.from_array([f"c{i}" for i in range(20)], raw)
    m = profile.pairwise_matrix()
    assert np.array_equal(m + m.T + np.eye(20, dtype=np.int64) * 20000, np.full((20, 20), 20000))
    assert m.tolist() == python_pairwise(profile.ballots, profile.weights, 20)


def test_weights_past_float_precision_use_integers() -> None:
    ballots = np.array([[0, 1, -1], [2, -1, -1], [1, 2, 0]], dtype=np.int16)
    weights = np.array([2**60, 3, 2**55 + 1], dtype=np.int64)
    got = pairwise_from_rankings(ballots, weights, 3)
    assert got.tolist() == python_pairwise(ballots, weights, 3)


def test_ballots_without_ranks_and_without_ballots() -> None:
    empty_rank = np.full((3, 2), -1, dtype=np.int16)
    assert pairwise_from_rankings(empty_rank, np.ones(3, np.int64), 2).tolist() == [[0, 0]] * 2
    none = np.zeros((0, 2), dtype=np.int16)
    assert pairwise_from_rankings(none, np.zeros(0, np.int64), 2).tolist() == [[0, 0]] * 2
