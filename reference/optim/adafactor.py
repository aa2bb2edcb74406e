"""Adafactor, as its documented pseudo-code (optim.adafactor.documented-algorithm, optim.adafactor.defaults).

    t <- t + 1;  g <- -g if maximize;  beta2_t = 1 - t^beta2_decay;  rho_t = min(lr, 1/sqrt(t))
    alpha_t = max(eps2, RMS(theta))*rho_t;  theta <- theta - lr*wd*theta
    vector: V <- beta2_t*V + (1-beta2_t)*g^2
    matrix: row/column means of g^2 averaged the same way, V = R C / max(mean(R), eps1)
    U = g/max(sqrt(V), eps1);  theta <- theta - alpha_t*U/max(1, RMS(U)/d)      (eps1=None: the dtype's eps)
"""
from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np

from reference._ops import store
from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, buffer, check_non_negative, count_step


class Adafactor(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1e-2, beta2_decay: float = -0.8,
                 eps: tuple[float | None, float] = (None, 1e-3), d: float = 1.0, weight_decay: float = 0.0, *,
                 foreach: bool | None = None, maximize: bool = False) -> None:
        check_non_negative(lr=lr, eps2=eps[1], weight_decay=weight_decay)
        if beta2_decay > 0:
            raise ValueError(f"beta2_decay should be <= 0 but is: {beta2_decay}")
        if d < 1:
            raise ValueError(f"Clipping threshold d should be >= 1 but is: {d}")
        super().__init__(params, dict(lr=lr, beta2_decay=beta2_decay, eps=eps, d=d, weight_decay=weight_decay,
                                      maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta, lr, (eps1, eps2) = p._a, group["lr"], group["eps"]
        eps1 = np.finfo(theta.dtype).eps if eps1 is None else eps1
        t = count_step(state)
        if group["maximize"]:
            g = -g
        beta2_t = 1 - t ** group["beta2_decay"]
        alpha = max(eps2, _rms(theta)) * min(lr, 1 / math.sqrt(t))
        theta = theta - lr * group["weight_decay"] * theta
        if g.ndim > 1:
            rows = _factor(state, "row_var", p, (*g.shape[:-1], 1))
            cols = _factor(state, "col_var", p, (*g.shape[:-2], 1, g.shape[-1]))
            rows[...] = beta2_t * rows + (1 - beta2_t) * (g * g).mean(axis=-1, keepdims=True)
            cols[...] = beta2_t * cols + (1 - beta2_t) * (g * g).mean(axis=-2, keepdims=True)
            v = rows * cols / np.maximum(rows.mean(axis=-2, keepdims=True), eps1)
        else:
            v = buffer(state, "variance", p)
            v[...] = beta2_t * v + (1 - beta2_t) * g * g
        u = g / np.maximum(np.sqrt(v), eps1)
        return theta - alpha * u / max(1.0, _rms(u) / group["d"])


def _factor(state: dict[str, Any], key: str, p: Tensor, shape: tuple[int, ...]) -> np.ndarray:
    """A second-moment factor: zeros of ``shape`` (a row or a column of ``p``) on first use."""
    if key not in state:
        state[key] = Tensor(store(np.zeros(shape), p.dtype), p.dtype, p.device)
    return state[key]._a


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x * x)))
