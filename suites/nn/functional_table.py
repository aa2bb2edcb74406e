"""Rows for stateless nn.functional functions (one_hot, pad, normalize, linear, embedding,
cosine_similarity, pairwise_distance, scaled_dot_product_attention) with their documented formulas."""
from __future__ import annotations

import math

import numpy as np

from suites.nn.activation_table import softmax
from suites.nn.modulespec import FunctionSpec

_PAD_MODES = {"constant": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def one_hot(x: np.ndarray, num_classes: int = -1) -> np.ndarray:
    classes = int(x.max()) + 1 if num_classes == -1 else num_classes
    return (x[..., None] == np.arange(classes)).astype(np.int64)


def pad(x: np.ndarray, pad: tuple[int, ...], mode: str = "constant", value: float = 0.0) -> np.ndarray:
    """``pad`` holds (before, after) pairs starting from the last dim and moving forward."""
    widths = [(0, 0)] * x.ndim
    for i in range(len(pad) // 2):
        widths[x.ndim - 1 - i] = (pad[2 * i], pad[2 * i + 1])
    extra = {"constant_values": value} if mode == "constant" else {}
    return np.pad(x, widths, mode=_PAD_MODES[mode], **extra)


def normalize(x: np.ndarray, p: float = 2.0, dim: int = 1, eps: float = 1e-12) -> np.ndarray:
    norm = (np.abs(x) ** p).sum(axis=dim, keepdims=True) ** (1 / p)
    return x / np.maximum(norm, eps)


def linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None = None) -> np.ndarray:
    return x @ weight.T + (0 if bias is None else bias)


def cosine_similarity(x1: np.ndarray, x2: np.ndarray, dim: int = 1, eps: float = 1e-8) -> np.ndarray:
    n1 = np.maximum(np.sqrt((x1 ** 2).sum(axis=dim)), eps)
    n2 = np.maximum(np.sqrt((x2 ** 2).sum(axis=dim)), eps)
    return (x1 * x2).sum(axis=dim) / (n1 * n2)


def pairwise_distance(x1: np.ndarray, x2: np.ndarray, p: float = 2.0, eps: float = 1e-6,
                      keepdim: bool = False) -> np.ndarray:
    return ((np.abs(x1 - x2 + eps) ** p).sum(axis=-1, keepdims=keepdim)) ** (1 / p)


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, attn_mask: np.ndarray | None = None,
              is_causal: bool = False, scale: float | None = None) -> np.ndarray:
    """softmax(q k^T * scale + bias) v, scale 1/sqrt(E) by default; a causal mask keeps j <= i, a bool
    mask keeps its True places, a float mask is added."""
    scale = 1 / math.sqrt(q.shape[-1]) if scale is None else scale
    scores = q @ np.swapaxes(k, -1, -2) * scale
    if is_causal:
        scores = np.where(np.tril(np.ones(scores.shape[-2:], dtype=bool)), scores, -np.inf)
    if attn_mask is not None:
        scores = np.where(attn_mask, scores, -np.inf) if attn_mask.dtype == bool else scores + attn_mask
    return softmax(scores, -1) @ v


def _linear_axis(x: np.ndarray, axis: int, out: int, align_corners: bool, scale: float | None) -> np.ndarray:
    """Linear interpolation along one axis: with align_corners the corner samples map onto each other
    (src = dst (in - 1) / (out - 1)); else pixel centres do (src = (dst + 0.5) / scale - 0.5, at least 0)."""
    size = x.shape[axis]
    dst = np.arange(out)
    if align_corners:
        src = dst * (size - 1) / (out - 1) if out > 1 else np.zeros(out)
    else:
        src = np.maximum((dst + 0.5) * (size / out if scale is None else 1 / scale) - 0.5, 0)
    low = np.minimum(np.floor(src).astype(int), size - 1)
    high = np.minimum(low + 1, size - 1)
    frac = (src - low).reshape([-1 if a == axis % x.ndim else 1 for a in range(x.ndim)])
    return np.take(x, low, axis=axis) * (1 - frac) + np.take(x, high, axis=axis) * frac


def interpolate(x: np.ndarray, size: int | tuple[int, ...] | None = None, scale_factor: float | None = None,
                mode: str = "nearest", align_corners: bool | None = None) -> np.ndarray:
    """nearest: out[i] = in[floor(i * in / out)] (in / out is 1 / scale_factor when that is given); linear and
    bilinear: separable linear interpolation over the spatial dims."""
    spatial = x.ndim - 2
    sizes = ((size,) * spatial if isinstance(size, int) else size) if size is not None else \
        tuple(int(math.floor(n * scale_factor)) for n in x.shape[2:])
    for axis, out in zip(range(2, x.ndim), sizes):
        if mode == "nearest":
            ratio = x.shape[axis] / out if scale_factor is None else 1 / scale_factor
            x = np.take(x, np.minimum(np.floor(np.arange(out) * ratio).astype(int), x.shape[axis] - 1), axis=axis)
        else:
            x = _linear_axis(x, axis, out, bool(align_corners), None if size is not None else scale_factor)
    return x


def _attention_inputs(r: np.random.Generator) -> tuple[np.ndarray, ...]:
    """(N=2, heads=2, L=3, E=4) queries, (S=3) keys and values of width 5."""
    return r.standard_normal((2, 2, 3, 4)), r.standard_normal((2, 2, 3, 4)), r.standard_normal((2, 2, 3, 5))


_KEEP = np.array([[True, False, True], [False, True, True], [True, True, False]])
_BIAS = np.array([[0.0, -1.0, 2.0], [1.5, 0.0, -0.5], [-2.0, 0.5, 0.0]])

FUNCTIONS: dict[str, FunctionSpec] = {row.functional: row for row in [
    FunctionSpec("one_hot", lambda r: (r.integers(0, 4, (2, 3)).astype(np.int64),), one_hot,
                 options=({}, {"num_classes": 6}), dtype="int64"),
    FunctionSpec("pad", lambda r: (r.standard_normal((2, 3, 4)),), pad,
                 options=({"pad": (1, 2)}, {"pad": (0, 1, 2, 0), "value": 3.5}, {"pad": (2, 1), "mode": "reflect"},
                          {"pad": (2, 1), "mode": "replicate"}, {"pad": (1, 2), "mode": "circular"})),
    FunctionSpec("normalize", lambda r: (r.standard_normal((3, 4)),), normalize,
                 options=({}, {"p": 1.0}, {"dim": 0})),
    FunctionSpec("linear", lambda r: (r.standard_normal((2, 3, 4)), r.standard_normal((5, 4)), r.standard_normal(5)),
                 linear),
    FunctionSpec("embedding", lambda r: (r.integers(0, 5, (2, 3)).astype(np.int64), r.standard_normal((5, 4))),
                 lambda idx, weight: weight[idx]),
    FunctionSpec("cosine_similarity", lambda r: (r.standard_normal((3, 4)), r.standard_normal((3, 4))),
                 cosine_similarity, options=({}, {"dim": 0})),
    FunctionSpec("pairwise_distance", lambda r: (r.standard_normal((3, 4)), r.standard_normal((3, 4))),
                 pairwise_distance, options=({}, {"p": 1.0}, {"keepdim": True})),
    FunctionSpec("interpolate", lambda r: (r.standard_normal((1, 2, 3, 4)),), interpolate,
                 options=({"scale_factor": 2.0}, {"size": (5, 7)}, {"size": (5, 7), "mode": "bilinear"},
                          {"scale_factor": 2.0, "mode": "bilinear"},
                          {"size": (2, 6), "mode": "bilinear", "align_corners": True})),
    FunctionSpec("scaled_dot_product_attention", _attention_inputs, attention,
                 options=({}, {"scale": 0.3}, {"is_causal": True}, {"attn_mask": _KEEP}, {"attn_mask": _BIAS})),
]}
