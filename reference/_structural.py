"""Structural ops (ops.join.stack, ops.rearrange.block-diag/cartesian-prod/combinations, ops.index.unravel-index
and the *_scatter ops): each a NumPy restatement of the documented rule, values in the input's dtype."""
from __future__ import annotations

import itertools
from typing import Any, Sequence

import numpy as np

from reference._family import bind_methods, index_result, like
from reference._tensor import Tensor, _wrap_dim

__all__ = ["block_diag", "cartesian_prod", "combinations", "unravel_index", "diagonal_scatter", "select_scatter",
           "slice_scatter"]


def block_diag(*tensors: Tensor) -> Tensor:
    blocks = [np.atleast_2d(t._a) for t in tensors]
    out = np.zeros((sum(b.shape[0] for b in blocks), sum(b.shape[1] for b in blocks)), blocks[0].dtype)
    r = c = 0
    for b in blocks:
        out[r:r + b.shape[0], c:c + b.shape[1]] = b
        r, c = r + b.shape[0], c + b.shape[1]
    return like(out, tensors[0])


def cartesian_prod(*tensors: Tensor) -> Tensor:
    if len(tensors) == 1:
        return like(tensors[0]._a.copy(), tensors[0])
    rows = list(itertools.product(*(t._a for t in tensors)))
    return like(np.array(rows, tensors[0]._a.dtype).reshape(-1, len(tensors)), tensors[0])


def combinations(input: Tensor, r: int = 2, with_replacement: bool = False) -> Tensor:  # noqa: A002
    combine = itertools.combinations_with_replacement if with_replacement else itertools.combinations
    return like(np.array(list(combine(input._a, r)), input._a.dtype).reshape(-1, r), input)


def unravel_index(indices: Tensor, shape: Sequence[int]) -> tuple[Tensor, ...]:
    return tuple(index_result(i, indices) for i in np.unravel_index(indices._a, tuple(shape)))


def _scatter(input: Tensor, src: Tensor, region: Any) -> Tensor:  # noqa: A002
    """A copy of input whose view ``region(copy)`` (a NumPy view) is overwritten by src."""
    out = input._a.copy()
    region(out)[...] = src._a
    return like(out, input)


def diagonal_scatter(input: Tensor, src: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:  # noqa: A002
    out = input._a.copy()
    moved = np.moveaxis(out, (_wrap_dim(dim1, input.ndim), _wrap_dim(dim2, input.ndim)), (-2, -1))
    n = src.shape[-1]
    rows = np.arange(n) + max(-offset, 0)
    moved[..., rows, rows + offset] = src._a
    return like(out, input)


def select_scatter(input: Tensor, src: Tensor, dim: int, index: int) -> Tensor:  # noqa: A002
    return _scatter(input, src, lambda a: np.moveaxis(a, _wrap_dim(dim, input.ndim), 0)[index, ...])


def slice_scatter(input: Tensor, src: Tensor, dim: int = 0, start: int | None = None, end: int | None = None,  # noqa: A002
                  step: int = 1) -> Tensor:
    d = _wrap_dim(dim, input.ndim)
    return _scatter(input, src, lambda a: np.moveaxis(np.moveaxis(a, d, 0)[start:end:step], 0, d))


bind_methods(globals(), "diagonal_scatter select_scatter slice_scatter")
