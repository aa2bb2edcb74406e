"""RMSprop, as its documented pseudo-code (optim.rmsprop.documented-algorithm,
optim.rmsprop.eps-after-sqrt, optim.rmsprop.defaults).

    g <- -g if maximize;  g <- g + wd*theta if wd != 0
    v <- alpha*v + (1-alpha)*g^2;  centered: g_avg <- alpha*g_avg + (1-alpha)*g,  v~ = v - g_avg^2
    momentum > 0:  b <- mu*b + g/(sqrt(v~) + eps),  theta <- theta - lr*b
    else:          theta <- theta - lr*g/(sqrt(v~) + eps)
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, buffer, check_non_negative, count_step


class RMSprop(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1e-2, alpha: float = 0.99, eps: float = 1e-8,
                 weight_decay: float = 0, momentum: float = 0, centered: bool = False, capturable: bool = False,
                 foreach: bool | None = None, maximize: bool = False, differentiable: bool = False) -> None:
        check_non_negative(lr=lr, eps=eps, momentum=momentum, weight_decay=weight_decay, alpha=alpha)
        super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay, momentum=momentum,
                                      centered=centered, maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta, alpha, mu = p._a, group["alpha"], group["momentum"]
        count_step(state)
        if group["maximize"]:
            g = -g
        if group["weight_decay"] != 0:
            g = g + group["weight_decay"] * theta
        v = buffer(state, "square_avg", p)
        v[...] = alpha * v + (1 - alpha) * g * g
        if group["centered"]:
            g_avg = buffer(state, "grad_avg", p)
            g_avg[...] = alpha * g_avg + (1 - alpha) * g
            v = v - g_avg * g_avg
        ratio = g / (np.sqrt(v) + group["eps"])  # eps after the square root
        if mu > 0:
            b = buffer(state, "momentum_buffer", p)
            b[...] = mu * b + ratio
            ratio = b
        return theta - group["lr"] * ratio
