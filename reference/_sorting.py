"""Sorting and searching (ops.sort.*): NumPy's stable sorts everywhere (a stable sort is one
valid unstable sort), results as torch's namedtuples where documented."""
from __future__ import annotations

from collections import namedtuple
from typing import Any

import numpy as np

from reference import _dtype as D
from reference._family import bind_methods, index_result, like
from reference._tensor import Tensor, _wrap_dim

__all__ = ["argsort", "bincount", "bucketize", "histc", "isin", "kthvalue", "msort", "searchsorted", "sort", "topk",
           "unique", "unique_consecutive"]

_Sort = namedtuple("sort", ["values", "indices"])
_Topk = namedtuple("topk", ["values", "indices"])
_Kth = namedtuple("kthvalue", ["values", "indices"])


def _descending(a: np.ndarray, axis: int) -> np.ndarray:
    """Stable descending order: sort the negated dense ranks (works for unsigned and bool too)."""
    _, dense = np.unique(a, return_inverse=True)
    return np.argsort(-dense.reshape(a.shape), axis=axis, kind="stable")


def sort(x: Tensor, dim: int = -1, descending: bool = False, *, stable: bool = False) -> Any:
    a = x._a if x.ndim else x._a.reshape(1)
    d = _wrap_dim(dim, a.ndim)
    order = _descending(a, d) if descending else np.argsort(a, axis=d, kind="stable")
    values = np.take_along_axis(a, order, axis=d).reshape(x._a.shape)
    return _Sort(like(values, x), index_result(order.reshape(x._a.shape), x))


def argsort(x: Tensor, dim: int = -1, descending: bool = False, *, stable: bool = False) -> Tensor:
    return sort(x, dim, descending, stable=stable).indices


def msort(x: Tensor) -> Tensor:
    return sort(x, 0).values


def topk(x: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True) -> Any:  # noqa: A002
    values, indices = sort(x, dim, descending=largest)
    d = _wrap_dim(dim, max(x.ndim, 1))
    keep = np.arange(k)
    return _Topk(like(np.take(values._a, keep, axis=d), x), index_result(np.take(indices._a, keep, axis=d), x))


def kthvalue(x: Tensor, k: int, dim: int = -1, keepdim: bool = False) -> Any:
    values, indices = sort(x, dim)
    d = _wrap_dim(dim, max(x.ndim, 1))
    pick = [k - 1] if keepdim else k - 1
    return _Kth(like(np.take(values._a, pick, axis=d), x), index_result(np.take(indices._a, pick, axis=d), x))


def unique(x: Tensor, sorted: bool = True, return_inverse: bool = False, return_counts: bool = False,  # noqa: A002
           dim: int | None = None) -> Any:
    axis = None if dim is None else _wrap_dim(dim, x.ndim)
    values, inverse, counts = np.unique(x._a, return_inverse=True, return_counts=True, axis=axis)
    inverse = inverse.reshape(x._a.shape if axis is None else (x._a.shape[axis],))
    return _extras(like(values, x), x, inverse, counts, return_inverse, return_counts)


def _extras(values: Tensor, x: Tensor, inverse: np.ndarray, counts: np.ndarray, return_inverse: bool,
            return_counts: bool) -> Any:
    out = (values,) + ((index_result(inverse, x),) if return_inverse else ()) + \
        ((index_result(counts, x),) if return_counts else ())
    return out[0] if len(out) == 1 else out


def unique_consecutive(x: Tensor, return_inverse: bool = False, return_counts: bool = False,
                       dim: int | None = None) -> Any:
    a = x._a.reshape(-1)
    new_run = np.r_[True, a[1:] != a[:-1]] if a.size else np.zeros(0, bool)
    starts = np.flatnonzero(new_run)
    counts = np.diff(np.r_[starts, a.size]).astype(np.int64)
    inverse = (np.cumsum(new_run) - 1).reshape(x._a.shape)
    return _extras(like(a[starts], x), x, inverse, counts, return_inverse, return_counts)


def searchsorted(sorted_sequence: Tensor, values: Any, *, out_int32: bool = False, right: bool = False,
                 side: str | None = None, sorter: Tensor | None = None) -> Tensor:
    side = "right" if right or side == "right" else "left"
    seq = sorted_sequence._a
    v = values._a if isinstance(values, Tensor) else np.asarray(values)
    if seq.ndim <= 1:
        result = np.searchsorted(seq, v, side=side)
    else:
        result = np.empty(v.shape, np.int64)
        for row in np.ndindex(*seq.shape[:-1]):
            result[row] = np.searchsorted(seq[row], v[row], side=side)
    return make_index(result, sorted_sequence, out_int32)


def make_index(result: np.ndarray, x: Tensor, out_int32: bool) -> Tensor:
    return like(result.astype(np.int32), x, D.int32) if out_int32 else index_result(result, x)


def bucketize(x: Any, boundaries: Tensor, *, out_int32: bool = False, right: bool = False) -> Tensor:
    v = x._a if isinstance(x, Tensor) else np.asarray(x)
    return make_index(np.searchsorted(boundaries._a, v, side="right" if right else "left"), boundaries, out_int32)


def isin(elements: Any, test_elements: Any, *, assume_unique: bool = False, invert: bool = False) -> Tensor:
    like_tensor = elements if isinstance(elements, Tensor) else test_elements
    a = elements._a if isinstance(elements, Tensor) else np.asarray(elements)
    b = test_elements._a if isinstance(test_elements, Tensor) else np.asarray(test_elements)
    return like(np.isin(a, b, invert=invert), like_tensor, D.bool_)


def histc(x: Tensor, bins: int = 100, min: float = 0, max: float = 0) -> Tensor:  # noqa: A002
    low, high = (min, max) if min != max or x.numel() == 0 else (x._a.min(), x._a.max())
    if low == high:
        low, high = low - 1, high + 1
    counts, _ = np.histogram(x._a, bins=bins, range=(low, high))
    return like(counts, x)


def bincount(x: Tensor, weights: Tensor | None = None, minlength: int = 0) -> Tensor:
    if x.ndim != 1 or (x.numel() and x._a.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    counts = np.bincount(x._a.astype(np.int64), weights=None if weights is None else weights._a, minlength=minlength)
    if weights is None or x.numel() == 0:
        return index_result(counts, x)
    return like(counts, x, weights.dtype if weights.dtype.category >= D.FLOAT else D.float64)


bind_methods(globals(), "sort argsort msort topk kthvalue unique unique_consecutive histc bincount")
