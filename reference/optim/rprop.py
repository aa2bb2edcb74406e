"""Rprop, as its documented pseudo-code (optim.rprop.documented-algorithm, optim.rprop.defaults).

    g <- -g if maximize;  per element, with g_prev (starting at 0) and a step size eta (starting at lr):
    g*g_prev > 0: eta <- min(eta*etaplus, step_max);  g*g_prev < 0: eta <- max(eta*etaminus, step_min), g <- 0
    theta <- theta - eta*sign(g);  g_prev <- g
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, buffer, check_non_negative, count_step


class Rprop(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1e-2, etas: tuple[float, float] = (0.5, 1.2),
                 step_sizes: tuple[float, float] = (1e-6, 50), *, capturable: bool = False,
                 foreach: bool | None = None, maximize: bool = False, differentiable: bool = False) -> None:
        check_non_negative(lr=lr)
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        super().__init__(params, dict(lr=lr, etas=etas, step_sizes=step_sizes, maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        (etaminus, etaplus), (lo, hi) = group["etas"], group["step_sizes"]
        count_step(state)
        if group["maximize"]:
            g = -g
        prev, eta = buffer(state, "prev", p), buffer(state, "step_size", p, group["lr"])
        sign = np.sign(g * prev)
        eta[...] = np.where(sign > 0, np.minimum(eta * etaplus, hi), np.where(sign < 0, np.maximum(eta * etaminus, lo), eta))
        g = np.where(sign < 0, 0.0, g)
        prev[...] = g
        return p._a - eta * np.sign(g)
