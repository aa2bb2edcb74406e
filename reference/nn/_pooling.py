"""2-D pooling: max_pool2d, avg_pool2d and adaptive_avg_pool2d, each on (N, C, H, W) or unbatched
(C, H, W) input (nn.unbatched.input).

* max_pool2d: the maximum of each dilated window, padding counting as -inf; the stride defaults
  to the kernel size; ``return_indices`` adds each maximum's flat index in its H*W input plane
  (nn.maxpool2d.output-shape, nn.maxpool2d.values, nn.maxpool2d.return-indices).
* avg_pool2d: the window sum over zero padding divided by the window size clipped to the padded
  input (count_include_pad=True), by the real elements only (False), or by divisor_override
  (nn.avgpool2d.output-shape, nn.avgpool2d.values, nn.avgpool2d.doc-example).
* Padding over half the (effective) kernel raises RuntimeError (nn.maxpool2d.padding-limit).
* adaptive_avg_pool2d: output (i, j) averages rows floor(i*H/OH) to ceil((i+1)*H/OH) and the
  same for columns, computed as A_h @ x @ A_w^T (nn.adaptiveavgpool2d.output-size,
  nn.adaptiveavgpool2d.bins).

Backward formulas are NumPy (gradients of gradients are not recorded).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import _dtype as D
from reference._ops import make
from reference._tensor import Tensor
from reference.nn._windows import fold, output_size, pad_plane, pair, per_sample, windows


def _stride(stride: Any, kernel: tuple[int, int]) -> tuple[int, int]:
    """The stride defaults to the kernel size (None or an empty list)."""
    return kernel if stride is None or (not isinstance(stride, int) and len(stride) == 0) else pair(stride)


def _geometry(x: Tensor, kernel: tuple[int, int], stride: tuple[int, int], padding: tuple[int, int],
              dilation: tuple[int, int], ceil_mode: bool) -> tuple[tuple[int, int], tuple[int, int, int, int]]:
    """The output size and the (top, bottom, left, right) padding that covers every window."""
    if min(kernel) <= 0 or min(stride) <= 0 or min(dilation) <= 0:
        raise RuntimeError("pooling: kernel size, stride and dilation must be greater than zero")
    h, w = x.shape[2:]
    out = tuple(output_size(size, k, s, p, p, d, ceil_mode)
                for size, k, s, p, d in zip((h, w), kernel, stride, padding, dilation))
    if min(out) < 1:
        raise RuntimeError(f"Given input size: ({x.shape[1]}x{h}x{w}). Calculated output size: "
                           f"({x.shape[1]}x{out[0]}x{out[1]}). Output size is too small")
    ends = [(o - 1) * s + d * (k - 1) + 1 - size - p
            for o, s, d, k, size, p in zip(out, stride, dilation, kernel, (h, w), padding)]
    return out, (padding[0], max(ends[0], 0), padding[1], max(ends[1], 0))


def _check_padding(padding: tuple[int, int], kernel: tuple[int, int], dilation: tuple[int, int]) -> None:
    for p, k, d in zip(padding, kernel, dilation):
        if p < 0 or p > (d * (k - 1) + 1) // 2:
            raise RuntimeError(f"pad should be at most half of effective kernel size, but got pad={p}, "
                               f"kernel_size={k} and dilation={d}")


def _lowest(dtype: D.dtype) -> Any:
    """The padding value of max pooling: -inf, or an integer dtype's minimum."""
    return -np.inf if dtype.category >= D.FLOAT else np.iinfo(dtype.np).min


# -- max pooling ------------------------------------------------------------------------------
def max_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1,
               ceil_mode: bool = False, return_indices: bool = False) -> Any:
    kernel = pair(kernel_size)
    stride, padding, dilation = _stride(stride, kernel), pair(padding), pair(dilation)
    _check_padding(padding, kernel, dilation)
    values, indices = per_sample(input, lambda x: _max_pool2d(x, kernel, stride, padding, dilation, ceil_mode),
                                 "max_pool2d")
    return (values, indices) if return_indices else values


def _max_pool2d(x: Tensor, kernel: tuple[int, int], stride: tuple[int, int], padding: tuple[int, int],
                dilation: tuple[int, int], ceil_mode: bool) -> tuple[Tensor, Tensor]:
    n, c, h, w = x.shape
    out, pads = _geometry(x, kernel, stride, padding, dilation, ceil_mode)
    cols = windows(pad_plane(x._a, pads, _lowest(x.dtype)), kernel, stride, dilation, out)
    cols = cols.reshape(n, c, *out, kernel[0] * kernel[1])
    arg = cols.argmax(axis=-1)  # the first maximum; a NaN counts as the maximum
    values = np.take_along_axis(cols, arg[..., None], axis=-1)[..., 0]
    row_in_window, col_in_window = np.divmod(arg, kernel[1])
    rows = np.arange(out[0])[:, None] * stride[0] - padding[0] + row_in_window * dilation[0]
    columns = np.arange(out[1])[None, :] * stride[1] - padding[1] + col_in_window * dilation[1]
    flat = (rows * w + columns).astype(np.int64)

    def backward(g: Tensor) -> tuple[Tensor]:
        """Each output's gradient goes to the input element it took its maximum from."""
        grad = np.zeros((n * c, h * w), dtype=g._a.dtype)
        planes = np.repeat(np.arange(n * c), out[0] * out[1])
        np.add.at(grad, (planes, flat.reshape(-1)), g._a.reshape(-1))
        return (make(grad.reshape(n, c, h, w), g.dtype, (g,)),)

    result = make(values, x.dtype, (x,), "MaxPool2DWithIndicesBackward0", backward)
    return result, make(flat, D.int64, (x,))


# -- average pooling ------------------------------------------------------------------------------
def avg_pool2d(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0, ceil_mode: bool = False,
               count_include_pad: bool = True, divisor_override: int | None = None) -> Tensor:
    kernel = pair(kernel_size)
    stride, padding = _stride(stride, kernel), pair(padding)
    for p, k in zip(padding, kernel):
        if p < 0 or p > k // 2:
            raise RuntimeError(f"pad should be at most half of kernel size, but got pad={p} and kernel_size={k}")
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    return per_sample(input, lambda x: _avg_pool2d(x, kernel, stride, padding, ceil_mode, count_include_pad,
                                                   divisor_override), "avg_pool2d")


def _divisor_counts(size: int, k: int, s: int, p: int, out: int, count_include_pad: bool) -> np.ndarray:
    """Per output index along one axis: the window length clipped to the padded input, or to the input."""
    starts = np.arange(out) * s - p
    ends = np.minimum(starts + k, size + p)
    if count_include_pad:
        return ends - starts
    return np.minimum(ends, size) - np.maximum(starts, 0)


def _avg_pool2d(x: Tensor, kernel: tuple[int, int], stride: tuple[int, int], padding: tuple[int, int],
                ceil_mode: bool, count_include_pad: bool, divisor_override: int | None) -> Tensor:
    h, w = x.shape[2:]
    out, pads = _geometry(x, kernel, stride, padding, (1, 1), ceil_mode)
    padded = pad_plane(x._a, pads)
    sums = windows(padded, kernel, stride, (1, 1), out).sum(axis=(-2, -1))
    if divisor_override is not None:
        divisor = np.full(out, float(divisor_override))
    else:
        divisor = np.outer(*(_divisor_counts(size, k, s, p, o, count_include_pad)
                             for size, k, s, p, o in zip((h, w), kernel, stride, padding, out)))

    def backward(g: Tensor) -> tuple[Tensor]:
        """Each output's gradient, divided by its divisor, goes to every element of its window."""
        share = np.broadcast_to((g._a / divisor)[..., None, None], (*g.shape, *kernel))
        plane = fold(share, padded.shape, stride, (1, 1))
        return (make(plane[:, :, pads[0]:pads[0] + h, pads[2]:pads[2] + w], g.dtype, (g,)),)

    return make(sums / divisor, x.dtype, (x,), "AvgPool2DBackward0", backward)


# -- adaptive average pooling ----------------------------------------------------------------------
def adaptive_avg_pool2d(input: Tensor, output_size: Any) -> Tensor:
    """``output_size``: an int (square) or an (H, W) pair whose None entries keep that input size."""
    sizes = (output_size, output_size) if isinstance(output_size, int) else tuple(output_size)
    return per_sample(input, lambda x: _adaptive_avg_pool2d(x, sizes), "adaptive_avg_pool2d")


def _bin_matrix(size_in: int, size_out: int, dtype: Any) -> np.ndarray:
    """(size_out, size_in): row i averages inputs floor(i*in/out) .. ceil((i+1)*in/out) - 1."""
    matrix = np.zeros((size_out, size_in), dtype=dtype)
    for i in range(size_out):
        start, end = (i * size_in) // size_out, -((-(i + 1) * size_in) // size_out)
        matrix[i, start:end] = 1.0 / (end - start)
    return matrix


def _adaptive_avg_pool2d(x: Tensor, sizes: tuple[Any, Any]) -> Tensor:
    h, w = x.shape[2:]
    oh, ow = (h if sizes[0] is None else int(sizes[0])), (w if sizes[1] is None else int(sizes[1]))
    if min(h, w) < 1 or min(oh, ow) < 1:
        raise RuntimeError(f"adaptive_avg_pool2d: input {list(x.shape)} and output size ({oh}, {ow}) must be "
                           "non-empty")
    rows, cols = _bin_matrix(h, oh, x._a.dtype), _bin_matrix(w, ow, x._a.dtype)
    result = np.einsum("ih,nchw,jw->ncij", rows, x._a, cols, optimize=True)

    def backward(g: Tensor) -> tuple[Tensor]:
        return (make(np.einsum("ih,ncij,jw->nchw", rows, g._a, cols, optimize=True), g.dtype, (g,)),)

    return make(result, x.dtype, (x,), "AdaptiveAvgPool2DBackward0", backward)
