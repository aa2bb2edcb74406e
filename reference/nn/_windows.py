"""Sliding windows over the H and W dims, shared by convolution and pooling.

``windows`` is im2col as a NumPy view: for an (N, C, H, W) array it gives (N, C, H_out, W_out,
kH, kW), window (i, j) starting at (i*sH, j*sW) and taking every dilation-th element
(nn.conv2d.output-shape, nn.maxpool2d.output-shape). ``fold`` is its adjoint: it sums window
gradients back onto the plane, which is what the backward formulas need. ``per_sample`` lets the
4-D kernels accept an unbatched (C, H, W) input (nn.unbatched.input).
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from reference._tensor import Tensor
from reference._views import squeeze, unsqueeze


def pair(value: Any) -> tuple[int, int]:
    """An int applies to both H and W; a 1-tuple likewise; a pair is (H, W)."""
    if isinstance(value, (int, np.integer)):
        return int(value), int(value)
    value = tuple(int(v) for v in value)
    return (value[0], value[0]) if len(value) == 1 else (value[0], value[1])


def output_size(size: int, k: int, s: int, before: int, after: int, d: int = 1, ceil_mode: bool = False) -> int:
    """``floor((H + before + after - d(k-1) - 1)/s + 1)``; with ``ceil_mode`` ceil instead, less a last window
    that would start in the bottom/right padding (nn.conv2d.output-shape, nn.maxpool2d.output-shape,
    nn.avgpool2d.output-shape)."""
    span = (size + before + after - d * (k - 1) - 1) / s
    out = (math.ceil(span) if ceil_mode else math.floor(span)) + 1
    if ceil_mode and (out - 1) * s >= size + before:
        out -= 1
    return out


def windows(padded: np.ndarray, kernel: tuple[int, int], stride: tuple[int, int], dilation: tuple[int, int],
            out: tuple[int, int]) -> np.ndarray:
    """The (N, C, H_out, W_out, kH, kW) view of the windows; ``padded`` must cover every window."""
    span = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation))
    view = np.lib.stride_tricks.sliding_window_view(padded, span, axis=(2, 3))
    view = view[:, :, ::stride[0], ::stride[1], ::dilation[0], ::dilation[1]]
    return view[:, :, :out[0], :out[1]]


def fold(grad_windows: np.ndarray, padded_shape: tuple[int, ...], stride: tuple[int, int],
         dilation: tuple[int, int]) -> np.ndarray:
    """Sum (N, C, H_out, W_out, kH, kW) window gradients onto a zero plane of ``padded_shape``."""
    plane = np.zeros(padded_shape, dtype=grad_windows.dtype)
    _, _, oh, ow, kh, kw = grad_windows.shape
    for i in range(kh):
        for j in range(kw):
            rows = slice(i * dilation[0], i * dilation[0] + stride[0] * (oh - 1) + 1, stride[0])
            cols = slice(j * dilation[1], j * dilation[1] + stride[1] * (ow - 1) + 1, stride[1])
            plane[:, :, rows, cols] += grad_windows[:, :, :, :, i, j]
    return plane


def pad_plane(array: np.ndarray, pads: tuple[int, int, int, int], fill: Any = 0) -> np.ndarray:
    """``array`` with (top, bottom, left, right) rows/columns of ``fill`` around each H x W plane."""
    top, bottom, left, right = pads
    return np.pad(array, ((0, 0), (0, 0), (top, bottom), (left, right)), constant_values=fill)


def per_sample(x: Tensor, kernel: Callable[[Tensor], Any], name: str) -> Any:
    """Run a 4-D kernel on a 4-D input, or on an unbatched 3-D one with the batch dim added and removed."""
    if x.ndim == 4:
        return kernel(x)
    if x.ndim != 3:
        raise RuntimeError(f"{name}: Expected 3D (unbatched) or 4D (batched) input, but got input of size: "
                           f"{list(x.shape)}")
    result = kernel(unsqueeze(x, 0))
    if isinstance(result, tuple):
        return tuple(squeeze(r, 0) for r in result)
    return squeeze(result, 0)
