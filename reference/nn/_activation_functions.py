"""nn.functional activations (nn.activations.*), each the formula on its docs page in NumPy.

Element-wise ones go through ``_ops.unary`` (integer inputs promote to the default float); those
along a dim (softmax, log_softmax, softmin, glu) build their result with ``_ops.make``. None
records a backward: the activation checks compare values only.
"""
from __future__ import annotations

import functools
import inspect
import math
from typing import Any, Callable

import numpy as np

from reference import _dtype as D
from reference import _ops
from reference._tensor import Tensor, _wrap_dim

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
_erf = np.vectorize(math.erf, otypes=[float])

__all__ = ["celu", "celu_", "elu", "elu_", "gelu", "glu", "hardshrink", "hardsigmoid", "hardswish",
           "hardtanh", "hardtanh_", "leaky_relu", "leaky_relu_", "log_softmax", "logsigmoid", "mish",
           "prelu", "relu6", "relu_", "selu", "selu_", "sigmoid", "silu", "softmax", "softmin", "softplus",
           "softshrink", "softsign", "tanh", "tanhshrink", "threshold", "threshold_"]


def _elementwise(name: str, x: Tensor, compute: Callable[[np.ndarray], Any]) -> Tensor:
    return _ops.unary(name, x, compute, None, float_only=True)


def _inplace(function: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """With ``inplace=True`` the result is written into the input, which is returned (nn.activations.inplace)."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Tensor:
        bound = signature.bind(*args, **kwargs)
        if not bound.arguments.get("inplace", False):
            return function(*args, **kwargs)
        bound.arguments["inplace"] = False
        input = bound.arguments["input"]
        return _ops.inplace(input, function(*bound.args, **bound.kwargs))
    return wrapper


def _softplus(a: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    with np.errstate(over="ignore"):
        smooth = np.log1p(np.exp(beta * a)) / beta
    return np.where(beta * a > threshold, a, smooth)


def _sigmoid(a: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-a))


def _elu(a: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(a > 0, a, alpha * np.expm1(np.minimum(a, 0)))


@_inplace
def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    return hardtanh(input, 0.0, 6.0)


@_inplace
def hardtanh(input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False) -> Tensor:
    return _elementwise("hardtanh", input, lambda a: np.clip(a, min_val, max_val))


@_inplace
def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    return _elementwise("leaky_relu", input, lambda a: np.where(a >= 0, a, negative_slope * a))


def prelu(input: Tensor, weight: Tensor) -> Tensor:
    """One slope for every element, or one per channel (dim 1) when weight has several."""
    slope = weight._a
    if slope.size > 1 and input.ndim >= 2:
        slope = slope.reshape((1, -1) + (1,) * (input.ndim - 2))
    return _elementwise("prelu", input, lambda a: np.where(a >= 0, a, slope * a))


@_inplace
def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    return _elementwise("elu", input, lambda a: _elu(a, alpha))


@_inplace
def selu(input: Tensor, inplace: bool = False) -> Tensor:
    return _elementwise("selu", input, lambda a: SELU_SCALE * _elu(a, SELU_ALPHA))


@_inplace
def celu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    return _elementwise("celu", input, lambda a: np.maximum(a, 0) + np.minimum(0, alpha * np.expm1(a / alpha)))


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    if approximate == "tanh":
        return _elementwise("gelu", input,
                            lambda a: 0.5 * a * (1 + np.tanh(math.sqrt(2 / math.pi) * (a + 0.044715 * a ** 3))))
    if approximate != "none":
        raise RuntimeError(f"approximate argument must be either none or tanh, got {approximate}")
    return _elementwise("gelu", input, lambda a: 0.5 * a * (1 + _erf(a / math.sqrt(2))))


@_inplace
def silu(input: Tensor, inplace: bool = False) -> Tensor:
    return _elementwise("silu", input, lambda a: a * _sigmoid(a))


@_inplace
def mish(input: Tensor, inplace: bool = False) -> Tensor:
    return _elementwise("mish", input, lambda a: a * np.tanh(_softplus(a)))


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    return _elementwise("softplus", input, lambda a: _softplus(a, beta, threshold))


def softsign(input: Tensor) -> Tensor:
    return _elementwise("softsign", input, lambda a: a / (1 + np.abs(a)))


@_inplace
def hardsigmoid(input: Tensor, inplace: bool = False) -> Tensor:
    return _elementwise("hardsigmoid", input, lambda a: np.clip(a / 6 + 0.5, 0, 1))


@_inplace
def hardswish(input: Tensor, inplace: bool = False) -> Tensor:
    return _elementwise("hardswish", input, lambda a: a * np.clip(a + 3, 0, 6) / 6)


def tanh(input: Tensor) -> Tensor:
    return _ops.tanh(input)


def sigmoid(input: Tensor) -> Tensor:
    return _ops.sigmoid(input)


def logsigmoid(input: Tensor) -> Tensor:
    return _elementwise("logsigmoid", input, lambda a: -_softplus(-a))


@_inplace
def threshold(input: Tensor, threshold: float, value: float, inplace: bool = False) -> Tensor:
    return _elementwise("threshold", input, lambda a: np.where(a > threshold, a, value))


def tanhshrink(input: Tensor) -> Tensor:
    return _elementwise("tanhshrink", input, lambda a: a - np.tanh(a))


def softshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    return _elementwise("softshrink", input,
                        lambda a: np.where(a > lambd, a - lambd, np.where(a < -lambd, a + lambd, 0)))


def hardshrink(input: Tensor, lambd: float = 0.5) -> Tensor:
    return _elementwise("hardshrink", input, lambda a: np.where(np.abs(a) > lambd, a, 0))


def _along(name: str, input: Tensor, dim: int | None, compute: Callable[[np.ndarray, int], np.ndarray]) -> Tensor:
    """``compute(values, axis)`` along ``dim`` (which the reference backend requires: no implicit choice)."""
    if dim is None:
        raise TypeError(f"{name}() requires dim in the reference backend")
    axis = _wrap_dim(dim, max(input.ndim, 1))
    values = input._a.astype(np.float64).reshape(input._a.shape or (1,))
    result = compute(values, axis).reshape(input._a.shape)
    dtype = input.dtype if input.dtype.category >= D.FLOAT else D.get_default_dtype()
    return _ops.make(result, dtype, (input,), name)


def _softmax(a: np.ndarray, axis: int) -> np.ndarray:
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    return _along("softmax", input if dtype is None else input.to(dtype), dim, _softmax)


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    return _along("log_softmax", input if dtype is None else input.to(dtype), dim,
                  lambda a, axis: np.log(_softmax(a, axis)))


def softmin(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype: Any = None) -> Tensor:
    return _along("softmin", input if dtype is None else input.to(dtype), dim, lambda a, axis: _softmax(-a, axis))


def glu(input: Tensor, dim: int = -1) -> Tensor:
    """First half times the sigmoid of the second half along ``dim``, whose size must be even."""
    axis = _wrap_dim(dim, input.ndim)
    if input.shape[axis] % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {axis} is size {input.shape[axis]}")
    a, b = np.split(input._a.astype(np.float64), 2, axis=axis)
    return _ops.make(a * _sigmoid(b), input.dtype, (input,), "glu")


# the in-place forms (nn.activations.functional-inplace)
def relu_(input: Tensor) -> Tensor:
    return _ops.inplace(input, _ops.relu(input))


def elu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    return elu(input, alpha, inplace=True)


def celu_(input: Tensor, alpha: float = 1.0) -> Tensor:
    return celu(input, alpha, inplace=True)


def selu_(input: Tensor) -> Tensor:
    return selu(input, inplace=True)


def leaky_relu_(input: Tensor, negative_slope: float = 0.01) -> Tensor:
    return leaky_relu(input, negative_slope, inplace=True)


def hardtanh_(input: Tensor, min_val: float = -1.0, max_val: float = 1.0) -> Tensor:
    return hardtanh(input, min_val, max_val, inplace=True)


_threshold = threshold  # threshold_'s argument shadows the function's name


def threshold_(input: Tensor, threshold: float, value: float) -> Tensor:
    return _threshold(input, threshold, value, inplace=True)
