"""Small helpers for the ops checks: NumPy inputs drawn by hypothesis, turned into backend tensors.

Values are small integers (exact in every dtype, so sums, products and casts have one right
answer whatever the summation order); the oracle computes on the NumPy array, the backend on a
tensor built from the same Python numbers with ``xp.tensor(..., dtype=...)``.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from conformance.dtypes import is_complex, numpy_dtype

def _element(dtype: str, low: int, high: int) -> st.SearchStrategy[Any]:
    if dtype == "bool":
        return st.booleans()
    if dtype == "uint8":
        return st.integers(max(low, 0), high)
    ints = st.integers(low, high)
    if is_complex(dtype):
        return st.builds(complex, ints, ints)
    return ints


@st.composite
def arrays(draw: st.DrawFn, dtype: str, shape: tuple[int, ...], low: int = -9, high: int = 9) -> np.ndarray:
    """A NumPy array of ``shape`` with small integer-valued elements fit for ``dtype``."""
    size = int(np.prod(shape)) if shape else 1
    flat = draw(st.lists(_element(dtype, low, high), min_size=size, max_size=size))
    return np.array(flat, dtype=numpy_dtype(dtype)).reshape(shape)


@st.composite
def incompatible_pair(draw: st.DrawFn, max_dims: int = 4, max_side: int = 4) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Two shapes that do NOT broadcast: at some trailing-aligned dim the sizes differ and neither is 1."""
    n = draw(st.integers(1, max_dims))
    a = draw(st.lists(st.integers(1, max_side), min_size=n, max_size=n))
    m = draw(st.integers(1, n))
    b = list(a[n - m:])
    b = [1 if draw(st.booleans()) else s for s in b]
    k = draw(st.integers(0, m - 1))  # position in b (aligned to a[n - m + k])
    x = draw(st.sampled_from([0, 2, 3, 4]))
    y = draw(st.sampled_from([0, 2, 3, 4]).filter(lambda v: v != x))
    a[n - m + k], b[k] = x, y
    pair = (tuple(a), tuple(b))
    return pair if draw(st.booleans()) else pair[::-1]
