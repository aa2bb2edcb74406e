"""The layer Modules: each stores its arguments (and parameters) and calls nn.functional.

* Linear(in, out): weight (out, in) and bias (out,) drawn from U(-1/sqrt(in), 1/sqrt(in));
  bias=False leaves .bias None (nn.linear.parameters, nn.linear.init-and-no-bias).
* Conv2d(in, out, k): stride 1, no padding, dilation 1, one group and a bias by default; weight
  (out, in/groups, kH, kW) and bias from U(-sqrt(g), sqrt(g)) with g = groups/(in*kH*kW); in and
  out must be divisible by groups; a padding string is checked here (nn.conv2d.defaults,
  nn.conv2d.parameters, nn.conv2d.init-bounds, nn.conv2d.groups-divisibility,
  nn.conv2d.padding-strings, nn.conv2d.doc-example).
* MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, ReLU, Flatten(start_dim=1, end_dim=-1) (nn.flatten.dims),
  Dropout (active only in training, nn.dropout.train-eval) and MSELoss (nn.mseloss.reductions).
"""
from __future__ import annotations

import math
from typing import Any

from reference import _creation
from reference import _grad_mode as grad_mode
from reference._tensor import Tensor
from reference._views import flatten
from reference.nn import functional as F
from reference.nn._convolution import conv_padding
from reference.nn._windows import pair
from reference.nn.module import Module
from reference.nn.parameter import Parameter


def uniform_parameter(shape: tuple[int, ...], fan_in: int, dtype: Any = None, device: Any = None) -> Parameter:
    """A Parameter drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (zero when fan_in is 0)."""
    bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0.0
    data = _creation.empty(shape, dtype=dtype, device=device)
    with grad_mode.no_grad():
        data.uniform_(-bound, bound)
    return Parameter(data)


class Linear(Module):
    def __init__(self, in_features: int, out_features: int, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__()
        self.in_features, self.out_features = in_features, out_features
        self.weight = uniform_parameter((out_features, in_features), in_features, dtype, device)
        self.bias = uniform_parameter((out_features,), in_features, dtype, device) if bias else None

    def forward(self, input: Tensor) -> Tensor:
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={self.bias is not None}"


class Conv2d(Module):
    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 dilation: Any = 1, groups: int = 1, bias: bool = True, device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups:
            raise ValueError("out_channels must be divisible by groups")
        self.in_channels, self.out_channels, self.groups = in_channels, out_channels, groups
        self.kernel_size, self.stride, self.dilation = pair(kernel_size), pair(stride), pair(dilation)
        conv_padding(padding, self.kernel_size, self.stride, self.dilation)  # a bad padding string raises now
        self.padding = padding if isinstance(padding, str) else pair(padding)
        fan_in = in_channels // groups * self.kernel_size[0] * self.kernel_size[1]
        self.weight = uniform_parameter((out_channels, in_channels // groups, *self.kernel_size), fan_in, dtype, device)
        self.bias = uniform_parameter((out_channels,), fan_in, dtype, device) if bias else None

    def forward(self, input: Tensor) -> Tensor:
        return F.conv2d(input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)

    def extra_repr(self) -> str:
        return (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}, "
                f"padding={self.padding}, dilation={self.dilation}, groups={self.groups}, bias={self.bias is not None}")


class MaxPool2d(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, dilation: Any = 1,
                 return_indices: bool = False, ceil_mode: bool = False) -> None:
        super().__init__()
        self.kernel_size, self.stride = kernel_size, stride if stride is not None else kernel_size
        self.padding, self.dilation = padding, dilation
        self.return_indices, self.ceil_mode = return_indices, ceil_mode

    def forward(self, input: Tensor) -> Any:
        return F.max_pool2d(input, self.kernel_size, self.stride, self.padding, self.dilation, self.ceil_mode,
                            self.return_indices)

    def extra_repr(self) -> str:
        return (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
                f"dilation={self.dilation}, ceil_mode={self.ceil_mode}")


class AvgPool2d(Module):
    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0, ceil_mode: bool = False,
                 count_include_pad: bool = True, divisor_override: int | None = None) -> None:
        super().__init__()
        self.kernel_size, self.stride = kernel_size, stride if stride is not None else kernel_size
        self.padding, self.ceil_mode = padding, ceil_mode
        self.count_include_pad, self.divisor_override = count_include_pad, divisor_override

    def forward(self, input: Tensor) -> Tensor:
        return F.avg_pool2d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad, self.divisor_override)

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AdaptiveAvgPool2d(Module):
    def __init__(self, output_size: Any) -> None:
        super().__init__()
        self.output_size = output_size

    def forward(self, input: Tensor) -> Tensor:
        return F.adaptive_avg_pool2d(input, self.output_size)

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"


class ReLU(Module):
    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.relu(input, self.inplace)


class Flatten(Module):
    """Merge dims start_dim..end_dim (by default all but the batch dim) into one."""

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim, self.end_dim = start_dim, end_dim

    def forward(self, input: Tensor) -> Tensor:
        return flatten(input, self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Dropout(Module):
    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p, self.inplace = p, inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.dropout(input, self.p, self.training, self.inplace)

    def extra_repr(self) -> str:
        return f"p={self.p}, inplace={self.inplace}"


class MSELoss(Module):
    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = reduction

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.mse_loss(input, target, reduction=self.reduction)
