"""Inputs and NumPy oracles of the reductions and scans family (rows in test_reductions_scans.py).

Dims are drawn as an int, a tuple of ints (some negative) or omitted, with keepdim; oracles cast
to the documented result dtype (integers and bool summed or multiplied give int64 unless dtype=).
Rows returning indices draw distinct values where the documentation leaves ties open.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from conformance.dtypes import CORE_DTYPES, FULL_FLOAT_DTYPES, GENERIC_DTYPES, INT_DTYPES
from conformance.strategies import dtype_names
from suites.ops.family import Dtype, array, dim
from suites.ops.sorting_spec import distinct

FLOATS = FULL_FLOAT_DTYPES
NUMERIC = INT_DTYPES + FULL_FLOAT_DTYPES


def _dims(data: Any, ndim: int, tuples: bool = True) -> dict[str, Any]:
    """dim (an int, or a tuple of distinct dims if ``tuples``) with keepdim, or nothing (all dims)."""
    kind = data.draw(st.sampled_from(["all", "int", "tuple"] if tuples else ["all", "int"]), label="dims kind")
    if kind == "all":
        return {}
    if kind == "int":
        return {"dim": dim(data, ndim), "keepdim": data.draw(st.booleans(), label="keepdim")}
    dims = data.draw(st.lists(st.integers(-ndim, ndim - 1), min_size=1, max_size=ndim,
                              unique_by=lambda d: d % ndim), label="dims")
    return {"dim": tuple(dims), "keepdim": data.draw(st.booleans(), label="keepdim")}


def _axis(kwargs: dict[str, Any]) -> dict[str, Any]:
    """NumPy's axis/keepdims for torch's dim/keepdim."""
    return {"axis": kwargs.get("dim"), "keepdims": kwargs.get("keepdim", False)}


def _int64_unless_float(a: np.ndarray) -> str:
    return a.dtype.name if a.dtype.kind in "fc" else "int64"


def with_nans(data: Any, a: np.ndarray) -> np.ndarray:
    """``a`` (floating) with NaN at a drawn subset of positions."""
    mask = data.draw(st.lists(st.booleans(), min_size=a.size, max_size=a.size), label="nan at")
    out = a.copy()
    out[np.array(mask, dtype=bool).reshape(a.shape)] = np.nan
    return out


def prod_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, CORE_DTYPES, min_dims=0, min_side=0, low=-2, high=2)
    kwargs = _dims(data, a.ndim, tuples=False) if a.ndim else {}
    if data.draw(st.booleans(), label="with dtype"):
        kwargs["dtype"] = Dtype(data.draw(dtype_names(GENERIC_DTYPES), label="dtype"))
    return (a,), kwargs


def prod(a: np.ndarray, dim: int | None = None, keepdim: bool = False, dtype: str | None = None) -> np.ndarray:
    target = dtype or _int64_unless_float(a)
    return np.asarray(np.prod(a.astype(target), axis=dim, keepdims=keepdim, dtype=target))


def nan_in(data: Any) -> tuple[tuple, dict]:
    a = with_nans(data, array(data, FLOATS, min_side=1))
    return (a,), _dims(data, a.ndim)


def nansum(a: np.ndarray, **kwargs: Any) -> np.ndarray:
    return np.asarray(np.nansum(a, **_axis(kwargs)), a.dtype)


def nanmean(a: np.ndarray, **kwargs: Any) -> np.ndarray:
    """NaNs ignored; a slice of only NaN has mean NaN."""
    with np.errstate(all="ignore"):
        total = np.nansum(a, **_axis(kwargs))
        count = np.sum(~np.isnan(a), **_axis(kwargs))
        return np.asarray(total / count, a.dtype)


def median_in(data: Any) -> tuple[tuple, dict]:
    return (array(data, NUMERIC, min_side=1, low=-3, high=3),), {}


def _lower_middle(a: np.ndarray, axis: int | None = None) -> np.ndarray:
    """The lower of the two middle values for an even count (not their mean)."""
    flat = a.reshape(-1) if axis is None else np.moveaxis(a, axis, -1)
    n = flat.shape[-1]
    return np.sort(flat, axis=-1)[..., (n - 1) // 2]


def median(a: np.ndarray) -> np.ndarray:
    return np.asarray(_lower_middle(a), a.dtype)


def nanmedian_in(data: Any) -> tuple[tuple, dict]:
    return (with_nans(data, array(data, FLOATS, min_side=1, low=-3, high=3)),), {}


def nanmedian(a: np.ndarray) -> np.ndarray:
    """The lower middle of the non-NaN values; NaN if all are NaN."""
    kept = a[~np.isnan(a)]
    return np.asarray(_lower_middle(kept) if kept.size else np.nan, a.dtype)


def along_dim_in(data: Any) -> tuple[tuple, dict]:
    """Distinct values (so indices are determined), a dim and keepdim."""
    a = distinct(data)
    return (a,), {"dim": dim(data, a.ndim), "keepdim": data.draw(st.booleans(), label="keepdim")}


def _keep(x: np.ndarray, axis: int, keepdim: bool) -> np.ndarray:
    return np.expand_dims(x, axis) if keepdim else x


def median_dim(a: np.ndarray, dim: int, keepdim: bool = False) -> tuple[np.ndarray, np.ndarray]:
    n = a.shape[dim]
    order = np.argsort(a, axis=dim, kind="stable")
    pick = np.take(order, (n - 1) // 2, axis=dim)
    values = np.take_along_axis(a, np.expand_dims(pick, dim), axis=dim).squeeze(dim)
    return _keep(values, dim, keepdim), _keep(pick.astype(np.int64), dim, keepdim)


def mode_in(data: Any) -> tuple[tuple, dict]:
    """Each slice along dim holds one value twice and the rest distinct: a single mode."""
    a = distinct(data, min_side=2)
    d = dim(data, a.ndim)
    moved = np.moveaxis(a, d, -1).copy()
    moved[..., 1] = moved[..., 0]
    return (np.moveaxis(moved, -1, d),), {"dim": d, "keepdim": data.draw(st.booleans(), label="keepdim")}


def mode(a: np.ndarray, dim: int = -1, keepdim: bool = False) -> tuple[np.ndarray]:
    """The most frequent value of each slice (the indices are only checked by pointing at it)."""
    moved = np.moveaxis(a, dim, -1)
    counts = (moved[..., :, None] == moved[..., None, :]).sum(-1)
    best = np.take_along_axis(moved, counts.argmax(-1)[..., None], axis=-1)[..., 0]
    return (_keep(best, dim % a.ndim, keepdim),)


def var_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, FLOATS, min_side=1)
    kwargs = _dims(data, a.ndim)
    reduced = kwargs.get("dim", tuple(range(a.ndim)))
    n = int(np.prod([a.shape[d] for d in ((reduced,) if isinstance(reduced, int) else reduced)]))
    kwargs["correction"] = data.draw(st.integers(0, min(2, n - 1)), label="correction")  # N <= correction warns
    return (a,), kwargs


def var(a: np.ndarray, correction: int = 1, **kwargs: Any) -> np.ndarray:
    """Sum of squared deviations over max(0, N - correction) (NaN or inf when that is 0)."""
    with np.errstate(all="ignore"):
        mean = np.mean(a, axis=kwargs.get("dim"), keepdims=True)
        n = a.size // mean.size
        return np.asarray(np.sum((a - mean) ** 2, **_axis(kwargs)) / max(n - correction, 0), a.dtype)


def std(a: np.ndarray, correction: int = 1, **kwargs: Any) -> np.ndarray:
    return np.sqrt(var(a, correction, **kwargs))


def var_mean(a: np.ndarray, correction: int = 1, **kwargs: Any) -> tuple[np.ndarray, np.ndarray]:
    return var(a, correction, **kwargs), np.asarray(np.mean(a, **_axis(kwargs)), a.dtype)


def std_mean(a: np.ndarray, correction: int = 1, **kwargs: Any) -> tuple[np.ndarray, np.ndarray]:
    return std(a, correction, **kwargs), np.asarray(np.mean(a, **_axis(kwargs)), a.dtype)


def aminmax_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, NUMERIC, min_side=1)
    return (a,), _dims(data, a.ndim, tuples=False)


def aminmax(a: np.ndarray, **kwargs: Any) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(np.min(a, **_axis(kwargs))), np.asarray(np.max(a, **_axis(kwargs)))


def logical_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, CORE_DTYPES, min_side=0, low=0, high=1)
    return (a,), _dims(data, a.ndim)


def _logical(fn: Any, a: np.ndarray, kwargs: dict[str, Any]) -> np.ndarray:
    """bool, except uint8 input gives uint8."""
    return np.asarray(fn(a != 0, **_axis(kwargs))).astype("uint8" if a.dtype == np.uint8 else "bool")


def all_(a: np.ndarray, **kwargs: Any) -> np.ndarray:
    return _logical(np.all, a, kwargs)


def any_(a: np.ndarray, **kwargs: Any) -> np.ndarray:
    return _logical(np.any, a, kwargs)


def count_nonzero_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, CORE_DTYPES, min_side=0, low=-1, high=1)
    kwargs = _dims(data, a.ndim)
    kwargs.pop("keepdim", None)  # count_nonzero has no keepdim
    return (a,), kwargs


def count_nonzero(a: np.ndarray, dim: Any = None) -> np.ndarray:
    return np.asarray(np.count_nonzero(a, axis=dim), np.int64)


def logsumexp_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, FLOATS, min_side=1)
    kwargs = _dims(data, a.ndim)
    kwargs.setdefault("dim", tuple(range(a.ndim)))  # dim is required
    return (a,), kwargs


def logsumexp(a: np.ndarray, dim: Any, keepdim: bool = False) -> np.ndarray:
    return np.asarray(np.log(np.sum(np.exp(a.astype(np.float64)), axis=dim, keepdims=keepdim)), a.dtype)


ORDS = (1, 2, 3, 0, np.inf, -np.inf)


def vector_norm_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, FLOATS, min_side=1)
    kwargs = _dims(data, a.ndim)
    kwargs["ord"] = data.draw(st.sampled_from(ORDS), label="ord")
    return (a,), kwargs


def vector_norm(a: np.ndarray, ord: float = 2, dim: Any = None, keepdim: bool = False) -> np.ndarray:  # noqa: A002
    """The documented formulas: inf max |x|, -inf min |x|, 0 the count of non-zeros, else (sum |x|^ord)^(1/ord)."""
    x = np.abs(a.astype(np.float64))
    axis = {"axis": dim, "keepdims": keepdim}
    if ord == np.inf:
        out = np.max(x, **axis)
    elif ord == -np.inf:
        out = np.min(x, **axis)
    elif ord == 0:
        out = np.sum(x != 0, **axis)
    else:
        out = np.sum(x ** ord, **axis) ** (1.0 / ord)
    return np.asarray(out, a.dtype)


def norm_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, FLOATS, min_side=1)
    kwargs = _dims(data, a.ndim)
    kwargs["p"] = data.draw(st.sampled_from([1, 2, 3]), label="p")
    return (a,), kwargs


def norm(a: np.ndarray, p: float = 2, dim: Any = None, keepdim: bool = False) -> np.ndarray:
    return vector_norm(a, p, dim, keepdim)


def scan_in(dtypes: tuple[str, ...], with_dtype: bool = False) -> Any:
    def draw(data: Any) -> tuple[tuple, dict]:
        a = array(data, dtypes, min_side=0, low=-2, high=2)
        kwargs: dict[str, Any] = {"dim": dim(data, a.ndim)}
        if with_dtype and data.draw(st.booleans(), label="with dtype"):
            kwargs["dtype"] = Dtype(data.draw(dtype_names(GENERIC_DTYPES), label="dtype"))
        return (a,), kwargs
    return draw


def cumsum(a: np.ndarray, dim: int, dtype: str | None = None) -> np.ndarray:
    target = dtype or _int64_unless_float(a)
    return np.cumsum(a.astype(target), axis=dim, dtype=target)


def cumprod(a: np.ndarray, dim: int, dtype: str | None = None) -> np.ndarray:
    target = dtype or _int64_unless_float(a)
    return np.cumprod(a.astype(target), axis=dim, dtype=target)


def logcumsumexp(a: np.ndarray, dim: int) -> np.ndarray:
    return np.log(np.cumsum(np.exp(a.astype(np.float64)), axis=dim)).astype(a.dtype)


def cum_extreme_in(data: Any) -> tuple[tuple, dict]:
    a = distinct(data)
    return (a,), {"dim": dim(data, a.ndim)}


def _cum_extreme(a: np.ndarray, dim: int, accumulate: Any) -> tuple[np.ndarray, np.ndarray]:
    """Running extreme and the index where it was reached (values distinct)."""
    running = accumulate(a, axis=dim)
    shape = [1] * a.ndim
    shape[dim] = a.shape[dim]
    positions = np.arange(a.shape[dim]).reshape(shape)
    return running, np.maximum.accumulate(np.where(a == running, positions, 0), axis=dim).astype(np.int64)


def cummax(a: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    return _cum_extreme(a, dim, np.maximum.accumulate)


def cummin(a: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    return _cum_extreme(a, dim, np.minimum.accumulate)


def diff_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, GENERIC_DTYPES, min_side=0)  # bool input (observed: xor) is not documented
    d = dim(data, a.ndim)
    kwargs: dict[str, Any] = {"n": data.draw(st.integers(1, 3), label="n"), "dim": d}
    for side in ("prepend", "append"):
        if data.draw(st.booleans(), label=side):
            shape = list(a.shape)
            shape[d] = data.draw(st.integers(0, 2), label=f"{side} size")
            kwargs[side] = array(data, (a.dtype.name,), shape=tuple(shape), label=side)
    return (a,), kwargs


def diff(a: np.ndarray, n: int = 1, dim: int = -1, prepend: np.ndarray | None = None,
         append: np.ndarray | None = None) -> np.ndarray:
    """n-th forward difference along dim after joining prepend and append."""
    joined = np.concatenate([x for x in (prepend, a, append) if x is not None], axis=dim)
    return np.diff(joined, n=n, axis=dim)


INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")  # nearest: ties to even, as torch.round


def quantile_in(nans: bool) -> Any:
    def draw(data: Any) -> tuple[tuple, dict]:
        a = array(data, FLOATS, min_side=1)
        a = with_nans(data, a) if nans else a
        grid = st.integers(0, 8).map(lambda i: i / 8)
        if data.draw(st.booleans(), label="scalar q"):
            q: Any = data.draw(grid, label="q")
        else:
            q = np.array(data.draw(st.lists(grid, min_size=1, max_size=3), label="q"), a.dtype)
        kwargs: dict[str, Any] = {"interpolation": data.draw(st.sampled_from(INTERPOLATIONS), label="interpolation")}
        if data.draw(st.booleans(), label="with dim"):
            kwargs.update(dim=dim(data, a.ndim), keepdim=data.draw(st.booleans(), label="keepdim"))
        return (a, q), kwargs
    return draw


def quantile(a: np.ndarray, q: Any, dim: int | None = None, keepdim: bool = False,
             interpolation: str = "linear") -> np.ndarray:
    """The q-th quantiles along dim (or of all elements); a 1-D q adds a leading dim; NaN poisons a slice."""
    return _quantile(np.quantile, a, q, dim, keepdim, interpolation)


def nanquantile(a: np.ndarray, q: Any, dim: int | None = None, keepdim: bool = False,
                interpolation: str = "linear") -> np.ndarray:
    """As quantile, ignoring NaN; a slice of only NaN gives NaN."""
    return _quantile(np.nanquantile, a, q, dim, keepdim, interpolation)


def _quantile(fn: Any, a: np.ndarray, q: Any, dim: int | None, keepdim: bool, interpolation: str) -> np.ndarray:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices
        out = fn(a.astype(np.float64), q, axis=dim, keepdims=keepdim, method=interpolation)
    if keepdim and dim is None:  # torch keeps every dim as size 1
        out = np.reshape(out, np.shape(q) + (1,) * a.ndim)
    return np.asarray(out, a.dtype)
