"""Adadelta, as its documented pseudo-code (optim.adadelta.documented-algorithm, optim.adadelta.defaults).

    g <- -g if maximize;  g <- g + wd*theta if wd != 0;  v <- rho*v + (1-rho)*g^2
    delta = sqrt(u + eps)/sqrt(v + eps)*g;  u <- rho*u + (1-rho)*delta^2;  theta <- theta - lr*delta
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, buffer, check_non_negative, count_step


class Adadelta(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1.0, rho: float = 0.9, eps: float = 1e-6,
                 weight_decay: float = 0, foreach: bool | None = None, *, capturable: bool = False,
                 maximize: bool = False, differentiable: bool = False) -> None:
        check_non_negative(lr=lr, eps=eps, weight_decay=weight_decay)
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        super().__init__(params, dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta, rho, eps = p._a, group["rho"], group["eps"]
        count_step(state)
        if group["maximize"]:
            g = -g
        if group["weight_decay"] != 0:
            g = g + group["weight_decay"] * theta
        v, u = buffer(state, "square_avg", p), buffer(state, "acc_delta", p)
        v[...] = rho * v + (1 - rho) * g * g
        delta = np.sqrt(u + eps) / np.sqrt(v + eps) * g
        u[...] = rho * u + (1 - rho) * delta * delta
        return theta - group["lr"] * delta
