"""N-d layer computations behind the modules of ``layers_nd`` (nn.layers.*), in NumPy, values only:
convolution and transposed convolution in any number of spatial dims, pools (plain and adaptive),
normalisations, pixel (un)shuffle and nearest upsampling.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable

import numpy as np

from reference import _ops
from reference._tensor import Tensor


def as_tuple(v: Any, n: int) -> tuple[int, ...]:
    return (v,) * n if isinstance(v, int) else tuple(v)


def _offsets(kernel: tuple[int, ...]) -> Any:
    return itertools.product(*(range(k) for k in kernel))


def _taps(offset: tuple[int, ...], dilation: tuple[int, ...], stride: tuple[int, ...],
          count: tuple[int, ...]) -> tuple[slice, ...]:
    """The positions kernel tap ``offset`` meets: every stride-th from offset * dilation, ``count`` of them."""
    return (slice(None), slice(None), *(slice(o * d, o * d + s * (m - 1) + 1, s)
                                        for o, d, s, m in zip(offset, dilation, stride, count)))


def _batched(input: Tensor, n: int) -> tuple[np.ndarray, bool]:
    """(N, C, *spatial) values in float64, and whether a batch dim was added to an unbatched input."""
    x = input._a.astype(np.float64)
    return (x[None], True) if x.ndim == n + 1 else (x, False)


def _result(out: np.ndarray, unbatched: bool, like: Tensor, *inputs: Any) -> Tensor:
    return _ops.make(out[0] if unbatched else out, like.dtype, (like, *(t for t in inputs if t is not None)))


def conv(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any, padding: Any, dilation: Any,
         groups: int, n: int) -> Tensor:
    """Cross-correlation per group of channels, zero padding, stride and dilation, plus bias."""
    x, unbatched = _batched(input, n)
    w = weight._a.astype(np.float64)
    s, p, d = as_tuple(stride, n), as_tuple(padding, n), as_tuple(dilation, n)
    x = np.pad(x, [(0, 0), (0, 0)] + [(q, q) for q in p])
    kernel = w.shape[2:]
    count = tuple((size - dd * (k - 1) - 1) // ss + 1 for size, k, ss, dd in zip(x.shape[2:], kernel, s, d))
    cin, cout = x.shape[1] // groups, w.shape[0] // groups
    out = np.zeros((x.shape[0], w.shape[0], *count))
    for offset in _offsets(kernel):
        window = x[_taps(offset, d, s, count)]
        for g in range(groups):
            taps = w[(slice(g * cout, (g + 1) * cout), slice(None), *offset)]
            out[:, g * cout:(g + 1) * cout] += np.einsum("nc...,oc->no...", window[:, g * cin:(g + 1) * cin], taps)
    if bias is not None:
        out += bias._a.reshape((1, -1) + (1,) * n)
    return _result(out, unbatched, input, weight, bias)


def conv_transpose(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any, padding: Any,
                   output_padding: Any, groups: int, dilation: Any, n: int) -> Tensor:
    """Each input value scatters weight * value onto stride-spaced outputs; padding is cropped from both ends."""
    x, unbatched = _batched(input, n)
    w = weight._a.astype(np.float64)
    s, p, d, op = (as_tuple(v, n) for v in (stride, padding, dilation, output_padding))
    kernel, sizes = w.shape[2:], x.shape[2:]
    full = [(m - 1) * ss + dd * (k - 1) + 1 + o for m, ss, dd, k, o in zip(sizes, s, d, kernel, op)]
    cin, cout = x.shape[1] // groups, w.shape[1]
    out = np.zeros((x.shape[0], cout * groups, *full))
    for offset in _offsets(kernel):
        target = out[_taps(offset, d, s, sizes)]
        for g in range(groups):
            taps = w[(slice(g * cin, (g + 1) * cin), slice(None), *offset)]
            target[:, g * cout:(g + 1) * cout] += np.einsum("nc...,co->no...", x[:, g * cin:(g + 1) * cin], taps)
    out = out[(slice(None), slice(None), *(slice(q, f - q) for q, f in zip(p, full)))]
    if bias is not None:
        out = out + bias._a.reshape((1, -1) + (1,) * n)
    return _result(out, unbatched, input, weight, bias)


def pool(input: Tensor, kernel_size: Any, stride: Any, padding: Any, n: int,
         reduce: Callable[..., np.ndarray], fill: float) -> Tensor:
    """``reduce`` over each window of the (``fill``-padded) trailing n dims."""
    x = input._a.astype(np.float64)
    k = as_tuple(kernel_size, n)
    s = as_tuple(kernel_size if stride is None else stride, n)
    p = as_tuple(padding, n)
    if any(2 * q > kk for q, kk in zip(p, k)):
        raise RuntimeError("pad should be at most half of effective kernel size")
    x = np.pad(x, [(0, 0)] * (x.ndim - n) + [(q, q) for q in p], constant_values=fill)
    axes = tuple(range(x.ndim - n, x.ndim))
    windows = np.lib.stride_tricks.sliding_window_view(x, k, axis=axes)
    windows = windows[(Ellipsis, *(slice(None, None, ss) for ss in s), *(slice(None),) * n)]
    return _ops.make(reduce(windows, axis=tuple(range(windows.ndim - n, windows.ndim))), input.dtype, (input,))


def adaptive_pool(input: Tensor, output_size: Any, n: int, reduce: Callable[..., np.ndarray]) -> Tensor:
    """Bin i of a dim of size L spans [floor(i L / out), ceil((i + 1) L / out)); None keeps the input size."""
    x = input._a.astype(np.float64)
    sizes = x.shape[-n:]
    out = tuple(size if o is None else o for o, size in zip(as_tuple(output_size, n), sizes))
    result = np.zeros(x.shape[:-n] + out)
    for index in itertools.product(*(range(o) for o in out)):
        bins = tuple(slice(i * size // o, -(-(i + 1) * size // o)) for i, size, o in zip(index, sizes, out))
        result[(Ellipsis, *index)] = reduce(x[(Ellipsis, *bins)], axis=tuple(range(-n, 0)))
    return _ops.make(result, input.dtype, (input,))


def normalise(x: np.ndarray, axes: tuple[int, ...], eps: float) -> np.ndarray:
    """(x - mean) / sqrt(biased variance + eps) over ``axes``."""
    return (x - x.mean(axis=axes, keepdims=True)) / np.sqrt(x.var(axis=axes, keepdims=True) + eps)


def affine(x: np.ndarray, weight: Tensor | None, bias: Tensor | None, shape: tuple[int, ...]) -> np.ndarray:
    if weight is not None:
        x = x * weight._a.reshape(shape)
    return x if bias is None else x + bias._a.reshape(shape)


def pixel_shuffle(input: Tensor, r: int) -> Tensor:
    *lead, c, h, w = input._a.shape
    x = input._a.reshape(*lead, c // (r * r), r, r, h, w)
    k = len(lead)
    x = x.transpose(*range(k), k, k + 3, k + 1, k + 4, k + 2).reshape(*lead, c // (r * r), h * r, w * r)
    return _ops.make(x, input.dtype, (input,))


def pixel_unshuffle(input: Tensor, r: int) -> Tensor:
    *lead, c, h, w = input._a.shape
    x = input._a.reshape(*lead, c, h // r, r, w // r, r)
    k = len(lead)
    x = x.transpose(*range(k), k, k + 2, k + 4, k + 1, k + 3).reshape(*lead, c * r * r, h // r, w // r)
    return _ops.make(x, input.dtype, (input,))


def upsample_nearest(input: Tensor, scale: tuple[int, ...]) -> Tensor:
    """Each of the trailing len(scale) dims repeated element-wise by its integer factor."""
    x = input._a
    for axis, factor in zip(range(x.ndim - len(scale), x.ndim), scale):
        x = x.repeat(factor, axis=axis)
    return _ops.make(x, input.dtype, (input,))
