"""Indexing, gather and scatter (ops.indexing.*): selections and writes by index tensors and
masks, each out of place (a copy of self written to) with the in-place Tensor methods writing
that result into self."""
from __future__ import annotations

from typing import Any, Callable, Iterator, Sequence

import numpy as np

from reference import _dtype as D
from reference._family import bind_methods, index_result, like
from reference._tensor import Tensor, _wrap_dim

__all__ = ["argwhere", "gather", "index_add", "index_copy", "index_fill", "index_put", "index_put_", "index_select",
           "masked_fill", "masked_scatter", "masked_select", "nonzero", "put", "scatter", "scatter_add",
           "scatter_reduce", "take", "take_along_dim"]


def _value(v: Any) -> Any:
    return v._a if isinstance(v, Tensor) else v


def gather(x: Tensor, dim: int, index: Tensor, *, sparse_grad: bool = False) -> Tensor:
    d = _wrap_dim(dim, x.ndim)
    grid = list(np.indices(index._a.shape, sparse=True))
    grid[d] = index._a
    return like(x._a[tuple(grid)], x)


def _targets(index: np.ndarray, d: int) -> Iterator[tuple[tuple, tuple]]:
    """(position in index, position written along d) for each index element."""
    for pos in np.ndindex(*index.shape):
        target = list(pos)
        target[d] = int(index[pos])
        yield pos, tuple(target)


def _scatter(x: Tensor, dim: int, index: Tensor, src: Any, combine: Callable[[Any, Any], Any]) -> Tensor:
    out = x._a.copy()
    source = _value(src)
    for pos, target in _targets(index._a, _wrap_dim(dim, x.ndim)):
        out[target] = combine(out[target], source[pos] if isinstance(source, np.ndarray) else source)
    return like(out, x)


_COMBINE: dict[Any, Callable[[Any, Any], Any]] = {
    None: lambda old, new: new, "add": lambda old, new: old + new, "multiply": lambda old, new: old * new}


def scatter(x: Tensor, dim: int, index: Tensor, src: Any = None, value: Any = None, *,
            reduce: str | None = None) -> Tensor:
    return _scatter(x, dim, index, value if src is None else src, _COMBINE[reduce])


def scatter_add(x: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    return _scatter(x, dim, index, src, _COMBINE["add"])


_REDUCE = {"sum": np.sum, "prod": np.prod, "mean": np.mean, "amax": np.max, "amin": np.min}


def scatter_reduce(x: Tensor, dim: int, index: Tensor, src: Tensor, reduce: str, *,
                   include_self: bool = True) -> Tensor:
    groups: dict[tuple, list[Any]] = {}
    for pos, target in _targets(index._a, _wrap_dim(dim, x.ndim)):
        groups.setdefault(target, [x._a[target]] if include_self else []).append(src._a[pos])
    out = x._a.copy()
    for target, items in groups.items():
        reduced = _REDUCE[reduce](np.array(items, x._a.dtype))
        out[target] = np.floor(reduced) if reduce == "mean" and x.dtype.category < D.FLOAT else reduced
    return like(out, x)


def _along(x: Tensor, dim: int, write: Callable[[np.ndarray], None]) -> Tensor:
    """A copy of x with dim moved first, written by ``write``, moved back."""
    d = _wrap_dim(dim, x.ndim)
    out = np.moveaxis(x._a.copy(), d, 0)
    write(out)
    return like(np.moveaxis(out, 0, d), x)


def index_select(x: Tensor, dim: int, index: Tensor) -> Tensor:
    return like(np.take(x._a, index._a.reshape(-1), axis=_wrap_dim(dim, x.ndim)), x)


def index_add(x: Tensor, dim: int, index: Tensor, source: Tensor, *, alpha: Any = 1) -> Tensor:
    d = _wrap_dim(dim, x.ndim)
    added = (alpha * np.moveaxis(source._a, d, 0)).astype(x._a.dtype)
    return _along(x, d, lambda out: np.add.at(out, index._a, added))


def index_copy(x: Tensor, dim: int, index: Tensor, source: Tensor) -> Tensor:
    d = _wrap_dim(dim, x.ndim)
    return _along(x, d, lambda out: out.__setitem__(index._a, np.moveaxis(source._a, d, 0)))


def index_fill(x: Tensor, dim: int, index: Tensor, value: Any) -> Tensor:
    return _along(x, dim, lambda out: out.__setitem__(index._a, _value(value)))


def index_put(x: Tensor, indices: Sequence[Tensor], values: Tensor, accumulate: bool = False) -> Tensor:
    out = x._a.copy()
    key = tuple(i._a.astype(bool) if i.dtype is D.bool_ else i._a for i in indices)
    if accumulate:
        np.add.at(out, key, values._a)
    else:
        out[key] = values._a
    return like(out, x)


def index_put_(x: Tensor, indices: Sequence[Tensor], values: Tensor, accumulate: bool = False) -> Tensor:
    from reference._ops import inplace

    return inplace(x, index_put(x, indices, values, accumulate))


def masked_fill(x: Tensor, mask: Tensor, value: Any) -> Tensor:
    return like(np.where(mask._a, np.asarray(_value(value)).astype(x._a.dtype), x._a), x)


def masked_select(x: Tensor, mask: Tensor) -> Tensor:
    a, m = np.broadcast_arrays(x._a, mask._a)
    return like(a[m], x)


def masked_scatter(x: Tensor, mask: Tensor, source: Tensor) -> Tensor:
    shape = np.broadcast_shapes(x._a.shape, mask._a.shape)
    out, m = np.broadcast_to(x._a, shape).copy(), np.broadcast_to(mask._a, shape)
    out[m] = source._a.reshape(-1)[:int(m.sum())]
    return like(out, x)


def take(x: Tensor, index: Tensor) -> Tensor:
    return like(x._a.reshape(-1)[index._a], x)


def take_along_dim(x: Tensor, indices: Tensor, dim: int | None = None) -> Tensor:
    if dim is None:
        return like(x._a.reshape(-1)[indices._a.reshape(-1)], x)
    d = _wrap_dim(dim, x.ndim)
    flat = [tuple(1 if i == d else s for i, s in enumerate(t.shape)) for t in (x._a, indices._a)]
    shape = list(np.broadcast_shapes(*flat))
    a_shape, i_shape = list(shape), list(shape)
    a_shape[d], i_shape[d] = x._a.shape[d], indices._a.shape[d]
    return like(np.take_along_axis(np.broadcast_to(x._a, a_shape), np.broadcast_to(indices._a, i_shape), axis=d), x)


def put(x: Tensor, index: Tensor, source: Tensor, accumulate: bool = False) -> Tensor:
    out = x._a.copy().reshape(-1)
    if accumulate:
        np.add.at(out, index._a.reshape(-1), source._a.reshape(-1))
    else:
        out[index._a.reshape(-1)] = source._a.reshape(-1)
    return like(out.reshape(x._a.shape), x)


def nonzero(x: Tensor, *, as_tuple: bool = False) -> Any:
    if as_tuple:
        return tuple(index_result(i, x) for i in np.nonzero(np.atleast_1d(x._a)))
    return index_result(np.argwhere(x._a), x)


def argwhere(x: Tensor) -> Tensor:
    return nonzero(x)


bind_methods(globals(), "gather scatter scatter_add scatter_reduce index_select index_add index_copy index_fill "
             "index_put index_put_ masked_fill masked_select masked_scatter take take_along_dim put nonzero argwhere",
             inplace_names="scatter scatter_add scatter_reduce index_add index_copy index_fill masked_fill "
             "masked_scatter put")
