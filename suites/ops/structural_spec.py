"""Inputs and NumPy oracles of the structural ops (rows in test_structural.py): stacking, block diagonals,
products and combinations of elements, flat-index unravelling, and the ``*_scatter`` ops (a copy of the input
with one view region replaced by ``src``). Each ``*_in`` draws (args, kwargs) for the call."""
from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from hypothesis import strategies as st

from conformance.dtypes import CORE_DTYPES, GENERIC_DTYPES
from suites.ops.family import array, dim

DTYPES = CORE_DTYPES


def _same(data: Any, first: np.ndarray, shape: tuple[int, ...], label: str) -> np.ndarray:
    return array(data, (first.dtype.name,), shape=shape, label=label)


def stack_in(data: Any) -> tuple[tuple, dict]:
    first = array(data, DTYPES, min_dims=0, min_side=0)
    parts = [first] + [_same(data, first, first.shape, f"part {i}") for i in range(data.draw(st.integers(0, 2)))]
    return (parts,), {"dim": data.draw(st.integers(-first.ndim - 1, first.ndim), label="dim")}


def stack(tensors: list[np.ndarray], dim: int = 0) -> np.ndarray:
    return np.stack(tensors, axis=dim)


def block_diag_in(data: Any) -> tuple[tuple, dict]:
    """One to three blocks of 0, 1 or 2 dims, one dtype."""
    first = array(data, DTYPES, min_dims=0, max_dims=2, min_side=0)
    more = [array(data, (first.dtype.name,), min_dims=0, max_dims=2, min_side=0, label=f"block {i}")
            for i in range(data.draw(st.integers(0, 2), label="more"))]
    return (first, *more), {}


def block_diag(*blocks: np.ndarray) -> np.ndarray:
    """Blocks on the diagonal, zeros elsewhere; a 0-d block is 1x1 and a 1-D block one row."""
    blocks = [np.atleast_2d(b) for b in blocks]
    out = np.zeros((sum(b.shape[0] for b in blocks), sum(b.shape[1] for b in blocks)), blocks[0].dtype)
    r = c = 0
    for b in blocks:
        out[r:r + b.shape[0], c:c + b.shape[1]] = b
        r, c = r + b.shape[0], c + b.shape[1]
    return out


def vectors_in(data: Any) -> tuple[tuple, dict]:
    first = array(data, GENERIC_DTYPES, max_dims=1)
    more = [array(data, (first.dtype.name,), max_dims=1, label=f"vector {i}")
            for i in range(data.draw(st.integers(0, 2), label="more"))]
    return (first, *more), {}


def cartesian_prod(*vectors: np.ndarray) -> np.ndarray:
    """itertools.product of the vectors, one row per tuple; a single vector is returned as it is."""
    if len(vectors) == 1:
        return vectors[0]
    return np.array(list(itertools.product(*vectors)), vectors[0].dtype).reshape(-1, len(vectors))


def combinations_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, GENERIC_DTYPES, max_dims=1, max_side=5)
    return (a,), {"r": data.draw(st.integers(1, 3), label="r"), "with_replacement": data.draw(st.booleans())}


def combinations(a: np.ndarray, r: int = 2, with_replacement: bool = False) -> np.ndarray:
    combine = itertools.combinations_with_replacement if with_replacement else itertools.combinations
    return np.array(list(combine(a, r)), a.dtype).reshape(-1, r)


def unravel_index_in(data: Any) -> tuple[tuple, dict]:
    shape = tuple(data.draw(st.lists(st.integers(1, 4), min_size=1, max_size=3), label="shape"))
    n = int(np.prod(shape))
    indices = np.array(data.draw(st.lists(st.integers(0, n - 1), max_size=5), label="indices"), np.int64)
    return (indices, shape), {}


def unravel_index(indices: np.ndarray, shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(i, np.int64) for i in np.unravel_index(indices, shape))


def diagonal_scatter_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, GENERIC_DTYPES, min_dims=2, max_dims=2)
    offset = data.draw(st.integers(-a.shape[0] + 1, a.shape[1] - 1), label="offset")
    src = _same(data, a, np.diagonal(a, offset).shape, "src")
    return (a, src, offset), {}


def diagonal_scatter(a: np.ndarray, src: np.ndarray, offset: int = 0) -> np.ndarray:
    out = a.copy()
    rows = np.arange(src.shape[0]) + max(-offset, 0)
    out[rows, rows + offset] = src
    return out


def select_scatter_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, GENERIC_DTYPES, min_dims=1)
    d = dim(data, a.ndim)
    index = data.draw(st.integers(-a.shape[d], a.shape[d] - 1), label="index")
    return (a, _same(data, a, np.take(a, 0, axis=d).shape, "src"), d, index), {}


def select_scatter(a: np.ndarray, src: np.ndarray, dim: int, index: int) -> np.ndarray:
    out = a.copy()
    np.moveaxis(out, dim, 0)[index] = src
    return out


def slice_scatter_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, GENERIC_DTYPES, min_dims=1, max_side=5)
    d = dim(data, a.ndim)
    start = data.draw(st.integers(0, a.shape[d]), label="start")
    end = data.draw(st.integers(start, a.shape[d]), label="end")
    step = data.draw(st.integers(1, 3), label="step")
    region = np.moveaxis(np.moveaxis(a, d, 0)[start:end:step], 0, d)
    return (a, _same(data, a, region.shape, "src")), {"dim": d, "start": start, "end": end, "step": step}


def slice_scatter(a: np.ndarray, src: np.ndarray, dim: int = 0, start: int = 0, end: int | None = None,
                  step: int = 1) -> np.ndarray:
    out = a.copy()
    np.moveaxis(out, dim, 0)[start:end:step] = np.moveaxis(src, dim, 0)
    return out


def clone_in(data: Any) -> tuple[tuple, dict]:
    return (array(data, DTYPES, min_dims=0, min_side=0),), {}
