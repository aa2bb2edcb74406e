"""Inputs and NumPy oracles of the numeric ops in rows of test_numeric.py: covariance and correlation,
trapezoid integration, frexp, the multivariate log-gamma, renorm, softmax and histogram. Inputs are floating
(``FLOATS``), results are in the input's dtype (exponents int32, as documented)."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import strategies as st

from conformance.dtypes import FULL_FLOAT_DTYPES
from suites.ops.family import array, dim

FLOATS = FULL_FLOAT_DTYPES


def observations_in(data: Any) -> tuple[tuple, dict]:
    """1-2 variables (rows) of 2-5 observations (columns); or a 1-D tensor (one variable)."""
    shape = data.draw(st.sampled_from([(n,) for n in range(2, 6)] + [(v, n) for v in (1, 2) for n in range(2, 6)]),
                      label="shape")
    return (array(data, FLOATS, shape=shape),), {}


def corrected_in(data: Any) -> tuple[tuple, dict]:
    (a,), _ = observations_in(data)
    return (a,), {"correction": data.draw(st.integers(0, 1), label="correction")}


def cov(a: np.ndarray, correction: int = 1) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(np.cov(a.astype(np.float64), ddof=correction)).astype(a.dtype)


def corrcoef(a: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.asarray(np.corrcoef(a.astype(np.float64))).astype(a.dtype)


def samples_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, FLOATS, min_dims=1, max_dims=3, max_side=4)
    return (a,), {"dim": dim(data, a.ndim)}


def trapezoid(y: np.ndarray, dim: int = -1) -> np.ndarray:
    return np.trapezoid(y.astype(np.float64), axis=dim).astype(y.dtype)


def cumulative_trapezoid(y: np.ndarray, dim: int = -1) -> np.ndarray:
    moved = np.moveaxis(y.astype(np.float64), dim, -1)
    return np.moveaxis(np.cumsum((moved[..., 1:] + moved[..., :-1]) / 2, axis=-1), -1, dim).astype(y.dtype)


def floats_in(data: Any) -> tuple[tuple, dict]:
    return (array(data, FLOATS, min_dims=0, min_side=0, low=-99, high=99),), {}


def frexp(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mantissa, exponent = np.frexp(a)
    return mantissa, exponent.astype(np.int32)


def mvlgamma_in(data: Any) -> tuple[tuple, dict]:
    """p in 1..4 and every element above (p - 1) / 2, the documented domain."""
    return (array(data, FLOATS, min_dims=0, min_side=0, low=2, high=9),), {"p": data.draw(st.integers(1, 4), label="p")}


def mvlgamma(a: np.ndarray, p: int) -> np.ndarray:
    """p(p-1)/4 log(pi) + sum over i < p of lgamma(a - i/2)."""
    lgamma = np.vectorize(math.lgamma, otypes=[np.float64])
    total = p * (p - 1) / 4 * math.log(math.pi) + sum(lgamma(a.astype(np.float64) - i / 2) for i in range(p))
    return np.asarray(total).astype(a.dtype)


def renorm_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, FLOATS, min_dims=2, max_dims=3)
    return (a, data.draw(st.sampled_from([1, 2, 3]), label="p"), dim(data, a.ndim),
            data.draw(st.sampled_from([0.5, 2.0, 5.0]), label="maxnorm")), {}


def renorm(a: np.ndarray, p: float, dim: int, maxnorm: float) -> np.ndarray:
    """Each slice along dim whose p-norm exceeds maxnorm scaled by maxnorm / (norm + 1e-7); the rest unchanged."""
    moved = np.moveaxis(a.astype(np.float64), dim, 0)
    norms = (np.abs(moved.reshape(moved.shape[0], -1)) ** p).sum(axis=1) ** (1 / p)
    factor = np.where(norms > maxnorm, maxnorm / (norms + 1e-7), 1.0)
    return np.moveaxis(moved * factor.reshape((-1,) + (1,) * (moved.ndim - 1)), 0, dim).astype(a.dtype)


def softmax_in(data: Any) -> tuple[tuple, dict]:
    a = array(data, FLOATS, min_dims=1)
    return (a, dim(data, a.ndim)), {}


def softmax(a: np.ndarray, dim: int) -> np.ndarray:
    shifted = np.exp(a.astype(np.float64) - a.max(axis=dim, keepdims=True))
    return (shifted / shifted.sum(axis=dim, keepdims=True)).astype(a.dtype)


def log_softmax(a: np.ndarray, dim: int) -> np.ndarray:
    return np.log(softmax(a.astype(np.float64), dim)).astype(a.dtype)


def histogram_in(data: Any) -> tuple[tuple, dict]:
    """float64 values and a power-of-two bin count: every bin edge is exact, so ties at edges are unambiguous."""
    return (array(data, ("float64",), max_dims=2), data.draw(st.sampled_from([1, 2, 4, 8]), label="bins")), {}


def histogram(a: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """numpy.histogram: equal bins over [min, max], each half-open but the last (closed)."""
    hist, edges = np.histogram(a, bins)
    return hist.astype(a.dtype), edges.astype(a.dtype)
