"""Reductions and scans beyond sum/mean/max (ops.reduce.*, ops.scan.*): NumPy over the same dims,
results cast to the documented dtype (bool and integers give int64 for sums and products)."""
from __future__ import annotations

import warnings
from collections import namedtuple
from typing import Any, Callable

import numpy as np

from reference import _dtype as D
from reference._family import bind_methods, index_result, like
from reference._ops import _dims, var
from reference._tensor import Tensor, _wrap_dim

__all__ = ["aminmax", "count_nonzero", "cummax", "cummin", "cumprod", "cumsum", "diff", "logcumsumexp", "logsumexp",
           "median", "mode", "nanmean", "nanmedian", "nanquantile", "nansum", "norm", "quantile", "std_mean",
           "var_mean", "vector_norm"]

_Pair = {name: namedtuple(name, fields) for name, fields in (
    ("median", "values indices"), ("nanmedian", "values indices"), ("mode", "values indices"),
    ("aminmax", "min max"), ("cummax", "values indices"), ("cummin", "values indices"))}


def _quiet(fn: Callable[[], Any]) -> Any:
    """NumPy's warnings for empty or all-NaN slices: the documented results are NaN, silently."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn()


def _axis(x: Tensor, dim: Any) -> Any:
    return _dims(dim, x.ndim) if x.ndim else None


def _int64_unless_float(x: Tensor, dtype: D.dtype | None) -> D.dtype:
    return dtype or (x.dtype if x.dtype.category >= D.FLOAT else D.int64)


def nansum(x: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: D.dtype | None = None) -> Tensor:
    target = _int64_unless_float(x, dtype)
    return like(np.nansum(x._a.astype(target.np), axis=_axis(x, dim), keepdims=keepdim), x, target)


def nanmean(x: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: D.dtype | None = None) -> Tensor:
    return like(_quiet(lambda: np.nanmean(x._a, axis=_axis(x, dim), keepdims=keepdim)), x, dtype or x.dtype)


def _lower_middle(x: Tensor, dim: Any, keepdim: bool, name: str, skip_nan: bool) -> Any:
    """The lower of the two middles. NaN sorts last: median of a slice holding NaN is that NaN (and its
    index); nanmedian skips NaN (a slice of only NaN gives NaN). Without dim: the 0-dim value only."""
    a = x._a.reshape(-1) if dim is None or not x.ndim else x._a
    d = 0 if dim is None else _wrap_dim(dim, a.ndim)
    order = np.argsort(a, axis=d, kind="stable")
    nan = np.isnan(a) if x.dtype.category >= D.FLOAT else np.zeros(a.shape, bool)
    count = (~nan).sum(axis=d, keepdims=True) if skip_nan else np.full(nan.any(axis=d, keepdims=True).shape, a.shape[d])
    pick = np.take_along_axis(order, np.clip((count - 1) // 2, 0, None), axis=d)
    if not skip_nan:
        pick = np.where(nan.any(axis=d, keepdims=True), np.expand_dims(np.argmax(nan, axis=d), d), pick)
    values = np.take_along_axis(a, pick, axis=d)
    if dim is None:
        return like(values.reshape(()), x)
    if not keepdim or not x.ndim:
        values, pick = values.squeeze(d), pick.squeeze(d)
    return _Pair[name](like(values, x), index_result(pick, x))


def median(x: Tensor, dim: int | None = None, keepdim: bool = False) -> Any:
    return _lower_middle(x, dim, keepdim, "median", skip_nan=False)


def nanmedian(x: Tensor, dim: int | None = None, keepdim: bool = False) -> Any:
    return _lower_middle(x, dim, keepdim, "nanmedian", skip_nan=True)


def mode(x: Tensor, dim: int = -1, keepdim: bool = False) -> Any:
    """The most frequent value of each slice (the smallest among equally frequent ones) and its last index."""
    a = x._a if x.ndim else x._a.reshape(1)
    d = _wrap_dim(dim, a.ndim)
    moved = np.moveaxis(a, d, -1)
    counts = (moved[..., :, None] == moved[..., None, :]).sum(-1)
    best_count = counts.max(-1, keepdims=True)
    candidates = np.where(counts == best_count, moved, moved.max(initial=0))
    values = candidates.min(-1).astype(a.dtype)
    n = moved.shape[-1]
    last = n - 1 - np.argmax(np.flip(moved == values[..., None], -1), axis=-1)
    values, last = (np.expand_dims(values, d), np.expand_dims(last, d)) if keepdim else (values, last)
    return _Pair["mode"](like(values, x), index_result(last, x))


def var_mean(x: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *, correction: Any = None) -> Any:
    from reference._ops import mean

    return var(x, dim, unbiased, keepdim, correction=correction), mean(x, dim, keepdim)


def std_mean(x: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *, correction: Any = None) -> Any:
    from reference._ops import mean, std

    return std(x, dim, unbiased, keepdim, correction=correction), mean(x, dim, keepdim)


def aminmax(x: Tensor, *, dim: int | None = None, keepdim: bool = False) -> Any:
    axis = None if dim is None else _wrap_dim(dim, max(x.ndim, 1))
    a = x._a if x.ndim else x._a.reshape(1)
    keep = keepdim and dim is not None
    lo, hi = np.min(a, axis=axis, keepdims=keep), np.max(a, axis=axis, keepdims=keep)
    if not x.ndim:
        lo, hi = lo.reshape(()), hi.reshape(())
    return _Pair["aminmax"](like(lo, x), like(hi, x))


def count_nonzero(x: Tensor, dim: Any = None) -> Tensor:
    return index_result(np.count_nonzero(x._a, axis=_axis(x, dim)), x)


def logsumexp(x: Tensor, dim: Any, keepdim: bool = False) -> Tensor:
    target = x.dtype if x.dtype.category >= D.FLOAT else D.get_default_dtype()
    a = x._a.astype(np.float64)
    axis = _axis(x, dim)
    top = np.max(a, axis=axis, keepdims=True) if a.size else np.zeros((1,) * a.ndim)
    top = np.where(np.isfinite(top), top, 0)
    out = _quiet(lambda: np.log(np.sum(np.exp(a - top), axis=axis, keepdims=True)) + top)
    return like(out if keepdim else np.squeeze(out, axis=axis), x, target)


def vector_norm(x: Tensor, ord: float = 2, dim: Any = None, keepdim: bool = False, *,  # noqa: A002
                dtype: D.dtype | None = None) -> Tensor:
    a = np.abs(x._a.astype(np.float64))
    axis = {"axis": _axis(x, dim), "keepdims": keepdim}
    if ord == np.inf:
        out = np.max(a, **axis)
    elif ord == -np.inf:
        out = np.min(a, **axis)
    elif ord == 0:
        out = np.sum(a != 0, **axis)
    else:
        out = np.sum(a ** ord, **axis) ** (1.0 / ord)
    return like(out, x, dtype or (x.dtype if x.dtype.category >= D.FLOAT else D.get_default_dtype()))


def norm(x: Tensor, p: Any = "fro", dim: Any = None, keepdim: bool = False, dtype: D.dtype | None = None) -> Tensor:
    return vector_norm(x, 2 if p == "fro" else p, dim, keepdim, dtype=dtype)


def _scan(x: Tensor, dim: int, dtype: D.dtype | None, fn: Callable[..., Any]) -> Tensor:
    target = _int64_unless_float(x, dtype)
    a = x._a if x.ndim else x._a.reshape(1)
    return like(fn(a.astype(target.np), axis=_wrap_dim(dim, a.ndim), dtype=target.np).reshape(x._a.shape), x, target)


def cumsum(x: Tensor, dim: int, *, dtype: D.dtype | None = None) -> Tensor:
    return _scan(x, dim, dtype, np.cumsum)


def cumprod(x: Tensor, dim: int, *, dtype: D.dtype | None = None) -> Tensor:
    return _scan(x, dim, dtype, np.cumprod)


def logcumsumexp(x: Tensor, dim: int) -> Tensor:
    a = x._a if x.ndim else x._a.reshape(1)
    return like(_quiet(lambda: np.logaddexp.accumulate(a.astype(np.float64), axis=_wrap_dim(dim, a.ndim)))
                .reshape(x._a.shape), x)


def _cum_extreme(x: Tensor, dim: int, accumulate: Any, name: str) -> Any:
    """The running extreme and the index of the last position that reached it."""
    a = x._a if x.ndim else x._a.reshape(1)
    d = _wrap_dim(dim, a.ndim)
    running = accumulate(a, axis=d)
    shape = [1] * a.ndim
    shape[d] = a.shape[d]
    positions = np.arange(a.shape[d]).reshape(shape)
    indices = np.maximum.accumulate(np.where(a == running, positions, 0), axis=d)
    return _Pair[name](like(running.reshape(x._a.shape), x), index_result(indices.reshape(x._a.shape), x))


def cummax(x: Tensor, dim: int) -> Any:
    return _cum_extreme(x, dim, np.maximum.accumulate, "cummax")


def cummin(x: Tensor, dim: int) -> Any:
    return _cum_extreme(x, dim, np.minimum.accumulate, "cummin")


def diff(x: Tensor, n: int = 1, dim: int = -1, prepend: Tensor | None = None, append: Tensor | None = None) -> Tensor:
    d = _wrap_dim(dim, x.ndim)
    joined = np.concatenate([t._a for t in (prepend, x, append) if t is not None], axis=d)
    return like(np.diff(joined, n=n, axis=d), x)


def _quantile(fn: Any, x: Tensor, q: Any, dim: int | None, keepdim: bool, interpolation: str) -> Tensor:
    qs = q._a if isinstance(q, Tensor) else q
    axis = None if dim is None else _wrap_dim(dim, x.ndim)
    out = _quiet(lambda: fn(x._a.astype(np.float64), qs, axis=axis, keepdims=keepdim, method=interpolation))
    if keepdim and dim is None:
        out = np.reshape(out, np.shape(qs) + (1,) * x.ndim)
    return like(out, x)


def quantile(x: Tensor, q: Any, dim: int | None = None, keepdim: bool = False, *,
             interpolation: str = "linear") -> Tensor:
    return _quantile(np.quantile, x, q, dim, keepdim, interpolation)


def nanquantile(x: Tensor, q: Any, dim: int | None = None, keepdim: bool = False, *,
                interpolation: str = "linear") -> Tensor:
    return _quantile(np.nanquantile, x, q, dim, keepdim, interpolation)


bind_methods(globals(), "nansum nanmean median nanmedian mode aminmax count_nonzero logsumexp norm cumsum cumprod "
             "cummax cummin logcumsumexp diff quantile nanquantile", inplace_names="cumsum cumprod")
