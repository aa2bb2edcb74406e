"""NumPy/``math`` oracles for the element-wise special functions (ops.unary.*, ops.binary.*).

Each is written from the function's documented definition, independently of any backend:
``math`` functions vectorised over float64 arrays, inverses by bisection, digamma as the
central difference of ``math.lgamma``.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np


def vectorised(fn: Callable[[float], float]) -> Callable[[np.ndarray], np.ndarray]:
    """``fn`` element-wise over a float64 array; NaN in, NaN out."""

    def apply(x: np.ndarray) -> np.ndarray:
        flat = [math.nan if math.isnan(v) else fn(v) for v in np.asarray(x, dtype=np.float64).reshape(-1)]
        return np.array(flat, dtype=np.float64).reshape(np.shape(x))

    return apply


def _bisect(f: Callable[[float], float], y: float, low: float, high: float) -> float:
    """The x in [low, high] with f(x) = y, for increasing f."""
    for _ in range(200):
        mid = (low + high) / 2
        if mid in (low, high):
            break
        low, high = (mid, high) if f(mid) < y else (low, mid)
    return (low + high) / 2


def _lgamma(x: float) -> float:
    try:
        return math.lgamma(x)
    except ValueError:  # a pole: Gamma is infinite there
        return math.inf


def _erfinv(y: float) -> float:
    if abs(y) >= 1:
        return math.copysign(math.inf, y) if abs(y) == 1 else math.nan
    return _bisect(math.erf, y, -10.0, 10.0)


def _ndtr(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2))


def _ndtri(p: float) -> float:
    if p <= 0 or p >= 1:
        return {0.0: -math.inf, 1.0: math.inf}.get(p, math.nan)
    return _bisect(_ndtr, p, -40.0, 40.0)


def _digamma(x: float) -> float:
    """-inf at 0 (documented since PyTorch 1.8), NaN at the other poles (negative integers)."""
    if x == 0:
        return -math.inf
    if x < 0 and x == math.floor(x):
        return math.nan
    h = 1e-5 * max(1.0, abs(x))
    return (math.lgamma(x + h) - math.lgamma(x - h)) / (2 * h)


erf = vectorised(math.erf)
erfc = vectorised(math.erfc)
erfinv = vectorised(_erfinv)
lgamma = vectorised(_lgamma)
digamma = vectorised(_digamma)
ndtr = vectorised(_ndtr)
ndtri = vectorised(_ndtri)
log_ndtr = vectorised(lambda x: math.log(_ndtr(x)))
erfcx = vectorised(lambda x: math.exp(x * x) * math.erfc(x))


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def logit(p: np.ndarray, eps: float | None = None) -> np.ndarray:
    p = p if eps is None else np.clip(p, eps, 1 - eps)
    return np.log(p / (1 - p))


def angle(x: np.ndarray) -> np.ndarray:
    """The argument of a real number: pi for negatives, 0 otherwise, NaN for NaN."""
    return np.where(np.isnan(x), np.nan, np.where(x < 0, np.pi, 0.0))


def entr(x: np.ndarray) -> np.ndarray:
    safe = np.where(x > 0, x, 1.0)
    return np.where(x > 0, -x * np.log(safe), np.where(x == 0, 0.0, np.where(np.isnan(x), np.nan, -np.inf)))


def round_decimals(x: np.ndarray, decimals: int = 0) -> np.ndarray:
    """Round half to even at ``decimals`` places (NumPy's rule, as documented for torch.round)."""
    return np.round(x, decimals)


def xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """NaN where y is NaN, else 0 where x is 0, else x * log(y)."""
    return np.where(np.isnan(y), np.nan, np.where(x == 0, 0.0, x * np.log(y)))


def xlog1py(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(y), np.nan, np.where(x == 0, 0.0, x * np.log1p(y)))


def heaviside(x: np.ndarray, values: np.ndarray) -> np.ndarray:
    return np.where(x == 0, values, np.where(x > 0, 1, 0))


def clamp(x: np.ndarray, low: np.ndarray | float | None = None, high: np.ndarray | float | None = None) -> np.ndarray:
    """min(max(x, low), high): where low > high every element is high."""
    if low is not None:
        x = np.maximum(x, low)
    return x if high is None else np.minimum(x, high)
