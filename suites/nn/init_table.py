"""nn.init rows: the deterministic initialisers' exact results and the random ones' documented
distributions (support and spread), with the fans and gains the docs define."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from suites.nn.modulespec import Options


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """fan_in = size(1) * receptive field, fan_out = size(0) * receptive field."""
    receptive = math.prod(shape[2:])
    return shape[1] * receptive, shape[0] * receptive


def gain(nonlinearity: str, param: float | None = None) -> float:
    """calculate_gain's table."""
    if nonlinearity == "tanh":
        return 5 / 3
    if nonlinearity == "relu":
        return math.sqrt(2)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        return math.sqrt(2 / (1 + slope ** 2))
    return 0.75 if nonlinearity == "selu" else 1.0


GAINS: tuple[tuple[str, float | None, float], ...] = tuple(
    (name, param, gain(name, param)) for name, param in [
        ("linear", None), ("conv1d", None), ("conv2d", None), ("conv3d", None), ("conv_transpose1d", None),
        ("conv_transpose2d", None), ("conv_transpose3d", None), ("sigmoid", None), ("tanh", None), ("relu", None),
        ("leaky_relu", None), ("leaky_relu", 0.2), ("selu", None)])


@dataclass(frozen=True)
class Spread:
    """A random initialiser's law: values inside [low, high] (None: unbounded), reaching within 5% of each
    finite bound, with this mean and standard deviation (checked with wide tolerances)."""

    low: float | None
    high: float | None
    mean: float
    std: float


@dataclass(frozen=True)
class InitSpec:
    """``nn.init.<function>(tensor of shape, **options)`` fills the tensor in place and returns it;
    ``expect(shape, **options)`` is the exact result (an array) or the law of a random one (a Spread)."""

    function: str
    shape: tuple[int, ...]
    expect: Callable[..., Any]
    options: tuple[Options, ...] = ({},)


def _uniform_bound(bound: float) -> Spread:
    return Spread(-bound, bound, 0.0, bound / math.sqrt(3))


def _xavier_uniform(shape: tuple[int, ...], gain: float = 1.0) -> Spread:
    fan_in, fan_out = fans(shape)
    return _uniform_bound(gain * math.sqrt(6 / (fan_in + fan_out)))


def _xavier_normal(shape: tuple[int, ...], gain: float = 1.0) -> Spread:
    fan_in, fan_out = fans(shape)
    return Spread(None, None, 0.0, gain * math.sqrt(2 / (fan_in + fan_out)))


def _kaiming_std(shape: tuple[int, ...], a: float = 0.0, mode: str = "fan_in",
                 nonlinearity: str = "leaky_relu") -> float:
    fan = fans(shape)[0 if mode == "fan_in" else 1]
    return gain(nonlinearity, a) / math.sqrt(fan)


def _dirac(shape: tuple[int, ...], groups: int = 1) -> np.ndarray:
    """1 at the kernel centre of [g * out_per_group + d, d] for d < min(out_per_group, in)."""
    out = np.zeros(shape)
    per_group = shape[0] // groups
    centre = tuple(k // 2 for k in shape[2:])
    for g in range(groups):
        for d in range(min(per_group, shape[1])):
            out[(g * per_group + d, d, *centre)] = 1
    return out


def _truncated(shape: tuple[int, ...], mean: float = 0.0, std: float = 1.0, a: float = -2.0,
               b: float = 2.0) -> Spread:
    """N(mean, std) restricted to [a, b]: its mean and std from the normal pdf and cdf."""
    alpha, beta = (a - mean) / std, (b - mean) / std
    pdf = [math.exp(-z * z / 2) / math.sqrt(2 * math.pi) for z in (alpha, beta)]
    mass = (math.erf(beta / math.sqrt(2)) - math.erf(alpha / math.sqrt(2))) / 2
    shift = (pdf[0] - pdf[1]) / mass
    var = 1 + (alpha * pdf[0] - beta * pdf[1]) / mass - shift ** 2
    return Spread(a, b, mean + std * shift, std * math.sqrt(var))


WIDE = (60, 100)     # 6000 draws: sample moments within a few percent
CONV = (24, 8, 3, 3)  # fan_in 72, fan_out 216

INITS: dict[str, InitSpec] = {row.function: row for row in [
    InitSpec("zeros_", (3, 4), lambda shape: np.zeros(shape)),
    InitSpec("ones_", (3, 4), lambda shape: np.ones(shape)),
    InitSpec("constant_", (3, 4), lambda shape, val: np.full(shape, val), options=({"val": 2.5}, {"val": -0.75})),
    InitSpec("eye_", (3, 5), lambda shape: np.eye(*shape)),
    InitSpec("dirac_", (4, 2, 3, 3), _dirac, options=({}, {"groups": 2})),
    InitSpec("uniform_", WIDE, lambda shape, a=0.0, b=1.0: Spread(a, b, (a + b) / 2, (b - a) / math.sqrt(12)),
             options=({}, {"a": -3.0, "b": -1.0})),
    InitSpec("normal_", WIDE, lambda shape, mean=0.0, std=1.0: Spread(None, None, mean, std),
             options=({}, {"mean": 2.0, "std": 0.5})),
    InitSpec("xavier_uniform_", CONV, _xavier_uniform, options=({}, {"gain": 2.0})),
    InitSpec("xavier_normal_", CONV, _xavier_normal, options=({}, {"gain": 2.0})),
    InitSpec("kaiming_uniform_", WIDE, lambda shape, **o: _uniform_bound(math.sqrt(3) * _kaiming_std(shape, **o)),
             options=({}, {"mode": "fan_out"}, {"a": 1.0}, {"nonlinearity": "relu"})),
    InitSpec("kaiming_normal_", CONV, lambda shape, **o: Spread(None, None, 0.0, _kaiming_std(shape, **o)),
             options=({}, {"mode": "fan_out"}, {"nonlinearity": "tanh"})),
    InitSpec("trunc_normal_", WIDE, _truncated, options=({}, {"mean": 1.0, "std": 2.0, "a": -0.5, "b": 1.5})),
]}
