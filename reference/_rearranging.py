"""Joining and rearranging beyond cat/stack/flip (ops.join.*, ops.rearrange.*): each a NumPy
function of the same documented rule, values in the input's dtype."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from reference._family import bind_methods, like
from reference._joining import cat, vstack
from reference._ops import broadcast_shape, make
from reference._tensor import Size, Tensor, _wrap_dim
from reference._views import expand, movedim

__all__ = ["atleast_1d", "atleast_2d", "atleast_3d", "broadcast_shapes", "broadcast_tensors", "broadcast_to",
           "column_stack", "diag", "diag_embed", "diagflat", "dstack", "fliplr", "flipud", "meshgrid", "moveaxis",
           "ravel", "repeat_interleave", "roll", "rot90", "row_stack", "tile", "tril", "triu"]

row_stack = vstack
moveaxis = movedim


def atleast_1d(*tensors: Any) -> Any:
    return _atleast(tensors, np.atleast_1d)


def atleast_2d(*tensors: Any) -> Any:
    return _atleast(tensors, np.atleast_2d)


def atleast_3d(*tensors: Any) -> Any:
    return _atleast(tensors, np.atleast_3d)


def _atleast(tensors: Sequence[Any], fn: Any) -> Any:
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    out = tuple(like(fn(t._a).copy(), t) for t in tensors)
    return out[0] if len(out) == 1 else out


def dstack(tensors: Sequence[Tensor]) -> Tensor:
    return cat([atleast_3d(t) for t in tensors], 2)


def column_stack(tensors: Sequence[Tensor]) -> Tensor:
    return cat([like(t._a.reshape(-1, 1), t) if t.ndim < 2 else t for t in tensors], 1)


def fliplr(x: Tensor) -> Tensor:
    if x.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return like(np.fliplr(x._a).copy(), x)


def flipud(x: Tensor) -> Tensor:
    if x.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return like(np.flipud(x._a).copy(), x)


def roll(x: Tensor, shifts: Any, dims: Any = None) -> Tensor:
    return like(np.roll(x._a, shifts, axis=dims), x)


def rot90(x: Tensor, k: int = 1, dims: Sequence[int] = (0, 1)) -> Tensor:
    return like(np.rot90(x._a, k, axes=tuple(dims)).copy(), x)


def repeat(x: Tensor, *sizes: Any) -> Tensor:
    sizes = tuple(sizes[0]) if len(sizes) == 1 and not isinstance(sizes[0], int) else sizes
    if len(sizes) < x.ndim:
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
    return like(np.tile(x._a, sizes), x)


def tile(x: Tensor, dims: Sequence[int]) -> Tensor:
    return like(np.tile(x._a, tuple(dims)), x)


def repeat_interleave(x: Tensor, repeats: Any = None, dim: int | None = None, *,
                      output_size: int | None = None) -> Tensor:
    if repeats is None:  # repeat_interleave(repeats): each index i repeated repeats[i] times
        return like(np.repeat(np.arange(x.numel()), x._a.reshape(-1)), x)
    counts = repeats._a if isinstance(repeats, Tensor) else repeats
    axis = None if dim is None else _wrap_dim(dim, x.ndim)
    return like(np.repeat(x._a, counts, axis=axis), x)


def tril(x: Tensor, diagonal: int = 0) -> Tensor:
    return like(np.tril(x._a, diagonal), x)


def triu(x: Tensor, diagonal: int = 0) -> Tensor:
    return like(np.triu(x._a, diagonal), x)


def diag(x: Tensor, diagonal: int = 0) -> Tensor:
    if x.ndim not in (1, 2):
        raise RuntimeError("diag(): Supports 1D or 2D tensors. Got " + f"{x.ndim}D")
    return like(np.diag(x._a, diagonal).copy(), x)


def diagflat(x: Tensor, offset: int = 0) -> Tensor:
    return like(np.diagflat(x._a, offset), x)


def diag_embed(x: Tensor, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:
    n = x.shape[-1] if x.ndim else 1
    m = n + abs(offset)
    out = np.zeros(x._a.shape[:-1] + (m, m), x._a.dtype)
    i = np.arange(n)
    rows, cols = (i, i + offset) if offset >= 0 else (i - offset, i)
    out[..., rows, cols] = x._a
    d1, d2 = _wrap_dim(dim1, out.ndim), _wrap_dim(dim2, out.ndim)
    return like(np.moveaxis(out, (-2, -1), (d1, d2)), x)


def broadcast_to(x: Tensor, size: Sequence[int]) -> Tensor:
    return expand(x, tuple(size))


def broadcast_shapes(*shapes: Any) -> Size:
    return Size(broadcast_shape(*[(s,) if isinstance(s, int) else tuple(s) for s in shapes]))


def broadcast_tensors(*tensors: Tensor) -> tuple[Tensor, ...]:
    shape = broadcast_shape(*[tuple(t.shape) for t in tensors])
    return tuple(expand(t, shape) for t in tensors)


def ravel(x: Tensor) -> Tensor:
    return like(np.ascontiguousarray(x._a).reshape(-1), x)


def meshgrid(*tensors: Any, indexing: str = "ij") -> tuple[Tensor, ...]:
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    if len({t.dtype for t in tensors}) > 1:
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    grids = np.meshgrid(*[t._a for t in tensors], indexing=indexing)
    return tuple(make(g.copy(), tensors[0].dtype, tensors) for g in grids)


bind_methods(globals(), "fliplr flipud roll rot90 repeat tile repeat_interleave tril triu diag diagflat diag_embed "
             "broadcast_to ravel moveaxis", inplace_names="tril triu")
