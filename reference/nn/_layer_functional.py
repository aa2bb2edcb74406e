"""nn.functional counterparts of the layers in ``layers_nd`` (nn.functional.conv1d, ...): the same
computations, with weights and biases passed in. Parameter-free layers whose computation lives in
their module are run through a fresh module (imported late: ``layers_nd`` imports this package).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import _ops
from reference._tensor import Tensor
from reference.nn import _layer_functions as L

__all__ = ["adaptive_avg_pool1d", "adaptive_avg_pool3d", "adaptive_max_pool1d", "adaptive_max_pool2d",
           "adaptive_max_pool3d", "avg_pool1d", "avg_pool3d", "bilinear", "channel_shuffle", "conv1d",
           "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "fold", "group_norm",
           "instance_norm", "layer_norm", "local_response_norm", "lp_pool1d", "lp_pool2d", "max_pool1d",
           "max_pool3d", "pixel_shuffle", "pixel_unshuffle", "rms_norm", "unfold"]


def conv1d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1, padding: Any = 0,
           dilation: Any = 1, groups: int = 1) -> Tensor:
    return L.conv(input, weight, bias, stride, padding, dilation, groups, 1)


def conv3d(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1, padding: Any = 0,
           dilation: Any = 1, groups: int = 1) -> Tensor:
    return L.conv(input, weight, bias, stride, padding, dilation, groups, 3)


def _transposed(n: int) -> Any:
    def conv_transpose(input: Tensor, weight: Tensor, bias: Tensor | None = None, stride: Any = 1, padding: Any = 0,
                       output_padding: Any = 0, groups: int = 1, dilation: Any = 1) -> Tensor:
        return L.conv_transpose(input, weight, bias, stride, padding, output_padding, groups, dilation, n)
    conv_transpose.__name__ = f"conv_transpose{n}d"
    return conv_transpose


conv_transpose1d, conv_transpose2d, conv_transpose3d = _transposed(1), _transposed(2), _transposed(3)


def bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    out = np.einsum("...i,oij,...j->...o", input1._a, weight._a, input2._a)
    return _ops.make(out if bias is None else out + bias._a, input1.dtype, (input1, input2))


def layer_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None = None, bias: Tensor | None = None,
               eps: float = 1e-5) -> Tensor:
    shape = L.as_tuple(normalized_shape, 1)
    out = L.normalise(input._a.astype(np.float64), tuple(range(input.ndim - len(shape), input.ndim)), eps)
    return _ops.make(L.affine(out, weight, bias, shape), input.dtype, (input,))


def group_norm(input: Tensor, num_groups: int, weight: Tensor | None = None, bias: Tensor | None = None,
               eps: float = 1e-5) -> Tensor:
    x = input._a.astype(np.float64)
    out = L.normalise(x.reshape(x.shape[0], num_groups, -1), (2,), eps).reshape(x.shape)
    return _ops.make(L.affine(out, weight, bias, (1, -1) + (1,) * (x.ndim - 2)), input.dtype, (input,))


def instance_norm(input: Tensor, running_mean: Tensor | None = None, running_var: Tensor | None = None,
                  weight: Tensor | None = None, bias: Tensor | None = None, use_input_stats: bool = True,
                  momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Each (sample, channel) normalised over its positions (running statistics are not kept here)."""
    if not use_input_stats:
        raise NotImplementedError("the reference instance_norm always uses the input statistics")
    x = input._a.astype(np.float64)
    out = L.normalise(x, tuple(range(2, x.ndim)), eps)
    return _ops.make(L.affine(out, weight, bias, (1, -1) + (1,) * (x.ndim - 2)), input.dtype, (input,))


def pixel_shuffle(input: Tensor, upscale_factor: int) -> Tensor:
    return L.pixel_shuffle(input, upscale_factor)


def pixel_unshuffle(input: Tensor, downscale_factor: int) -> Tensor:
    return L.pixel_unshuffle(input, downscale_factor)


def channel_shuffle(input: Tensor, groups: int) -> Tensor:
    from reference.nn.layers_nd import ChannelShuffle

    return ChannelShuffle(groups)(input)


def unfold(input: Tensor, kernel_size: Any, dilation: Any = 1, padding: Any = 0, stride: Any = 1) -> Tensor:
    from reference.nn.layers_nd import Unfold

    return Unfold(kernel_size, dilation, padding, stride)(input)


def fold(input: Tensor, output_size: Any, kernel_size: Any, dilation: Any = 1, padding: Any = 0,
         stride: Any = 1) -> Tensor:
    from reference.nn.layers_nd import Fold

    return Fold(output_size, kernel_size, dilation, padding, stride)(input)


def local_response_norm(input: Tensor, size: int, alpha: float = 1e-4, beta: float = 0.75, k: float = 1.0) -> Tensor:
    from reference.nn.layers_nd import LocalResponseNorm

    return LocalResponseNorm(size, alpha, beta, k)(input)


def lp_pool1d(input: Tensor, norm_type: float, kernel_size: int, stride: int | None = None,
              ceil_mode: bool = False) -> Tensor:
    from reference.nn.layers_nd import LPPool1d

    return LPPool1d(norm_type, kernel_size, stride, ceil_mode)(input)


def _pool(n: int, maximum: bool) -> Any:
    reduce, fill = (np.max, -np.inf) if maximum else (np.mean, 0.0)

    def pool(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0, *args: Any, **kwargs: Any) -> Any:
        return L.pool(input, kernel_size, stride, padding, n, reduce, fill)
    pool.__name__ = f"{'max' if maximum else 'avg'}_pool{n}d"
    return pool


max_pool1d, max_pool3d, avg_pool1d, avg_pool3d = _pool(1, True), _pool(3, True), _pool(1, False), _pool(3, False)


def _adaptive(n: int, maximum: bool) -> Any:
    def adaptive(input: Tensor, output_size: Any, return_indices: bool = False) -> Tensor:
        return L.adaptive_pool(input, output_size, n, np.max if maximum else np.mean)
    adaptive.__name__ = f"adaptive_{'max' if maximum else 'avg'}_pool{n}d"
    return adaptive


adaptive_avg_pool1d, adaptive_avg_pool3d = _adaptive(1, False), _adaptive(3, False)
adaptive_max_pool1d, adaptive_max_pool2d = _adaptive(1, True), _adaptive(2, True)
adaptive_max_pool3d = _adaptive(3, True)


def lp_pool2d(input: Tensor, norm_type: float, kernel_size: Any, stride: Any = None,
              ceil_mode: bool = False) -> Tensor:
    from reference.nn.layers_nd import LPPool2d

    return LPPool2d(norm_type, kernel_size, stride, ceil_mode)(input)


def rms_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None = None, eps: float | None = None) -> Tensor:
    """x / sqrt(mean(x^2) over the normalised dims + eps) * weight; eps None means the dtype's machine epsilon."""
    shape = L.as_tuple(normalized_shape, 1)
    x = input._a.astype(np.float64)
    eps = float(np.finfo(input._a.dtype).eps) if eps is None else eps
    out = x / np.sqrt((x ** 2).mean(axis=tuple(range(x.ndim - len(shape), x.ndim)), keepdims=True) + eps)
    return _ops.make(L.affine(out, weight, None, shape), input.dtype, (input,))
