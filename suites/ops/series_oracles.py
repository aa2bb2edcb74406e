"""Power-series oracles of special functions with no NumPy counterpart, evaluated in float64 on the small
domains the table rows draw from (where a fixed number of terms is exact to float64 rounding): the regularized
incomplete gamma functions and the Bessel functions of integer order."""
from __future__ import annotations

import math

import numpy as np

TERMS = 80


def gammainc(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """P(a, x) = x^a e^-x / Gamma(a + 1) * sum_k x^k / ((a + 1) ... (a + k)), the regularized lower incomplete gamma."""
    a, x = np.broadcast_arrays(np.asarray(a, np.float64), np.asarray(x, np.float64))
    term, total = np.ones_like(x), np.ones_like(x)
    for k in range(1, 2 * TERMS):
        term = term * x / (a + k)
        total = total + term
    lgamma = np.vectorize(math.lgamma, otypes=[np.float64])
    with np.errstate(divide="ignore"):
        return np.exp(a * np.log(x) - x - lgamma(a + 1)) * total


def gammaincc(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Q(a, x) = 1 - P(a, x), the regularized upper incomplete gamma."""
    return 1 - gammainc(a, x)


def _bessel_series(x: np.ndarray, order: int, sign: int) -> np.ndarray:
    """sum_k sign^k (x/2)^(2k + order) / (k! (k + order)!): J_order for sign -1, I_order for sign +1."""
    x = np.asarray(x, np.float64)
    half = x / 2
    term = half ** order / math.factorial(order)
    total = term
    for k in range(1, TERMS):
        term = term * sign * half * half / (k * (k + order))
        total = total + term
    return total


def bessel_j0(x: np.ndarray) -> np.ndarray:
    return _bessel_series(x, 0, -1)


def bessel_j1(x: np.ndarray) -> np.ndarray:
    return _bessel_series(x, 1, -1)


def modified_bessel_i0(x: np.ndarray) -> np.ndarray:
    return _bessel_series(x, 0, 1)


def modified_bessel_i1(x: np.ndarray) -> np.ndarray:
    return _bessel_series(x, 1, 1)


def i1e(x: np.ndarray) -> np.ndarray:
    return np.exp(-np.abs(np.asarray(x, np.float64))) * modified_bessel_i1(x)


def spherical_bessel_j0(x: np.ndarray) -> np.ndarray:
    """sin(x) / x, and 1 at 0."""
    x = np.asarray(x, np.float64)
    with np.errstate(all="ignore"):
        return np.where(x == 0, 1.0, np.sin(x) / np.where(x == 0, 1.0, x))
