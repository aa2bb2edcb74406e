"""Stateless nn.functional functions (nn.functional.*): one_hot, pad, normalize, embedding,
cosine_similarity, pairwise_distance and scaled_dot_product_attention, in NumPy (values only,
no backward recorded). linear lives in ``functional``.
"""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from reference import _dtype as D
from reference import _ops
from reference._tensor import Tensor

__all__ = ["cosine_similarity", "embedding", "interpolate", "normalize", "one_hot", "pad", "pairwise_distance",
           "scaled_dot_product_attention"]

_PAD_MODES = {"constant": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def _f64(t: Tensor) -> np.ndarray:
    return t._a.astype(np.float64)


def _like(values: Any, t: Tensor, *inputs: Tensor) -> Tensor:
    return _ops.make(np.asarray(values), t.dtype, (t, *inputs))


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    if tensor.dtype is not D.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    values = tensor._a
    if values.size and values.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    classes = (int(values.max()) + 1 if values.size else 0) if num_classes == -1 else num_classes
    if values.size and values.max() >= classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    return _ops.make((values[..., None] == np.arange(classes)).astype(np.int64), D.int64, (tensor,))


def pad(input: Tensor, pad: Sequence[int], mode: str = "constant", value: float | None = None) -> Tensor:
    """(before, after) pairs from the last dim backwards; negative constant padding crops."""
    if len(pad) % 2 or len(pad) // 2 > input.ndim:
        raise RuntimeError("Padding length must be divisible by 2 and at most twice the number of dims")
    if mode not in _PAD_MODES:
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    widths = [(0, 0)] * input.ndim
    for i in range(len(pad) // 2):
        widths[input.ndim - 1 - i] = (int(pad[2 * i]), int(pad[2 * i + 1]))
    values = input._a
    if mode == "constant":
        crops = tuple(slice(max(-b, 0), values.shape[d] - max(-a, 0)) for d, (b, a) in enumerate(widths))
        values = np.pad(values[crops], [(max(b, 0), max(a, 0)) for b, a in widths], constant_values=value or 0)
    else:
        values = np.pad(values, widths, mode=_PAD_MODES[mode])
    return _ops.make(values, input.dtype, (input,))


def normalize(input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12, out: Tensor | None = None) -> Tensor:
    x = _f64(input)
    norm = (np.abs(x) ** p).sum(axis=dim, keepdims=True) ** (1 / p)
    return _ops.finish(_like(x / np.maximum(norm, eps), input), out)


def embedding(input: Tensor, weight: Tensor, padding_idx: int | None = None, max_norm: float | None = None,
              norm_type: float = 2.0, scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor:
    """The rows of ``weight`` picked by the indices (max_norm renormalises those rows in place first)."""
    if max_norm is not None:
        rows = np.unique(input._a)
        norms = (np.abs(weight._a[rows].astype(np.float64)) ** norm_type).sum(-1) ** (1 / norm_type)
        scale = np.where(norms > max_norm, max_norm / (norms + 1e-7), 1.0)
        weight._a[rows] = weight._a[rows] * scale[:, None].astype(weight._a.dtype)
    return _ops.make(weight._a[input._a], weight.dtype, (weight,))


def cosine_similarity(x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-8) -> Tensor:
    a, b = np.broadcast_arrays(_f64(x1), _f64(x2))
    n1 = np.maximum(np.sqrt((a ** 2).sum(axis=dim)), eps)
    n2 = np.maximum(np.sqrt((b ** 2).sum(axis=dim)), eps)
    return _like((a * b).sum(axis=dim) / (n1 * n2), x1, x2)


def pairwise_distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> Tensor:
    diff = np.abs(_f64(x1) - _f64(x2) + eps)
    return _like((diff ** p).sum(axis=-1, keepdims=keepdim) ** (1 / p), x1, x2)


def scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor, attn_mask: Tensor | None = None,
                                 dropout_p: float = 0.0, is_causal: bool = False, scale: float | None = None,
                                 enable_gqa: bool = False) -> Tensor:
    """softmax(q k^T * scale + bias) v; dropout is not implemented here (dropout_p must be 0)."""
    if dropout_p:
        raise NotImplementedError("the reference backend's scaled_dot_product_attention has no dropout")
    q, k, v = _f64(query), _f64(key), _f64(value)
    scale = 1 / math.sqrt(q.shape[-1]) if scale is None else scale
    scores = q @ np.swapaxes(k, -1, -2) * scale
    if is_causal:
        scores = np.where(np.tril(np.ones(scores.shape[-2:], dtype=bool)), scores, -np.inf)
    if attn_mask is not None:
        mask = attn_mask._a
        scores = np.where(mask, scores, -np.inf) if mask.dtype == bool else scores + mask
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return _like(e / e.sum(axis=-1, keepdims=True) @ v, query, key, value)


def _resample(x: np.ndarray, axis: int, out: int, mode: str, align_corners: bool, ratio: float) -> np.ndarray:
    """One spatial axis: nearest picks floor(i * ratio); linear blends the two neighbours of the source point."""
    size = x.shape[axis]
    if mode == "nearest":
        return np.take(x, np.minimum(np.floor(np.arange(out) * ratio).astype(int), size - 1), axis=axis)
    if align_corners:
        src = np.arange(out) * ((size - 1) / (out - 1) if out > 1 else 0.0)
    else:
        src = np.maximum((np.arange(out) + 0.5) * ratio - 0.5, 0.0)
    low = np.minimum(np.floor(src).astype(int), size - 1)
    high = np.minimum(low + 1, size - 1)
    shape = [1] * x.ndim
    shape[axis] = out
    weight = (src - low).reshape(shape)
    return np.take(x, low, axis=axis) * (1 - weight) + np.take(x, high, axis=axis) * weight


def interpolate(input: Tensor, size: Any = None, scale_factor: Any = None, mode: str = "nearest",
                align_corners: bool | None = None, recompute_scale_factor: bool | None = None,
                antialias: bool = False) -> Tensor:
    """nearest, linear, bilinear and trilinear resizing of the spatial dims (values only)."""
    if mode not in ("nearest", "linear", "bilinear", "trilinear"):
        raise NotImplementedError(f"the reference interpolate has no mode {mode!r}")
    if (size is None) == (scale_factor is None):
        raise ValueError("only one of size or scale_factor should be defined")
    x = input._a.astype(np.float64)
    n = x.ndim - 2
    if size is not None:
        sizes = (size,) * n if isinstance(size, int) else tuple(size)
        ratios = [x.shape[2 + i] / sizes[i] for i in range(n)]
    else:
        factors = (scale_factor,) * n if isinstance(scale_factor, (int, float)) else tuple(scale_factor)
        sizes = tuple(int(math.floor(x.shape[2 + i] * factors[i])) for i in range(n))
        ratios = [1 / f for f in factors]
    for i in range(n):
        x = _resample(x, 2 + i, sizes[i], mode, bool(align_corners), ratios[i])
    return _ops.make(x, input.dtype, (input,))
