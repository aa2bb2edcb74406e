"""Hypothesis strategies shared by the checks: shapes, dtype names, broadcastable pairs.

Dtypes are drawn as *names* (``"int32"``); a check resolves them on the backend with
``getattr(xp, name)`` and on NumPy with ``dtypes.numpy_dtype(name)``, so neither side is the oracle.
Dtype strategies draw only from :func:`conformance.dtypes.supported` names, so a dtype the adapter
declares unsupported is never drawn and the check is reported unsupported, not passed.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from conformance import dtypes
from conformance.dtypes import ALL_DTYPES, COMPLEX_DTYPES, FLOAT_DTYPES, INT_DTYPES, NUMERIC_DTYPES

__all__ = ["ALL_DTYPES", "COMPLEX_DTYPES", "FLOAT_DTYPES", "INT_DTYPES", "NUMERIC_DTYPES",
           "broadcastable_pair", "dtype_names", "shapes", "small_arrays"]


def dtype_names(names: tuple[str, ...] = ALL_DTYPES) -> st.SearchStrategy[str]:
    """One of ``names`` the backend supports (the rest are recorded as not run, at draw time)."""

    @st.composite
    def name(draw: st.DrawFn) -> str:
        return draw(st.sampled_from(dtypes.supported(names)))

    return name()


def shapes(min_dims: int = 0, max_dims: int = 4, min_side: int = 0, max_side: int = 5) -> st.SearchStrategy[tuple[int, ...]]:
    """Small shapes, so examples stay cheap on any backend."""
    return st.lists(st.integers(min_side, max_side), min_size=min_dims, max_size=max_dims).map(tuple)


def broadcastable_pair(max_dims: int = 4, max_side: int = 4) -> st.SearchStrategy[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Two shapes that broadcast: the second is a suffix of the first with some sides set to 1."""

    @st.composite
    def pair(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[int, ...]]:
        base = draw(shapes(1, max_dims, 1, max_side))
        keep = draw(st.integers(0, len(base)))
        suffix = list(base[len(base) - keep:])
        ones = draw(st.lists(st.booleans(), min_size=len(suffix), max_size=len(suffix)))
        other = tuple(1 if one else side for side, one in zip(suffix, ones))
        first = tuple(1 if draw(st.booleans()) and i < len(base) - keep else s for i, s in enumerate(base))
        return (first, other) if draw(st.booleans()) else (other, first)

    return pair()


def small_arrays(names: tuple[str, ...] = ALL_DTYPES, shape: st.SearchStrategy[tuple[int, ...]] | None = None,
                 low: int = 0, high: int = 5) -> st.SearchStrategy[np.ndarray[Any, Any]]:
    """C-contiguous NumPy arrays of small integer values in [low, high] (exact in every dtype, bool: != 0).

    With the default range, ``a + 1`` stays exact and in range for every numeric dtype.
    """
    @st.composite
    def array(draw: st.DrawFn) -> np.ndarray[Any, Any]:
        name = draw(dtype_names(names))
        dims = draw(shape if shape is not None else shapes())
        size = int(np.prod(dims)) if dims else 1
        values = draw(st.lists(st.integers(low, high), min_size=size, max_size=size))
        return np.array(values, dtype=np.int64).astype(dtypes.numpy_dtype(name)).reshape(dims)

    return array()
