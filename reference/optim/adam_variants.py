"""NAdam and RAdam, as their documented pseudo-code (optim.nadam.documented-algorithm, optim.nadam.defaults,
optim.radam.documented-algorithm, optim.radam.defaults). Both start like Adam:

    t <- t + 1;  g <- -g if maximize
    wd != 0:  decoupled_weight_decay: theta <- theta - lr*wd*theta   else: g <- g + wd*theta
    m <- b1*m + (1-b1)*g;  v <- b2*v + (1-b2)*g^2

NAdam:  mu_t = b1*(1 - 0.5*0.96^(t*psi)), P_t = mu_1*...*mu_t (state 'mu_product')
        m_hat = mu_{t+1}*m/(1 - P_t*mu_{t+1}) + (1 - mu_t)*g/(1 - P_t);  theta <- theta - lr*m_hat/(sqrt(v/(1-b2^t)) + eps)
RAdam:  rho_inf = 2/(1-b2) - 1,  rho_t = rho_inf - 2t*b2^t/(1-b2^t),  m_hat = m/(1-b1^t)
        rho_t > 5: theta <- theta - lr*m_hat*r_t*sqrt(1-b2^t)/(sqrt(v) + eps),
                   r_t = sqrt((rho_t-4)(rho_t-2)rho_inf/((rho_inf-4)(rho_inf-2)rho_t))
        else:      theta <- theta - lr*m_hat
"""
from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.adam import AdamStart
from reference.optim.optimizer import check_betas, check_non_negative


class NAdam(AdamStart):
    def __init__(self, params: Iterable[Any], lr: float = 2e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0, momentum_decay: float = 4e-3,
                 decoupled_weight_decay: bool = False, *, foreach: bool | None = None, maximize: bool = False,
                 capturable: bool = False, differentiable: bool = False) -> None:
        check_non_negative(lr=lr, eps=eps, weight_decay=weight_decay, momentum_decay=momentum_decay)
        check_betas(betas)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      momentum_decay=momentum_decay, decoupled_weight_decay=decoupled_weight_decay,
                                      maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta, g, m, v, t = self.moments(p, g, state, group)
        (beta1, beta2), psi = group["betas"], group["momentum_decay"]
        mu, mu_next = (beta1 * (1 - 0.5 * 0.96 ** (k * psi)) for k in (t, t + 1))
        state["mu_product"] = product = state.get("mu_product", 1.0) * mu
        m_hat = mu_next * m / (1 - product * mu_next) + (1 - mu) * g / (1 - product)
        return theta - group["lr"] * m_hat / (np.sqrt(v / (1 - beta2 ** t)) + group["eps"])


class RAdam(AdamStart):
    def __init__(self, params: Iterable[Any], lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0, decoupled_weight_decay: bool = False, *,
                 foreach: bool | None = None, maximize: bool = False, capturable: bool = False,
                 differentiable: bool = False) -> None:
        check_non_negative(lr=lr, eps=eps, weight_decay=weight_decay)
        check_betas(betas)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      decoupled_weight_decay=decoupled_weight_decay, maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        theta, g, m, v, t = self.moments(p, g, state, group)
        (beta1, beta2), lr = group["betas"], group["lr"]
        m_hat = m / (1 - beta1 ** t)
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 * t * beta2 ** t / (1 - beta2 ** t)
        if rho_t <= 5:
            return theta - lr * m_hat
        rect = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
        return theta - lr * m_hat * rect * math.sqrt(1 - beta2 ** t) / (np.sqrt(v) + group["eps"])
