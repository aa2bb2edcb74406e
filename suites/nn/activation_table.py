"""The activation rows: each module, its nn.functional name and the formula its docs page states.

Oracles take float64 NumPy arrays (the float32 inputs the backend saw) and the row's options.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from suites.inputs import tensor_of
from suites.nn.modulespec import ActivationSpec, Options

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
_erf = np.vectorize(math.erf)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def softplus(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    """log(1 + exp(beta x)) / beta, reverting to x where beta x > threshold."""
    with np.errstate(over="ignore"):
        smooth = np.log1p(np.exp(beta * x)) / beta
    return np.where(beta * x > threshold, x, smooth)


def softmax(x: np.ndarray, dim: int) -> np.ndarray:
    e = np.exp(x - x.max(axis=dim, keepdims=True))
    return e / e.sum(axis=dim, keepdims=True)


def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    if approximate == "tanh":
        return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    return 0.5 * x * (1 + _erf(x / math.sqrt(2)))


def glu(x: np.ndarray, dim: int = -1) -> np.ndarray:
    a, b = np.split(x, 2, axis=dim)
    return a * sigmoid(b)


def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


def hardtanh(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    return np.clip(x, min_val, max_val)


def _prelu_weight(xp: Any, opts: Options) -> Options:
    """F.prelu takes the slope as a weight tensor; the module's ``init`` (0.25 by default) fills it."""
    return {"weight": tensor_of(xp, [float(opts.get("init", 0.25))], "float32")}


ACTIVATIONS: dict[str, ActivationSpec] = {row.module: row for row in [
    ActivationSpec("ReLU", "relu", lambda x: np.maximum(x, 0)),
    ActivationSpec("ReLU6", "relu6", lambda x: np.clip(x, 0, 6), edges=(-1.0, 0.0, 6.0, 7.5)),
    ActivationSpec("LeakyReLU", "leaky_relu", lambda x, negative_slope=0.01: np.where(x >= 0, x, negative_slope * x),
                   options=({}, {"negative_slope": 0.2})),
    ActivationSpec("PReLU", "prelu", lambda x, init=0.25: np.where(x >= 0, x, init * x),
                   options=({}, {"init": 0.1}), functional_options=_prelu_weight),
    ActivationSpec("ELU", "elu", elu, options=({}, {"alpha": 0.5})),
    ActivationSpec("SELU", "selu", lambda x: SELU_SCALE * elu(x, SELU_ALPHA)),
    ActivationSpec("CELU", "celu", lambda x, alpha=1.0: np.maximum(x, 0) + np.minimum(0, alpha * np.expm1(x / alpha)),
                   options=({}, {"alpha": 2.0})),
    ActivationSpec("GELU", "gelu", gelu, options=({}, {"approximate": "tanh"}), edges=(-2.5, -1.5, 1.5, 2.5)),
    ActivationSpec("SiLU", "silu", lambda x: x * sigmoid(x)),
    ActivationSpec("Mish", "mish", lambda x: x * np.tanh(softplus(x))),
    ActivationSpec("Softplus", "softplus", softplus, options=({}, {"beta": 2.0}, {"beta": 1.0, "threshold": 1.0}),
                   edges=(-1.0, 0.5, 1.0, 2.0)),
    ActivationSpec("Softsign", "softsign", lambda x: x / (1 + np.abs(x))),
    ActivationSpec("Hardtanh", "hardtanh", hardtanh, options=({}, {"min_val": -2.0, "max_val": 0.5}),
                   edges=(-2.5, -1.0, 0.5, 1.5)),
    ActivationSpec("Hardsigmoid", "hardsigmoid", lambda x: np.clip(x / 6 + 0.5, 0, 1), edges=(-4.0, -3.0, 3.0, 4.0)),
    ActivationSpec("Hardswish", "hardswish", lambda x: x * np.clip(x + 3, 0, 6) / 6, edges=(-4.0, -3.0, 3.0, 4.0)),
    ActivationSpec("Tanh", "tanh", np.tanh),
    ActivationSpec("Sigmoid", "sigmoid", sigmoid),
    ActivationSpec("LogSigmoid", "logsigmoid", lambda x: -softplus(-x)),
    ActivationSpec("Softmax", "softmax", softmax, options=({"dim": 0}, {"dim": -1}), edges=()),
    ActivationSpec("LogSoftmax", "log_softmax", lambda x, dim: np.log(softmax(x, dim)),
                   options=({"dim": 0}, {"dim": -1}), edges=()),
    ActivationSpec("Softmin", "softmin", lambda x, dim: softmax(-x, dim), options=({"dim": 0}, {"dim": -1}), edges=()),
    ActivationSpec("Threshold", "threshold", lambda x, threshold, value: np.where(x > threshold, x, value),
                   options=({"threshold": 0.5, "value": 20.0}, {"threshold": -1.0, "value": 0.0})),
    ActivationSpec("GLU", "glu", glu, options=({}, {"dim": 0})),
    ActivationSpec("Tanhshrink", "tanhshrink", lambda x: x - np.tanh(x)),
    ActivationSpec("Softshrink", "softshrink",
                   lambda x, lambd=0.5: np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0)),
                   options=({}, {"lambd": 1.0}), edges=(-1.0, -0.5, 0.5, 1.0)),
    ActivationSpec("Hardshrink", "hardshrink", lambda x, lambd=0.5: np.where(np.abs(x) > lambd, x, 0),
                   options=({}, {"lambd": 1.0}), edges=(-1.0, -0.5, 0.5, 1.0)),
]}
