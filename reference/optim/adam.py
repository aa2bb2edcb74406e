"""Adam and AdamW, as their documented pseudo-code (optim.adam.documented-algorithm, optim.adam.amsgrad,
optim.adam.defaults, optim.adam.decoupled-weight-decay, optim.adamw.documented-algorithm,
optim.adamw.defaults, optim.state-dict.adam-state).

    t <- t + 1;  g <- -g if maximize
    wd != 0:  decoupled: theta <- theta - lr*wd*theta   else: g <- g + wd*theta
    m <- b1*m + (1-b1)*g;  v <- b2*v + (1-b2)*g^2;  m_hat = m/(1-b1^t)
    v_hat = v/(1-b2^t), or with amsgrad v_max <- max(v_max, v), v_hat = v_max/(1-b2^t)
    theta <- theta - lr*m_hat/(sqrt(v_hat) + eps)
"""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, buffer, check_non_negative, count_step


class AdamStart(Optimizer):
    """What Adam, NAdam and RAdam share: weight decay (L2 or decoupled) and both moments."""

    def moments(self, p: Tensor, g: np.ndarray, state: dict[str, Any],
                group: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
        """theta (after decoupled decay), g (after maximize and L2 decay), m, v, and the step t."""
        theta, lr, wd, (beta1, beta2) = p._a, group["lr"], group["weight_decay"], group["betas"]
        t = count_step(state)
        if group["maximize"]:
            g = -g
        if wd != 0 and group["decoupled_weight_decay"]:
            theta = theta - lr * wd * theta
        elif wd != 0:
            g = g + wd * theta
        m, v = buffer(state, "exp_avg", p), buffer(state, "exp_avg_sq", p)
        m[...] = beta1 * m + (1 - beta1) * g
        v[...] = beta2 * v + (1 - beta2) * g * g
        return theta, g, m, v, t


class Adam(AdamStart):
    def __init__(self, params: Iterable[Any], lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0, amsgrad: bool = False, *, foreach: bool | None = None,
                 maximize: bool = False, capturable: bool = False, differentiable: bool = False,
                 fused: bool | None = None, decoupled_weight_decay: bool = False) -> None:
        check_non_negative(lr=lr, eps=eps, weight_decay=weight_decay)
        for i, beta in enumerate(betas):
            if not 0.0 <= beta < 1.0:
                raise ValueError(f"Invalid beta parameter at index {i}: {beta}")
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
                                      maximize=maximize, decoupled_weight_decay=decoupled_weight_decay))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta, g, m, v, t = self.moments(p, g, state, group)
        lr, (beta1, beta2) = group["lr"], group["betas"]
        if group["amsgrad"]:  # the running max of the raw v_t, bias-corrected afterwards
            v_max = buffer(state, "max_exp_avg_sq", p)
            v_max[...] = np.maximum(v_max, v)
            v = v_max
        m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
        return theta - lr * m_hat / (np.sqrt(v_hat) + group["eps"])


class AdamW(Adam):
    """Adam with decoupled weight decay, defaulting to weight_decay=1e-2."""

    def __init__(self, params: Iterable[Any], lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 1e-2, amsgrad: bool = False, *,
                 maximize: bool = False, foreach: bool | None = None, capturable: bool = False,
                 differentiable: bool = False, fused: bool | None = None) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize,
                         decoupled_weight_decay=True)
