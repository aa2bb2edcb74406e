"""Inputs and NumPy oracles of the sorting and searching family (rows in test_sorting.py).

Indices of equal elements are only defined by a stable sort: rows checking the indices of an
unstable sort (sort, topk, kthvalue) draw distinct values; the stable rows draw many ties.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from conformance.dtypes import FULL_FLOAT_DTYPES, INT_DTYPES, SIGNED_DTYPES
from conformance.strategies import dtype_names, shapes
from suites.ops.family import array, dim
from suites.ops.helpers import arrays

SIGNED = SIGNED_DTYPES
FLOATS = FULL_FLOAT_DTYPES


def distinct(data: Any, min_dims: int = 1, max_dims: int = 3, min_side: int = 1) -> np.ndarray:
    """An array of pairwise distinct values: a shuffled range, shifted and in one of SIGNED."""
    dtype = data.draw(dtype_names(SIGNED), label="dtype")
    shape = data.draw(shapes(min_dims, max_dims, min_side, 4), label="shape")
    order = data.draw(st.permutations(range(int(np.prod(shape)))), label="order")
    return (np.array(order, dtype=np.int64).reshape(shape) - 5).astype(dtype)


def _indices(order: np.ndarray) -> np.ndarray:
    return order.astype(np.int64)


def sort_in(descending: bool) -> Any:
    def draw(data: Any) -> tuple[tuple, dict]:
        a = distinct(data)
        return (a,), {"dim": dim(data, a.ndim), "descending": descending}
    return draw


def sort(a: np.ndarray, dim: int = -1, descending: bool = False, stable: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(values, indices); equal elements keep their input order (checked only for stable sorts)."""
    keys = -a.astype(np.float64) if descending else a
    order = np.argsort(keys, axis=dim, kind="stable")
    return np.take_along_axis(a, order, axis=dim), _indices(order)


def stable_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, SIGNED, min_side=0, low=-2, high=2)
    return (a,), {"dim": dim(data, a.ndim), "descending": data.draw(st.booleans(), label="descending"), "stable": True}


def argsort(a: np.ndarray, dim: int = -1, descending: bool = False, stable: bool = False) -> np.ndarray:
    return sort(a, dim, descending, stable)[1]


def msort_in(data: Any) -> tuple[tuple, dict]:
    return (array(data, SIGNED, min_side=0, low=-3, high=3),), {}


def msort(a: np.ndarray) -> np.ndarray:
    return np.sort(a, axis=0)


def topk_in(largest: bool) -> Any:
    def draw(data: Any) -> tuple[tuple, dict]:
        a = distinct(data)
        d = dim(data, a.ndim)
        return (a, data.draw(st.integers(0, a.shape[d]), label="k")), {"dim": d, "largest": largest}
    return draw


def topk(a: np.ndarray, k: int, dim: int = -1, largest: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The k largest (smallest) along dim, in sorted order (sorted=True is the default)."""
    values, indices = sort(a, dim, descending=largest)
    keep = np.arange(k)
    return np.take(values, keep, axis=dim), np.take(indices, keep, axis=dim)


def kthvalue_in(data: Any) -> tuple[tuple, dict]:
    a = distinct(data)
    d = dim(data, a.ndim)
    k = data.draw(st.integers(1, a.shape[d]), label="k")
    return (a, k), {"dim": d, "keepdim": data.draw(st.booleans(), label="keepdim")}


def kthvalue(a: np.ndarray, k: int, dim: int = -1, keepdim: bool = False) -> tuple[np.ndarray, np.ndarray]:
    values, indices = sort(a, dim)
    pick = (lambda x: np.take(x, [k - 1], axis=dim)) if keepdim else (lambda x: np.take(x, k - 1, axis=dim))
    return pick(values), pick(indices)


def unique_in(data: Any) -> tuple[tuple, dict]:
    return (array(data, ("bool",) + SIGNED, min_dims=0, min_side=0, low=-3, high=3),), {}


def unique(a: np.ndarray) -> np.ndarray:
    return np.unique(a)


def unique_all_in(data: Any) -> tuple[tuple, dict]:
    return unique_in(data)[0], {"return_inverse": True, "return_counts": True}


def unique_all(a: np.ndarray, return_inverse: bool, return_counts: bool) -> tuple[np.ndarray, ...]:
    """Sorted unique values, the index of each input element among them (input's shape), counts."""
    values, inverse, counts = np.unique(a, return_inverse=True, return_counts=True)
    return values, inverse.reshape(a.shape).astype(np.int64), counts.astype(np.int64)


def unique_dim_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, SIGNED, min_dims=1, max_dims=3, low=0, high=1)
    return (a,), {"dim": data.draw(st.integers(0, a.ndim - 1), label="dim")}


def unique_dim(a: np.ndarray, dim: int) -> np.ndarray:
    """The distinct slices along dim, in lexicographic order."""
    return np.unique(a, axis=dim)


def unique_consecutive_in(data: Any) -> tuple[tuple, dict]:
    return (array(data, SIGNED, min_dims=1, max_dims=1, min_side=0, max_side=8, low=0, high=2),), \
        {"return_inverse": True, "return_counts": True}


def unique_consecutive(a: np.ndarray, return_inverse: bool, return_counts: bool) -> tuple[np.ndarray, ...]:
    """Runs of equal consecutive elements collapse to one: (values, run of each element, run lengths)."""
    starts = np.flatnonzero(np.r_[True, a[1:] != a[:-1]]) if a.size else np.zeros(0, np.int64)
    run = np.cumsum(np.r_[True, a[1:] != a[:-1]]) - 1 if a.size else np.zeros(0, np.int64)
    counts = np.diff(np.r_[starts, a.size])
    return a[starts], run.astype(np.int64), counts.astype(np.int64)


def searchsorted_in(right: bool) -> Any:
    """A 1-D sorted sequence with any values, or N-D with values of matching leading dims."""
    def draw(data: Any) -> tuple[tuple, dict]:
        dtype = data.draw(dtype_names(SIGNED), label="dtype")
        lead = data.draw(st.sampled_from([(), (2,), (2, 2)]), label="leading dims")
        n = data.draw(st.integers(0, 5), label="n")
        seq = np.sort(data.draw(arrays(dtype, lead + (n,), -4, 4), label="sorted_sequence"), axis=-1)
        values = data.draw(arrays(dtype, lead + (data.draw(st.integers(0, 3), label="m"),) if lead else
                                  data.draw(st.sampled_from([(3,), (2, 2), ()]), label="values shape"), -5, 5),
                           label="values")
        kwargs = ({"side": "right"} if data.draw(st.booleans(), label="side") else {"right": True}) if right else {}
        return (seq, values), kwargs
    return draw


def searchsorted(seq: np.ndarray, values: np.ndarray, right: bool = False, side: str = "left") -> np.ndarray:
    """For each value, the first (right: the last) position in its sorted row keeping the row sorted."""
    side = "right" if right or side == "right" else "left"
    if seq.ndim == 1:
        return np.searchsorted(seq, values, side=side).astype(np.int64)
    out = np.empty(values.shape, np.int64)
    for row in np.ndindex(*seq.shape[:-1]):
        out[row] = np.searchsorted(seq[row], values[row], side=side)
    return out


def bucketize_in(data: Any) -> tuple[tuple, dict]:
    dtype = data.draw(dtype_names(SIGNED), label="dtype")
    n = data.draw(st.integers(0, 5), label="n")
    boundaries = np.unique(data.draw(arrays(dtype, (n,), -4, 4), label="boundaries"))
    values = array(data, (dtype,), min_dims=0, low=-5, high=5, label="input")
    return (values, boundaries), {"right": data.draw(st.booleans(), label="right")}


def bucketize(values: np.ndarray, boundaries: np.ndarray, right: bool = False) -> np.ndarray:
    """right=False: boundaries[i-1] < v <= boundaries[i]; right=True: boundaries[i-1] <= v < boundaries[i]."""
    return np.searchsorted(boundaries, values, side="right" if right else "left").astype(np.int64)


def isin_in(data: Any) -> tuple[tuple, dict]:
    elements = array(data, SIGNED, min_dims=0, min_side=0, low=-3, high=3, label="elements")
    tests = array(data, (elements.dtype.name,), min_dims=0, max_dims=1, min_side=0, low=-3, high=3,
                  label="test_elements")
    return (elements, tests), {"invert": data.draw(st.booleans(), label="invert")}


def isin(elements: np.ndarray, test_elements: np.ndarray, invert: bool = False) -> np.ndarray:
    return np.isin(elements, test_elements, invert=invert)


def histc_in(data: Any) -> tuple[tuple, dict]:
    """Integer values, and bins dividing [min, max] into integer-width bins, so every edge is exact."""
    bins = data.draw(st.sampled_from([1, 2, 4, 8]), label="bins")
    low = data.draw(st.integers(-4, 0), label="min")
    return (array(data, FLOATS, min_side=0, low=-6, high=6),), {"bins": bins, "min": low, "max": low + 8}


def histc(a: np.ndarray, bins: int, min: int, max: int) -> np.ndarray:  # noqa: A002 - torch's names
    """Equal-width bins over [min, max] (max falls in the last bin); elements outside are ignored."""
    counts, _ = np.histogram(a, bins=bins, range=(min, max))
    return counts.astype(a.dtype)


def bincount_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, INT_DTYPES, min_dims=1, max_dims=1, min_side=0, low=0, high=6)
    kwargs: dict[str, Any] = {"minlength": data.draw(st.integers(0, 9), label="minlength")}
    if a.size and data.draw(st.booleans(), label="weighted"):  # an empty input with weights gives int64 (undocumented)
        kwargs["weights"] = array(data, ("float64",), shape=a.shape, label="weights")
    return (a,), kwargs


def bincount(a: np.ndarray, weights: np.ndarray | None = None, minlength: int = 0) -> np.ndarray:
    """Counts (int64), or sums of weights, of each value in [0, max(max(a) + 1, minlength))."""
    counts = np.bincount(a.astype(np.int64), weights=weights, minlength=minlength)
    return counts.astype(np.int64 if weights is None else weights.dtype)
