"""cat, stack and friends (needed by default_collate, among others); out= follows the ops.out.* rules."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from reference import _dtype as D
from reference._ops import check_device, finish, make, values
from reference._tensor import Tensor, _wrap_dim


def _promote(tensors: Sequence[Tensor]) -> D.dtype:
    result = tensors[0].dtype
    for t in tensors[1:]:
        result = D.promote_types(result, t.dtype)
    return result


def cat(tensors: Sequence[Tensor], dim: int = 0, *, out: Tensor | None = None) -> Tensor:
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("torch.cat(): expected a non-empty list of Tensors")
    check_device(*tensors)
    dtype = _promote(tensors)
    ref = max(tensors, key=lambda t: t.ndim)
    if ref.ndim == 0:
        raise RuntimeError("zero-dimensional tensor cannot be concatenated")
    d = _wrap_dim(dim, ref.ndim)
    kept = [not (t.ndim == 1 and t.numel() == 0 and ref.ndim > 1) for t in tensors]  # legacy empty inputs skipped
    parts = [values(t, dtype) for t, keep in zip(tensors, kept) if keep]
    try:
        result = np.concatenate(parts, axis=d)
    except ValueError as exc:
        raise RuntimeError(f"Sizes of tensors must match except in dimension {d}: {exc}") from None

    def backward(g: Tensor) -> list[Any]:
        """Each input gets its own slab of g along d."""
        from reference._views import narrow

        grads, start = [], 0
        for t, keep in zip(tensors, kept):
            grads.append(narrow(g, d, start, t.shape[d]) if keep else None)
            start += t.shape[d] if keep else 0
        return grads

    return finish(make(result, dtype, tensors, "CatBackward0", backward), out)


concat = concatenate = cat


def stack(tensors: Sequence[Tensor], dim: int = 0, *, out: Tensor | None = None) -> Tensor:
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    shapes = {tuple(t.shape) for t in tensors}
    if len(shapes) > 1:
        raise RuntimeError(f"stack expects each tensor to be equal size, but got {sorted(shapes)}")
    check_device(*tensors)
    dtype = _promote(tensors)
    d = _wrap_dim(dim, tensors[0].ndim + 1)
    result = np.stack([values(t, dtype) for t in tensors], axis=d)
    from reference._views import select

    stacked = make(result, dtype, tensors, "StackBackward0", lambda g: [select(g, d, i) for i in range(len(tensors))])
    return finish(stacked, out)


def hstack(tensors: Sequence[Tensor]) -> Tensor:
    """0-D inputs count as 1-D."""
    from reference._views import reshape

    tensors = [t if t.ndim else reshape(t, (1,)) for t in tensors]
    return cat(tensors, 1 if tensors[0].ndim > 1 else 0)


def vstack(tensors: Sequence[Tensor]) -> Tensor:
    from reference._views import reshape

    return cat([t if t.ndim > 1 else reshape(t, (1, -1)) for t in tensors], 0)


def flip(x: Tensor, dims: Any) -> Tensor:
    dims = (dims,) if isinstance(dims, int) else tuple(dims)
    axes = tuple(_wrap_dim(d, x.ndim) for d in dims)
    return make(np.flip(x._a, axes).copy(), x.dtype, (x,), "FlipBackward0", lambda g: (flip(g, axes),))
