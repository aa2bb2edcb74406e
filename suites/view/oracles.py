"""Plain-Python / NumPy oracles for the view checks.

* Index maps: a view of a base whose elements are ``0..n-1`` in row-major order is described
  by the array of base positions each of its elements reads (``np.arange(n).reshape(shape)``
  put through the NumPy counterpart of the op). Memory sharing is then checked by writing
  through one side and reading the other (see ``helpers.assert_shares_memory``).
* ``view_is_possible``: the documented stride condition of ``Tensor.view``.
* Shape helpers: row-major strides, factorisations of an element count.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
from hypothesis import strategies as st


def positions(shape: Sequence[int]) -> np.ndarray:
    """The index map of the base itself: element i of the row-major order reads position i."""
    return np.arange(math.prod(shape), dtype=np.int64).reshape(tuple(shape))


def row_major_strides(shape: Sequence[int]) -> tuple[int, ...]:
    """Strides (in elements) of a contiguous tensor: the product of the sizes after each dim."""
    strides, step = [], 1
    for size in reversed(tuple(shape)):
        strides.append(step)
        step *= size
    return tuple(reversed(strides))


def as_strided_map(shape: Sequence[int], size: Sequence[int], stride: Sequence[int], offset: int) -> np.ndarray:
    """Index map of ``as_strided(size, stride, offset)`` over a contiguous base of ``shape``."""
    out = np.full(tuple(size), offset, dtype=np.int64)
    for dim, (n, s) in enumerate(zip(size, stride)):
        steps = np.arange(n, dtype=np.int64) * s
        out = out + steps.reshape([n if d == dim else 1 for d in range(len(size))])
    return out


def unfold_map(index: np.ndarray, dim: int, size: int, step: int) -> np.ndarray:
    """``unfold(dim, size, step)``: windows along ``dim`` (count there), window contents as a new last dim."""
    dim = dim % index.ndim
    count = (index.shape[dim] - size) // step + 1
    windows = [np.take(index, np.arange(i * step, i * step + size), axis=dim) for i in range(count)]
    stacked = np.stack(windows, axis=dim)  # count at dim, window at dim + 1
    return np.moveaxis(stacked, dim + 1, -1)


def split_map(index: np.ndarray, sizes: Sequence[int], dim: int) -> list[np.ndarray]:
    """Pieces of consecutive lengths ``sizes`` along ``dim``."""
    bounds = np.cumsum(sizes)[:-1]
    return np.split(index, bounds, axis=dim)


def split_size_map(index: np.ndarray, size: int, dim: int) -> list[np.ndarray]:
    """``split(size, dim)``: pieces of ``size`` elements, the last one possibly shorter."""
    n = index.shape[dim]
    return split_map(index, [min(size, n - start) for start in range(0, n, size)], dim)


def chunk_map(index: np.ndarray, chunks: int, dim: int) -> list[np.ndarray]:
    """``chunk(chunks, dim)``: pieces of ceil(n / chunks) elements (so possibly fewer than ``chunks``)."""
    return split_size_map(index, -(-index.shape[dim] // chunks), dim)


def view_is_possible(shape: Sequence[int], strides: Sequence[int], new_shape: Sequence[int]) -> bool:
    """The documented condition of ``view``, for inputs with no size-0 or size-1 dims.

    Old dims fall into maximal runs ``d..d+k`` with ``stride[i] == stride[i+1] * size[i+1]``;
    every new dim must lie within one run, i.e. every run boundary (the product of the sizes
    up to the run's end) must also be a prefix product of the new shape.
    """
    if math.prod(shape) != math.prod(new_shape):
        return False
    boundaries, prefix = set(), 1
    for i, size in enumerate(shape):
        prefix *= size
        last = i == len(shape) - 1
        if last or strides[i] != strides[i + 1] * shape[i + 1]:
            boundaries.add(prefix)
    new_prefixes, prefix = {1}, 1
    for size in new_shape:
        prefix *= size
        new_prefixes.add(prefix)
    return boundaries <= new_prefixes


def factorisations(n: int, min_dims: int = 0, max_dims: int = 4) -> st.SearchStrategy[tuple[int, ...]]:
    """Shapes with exactly ``n`` elements (any shape holding a 0 when ``n`` is 0)."""
    if n == 0:
        @st.composite
        def empty(draw: st.DrawFn) -> tuple[int, ...]:
            dims = draw(st.lists(st.integers(0, 4), min_size=max(min_dims, 1), max_size=max_dims))
            dims[draw(st.integers(0, len(dims) - 1))] = 0
            return tuple(dims)
        return empty()

    @st.composite
    def factors(draw: st.DrawFn) -> tuple[int, ...]:
        ndims = draw(st.integers(max(min_dims, 0 if n == 1 else 1), max_dims))
        if ndims == 0:
            return ()
        rest, dims = n, []
        for _ in range(ndims - 1):
            divisors = [d for d in range(1, rest + 1) if rest % d == 0]
            d = draw(st.sampled_from(divisors))
            dims.append(d)
            rest //= d
        dims.append(rest)
        return tuple(draw(st.permutations(dims)))

    return factors()
