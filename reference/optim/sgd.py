"""Stochastic gradient descent, as its documented pseudo-code (optim.sgd.plain-update,
optim.sgd.documented-algorithm, optim.sgd.momentum-buffer-starts-at-gradient, optim.sgd.defaults,
optim.sgd.nesterov-requires-momentum, optim.sgd.negative-hyperparameters-raise).

    g <- -g if maximize;  g <- g + wd*theta if wd != 0
    if mu != 0:  b_1 = g,  b_t = mu*b_{t-1} + (1 - dampening)*g;  g <- g + mu*b_t if nesterov else b_t
    theta <- theta - lr*g
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, check_non_negative, new_state


class SGD(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1e-3, momentum: float = 0, dampening: float = 0,
                 weight_decay: float = 0, nesterov: bool = False, *, maximize: bool = False,
                 foreach: bool | None = None, differentiable: bool = False, fused: bool | None = None) -> None:
        check_non_negative(lr=lr, momentum=momentum, weight_decay=weight_decay)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                                      nesterov=nesterov, maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta, mu = p._a, group["momentum"]
        if group["maximize"]:
            g = -g
        if group["weight_decay"] != 0:
            g = g + group["weight_decay"] * theta
        if mu != 0:
            if "momentum_buffer" not in state:  # the buffer starts at the first gradient, not at zeros
                state["momentum_buffer"] = new_state(p, g)
            else:
                b = state["momentum_buffer"]._a
                b[...] = mu * b + (1 - group["dampening"]) * g
            b = state["momentum_buffer"]._a
            g = g + mu * b if group["nesterov"] else b
        return theta - group["lr"] * g
