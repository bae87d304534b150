"""The fast deduplication of ballots gives exactly numpy's unique rows, in order."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sovet.count.profiles import _unique_rows


@settings(max_examples=200, deadline=None)
@given(
    hnp.arrays(
        np.int16,
        st.tuples(st.integers(0, 60), st.integers(1, 6)),
        elements=st.integers(-1, 300),
    )
)
def test_unique_rows_equals_numpy_unique(rows: np.ndarray) -> None:
    expected, expected_inverse = np.unique(rows, axis=0, return_inverse=True)
    unique, inverse = _unique_rows(rows)
    assert unique.dtype == rows.dtype
    assert np.array_equal(unique, expected)
    assert np.array_equal(inverse.reshape(-1), expected_inverse.reshape(-1))


def test_values_outside_the_packed_range_use_numpy() -> None:
    rows = np.array([[-5, 1], [-5, 1], [2, 70000]], dtype=np.int64)
    unique, inverse = _unique_rows(rows)
    assert unique.tolist() == [[-5, 1], [2, 70000]]
    assert inverse.reshape(-1).tolist() == [0, 0, 1]
