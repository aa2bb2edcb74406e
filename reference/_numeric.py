"""Numeric ops of suites/ops/test_numeric.py (ops.reduce.cov/corrcoef/renorm/softmax, ops.scan.*trapezoid,
ops.unary.frexp/mvlgamma, ops.sort.histogram): NumPy restatements, computed in float64 and returned in the
input's floating dtype."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from reference import _dtype as D
from reference import special
from reference._family import bind_methods, like
from reference._ops import make
from reference._tensor import Tensor, _wrap_dim

__all__ = ["cov", "corrcoef", "trapezoid", "trapz", "cumulative_trapezoid", "frexp", "mvlgamma", "renorm", "softmax",
           "histogram"]


def _f64(x: Tensor) -> np.ndarray:
    return x._a.astype(np.float64)


def cov(input: Tensor, *, correction: int = 1, fweights: Any = None, aweights: Any = None) -> Tensor:  # noqa: A002
    if fweights is not None or aweights is not None:
        raise NotImplementedError("reference cov: fweights and aweights are not implemented")
    with np.errstate(all="ignore"):
        return like(np.asarray(np.cov(_f64(input), ddof=correction)), input)


def corrcoef(input: Tensor) -> Tensor:  # noqa: A002
    with np.errstate(all="ignore"):
        return like(np.asarray(np.corrcoef(_f64(input))), input)


def trapezoid(y: Tensor, *, dim: int = -1) -> Tensor:
    return like(np.trapezoid(_f64(y), axis=_wrap_dim(dim, y.ndim)), y)


trapz = trapezoid


def cumulative_trapezoid(y: Tensor, *, dim: int = -1) -> Tensor:
    moved = np.moveaxis(_f64(y), _wrap_dim(dim, y.ndim), -1)
    running = np.cumsum((moved[..., 1:] + moved[..., :-1]) / 2, axis=-1)
    return like(np.moveaxis(running, -1, _wrap_dim(dim, y.ndim)), y)


def frexp(input: Tensor) -> tuple[Tensor, Tensor]:  # noqa: A002
    mantissa, exponent = np.frexp(input._a)
    return like(mantissa, input), make(exponent.astype(np.int32), D.int32, (input,))


def mvlgamma(input: Tensor, p: int) -> Tensor:  # noqa: A002
    lgamma = np.vectorize(math.lgamma, otypes=[np.float64])
    a = _f64(input)
    return like(p * (p - 1) / 4 * math.log(math.pi) + sum(lgamma(a - i / 2) for i in range(p)), input)


def renorm(input: Tensor, p: float, dim: int, maxnorm: float) -> Tensor:  # noqa: A002
    d = _wrap_dim(dim, input.ndim)
    moved = np.moveaxis(_f64(input), d, 0)
    norms = (np.abs(moved.reshape(moved.shape[0], -1)) ** p).sum(axis=1) ** (1 / p)
    factor = np.where(norms > maxnorm, maxnorm / (norms + 1e-7), 1.0).reshape((-1,) + (1,) * (moved.ndim - 1))
    return like(np.moveaxis(moved * factor, 0, d), input)


def softmax(input: Tensor, dim: int, dtype: Any = None) -> Tensor:  # noqa: A002
    a = _f64(input)
    shifted = np.exp(a - a.max(axis=dim, keepdims=True))
    return like(shifted / shifted.sum(axis=dim, keepdims=True), input, dtype)


def log_softmax(input: Tensor, dim: int, dtype: Any = None) -> Tensor:  # noqa: A002
    return like(np.log(softmax(input, dim)._a.astype(np.float64)), input, dtype)


def histogram(input: Tensor, bins: int) -> tuple[Tensor, Tensor]:  # noqa: A002
    hist, edges = np.histogram(input._a, bins)
    return like(hist, input), like(edges, input)


bind_methods(globals(), "cov corrcoef frexp mvlgamma renorm softmax histogram", "mvlgamma renorm")
special.softmax, special.log_softmax, special.multigammaln = softmax, log_softmax, mvlgamma
