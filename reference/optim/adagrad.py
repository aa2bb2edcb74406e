"""Adagrad, as its documented pseudo-code (optim.adagrad.documented-algorithm, optim.adagrad.defaults).

    t <- t + 1;  g <- -g if maximize;  lr_t = lr / (1 + (t-1)*lr_decay);  g <- g + wd*theta if wd != 0
    sum <- sum + g^2  (sum starts at initial_accumulator_value);  theta <- theta - lr_t*g/(sqrt(sum) + eps)
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, buffer, check_non_negative, count_step


class Adagrad(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1e-2, lr_decay: float = 0, weight_decay: float = 0,
                 initial_accumulator_value: float = 0, eps: float = 1e-10, foreach: bool | None = None, *,
                 maximize: bool = False, differentiable: bool = False, fused: bool | None = None) -> None:
        check_non_negative(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay, eps=eps,
                           initial_accumulator_value=initial_accumulator_value)
        super().__init__(params, dict(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay, eps=eps,
                                      initial_accumulator_value=initial_accumulator_value, maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta = p._a
        t = count_step(state)
        if group["maximize"]:
            g = -g
        lr_t = group["lr"] / (1 + (t - 1) * group["lr_decay"])
        if group["weight_decay"] != 0:
            g = g + group["weight_decay"] * theta
        total = buffer(state, "sum", p, group["initial_accumulator_value"])
        total[...] = total + g * g
        return theta - lr_t * g / (np.sqrt(total) + group["eps"])
