"""Special functions by power series in float64 (ops.binary.igamma, ops.unary.special-i1/i1e/bessel-j/
spherical-bessel-j0, special.modified_bessel_i0): the regularized incomplete gamma functions and the Bessel
functions of integer order, exact to float64 rounding on moderate arguments."""
from __future__ import annotations

import math

import numpy as np

from reference import special
from reference._elementwise import _float_binary, _float_unary
from reference._methods import _make_inplace
from reference._tensor import Tensor

__all__ = ["igamma", "igammac"]


def _lower_gamma(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    a, x = np.broadcast_arrays(a.astype(np.float64), x.astype(np.float64))
    term, total = np.ones_like(x), np.ones_like(x)
    for k in range(1, 160):
        term = term * x / (a + k)
        total = total + term
    with np.errstate(divide="ignore"):
        return np.exp(a * np.log(x) - x - np.vectorize(math.lgamma, otypes=[np.float64])(a + 1)) * total


def _bessel(order: int, sign: int):
    def series(x: np.ndarray) -> np.ndarray:
        half = x.astype(np.float64) / 2
        term = half ** order / math.factorial(order)
        total = term
        for k in range(1, 80):
            term = term * sign * half * half / (k * (k + order))
            total = total + term
        return total
    return series


def _sinc_j0(x: np.ndarray) -> np.ndarray:
    safe = np.where(x == 0, 1.0, x)
    return np.where(x == 0, 1.0, np.sin(safe) / safe)


igamma = _float_binary("igamma", _lower_gamma, floats_only=True)
igammac = _float_binary("igammac", lambda a, x: 1 - _lower_gamma(a, x), floats_only=True)
for _name, _fn in (("igamma", igamma), ("igammac", igammac)):
    setattr(Tensor, _name, _fn)
    setattr(Tensor, _name + "_", _make_inplace(_fn))

special.gammainc, special.gammaincc = igamma, igammac
_i1 = _bessel(1, 1)
for _name, _compute in {"i1": _i1, "modified_bessel_i1": _i1, "modified_bessel_i0": _bessel(0, 1),
                        "i1e": lambda v: np.exp(-np.abs(v)) * _i1(v), "bessel_j0": _bessel(0, -1),
                        "bessel_j1": _bessel(1, -1), "spherical_bessel_j0": _sinc_j0}.items():
    setattr(special, _name, _float_unary(_name, _compute))
