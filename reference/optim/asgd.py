"""ASGD as torch 2.13 behaves (its docs give no algorithm; optim.asgd.algorithm, optim.asgd.defaults).

    t <- t + 1;  g <- -g if maximize;  g <- g + wd*theta if wd != 0
    theta <- theta*(1 - lambd*eta) - eta*g;  ax <- theta if mu == 1 else ax + mu*(theta - ax)
    eta <- lr/(1 + lambd*lr*t)^alpha;  mu <- 1/max(1, t - t0)      (eta starts at lr, mu at 1)
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, buffer, check_non_negative, count_step


class ASGD(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1e-2, lambd: float = 1e-4, alpha: float = 0.75,
                 t0: float = 1e6, weight_decay: float = 0, foreach: bool | None = None, maximize: bool = False,
                 differentiable: bool = False, capturable: bool = False) -> None:
        check_non_negative(lr=lr, weight_decay=weight_decay)
        super().__init__(params, dict(lr=lr, lambd=lambd, alpha=alpha, t0=t0, weight_decay=weight_decay,
                                      maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta, lr, lambd = p._a, group["lr"], group["lambd"]
        t = count_step(state)
        eta, mu = state.setdefault("eta", lr), state.setdefault("mu", 1.0)
        if group["maximize"]:
            g = -g
        if group["weight_decay"] != 0:
            g = g + group["weight_decay"] * theta
        theta = theta * (1 - lambd * eta) - eta * g
        ax = buffer(state, "ax", p)
        ax[...] = theta if mu == 1 else ax + mu * (theta - ax)
        state["eta"] = lr / (1 + lambd * lr * t) ** group["alpha"]
        state["mu"] = 1 / max(1, t - group["t0"])
        return theta
