"""Inputs and NumPy oracles of the joining and rearranging family (rows in test_joining.py).

Each ``*_in`` draws (args, kwargs) for the call; each oracle restates the documented rule with
NumPy, whose functions of the same name follow the same rule unless noted.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from conformance.dtypes import CORE_DTYPES, GENERIC_DTYPES
from conformance.strategies import broadcastable_pair, dtype_names
from suites.ops.family import Shape, array, dim
from suites.ops.oracles import promote_types

DTYPES = CORE_DTYPES


def _same_dtype_list(data: Any, min_dims: int = 1, max_dims: int = 3) -> tuple[list[np.ndarray], int]:
    """1-3 arrays of one dtype equal in every dim but ``d`` (drawn, may be negative)."""
    first = array(data, DTYPES, min_dims=min_dims, max_dims=max_dims, min_side=0)
    d = dim(data, first.ndim)
    parts = [first]
    for i in range(data.draw(st.integers(0, 2), label="more")):
        shape = list(first.shape)
        shape[d] = data.draw(st.integers(0, 3), label=f"size {i}")
        parts.append(array(data, (first.dtype.name,), shape=tuple(shape), label=f"part {i}"))
    return parts, d


def cat_in(data: Any) -> tuple[tuple, dict]:
    parts, d = _same_dtype_list(data)
    return (parts,), {"dim": d}


def cat(tensors: list[np.ndarray], dim: int = 0) -> np.ndarray:
    """Concatenation in the promoted dtype, skipping legacy 1-D empty inputs beside higher-dim ones."""
    dtype = tensors[0].dtype.name
    for t in tensors[1:]:
        dtype = promote_types(dtype, t.dtype.name)
    ndim = max(t.ndim for t in tensors)
    kept = [t for t in tensors if not (t.shape == (0,) and ndim > 1)]
    return np.concatenate([t.astype(dtype) for t in kept], axis=dim)


def cat_mixed_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, DTYPES, min_side=1)
    b = array(data, DTYPES, shape=a.shape, label="b")
    return ([a, b],), {"dim": dim(data, a.ndim)}


def cat_empty_in(data: Any) -> tuple[tuple, dict]:
    """A legacy empty (0,) tensor among 2-D ones, or inputs of size 0 along the cat dim."""
    a = array(data, GENERIC_DTYPES, min_dims=2, max_dims=2)
    d = dim(data, 2)
    empty_shape = list(a.shape)
    empty_shape[d] = 0
    empty = np.zeros((0,) if data.draw(st.booleans(), label="legacy") else tuple(empty_shape), a.dtype)
    parts = [empty, a] if data.draw(st.booleans(), label="empty first") else [a, empty]
    return (parts,), {"dim": d}


def stack_in(data: Any) -> tuple[tuple, dict]:
    """Arrays of 1-3 dims (the documented cases of hstack, vstack and dstack) of one shape."""
    first = array(data, GENERIC_DTYPES, min_dims=1, max_dims=3)
    parts = [first] + [array(data, (first.dtype.name,), shape=first.shape, label=f"part {i}")
                       for i in range(data.draw(st.integers(0, 2), label="more"))]
    return (parts,), {}


def column_stack_in(data: Any) -> tuple[tuple, dict]:
    """0-D, 1-D (n,) and 2-D (n, k) inputs."""
    n = data.draw(st.integers(1, 3), label="n")
    parts = [array(data, ("int64",), shape=data.draw(st.sampled_from([(n,), (n, 2), ()]) if n == 1 else
                                                       st.sampled_from([(n,), (n, 2)]), label=f"shape {i}"),
                   label=f"part {i}") for i in range(data.draw(st.integers(1, 3), label="count"))]
    return (parts,), {}


def one(data: Any, min_dims: int = 1, max_dims: int = 3, min_side: int = 0) -> np.ndarray:
    return array(data, DTYPES, min_dims=min_dims, max_dims=max_dims, min_side=min_side)


def flip_in(data: Any) -> tuple[tuple, dict]:
    a = one(data)
    dims = data.draw(st.lists(st.integers(-a.ndim, a.ndim - 1), min_size=1, max_size=a.ndim,
                              unique_by=lambda d: d % a.ndim), label="dims")
    return (a, tuple(dims)), {}


def flip(a: np.ndarray, dims: tuple[int, ...]) -> np.ndarray:
    return np.flip(a, dims)


def at_least(n: int) -> Any:
    return lambda data: ((one(data, min_dims=n),), {})


def roll_in(data: Any) -> tuple[tuple, dict]:
    """Several dims with their shifts, or no dims (the flattened tensor rolls)."""
    a = one(data)
    if data.draw(st.booleans(), label="flattened"):
        return (a, data.draw(st.integers(-7, 7), label="shifts")), {}
    dims = data.draw(st.lists(st.integers(-a.ndim, a.ndim - 1), min_size=1, max_size=a.ndim,
                              unique_by=lambda d: d % a.ndim), label="dims")
    shifts = data.draw(st.lists(st.integers(-7, 7), min_size=len(dims), max_size=len(dims)), label="shifts")
    return (a, tuple(shifts), tuple(dims)), {}


def roll(a: np.ndarray, shifts: Any, dims: Any = None) -> np.ndarray:
    return np.roll(a, shifts, axis=dims)


def rot90_in(data: Any) -> tuple[tuple, dict]:
    a = one(data, min_dims=2)
    d0 = data.draw(st.integers(0, a.ndim - 1), label="dim0")
    d1 = data.draw(st.integers(0, a.ndim - 1).filter(lambda d: d != d0), label="dim1")
    return (a, data.draw(st.integers(-5, 5), label="k"), [d0, d1]), {}


def rot90(a: np.ndarray, k: int, dims: list[int]) -> np.ndarray:
    return np.rot90(a, k, axes=tuple(dims))


def repeats_in(at_least_ndim: bool) -> Any:
    """``repeat`` needs at least ndim repeats; ``tile`` accepts fewer (leading 1s are implied)."""
    def draw(data: Any) -> tuple[tuple, dict]:
        a = one(data, max_dims=2)
        low = a.ndim if at_least_ndim else 1
        reps = data.draw(st.lists(st.integers(0, 3), min_size=low, max_size=a.ndim + 1), label="reps")
        return (a, tuple(reps)), {}
    return draw


def tile(a: np.ndarray, reps: tuple[int, ...]) -> np.ndarray:
    return np.tile(a, reps)


def repeat_interleave_in(data: Any) -> tuple[tuple, dict]:
    """An int or per-element tensor of repeats, along a dim or over the flattened input."""
    a = one(data, max_dims=2)
    if data.draw(st.booleans(), label="no dim"):
        return (a, data.draw(st.integers(0, 3), label="repeats")), {}
    d = dim(data, a.ndim)
    if data.draw(st.booleans(), label="tensor repeats"):
        repeats = np.array(data.draw(st.lists(st.integers(0, 3), min_size=a.shape[d], max_size=a.shape[d]),
                                     label="repeats"), dtype=np.int64)
        return (a, repeats), {"dim": d}
    return (a, data.draw(st.integers(0, 3), label="repeats")), {"dim": d}


def repeat_interleave(a: np.ndarray, repeats: Any, dim: int | None = None) -> np.ndarray:
    return np.repeat(a, repeats, axis=dim)


def triangle_in(data: Any) -> tuple[tuple, dict]:
    return (one(data, min_dims=2), data.draw(st.integers(-4, 4), label="diagonal")), {}


def tril(a: np.ndarray, diagonal: int = 0) -> np.ndarray:
    return np.tril(a, diagonal).astype(a.dtype)


def triu(a: np.ndarray, diagonal: int = 0) -> np.ndarray:
    return np.triu(a, diagonal).astype(a.dtype)


def diag_in(data: Any) -> tuple[tuple, dict]:
    return (one(data, max_dims=2), data.draw(st.integers(-3, 3), label="diagonal")), {}


def diag(a: np.ndarray, diagonal: int = 0) -> np.ndarray:
    return np.diag(a, diagonal)


def diagflat(a: np.ndarray, offset: int = 0) -> np.ndarray:
    return np.diagflat(a, offset)


def diag_embed_in(data: Any) -> tuple[tuple, dict]:
    return (one(data), data.draw(st.integers(-3, 3), label="offset")), {}


def diag_embed(a: np.ndarray, offset: int = 0) -> np.ndarray:
    """The last dim of ``a`` becomes the ``offset`` diagonal of new trailing (m, m) matrices."""
    n = a.shape[-1]
    m = n + abs(offset)
    out = np.zeros(a.shape[:-1] + (m, m), a.dtype)
    i = np.arange(n)
    rows, cols = (i, i + offset) if offset >= 0 else (i - offset, i)
    out[..., rows, cols] = a
    return out


def broadcast_to_in(data: Any) -> tuple[tuple, dict]:
    small, big = sorted(data.draw(broadcastable_pair(3, 3), label="shapes"), key=len)
    target = np.broadcast_shapes(small, big)
    return (array(data, DTYPES, shape=small), target), {}


def broadcast_to(a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    return np.broadcast_to(a, shape).copy()


def broadcast_tensors_in(data: Any) -> tuple[tuple, dict]:
    first, second = data.draw(broadcastable_pair(3, 3), label="shapes")
    return (array(data, DTYPES, shape=first), array(data, DTYPES, shape=second, label="b")), {}


def broadcast_tensors(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(b.copy() for b in np.broadcast_arrays(*arrays))


def broadcast_shapes_in(data: Any) -> tuple[tuple, dict]:
    return tuple(data.draw(broadcastable_pair(4, 4), label="shapes")), {}


def broadcast_shapes(*shapes: tuple[int, ...]) -> Shape:
    return Shape(np.broadcast_shapes(*shapes))


def atleast_in(data: Any) -> tuple[tuple, dict]:
    """One tensor (a tensor back) or several (a tuple back) of 0-3 dims."""
    count = data.draw(st.integers(1, 2), label="count")
    return tuple(one(data, min_dims=0) for _ in range(count)), {}


def atleast(fn: Any) -> Any:
    return lambda *arrays: fn(*arrays) if len(arrays) == 1 else tuple(fn(*arrays))


def ravel(a: np.ndarray) -> np.ndarray:
    return np.ravel(a)


def meshgrid_in(data: Any) -> tuple[tuple, dict]:
    count = data.draw(st.integers(1, 3), label="count")
    dtype = data.draw(dtype_names(GENERIC_DTYPES), label="dtype")
    vectors = tuple(array(data, (dtype,), min_dims=1, max_dims=1, min_side=0, label=f"v{i}")
                    for i in range(count))
    return vectors, {"indexing": data.draw(st.sampled_from(["ij", "xy"]), label="indexing")}


def meshgrid(*vectors: np.ndarray, indexing: str) -> tuple[np.ndarray, ...]:
    return tuple(g.copy() for g in np.meshgrid(*vectors, indexing=indexing))


def movedim_in(data: Any) -> tuple[tuple, dict]:
    a = one(data, min_dims=1, max_dims=4)
    count = data.draw(st.integers(1, a.ndim), label="count")
    dims = st.lists(st.integers(-a.ndim, a.ndim - 1), min_size=count, max_size=count, unique_by=lambda d: d % a.ndim)
    source, dest = data.draw(dims, label="source"), data.draw(dims, label="dest")
    if count == 1 and data.draw(st.booleans(), label="ints"):
        return (a, source[0], dest[0]), {}
    return (a, tuple(source), tuple(dest)), {}


def movedim(a: np.ndarray, source: Any, destination: Any) -> np.ndarray:
    return np.moveaxis(a, source, destination)
