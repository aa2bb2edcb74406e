"""Inputs and NumPy oracles of the indexing, gather and scatter family (rows in test_indexing.py).

Where the documentation leaves the winner of duplicate indices undefined (scatter, index_copy,
index_put and put without accumulate), the inputs draw distinct target positions; the rows that
accumulate draw duplicates on purpose.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from hypothesis import strategies as st

from conformance.dtypes import FULL_FLOAT_DTYPES, SIGNED_DTYPES
from suites.ops.family import array, dim
from suites.ops.helpers import arrays

DTYPES = SIGNED_DTYPES
FLOATS = FULL_FLOAT_DTYPES


def _ints(data: Any, shape: tuple[int, ...], high: int, label: str) -> np.ndarray:
    """int64 indices in [0, high) (duplicates likely)."""
    return data.draw(arrays("int64", shape, 0, max(high - 1, 0)), label=label)


def _distinct(data: Any, shape: tuple[int, ...], d: int, size: int, label: str) -> np.ndarray:
    """int64 indices of ``shape`` in [0, size), distinct along dim ``d`` within each slice."""
    lead = tuple(s for i, s in enumerate(shape) if i != d)
    keys = data.draw(arrays("int64", lead + (size,), 0, 99), label=label)
    order = np.argsort(keys, axis=-1, kind="stable")[..., :shape[d]]
    return np.moveaxis(order, -1, d).astype(np.int64)


def _scatter_shapes(data: Any, dtypes: tuple[str, ...] = DTYPES) -> tuple[np.ndarray, int, tuple[int, ...]]:
    """self, dim, and an index shape no larger than self (index.size(d) <= self.size(d) for every d)."""
    a = array(data, dtypes, max_dims=3)
    d = dim(data, a.ndim)
    shape = tuple(data.draw(st.integers(1, s), label=f"index size {i}") for i, s in enumerate(a.shape))
    return a, d, shape


def gather_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, DTYPES + ("bool",), max_dims=3)
    d = dim(data, a.ndim)
    shape = tuple(data.draw(st.integers(0 if i == d % a.ndim else 1, s if i != d % a.ndim else 4),
                            label=f"index size {i}") for i, s in enumerate(a.shape))
    return (a, d, _ints(data, shape, a.shape[d], "index")), {}


def gather(a: np.ndarray, dim: int, index: np.ndarray) -> np.ndarray:
    """out[i][j][k] = a[index[i][j][k]][j][k] for dim 0 (likewise for other dims)."""
    grid = list(np.indices(index.shape, sparse=True))
    grid[dim] = index
    return a[tuple(grid)]


def _positions(index: np.ndarray, dim: int) -> Any:
    """(position in index, target position in self) for every element of ``index``."""
    for pos in np.ndindex(*index.shape):
        target = list(pos)
        target[dim] = int(index[pos])
        yield pos, tuple(target)


def _scatter(a: np.ndarray, dim: int, index: np.ndarray, src: Any,
             combine: Callable[[Any, Any], Any] = lambda old, new: new) -> np.ndarray:
    out = a.copy()
    for pos, target in _positions(index, dim % a.ndim):
        new = src[pos] if isinstance(src, np.ndarray) else src
        out[target] = combine(out[target], new)
    return out


def scatter_in(data: Any) -> tuple[tuple, dict]:
    a, d, shape = _scatter_shapes(data)
    src = array(data, (a.dtype.name,), shape=shape, label="src")
    return (a, d, _distinct(data, shape, d % a.ndim, a.shape[d], "index"), src), {}


def scatter(a: np.ndarray, dim: int, index: np.ndarray, src: Any) -> np.ndarray:
    return _scatter(a, dim, index, src)


def scatter_value_in(data: Any) -> tuple[tuple, dict]:
    a, d, shape = _scatter_shapes(data)
    value = data.draw(st.integers(-9, 9), label="value")
    return (a, d, _distinct(data, shape, d % a.ndim, a.shape[d], "index"), value), {}


def scatter_value_reduce_in(data: Any) -> tuple[tuple, dict]:
    a, d, shape = _scatter_shapes(data, FLOATS)
    reduce = data.draw(st.sampled_from(["add", "multiply"]), label="reduce")
    value = data.draw(st.integers(-3, 3), label="value")
    return (a, d, _ints(data, shape, a.shape[d], "index"), value), {"reduce": reduce}


def scatter_value_reduce(a: np.ndarray, dim: int, index: np.ndarray, value: Any, reduce: str) -> np.ndarray:
    combine = (lambda old, new: old + new) if reduce == "add" else (lambda old, new: old * new)
    return _scatter(a, dim, index, value, combine)


def scatter_add_in(data: Any) -> tuple[tuple, dict]:
    a, d, shape = _scatter_shapes(data)
    src = array(data, (a.dtype.name,), shape=shape, label="src")
    return (a, d, _ints(data, shape, a.shape[d], "index"), src), {}


def scatter_add(a: np.ndarray, dim: int, index: np.ndarray, src: np.ndarray) -> np.ndarray:
    return _scatter(a, dim, index, src, lambda old, new: old + new)


REDUCTIONS = {"sum": np.sum, "prod": np.prod, "mean": np.mean, "amax": np.max, "amin": np.min}


def scatter_reduce_in(include_self: bool) -> Any:
    def draw(data: Any) -> tuple[tuple, dict]:
        a, d, shape = _scatter_shapes(data, FLOATS)
        src = array(data, (a.dtype.name,), shape=shape, low=-3, high=3, label="src")
        reduce = data.draw(st.sampled_from(sorted(REDUCTIONS)), label="reduce")
        return (a, d, _ints(data, shape, a.shape[d], "index"), src, reduce), {"include_self": include_self}
    return draw


def scatter_reduce(a: np.ndarray, dim: int, index: np.ndarray, src: np.ndarray, reduce: str,
                   include_self: bool = True) -> np.ndarray:
    """Each target position reduces the src values scattered to it, and its own value if include_self;
    positions nothing is scattered to keep their value."""
    gathered: dict[tuple, list[Any]] = {}
    for pos, target in _positions(index, dim % a.ndim):
        gathered.setdefault(target, [a[target]] if include_self else []).append(src[pos])
    out = a.copy()
    for target, values in gathered.items():
        out[target] = REDUCTIONS[reduce](np.array(values, a.dtype))
    return out


def _index_along(data: Any, distinct: bool) -> tuple[np.ndarray, int, np.ndarray]:
    """self, dim, and a 1-D int64 index into that dim."""
    a = array(data, DTYPES, max_dims=3)
    d = dim(data, a.ndim)
    size = a.shape[d]
    if distinct:
        n = data.draw(st.integers(0, size), label="count")
        index = np.array(data.draw(st.permutations(range(size)), label="index")[:n], dtype=np.int64)
    else:
        index = _ints(data, (data.draw(st.integers(0, 4), label="count"),), size, "index")
    return a, d, index


def _source(data: Any, a: np.ndarray, d: int, index: np.ndarray) -> np.ndarray:
    shape = list(a.shape)
    shape[d] = len(index)
    return array(data, (a.dtype.name,), shape=tuple(shape), label="source")


def index_select_in(data: Any) -> tuple[tuple, dict]:
    a, d, index = _index_along(data, distinct=False)
    return (a, d, index), {}


def index_select(a: np.ndarray, dim: int, index: np.ndarray) -> np.ndarray:
    return np.take(a, index, axis=dim)


def index_add_in(data: Any) -> tuple[tuple, dict]:
    a, d, index = _index_along(data, distinct=False)
    return (a, d, index, _source(data, a, d, index)), {"alpha": data.draw(st.integers(-2, 2), label="alpha")}


def index_add(a: np.ndarray, dim: int, index: np.ndarray, source: np.ndarray, alpha: int = 1) -> np.ndarray:
    out = np.moveaxis(a.copy(), dim, 0)
    np.add.at(out, index, (alpha * np.moveaxis(source, dim, 0)).astype(a.dtype))
    return np.moveaxis(out, 0, dim)


def index_copy_in(data: Any) -> tuple[tuple, dict]:
    a, d, index = _index_along(data, distinct=True)
    return (a, d, index, _source(data, a, d, index)), {}


def index_copy(a: np.ndarray, dim: int, index: np.ndarray, source: np.ndarray) -> np.ndarray:
    out = np.moveaxis(a.copy(), dim, 0)
    out[index] = np.moveaxis(source, dim, 0)
    return np.moveaxis(out, 0, dim)


def index_fill_in(data: Any) -> tuple[tuple, dict]:
    a, d, index = _index_along(data, distinct=False)
    return (a, d, index, data.draw(st.integers(-9, 9), label="value")), {}


def index_fill(a: np.ndarray, dim: int, index: np.ndarray, value: Any) -> np.ndarray:
    out = np.moveaxis(a.copy(), dim, 0)
    out[index] = value
    return np.moveaxis(out, 0, dim)


def index_put_in(accumulate: bool) -> Any:
    """A tuple of k int64 index tensors (k <= ndim) picking n positions, distinct unless accumulating."""
    def draw(data: Any) -> tuple[tuple, dict]:
        a = array(data, DTYPES, max_dims=3)
        k = data.draw(st.integers(1, a.ndim), label="k")
        cells = int(np.prod(a.shape[:k]))
        flat = data.draw(st.lists(st.integers(0, cells - 1), max_size=4, unique=not accumulate), label="positions")
        indices = tuple(i.astype(np.int64) for i in np.unravel_index(np.array(flat, dtype=np.int64), a.shape[:k]))
        values = array(data, (a.dtype.name,), shape=(len(flat),) + a.shape[k:], label="values")
        return (a, indices, values), ({"accumulate": True} if accumulate else {})
    return draw


def index_put(a: np.ndarray, indices: tuple[np.ndarray, ...], values: np.ndarray,
              accumulate: bool = False) -> np.ndarray:
    out = a.copy()
    if accumulate:
        np.add.at(out, indices, values)
    else:
        out[indices] = values
    return out


def _mask_for(data: Any, a: np.ndarray) -> np.ndarray:
    """A bool mask of a's shape or of a suffix of it with some sides 1 (broadcast to a)."""
    keep = data.draw(st.integers(0, a.ndim), label="mask dims")
    shape = tuple(1 if data.draw(st.booleans(), label="one") else s for s in a.shape[a.ndim - keep:])
    return data.draw(arrays("bool", shape), label="mask")


def masked_fill_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, DTYPES + ("bool",), min_dims=0)
    value = data.draw(st.booleans(), label="value") if a.dtype == bool else data.draw(st.integers(-9, 9), label="value")
    return (a, _mask_for(data, a), value), {}


def masked_fill(a: np.ndarray, mask: np.ndarray, value: Any) -> np.ndarray:
    return np.where(mask, np.asarray(value, a.dtype), a)


def masked_select_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, DTYPES + ("bool",), min_dims=0)
    return (a, _mask_for(data, a)), {}


def masked_select(a: np.ndarray, mask: np.ndarray) -> np.ndarray:
    a, mask = np.broadcast_arrays(a, mask)
    return a[mask]


def masked_scatter_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, DTYPES + ("bool",))
    mask = _mask_for(data, a)
    return (a, mask, array(data, (a.dtype.name,), shape=a.shape, label="source")), {}


def masked_scatter(a: np.ndarray, mask: np.ndarray, source: np.ndarray) -> np.ndarray:
    """The masked positions, in row-major order, take source's elements in row-major order."""
    full = np.broadcast_to(mask, a.shape)
    out = a.copy()
    out[full] = source.reshape(-1)[:int(full.sum())]
    return out


def take_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, DTYPES, min_dims=0)
    index = data.draw(arrays("int64", data.draw(st.sampled_from([(), (3,), (2, 2)]), label="index shape"),
                             0, a.size - 1), label="index")
    return (a, index), {}


def take(a: np.ndarray, index: np.ndarray) -> np.ndarray:
    """a viewed as 1-D; the result has index's shape."""
    return a.reshape(-1)[index]


def take_along_dim_in(data: Any) -> tuple[tuple, dict]:
    """Indices of the same ndim (sizes 1 broadcast), or dim omitted (a flattened)."""
    a = array(data, DTYPES, max_dims=3)
    if data.draw(st.booleans(), label="flattened"):
        return (a, _ints(data, (data.draw(st.integers(0, 4), label="n"),), a.size, "indices")), {}
    d = dim(data, a.ndim)
    shape = tuple(data.draw(st.integers(0, 3), label="n") if i == d % a.ndim else
                  data.draw(st.sampled_from([1, s]), label=f"size {i}") for i, s in enumerate(a.shape))
    return (a, _ints(data, shape, a.shape[d], "indices")), {"dim": d}


def take_along_dim(a: np.ndarray, indices: np.ndarray, dim: int | None = None) -> np.ndarray:
    if dim is None:
        return np.take_along_axis(a.reshape(-1), indices.reshape(-1), axis=0)
    ones_at_dim = [tuple(1 if i == dim % a.ndim else s for i, s in enumerate(x.shape)) for x in (a, indices)]
    shape = list(np.broadcast_shapes(*ones_at_dim))
    shape[dim] = a.shape[dim]
    index_shape = list(shape)
    index_shape[dim] = indices.shape[dim]
    return np.take_along_axis(np.broadcast_to(a, shape), np.broadcast_to(indices, index_shape), axis=dim)


def put_in(accumulate: bool) -> Any:
    def draw(data: Any) -> tuple[tuple, dict]:
        a = array(data, DTYPES)
        n = data.draw(st.integers(0, min(4, a.size)), label="n")
        if accumulate:
            index = _ints(data, (n,), a.size, "index")
        else:
            index = np.array(data.draw(st.permutations(range(a.size)), label="index")[:n], dtype=np.int64)
        source = array(data, (a.dtype.name,), shape=(n,), label="source")
        return (a, index, source), ({"accumulate": True} if accumulate else {})
    return draw


def put(a: np.ndarray, index: np.ndarray, source: np.ndarray, accumulate: bool = False) -> np.ndarray:
    """a viewed as 1-D; with accumulate, duplicates add up."""
    out = a.copy().reshape(-1)
    if accumulate:
        np.add.at(out, index, source)
    else:
        out[index] = source
    return out.reshape(a.shape)


def nonzero_in(data: Any) -> tuple[tuple, dict]:
    return (array(data, DTYPES + ("bool",), min_dims=1, min_side=0, low=-1, high=1),), {}


def nonzero(a: np.ndarray) -> np.ndarray:
    """(count, ndim) int64 indices of the non-zero elements in row-major order."""
    return np.argwhere(a).astype(np.int64)


def nonzero_tuple(a: np.ndarray, as_tuple: bool = True) -> tuple[np.ndarray, ...]:
    return tuple(i.astype(np.int64) for i in np.nonzero(a))


def as_tuple_in(data: Any) -> tuple[tuple, dict]:
    return nonzero_in(data)[0], {"as_tuple": True}
