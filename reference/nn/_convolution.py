"""conv2d: the bias plus the cross-correlation of each group of input channels with its weights,
honouring stride, zero padding ('valid', 'same' or explicit), dilation and groups
(nn.conv2d.values, nn.conv2d.output-shape, nn.conv2d.padding-strings, nn.conv2d.same-even-kernel,
nn.conv2d.input-errors, nn.unbatched.input).

Forward is im2col (``_windows.windows``) and one einsum per call; the backward formulas are the
matching einsums, with ``fold`` scattering window gradients back onto the input. They are
written in NumPy, so a gradient of a conv2d gradient (create_graph) is not recorded.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import _dtype as D
from reference._ops import make
from reference._tensor import Tensor
from reference.nn._windows import fold, output_size, pad_plane, pair, per_sample, windows

Pads = tuple[int, int, int, int]  # (top, bottom, left, right)


def conv_padding(padding: Any, kernel: tuple[int, int], stride: tuple[int, int], dilation: tuple[int, int]) -> Pads:
    """Explicit zero padding: 'valid' none, 'same' ``d(k-1)`` per dim with the odd extra row/column at the
    bottom/right (stride 1 only), an int or (H, W) pair on both sides (nn.conv2d.padding-strings)."""
    if isinstance(padding, str):
        if padding == "valid":
            return (0, 0, 0, 0)
        if padding != "same":
            raise ValueError(f"Invalid padding string {padding!r}, should be one of {{'valid', 'same'}}")
        if stride != (1, 1):
            raise ValueError("padding='same' is not supported for strided convolutions")
        totals = [d * (k - 1) for k, d in zip(kernel, dilation)]
        return (totals[0] // 2, totals[0] - totals[0] // 2, totals[1] // 2, totals[1] - totals[1] // 2)
    ph, pw = pair(padding)
    if ph < 0 or pw < 0:
        raise RuntimeError("negative padding is not supported")
    return (ph, ph, pw, pw)


def conv2d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1, padding: Any = 0,
           dilation: Any = 1, groups: int = 1) -> Tensor:
    """``input`` (N, C, H, W) or (C, H, W) with ``weight`` (O, C/groups, kH, kW) and ``bias`` (O,)."""
    stride, dilation = pair(stride), pair(dilation)
    if weight.ndim != 4:
        raise RuntimeError(f"conv2d: expected a 4-D weight, but got weight of size {list(weight.shape)}")
    pads = conv_padding(padding, tuple(weight.shape[2:]), stride, dilation)
    return per_sample(input, lambda x: _conv2d(x, weight, bias, stride, pads, dilation, groups), "conv2d")


def _check(x: Tensor, weight: Tensor, bias: Tensor | None, groups: int) -> None:
    """Matching float dtypes, and C == groups * weight's in-channels (nn.conv2d.input-errors)."""
    for other in (weight, bias):
        if other is not None and other.dtype is not x.dtype:
            raise RuntimeError(f"Input type ({x.dtype}) and weight/bias type ({other.dtype}) should be the same")
    if x.dtype.category < D.FLOAT:
        raise RuntimeError(f"conv2d is not implemented for {x.dtype}")
    if x.shape[1] != weight.shape[1] * groups or weight.shape[0] % groups:
        raise RuntimeError(f"Given groups={groups}, weight of size {list(weight.shape)}, expected input"
                           f"{list(x.shape)} to have {weight.shape[1] * groups} channels, but got {x.shape[1]} "
                           "channels instead")


def _conv2d(x: Tensor, weight: Tensor, bias: Tensor | None, stride: tuple[int, int], pads: Pads,
            dilation: tuple[int, int], groups: int) -> Tensor:
    _check(x, weight, bias, groups)
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    padded_hw = (h + pads[0] + pads[1], w + pads[2] + pads[3])
    if any(d * (k - 1) + 1 > size for k, d, size in zip((kh, kw), dilation, padded_hw)):
        raise RuntimeError(f"Calculated padded input size per channel: ({padded_hw[0]} x {padded_hw[1]}). "
                           f"Kernel size: ({kh} x {kw}). Kernel size can't be greater than actual input size")
    out_hw = (output_size(h, kh, stride[0], pads[0], pads[1], dilation[0]),
              output_size(w, kw, stride[1], pads[2], pads[3], dilation[1]))
    padded = pad_plane(x._a, pads)
    cols = windows(padded, (kh, kw), stride, dilation, out_hw).reshape(n, groups, cg, *out_hw, kh, kw)
    wg = weight._a.reshape(groups, o // groups, cg, kh, kw)
    result = np.einsum("ngchwij,gocij->ngohw", cols, wg, optimize=True).reshape(n, o, *out_hw)
    if bias is not None:
        result = result + bias._a[None, :, None, None]

    def backward(g: Tensor) -> tuple[Any, Any, Any]:
        gg = g._a.reshape(n, groups, o // groups, *out_hw)
        gx = gw = gb = None
        if x.requires_grad:
            grad_cols = np.einsum("ngohw,gocij->ngchwij", gg, wg, optimize=True).reshape(n, c, *out_hw, kh, kw)
            plane = fold(grad_cols, padded.shape, stride, dilation)
            gx = make(plane[:, :, pads[0]:pads[0] + h, pads[2]:pads[2] + w], g.dtype, (g,))
        if weight.requires_grad:
            gw = make(np.einsum("ngohw,ngchwij->gocij", gg, cols, optimize=True).reshape(weight.shape), g.dtype, (g,))
        if bias is not None and bias.requires_grad:
            gb = make(g._a.sum(axis=(0, 2, 3)), g.dtype, (g,))
        return gx, gw, gb

    return make(result, x.dtype, (x, weight, bias), "ConvolutionBackward0", backward, saved=[x, weight])
