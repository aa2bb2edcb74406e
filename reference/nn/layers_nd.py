"""More layers (nn.layers.*): Conv1d/3d, ConvTranspose1d/2d/3d, Bilinear, Unflatten, BatchNorm1d/3d, LayerNorm,
GroupNorm, InstanceNorm1d/2d, Embedding, PixelShuffle/Unshuffle, ChannelShuffle, the padding layers,
Upsample and UpsamplingNearest2d (nearest), the pools (max, average, LP, adaptive), CosineSimilarity,
PairwiseDistance, Softmax2d and Dropout1d/2d/3d. Parameters start as torch documents: conv and Bilinear
weights and biases from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), norm weights 1 and biases 0, Embedding weights
N(0, 1).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from reference import _creation
from reference import _grad_mode as grad_mode
from reference import _ops
from reference import _random
from reference._tensor import Tensor
from reference._views import unflatten
from reference.nn import _layer_functions as L
from reference.nn._activation_functions import softmax
from reference.nn._functional_extras import cosine_similarity, embedding, interpolate, pad, pairwise_distance
from reference.nn.batchnorm import BatchNorm2d
from reference.nn.layers import uniform_parameter
from reference.nn.module import Module
from reference.nn.parameter import Parameter

__all__ = ["AdaptiveAvgPool1d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d",
           "AdaptiveMaxPool3d", "AvgPool1d", "AvgPool3d", "BatchNorm1d", "BatchNorm3d", "Bilinear",
           "ChannelShuffle", "CircularPad1d", "CircularPad2d", "CircularPad3d", "ConstantPad1d",
           "ConstantPad2d", "ConstantPad3d", "Conv1d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d",
           "ConvTranspose3d", "CosineSimilarity", "Dropout1d", "Dropout2d", "Dropout3d", "Embedding",
           "Fold", "GroupNorm", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "LPPool1d",
           "LPPool2d", "LayerNorm", "LocalResponseNorm", "MaxPool1d", "MaxPool3d", "PairwiseDistance",
           "PixelShuffle", "PixelUnshuffle", "RMSNorm", "ReflectionPad1d", "ReflectionPad2d",
           "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d", "Softmax2d",
           "Unflatten", "Unfold", "Upsample", "UpsamplingBilinear2d", "UpsamplingNearest2d", "ZeroPad1d",
           "ZeroPad2d", "ZeroPad3d"]


class _ConvNd(Module):
    DIMS = 0
    TRANSPOSED = False

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 *args: Any, **kwargs: Any) -> None:
        super().__init__()
        n = self.DIMS
        names = ["output_padding", "groups", "bias", "dilation"] if self.TRANSPOSED else ["dilation", "groups",
                                                                                            "bias"]
        options = {"output_padding": 0, "groups": 1, "bias": True, "dilation": 1} | dict(zip(names, args)) | kwargs
        groups = options["groups"]
        if in_channels % groups or out_channels % groups:
            raise ValueError("in_channels and out_channels must be divisible by groups")
        self.in_channels, self.out_channels, self.groups = in_channels, out_channels, groups
        self.kernel_size, self.stride, self.padding = (L.as_tuple(v, n) for v in (kernel_size, stride, padding))
        self.dilation = L.as_tuple(options["dilation"], n)
        self.output_padding = L.as_tuple(options["output_padding"], n)
        fan_in = (out_channels if self.TRANSPOSED else in_channels) // groups * math.prod(self.kernel_size)
        shape = ((in_channels, out_channels // groups) if self.TRANSPOSED else (out_channels, in_channels // groups))
        like = {"dtype": kwargs.get("dtype"), "device": kwargs.get("device")}
        self.weight = uniform_parameter((*shape, *self.kernel_size), fan_in, **like)
        self.bias = uniform_parameter((out_channels,), fan_in, **like) if options["bias"] else None

    def forward(self, input: Tensor) -> Tensor:
        if self.TRANSPOSED:
            return L.conv_transpose(input, self.weight, self.bias, self.stride, self.padding, self.output_padding,
                                    self.groups, self.dilation, self.DIMS)
        return L.conv(input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups, self.DIMS)


def _conv(name: str, dims: int, transposed: bool) -> type[_ConvNd]:
    return type(name, (_ConvNd,), {"DIMS": dims, "TRANSPOSED": transposed, "__module__": __name__})


Conv1d, Conv3d = _conv("Conv1d", 1, False), _conv("Conv3d", 3, False)
ConvTranspose1d, ConvTranspose2d, ConvTranspose3d = (_conv(f"ConvTranspose{n}d", n, True) for n in (1, 2, 3))


class Bilinear(Module):
    def __init__(self, in1_features: int, in2_features: int, out_features: int, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__()
        self.weight = uniform_parameter((out_features, in1_features, in2_features), in1_features, dtype, device)
        self.bias = uniform_parameter((out_features,), in1_features, dtype, device) if bias else None

    def forward(self, input1: Tensor, input2: Tensor) -> Tensor:
        out = np.einsum("...i,oij,...j->...o", input1._a, self.weight._a, input2._a)
        if self.bias is not None:
            out = out + self.bias._a
        return _ops.make(out, input1.dtype, (input1, input2))


class Unflatten(Module):
    def __init__(self, dim: int, unflattened_size: Any) -> None:
        super().__init__()
        self.dim, self.unflattened_size = dim, tuple(unflattened_size)

    def forward(self, input: Tensor) -> Tensor:
        return unflatten(input, self.dim, self.unflattened_size)


class BatchNorm1d(BatchNorm2d):
    INPUT_DIMS = (2, 3)


class BatchNorm3d(BatchNorm2d):
    INPUT_DIMS = (5,)


class _Norm(Module):
    """Normalise over ``axes(input)`` and apply an optional element-wise (or per-channel) affine map."""

    def _affine(self, shape: tuple[int, ...], affine: bool, dtype: Any, device: Any) -> None:
        self.weight = Parameter(_creation.ones(shape, dtype=dtype, device=device)) if affine else None
        self.bias = Parameter(_creation.zeros(shape, dtype=dtype, device=device)) if affine else None


class LayerNorm(_Norm):
    def __init__(self, normalized_shape: Any, eps: float = 1e-5, elementwise_affine: bool = True, bias: bool = True,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.normalized_shape, self.eps = L.as_tuple(normalized_shape, 1), eps
        self._affine(self.normalized_shape, elementwise_affine, dtype, device)
        if not bias:
            self.bias = None

    def forward(self, input: Tensor) -> Tensor:
        axes = tuple(range(input.ndim - len(self.normalized_shape), input.ndim))
        out = L.normalise(input._a.astype(np.float64), axes, self.eps)
        return _ops.make(L.affine(out, self.weight, self.bias, self.normalized_shape), input.dtype, (input,))


class GroupNorm(_Norm):
    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5, affine: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__()
        if num_channels % num_groups:
            raise ValueError("num_channels must be divisible by num_groups")
        self.num_groups, self.num_channels, self.eps = num_groups, num_channels, eps
        self._affine((num_channels,), affine, dtype, device)

    def forward(self, input: Tensor) -> Tensor:
        x = input._a.astype(np.float64)
        out = L.normalise(x.reshape(x.shape[0], self.num_groups, -1), (2,), self.eps).reshape(x.shape)
        shape = (1, -1) + (1,) * (x.ndim - 2)
        return _ops.make(L.affine(out, self.weight, self.bias, shape), input.dtype, (input,))


class _InstanceNorm(_Norm):
    DIMS = 0

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1, affine: bool = False,
                 track_running_stats: bool = False, device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.num_features, self.eps = num_features, eps
        self._affine((num_features,), affine, dtype, device)

    def forward(self, input: Tensor) -> Tensor:
        x = input._a.astype(np.float64)
        out = L.normalise(x, tuple(range(x.ndim - self.DIMS, x.ndim)), self.eps)
        shape = (-1,) + (1,) * self.DIMS
        return _ops.make(L.affine(out, self.weight, self.bias, shape), input.dtype, (input,))


InstanceNorm1d = type("InstanceNorm1d", (_InstanceNorm,), {"DIMS": 1, "__module__": __name__})
InstanceNorm2d = type("InstanceNorm2d", (_InstanceNorm,), {"DIMS": 2, "__module__": __name__})
InstanceNorm3d = type("InstanceNorm3d", (_InstanceNorm,), {"DIMS": 3, "__module__": __name__})


class RMSNorm(_Norm):
    """x / sqrt(mean(x^2) over the normalised dims + eps) * weight; eps None means the dtype's machine epsilon."""

    def __init__(self, normalized_shape: Any, eps: float | None = None, elementwise_affine: bool = True,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.normalized_shape, self.eps = L.as_tuple(normalized_shape, 1), eps
        self.weight = Parameter(_creation.ones(self.normalized_shape, dtype=dtype, device=device)) \
            if elementwise_affine else None

    def forward(self, input: Tensor) -> Tensor:
        x = input._a.astype(np.float64)
        eps = float(np.finfo(input._a.dtype).eps) if self.eps is None else self.eps
        axes = tuple(range(x.ndim - len(self.normalized_shape), x.ndim))
        out = x / np.sqrt((x ** 2).mean(axis=axes, keepdims=True) + eps)
        return _ops.make(L.affine(out, self.weight, None, self.normalized_shape), input.dtype, (input,))


class Embedding(Module):
    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None,
                 max_norm: float | None = None, norm_type: float = 2.0, scale_grad_by_freq: bool = False,
                 sparse: bool = False, _weight: Tensor | None = None, _freeze: bool = False, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__()
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        if padding_idx is not None and padding_idx < 0:
            padding_idx += num_embeddings
        self.padding_idx, self.max_norm, self.norm_type = padding_idx, max_norm, norm_type
        weight = _creation.empty((num_embeddings, embedding_dim), dtype=dtype, device=device)
        with grad_mode.no_grad():
            weight.normal_()
            if padding_idx is not None:
                weight[padding_idx].fill_(0)
        self.weight = Parameter(weight, requires_grad=not _freeze)

    def forward(self, input: Tensor) -> Tensor:
        return embedding(input, self.weight, self.padding_idx, self.max_norm, self.norm_type)


class PixelShuffle(Module):
    def __init__(self, upscale_factor: int) -> None:
        super().__init__()
        self.upscale_factor = upscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return L.pixel_shuffle(input, self.upscale_factor)


class PixelUnshuffle(Module):
    def __init__(self, downscale_factor: int) -> None:
        super().__init__()
        self.downscale_factor = downscale_factor

    def forward(self, input: Tensor) -> Tensor:
        return L.pixel_unshuffle(input, self.downscale_factor)


class _Pad(Module):
    MODE, DIMS = "constant", 0

    def __init__(self, padding: Any, value: float = 0.0) -> None:
        super().__init__()
        self.padding, self.value = L.as_tuple(padding, 2 * self.DIMS), value

    def forward(self, input: Tensor) -> Tensor:
        return pad(input, self.padding, self.MODE, self.value if self.MODE == "constant" else None)


def _pad(name: str, mode: str, dims: int) -> type[_Pad]:
    return type(name, (_Pad,), {"MODE": mode, "DIMS": dims, "__module__": __name__})


ZeroPad2d = _pad("ZeroPad2d", "constant", 2)
ConstantPad1d = _pad("ConstantPad1d", "constant", 1)
ReflectionPad1d = _pad("ReflectionPad1d", "reflect", 1)
ReplicationPad2d = _pad("ReplicationPad2d", "replicate", 2)
CircularPad1d = _pad("CircularPad1d", "circular", 1)
ZeroPad1d, ZeroPad3d = _pad("ZeroPad1d", "constant", 1), _pad("ZeroPad3d", "constant", 3)
ConstantPad2d, ConstantPad3d = _pad("ConstantPad2d", "constant", 2), _pad("ConstantPad3d", "constant", 3)
ReflectionPad2d, ReflectionPad3d = _pad("ReflectionPad2d", "reflect", 2), _pad("ReflectionPad3d", "reflect", 3)
ReplicationPad1d = _pad("ReplicationPad1d", "replicate", 1)
ReplicationPad3d = _pad("ReplicationPad3d", "replicate", 3)
CircularPad2d, CircularPad3d = _pad("CircularPad2d", "circular", 2), _pad("CircularPad3d", "circular", 3)


class CosineSimilarity(Module):
    def __init__(self, dim: int = 1, eps: float = 1e-8) -> None:
        super().__init__()
        self.dim, self.eps = dim, eps

    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return cosine_similarity(x1, x2, self.dim, self.eps)


class PairwiseDistance(Module):
    def __init__(self, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> None:
        super().__init__()
        self.norm, self.eps, self.keepdim = p, eps, keepdim

    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return pairwise_distance(x1, x2, self.norm, self.eps, self.keepdim)


class Softmax2d(Module):
    def forward(self, input: Tensor) -> Tensor:
        if input.ndim not in (3, 4):
            raise ValueError(f"Softmax2d: expected input to be 3D or 4D, got {input.ndim}D instead")
        return softmax(input, -3)


class ChannelShuffle(Module):
    def __init__(self, groups: int) -> None:
        super().__init__()
        self.groups = groups

    def forward(self, input: Tensor) -> Tensor:
        x = input._a
        n, c = x.shape[:2]
        shuffled = x.reshape(n, self.groups, c // self.groups, *x.shape[2:]).swapaxes(1, 2).reshape(x.shape)
        return _ops.make(shuffled, input.dtype, (input,))


class UpsamplingNearest2d(Module):
    def __init__(self, size: Any = None, scale_factor: Any = None) -> None:
        super().__init__()
        if scale_factor is None:
            raise NotImplementedError("the reference UpsamplingNearest2d supports a scale_factor only")
        self.scale_factor = scale_factor

    def forward(self, input: Tensor) -> Tensor:
        return L.upsample_nearest(input, tuple(int(f) for f in L.as_tuple(self.scale_factor, 2)))


class Upsample(Module):
    """Only mode='nearest' with integer scale factors is implemented here."""

    def __init__(self, size: Any = None, scale_factor: Any = None, mode: str = "nearest",
                 align_corners: bool | None = None, recompute_scale_factor: bool | None = None) -> None:
        super().__init__()
        if mode != "nearest" or scale_factor is None:
            raise NotImplementedError("the reference Upsample supports mode='nearest' with a scale_factor only")
        self.scale_factor, self.mode = scale_factor, mode

    def forward(self, input: Tensor) -> Tensor:
        return L.upsample_nearest(input, tuple(int(f) for f in L.as_tuple(self.scale_factor, input.ndim - 2)))


class _Pool(Module):
    DIMS, MAX = 0, True

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding

    def forward(self, input: Tensor) -> Tensor:
        reduce, fill = (np.max, -np.inf) if self.MAX else (np.mean, 0.0)
        return L.pool(input, self.kernel_size, self.stride, self.padding, self.DIMS, reduce, fill)


MaxPool1d = type("MaxPool1d", (_Pool,), {"DIMS": 1, "MAX": True, "__module__": __name__})
MaxPool3d = type("MaxPool3d", (_Pool,), {"DIMS": 3, "MAX": True, "__module__": __name__})
AvgPool1d = type("AvgPool1d", (_Pool,), {"DIMS": 1, "MAX": False, "__module__": __name__})
AvgPool3d = type("AvgPool3d", (_Pool,), {"DIMS": 3, "MAX": False, "__module__": __name__})


class LPPool1d(Module):
    """(sum over each window of x^p)^(1/p)."""

    DIMS = 1

    def __init__(self, norm_type: float, kernel_size: int, stride: int | None = None, ceil_mode: bool = False) -> None:
        super().__init__()
        self.norm_type, self.kernel_size, self.stride = norm_type, kernel_size, stride

    def forward(self, input: Tensor) -> Tensor:
        powered = _ops.make(input._a.astype(np.float64) ** self.norm_type, input.dtype, (input,))
        summed = L.pool(powered, self.kernel_size, self.stride, 0, self.DIMS, np.sum, 0.0)
        return _ops.make(summed._a.astype(np.float64) ** (1 / self.norm_type), input.dtype, (input,))


LPPool2d = type("LPPool2d", (LPPool1d,), {"DIMS": 2, "__module__": __name__})


class UpsamplingBilinear2d(Module):
    """Bilinear resizing with align_corners=True."""

    def __init__(self, size: Any = None, scale_factor: Any = None) -> None:
        super().__init__()
        self.size, self.scale_factor = size, scale_factor

    def forward(self, input: Tensor) -> Tensor:
        return interpolate(input, self.size, self.scale_factor, "bilinear", align_corners=True)


class _AdaptivePool(Module):
    DIMS, MAX = 0, True

    def __init__(self, output_size: Any, return_indices: bool = False) -> None:
        super().__init__()
        self.output_size = output_size

    def forward(self, input: Tensor) -> Tensor:
        return L.adaptive_pool(input, self.output_size, self.DIMS, np.max if self.MAX else np.mean)


AdaptiveAvgPool1d = type("AdaptiveAvgPool1d", (_AdaptivePool,), {"DIMS": 1, "MAX": False, "__module__": __name__})
AdaptiveMaxPool2d = type("AdaptiveMaxPool2d", (_AdaptivePool,), {"DIMS": 2, "MAX": True, "__module__": __name__})
AdaptiveMaxPool1d = type("AdaptiveMaxPool1d", (_AdaptivePool,), {"DIMS": 1, "MAX": True, "__module__": __name__})
AdaptiveAvgPool3d = type("AdaptiveAvgPool3d", (_AdaptivePool,), {"DIMS": 3, "MAX": False, "__module__": __name__})
AdaptiveMaxPool3d = type("AdaptiveMaxPool3d", (_AdaptivePool,), {"DIMS": 3, "MAX": True, "__module__": __name__})


class Unfold(Module):
    """(N, C, H, W) -> (N, C kh kw, L): each block's values channel by channel, kernel positions row-major."""

    def __init__(self, kernel_size: Any, dilation: Any = 1, padding: Any = 0, stride: Any = 1) -> None:
        super().__init__()
        self.kernel_size, self.dilation, self.padding, self.stride = (L.as_tuple(v, 2) for v in (
            kernel_size, dilation, padding, stride))

    def forward(self, input: Tensor) -> Tensor:
        x = np.pad(input._a, [(0, 0), (0, 0)] + [(p, p) for p in self.padding])
        n, c = x.shape[:2]
        (kh, kw), (dh, dw), (sh, sw) = self.kernel_size, self.dilation, self.stride
        oh, ow = ((size - d * (k - 1) - 1) // s + 1 for size, k, d, s in zip(x.shape[2:], self.kernel_size,
                                                                            self.dilation, self.stride))
        cols = np.zeros((n, c, kh, kw, oh, ow), dtype=x.dtype)
        for i in range(kh):
            for j in range(kw):
                cols[:, :, i, j] = x[:, :, i * dh:i * dh + sh * (oh - 1) + 1:sh, j * dw:j * dw + sw * (ow - 1) + 1:sw]
        return _ops.make(cols.reshape(n, c * kh * kw, oh * ow), input.dtype, (input,))


class Fold(Module):
    """The adjoint of Unfold: blocks placed back into (N, C, *output_size), overlaps summed."""

    def __init__(self, output_size: Any, kernel_size: Any, dilation: Any = 1, padding: Any = 0,
                 stride: Any = 1) -> None:
        super().__init__()
        self.output_size, self.kernel_size, self.dilation, self.padding, self.stride = (L.as_tuple(v, 2) for v in (
            output_size, kernel_size, dilation, padding, stride))

    def forward(self, input: Tensor) -> Tensor:
        cols = input._a.astype(np.float64)
        n = cols.shape[0]
        (kh, kw), (dh, dw), (sh, sw), (ph, pw) = self.kernel_size, self.dilation, self.stride, self.padding
        height, width = self.output_size[0] + 2 * ph, self.output_size[1] + 2 * pw
        oh, ow = (height - dh * (kh - 1) - 1) // sh + 1, (width - dw * (kw - 1) - 1) // sw + 1
        blocks = cols.reshape(n, -1, kh, kw, oh, ow)
        out = np.zeros((n, blocks.shape[1], height, width))
        for i in range(kh):
            for j in range(kw):
                rows = slice(i * dh, i * dh + sh * (oh - 1) + 1, sh)
                columns = slice(j * dw, j * dw + sw * (ow - 1) + 1, sw)
                out[:, :, rows, columns] += blocks[:, :, i, j]
        return _ops.make(out[:, :, ph:ph + self.output_size[0], pw:pw + self.output_size[1]], input.dtype, (input,))


class LocalResponseNorm(Module):
    def __init__(self, size: int, alpha: float = 1e-4, beta: float = 0.75, k: float = 1.0) -> None:
        super().__init__()
        self.size, self.alpha, self.beta, self.k = size, alpha, beta, k

    def forward(self, input: Tensor) -> Tensor:
        x = input._a.astype(np.float64)
        squares = np.pad(x ** 2, [(0, 0), (self.size // 2, (self.size - 1) // 2)] + [(0, 0)] * (x.ndim - 2))
        window = sum(squares[:, i:i + x.shape[1]] for i in range(self.size))
        return _ops.make(x / (self.k + self.alpha / self.size * window) ** self.beta, input.dtype, (input,))


class _ChannelDropout(Module):
    """In training, each (sample, channel) slice is zeroed with probability p, the rest scaled by 1 / (1 - p)."""

    DIMS = 0

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p, self.inplace = p, inplace

    def forward(self, input: Tensor) -> Tensor:
        if not self.training or self.p == 0:
            return input
        channels = input._a.shape[:input.ndim - self.DIMS]
        keep = _random.rng(None).random(channels) >= self.p
        scale = 0.0 if self.p == 1 else 1 / (1 - self.p)
        mask = (keep * scale).reshape(channels + (1,) * self.DIMS)
        return _ops.make(input._a * mask, input.dtype, (input,))


Dropout1d = type("Dropout1d", (_ChannelDropout,), {"DIMS": 1, "__module__": __name__})
Dropout2d = type("Dropout2d", (_ChannelDropout,), {"DIMS": 2, "__module__": __name__})
Dropout3d = type("Dropout3d", (_ChannelDropout,), {"DIMS": 3, "__module__": __name__})
