"""Adamax, as its documented pseudo-code (optim.adamax.documented-algorithm, optim.adamax.defaults).

    t <- t + 1;  g <- -g if maximize;  g <- g + wd*theta if wd != 0
    m <- b1*m + (1-b1)*g;  u <- max(b2*u, |g| + eps);  theta <- theta - lr*m/((1 - b1^t)*u)
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, buffer, check_betas, check_non_negative, count_step


class Adamax(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 2e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0, foreach: bool | None = None, *, maximize: bool = False,
                 differentiable: bool = False, capturable: bool = False) -> None:
        check_non_negative(lr=lr, eps=eps, weight_decay=weight_decay)
        check_betas(betas)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta, (beta1, beta2) = p._a, group["betas"]
        t = count_step(state)
        if group["maximize"]:
            g = -g
        if group["weight_decay"] != 0:
            g = g + group["weight_decay"] * theta
        m, u = buffer(state, "exp_avg", p), buffer(state, "exp_inf", p)
        m[...] = beta1 * m + (1 - beta1) * g
        u[...] = np.maximum(beta2 * u, np.abs(g) + group["eps"])
        return theta - group["lr"] * m / ((1 - beta1 ** t) * u)
