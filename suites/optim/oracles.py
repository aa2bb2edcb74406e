"""NumPy oracles for the optim topic: the documented update rules of torch.optim.

Each optimizer oracle is written from the 2.13 pseudo-code in the optimizer's docstring
(spec facts 8.1-8.12), never from torch's implementation; ASGD and LBFGS, whose docs give no
algorithm, follow observed behaviour (their behaviours are marked undocumented). An oracle holds
its state like the real optimizer does; ``step(grad)`` applies one update in place and returns the
new parameter values (float64). The scheduler oracles are the documented closed forms (facts
8.17-8.20 and the scheduler pages); ReduceLROnPlateau's is its documented rule, stepped.

Conventions shared by every optimizer oracle: ``t`` counts steps from 1; ``maximize``
negates the gradient before anything else; weight decay ``λ`` (``weight_decay``) is the
L2 form ``g ← g + λθ`` except for AdamW's decoupled ``θ ← θ − γλθ``.
"""
from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np


def _array(x: Sequence[float] | np.ndarray) -> np.ndarray:
    return np.array(x, dtype=np.float64, copy=True)


class SGD:
    """Fact 8.1/8.2: momentum buffer b_1 = g; b_t = μ b_{t-1} + (1 − τ) g; nesterov g + μ b_t."""

    def __init__(self, theta, lr=1e-3, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False,
                 maximize=False):
        self.theta = _array(theta)
        self.lr, self.momentum, self.dampening = lr, momentum, dampening
        self.weight_decay, self.nesterov, self.maximize = weight_decay, nesterov, maximize
        self.momentum_buffer: np.ndarray | None = None

    def step(self, grad) -> np.ndarray:
        g = _array(grad)
        if self.maximize:
            g = -g
        if self.weight_decay != 0:
            g = g + self.weight_decay * self.theta
        if self.momentum != 0:
            if self.momentum_buffer is None:
                b = g.copy()
            else:
                b = self.momentum * self.momentum_buffer + (1 - self.dampening) * g
            self.momentum_buffer = b
            g = g + self.momentum * b if self.nesterov else b
        self.theta = self.theta - self.lr * g
        return self.theta.copy()


class Adam:
    """Facts 8.5, 8.6, 8.8, 8.9: Adam with L2 weight decay, or decoupled decay (AdamW).

    amsgrad keeps the running max of the *raw* second moment v_t and bias-corrects it afterwards.
    """

    def __init__(self, theta, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False,
                 maximize=False, decoupled=False):
        self.theta = _array(theta)
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.weight_decay, self.amsgrad, self.maximize, self.decoupled = weight_decay, amsgrad, maximize, decoupled
        self.t = 0
        self.exp_avg = np.zeros_like(self.theta)
        self.exp_avg_sq = np.zeros_like(self.theta)
        self.max_exp_avg_sq = np.zeros_like(self.theta)

    def step(self, grad) -> np.ndarray:
        self.t += 1
        g = _array(grad)
        if self.maximize:
            g = -g
        if self.weight_decay != 0:
            if self.decoupled:
                self.theta = self.theta - self.lr * self.weight_decay * self.theta
            else:
                g = g + self.weight_decay * self.theta
        self.exp_avg = self.beta1 * self.exp_avg + (1 - self.beta1) * g
        self.exp_avg_sq = self.beta2 * self.exp_avg_sq + (1 - self.beta2) * g * g
        m_hat = self.exp_avg / (1 - self.beta1 ** self.t)
        if self.amsgrad:
            self.max_exp_avg_sq = np.maximum(self.max_exp_avg_sq, self.exp_avg_sq)
            v_hat = self.max_exp_avg_sq / (1 - self.beta2 ** self.t)
        else:
            v_hat = self.exp_avg_sq / (1 - self.beta2 ** self.t)
        self.theta = self.theta - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return self.theta.copy()


def AdamW(theta, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, maximize=False) -> Adam:
    """Fact 8.8: decoupled decay θ ← θ − γλθ first, then Adam without the L2 term."""
    return Adam(theta, lr, betas, eps, weight_decay, amsgrad, maximize, decoupled=True)


class RMSprop:
    """Facts 8.10/8.11: v = αv + (1−α)g²; centered subtracts g_avg²; ε added after the square root."""

    def __init__(self, theta, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False,
                 maximize=False):
        self.theta = _array(theta)
        self.lr, self.alpha, self.eps = lr, alpha, eps
        self.weight_decay, self.momentum, self.centered, self.maximize = weight_decay, momentum, centered, maximize
        self.square_avg = np.zeros_like(self.theta)
        self.grad_avg = np.zeros_like(self.theta)
        self.buf = np.zeros_like(self.theta)

    def step(self, grad) -> np.ndarray:
        g = _array(grad)
        if self.maximize:
            g = -g
        if self.weight_decay != 0:
            g = g + self.weight_decay * self.theta
        self.square_avg = self.alpha * self.square_avg + (1 - self.alpha) * g * g
        v = self.square_avg
        if self.centered:
            self.grad_avg = self.alpha * self.grad_avg + (1 - self.alpha) * g
            v = v - self.grad_avg * self.grad_avg
        denom = np.sqrt(v) + self.eps
        if self.momentum > 0:
            self.buf = self.momentum * self.buf + g / denom
            self.theta = self.theta - self.lr * self.buf
        else:
            self.theta = self.theta - self.lr * g / denom
        return self.theta.copy()


class Adagrad:
    """Fact 8.12: γ̃ = γ / (1 + (t−1)·lr_decay); sum starts at initial_accumulator_value."""

    def __init__(self, theta, lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10,
                 maximize=False):
        self.theta = _array(theta)
        self.lr, self.lr_decay, self.weight_decay, self.eps, self.maximize = lr, lr_decay, weight_decay, eps, maximize
        self.sum = np.full_like(self.theta, initial_accumulator_value)
        self.t = 0

    def step(self, grad) -> np.ndarray:
        self.t += 1
        g = _array(grad)
        if self.maximize:
            g = -g
        clr = self.lr / (1 + (self.t - 1) * self.lr_decay)
        if self.weight_decay != 0:
            g = g + self.weight_decay * self.theta
        self.sum = self.sum + g * g
        self.theta = self.theta - clr * g / (np.sqrt(self.sum) + self.eps)
        return self.theta.copy()


# --- learning-rate schedules: closed forms, lr after `epoch` scheduler steps (epoch 0 = at construction) ---

def step_lr(base: float, epoch: int, step_size: int, gamma: float = 0.1) -> float:
    """Fact 8.17: base · γ^floor(epoch / step_size)."""
    return base * gamma ** (epoch // step_size)


def multistep_lr(base: float, epoch: int, milestones: Sequence[int], gamma: float = 0.1) -> float:
    """Fact 8.18: base · γ^(number of milestones ≤ epoch)."""
    return base * gamma ** sum(1 for m in milestones if m <= epoch)


def exponential_lr(base: float, epoch: int, gamma: float) -> float:
    """Fact 8.19: base · γ^epoch."""
    return base * gamma ** epoch


def lambda_lr(base: float, epoch: int, fn: Callable[[int], float]) -> float:
    """Fact 8.19: base · λ(epoch)."""
    return base * fn(epoch)


def linear_lr(base: float, epoch: int, start_factor: float = 1 / 3, end_factor: float = 1.0,
              total_iters: int = 5) -> float:
    """Fact 8.19: the factor moves linearly from start_factor to end_factor over total_iters steps, then stays."""
    return base * (start_factor + (end_factor - start_factor) * min(epoch, total_iters) / total_iters)


def cosine_annealing_lr(base: float, epoch: int, T_max: int, eta_min: float = 0.0) -> float:
    """Fact 8.20: η_min + ½(η_max − η_min)(1 + cos(π·T_cur/T_max)), T_cur = epoch (no restarts)."""
    return eta_min + 0.5 * (base - eta_min) * (1 + math.cos(math.pi * epoch / T_max))


class Adadelta:
    """Adadelta docs: v = ρv + (1−ρ)g²; Δ = sqrt(u + ε)/sqrt(v + ε)·g; u = ρu + (1−ρ)Δ²; θ −= γΔ."""

    def __init__(self, theta, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0, maximize=False):
        self.theta = _array(theta)
        self.lr, self.rho, self.eps, self.weight_decay, self.maximize = lr, rho, eps, weight_decay, maximize
        self.square_avg = np.zeros_like(self.theta)
        self.acc_delta = np.zeros_like(self.theta)

    def step(self, grad) -> np.ndarray:
        g = -_array(grad) if self.maximize else _array(grad)
        if self.weight_decay != 0:
            g = g + self.weight_decay * self.theta
        self.square_avg = self.rho * self.square_avg + (1 - self.rho) * g * g
        delta = np.sqrt(self.acc_delta + self.eps) / np.sqrt(self.square_avg + self.eps) * g
        self.acc_delta = self.rho * self.acc_delta + (1 - self.rho) * delta * delta
        self.theta = self.theta - self.lr * delta
        return self.theta.copy()


class Adamax:
    """Adamax docs: m = β1 m + (1−β1)g; u = max(β2 u, |g| + ε); θ −= γ m / ((1 − β1^t) u)."""

    def __init__(self, theta, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, maximize=False):
        self.theta = _array(theta)
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.weight_decay, self.maximize = weight_decay, maximize
        self.t = 0
        self.exp_avg = np.zeros_like(self.theta)
        self.exp_inf = np.zeros_like(self.theta)

    def step(self, grad) -> np.ndarray:
        self.t += 1
        g = -_array(grad) if self.maximize else _array(grad)
        if self.weight_decay != 0:
            g = g + self.weight_decay * self.theta
        self.exp_avg = self.beta1 * self.exp_avg + (1 - self.beta1) * g
        self.exp_inf = np.maximum(self.beta2 * self.exp_inf, np.abs(g) + self.eps)
        self.theta = self.theta - self.lr * self.exp_avg / ((1 - self.beta1 ** self.t) * self.exp_inf)
        return self.theta.copy()


class NAdam:
    """NAdam docs: μ_t = β1(1 − ½·0.96^(tψ)); m̂ = μ_{t+1} m/(1 − Π_{i≤t+1} μ_i) + (1 − μ_t) g/(1 − Π_{i≤t} μ_i);
    v̂ = v/(1 − β2^t); θ −= γ m̂/(sqrt(v̂) + ε); weight decay L2, or decoupled θ −= γλθ."""

    def __init__(self, theta, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3,
                 decoupled_weight_decay=False, maximize=False):
        self.theta = _array(theta)
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.weight_decay, self.psi, self.decoupled, self.maximize = (weight_decay, momentum_decay,
                                                                      decoupled_weight_decay, maximize)
        self.t = 0
        self.mu_product = 1.0
        self.exp_avg = np.zeros_like(self.theta)
        self.exp_avg_sq = np.zeros_like(self.theta)

    def _mu(self, t: int) -> float:
        return self.beta1 * (1 - 0.5 * 0.96 ** (t * self.psi))

    def step(self, grad) -> np.ndarray:
        self.t += 1
        g = -_array(grad) if self.maximize else _array(grad)
        if self.weight_decay != 0:
            if self.decoupled:
                self.theta = self.theta - self.lr * self.weight_decay * self.theta
            else:
                g = g + self.weight_decay * self.theta
        mu, mu_next = self._mu(self.t), self._mu(self.t + 1)
        self.mu_product *= mu
        self.exp_avg = self.beta1 * self.exp_avg + (1 - self.beta1) * g
        self.exp_avg_sq = self.beta2 * self.exp_avg_sq + (1 - self.beta2) * g * g
        m_hat = (mu_next * self.exp_avg / (1 - self.mu_product * mu_next)
                 + (1 - mu) * g / (1 - self.mu_product))
        v_hat = self.exp_avg_sq / (1 - self.beta2 ** self.t)
        self.theta = self.theta - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        return self.theta.copy()


class RAdam:
    """RAdam docs: ρ_∞ = 2/(1−β2) − 1, ρ_t = ρ_∞ − 2tβ2^t/(1−β2^t); if ρ_t > 5 the step is rectified by
    r_t·l_t, l_t = sqrt(1−β2^t)/(sqrt(v) + ε), else θ −= γ m̂; weight decay L2, or decoupled θ −= γλθ."""

    def __init__(self, theta, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled_weight_decay=False,
                 maximize=False):
        self.theta = _array(theta)
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.weight_decay, self.decoupled, self.maximize = weight_decay, decoupled_weight_decay, maximize
        self.t = 0
        self.exp_avg = np.zeros_like(self.theta)
        self.exp_avg_sq = np.zeros_like(self.theta)

    def step(self, grad) -> np.ndarray:
        self.t += 1
        t, b1, b2 = self.t, self.beta1, self.beta2
        g = -_array(grad) if self.maximize else _array(grad)
        if self.weight_decay != 0:
            if self.decoupled:
                self.theta = self.theta - self.lr * self.weight_decay * self.theta
            else:
                g = g + self.weight_decay * self.theta
        self.exp_avg = b1 * self.exp_avg + (1 - b1) * g
        self.exp_avg_sq = b2 * self.exp_avg_sq + (1 - b2) * g * g
        m_hat = self.exp_avg / (1 - b1 ** t)
        rho_inf = 2 / (1 - b2) - 1
        rho_t = rho_inf - 2 * t * b2 ** t / (1 - b2 ** t)
        if rho_t > 5:
            l_t = math.sqrt(1 - b2 ** t) / (np.sqrt(self.exp_avg_sq) + self.eps)
            r_t = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            self.theta = self.theta - self.lr * m_hat * r_t * l_t
        else:
            self.theta = self.theta - self.lr * m_hat
        return self.theta.copy()


class ASGD:
    """ASGD as torch 2.13 behaves (its docs give no algorithm): θ ← θ(1 − λη) − ηg; then
    η = lr/(1 + λ·lr·t)^α and μ = 1/max(1, t − t0) for the next step; ax averages θ once t > t0."""

    def __init__(self, theta, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0.0, maximize=False):
        self.theta = _array(theta)
        self.lr, self.lambd, self.alpha, self.t0 = lr, lambd, alpha, t0
        self.weight_decay, self.maximize = weight_decay, maximize
        self.t, self.eta, self.mu = 0, lr, 1.0
        self.ax = np.zeros_like(self.theta)

    def step(self, grad) -> np.ndarray:
        self.t += 1
        g = -_array(grad) if self.maximize else _array(grad)
        if self.weight_decay != 0:
            g = g + self.weight_decay * self.theta
        self.theta = self.theta * (1 - self.lambd * self.eta) - self.eta * g
        self.ax = self.theta.copy() if self.mu == 1 else self.ax + (self.theta - self.ax) * self.mu
        self.eta = self.lr / (1 + self.lambd * self.lr * self.t) ** self.alpha
        self.mu = 1 / max(1, self.t - self.t0)
        return self.theta.copy()


class Rprop:
    """Rprop docs: per element, the step size grows by η+ (capped at Γ_max) when g·g_prev > 0, shrinks by η−
    (floored at Γ_min) and zeroes g when g·g_prev < 0; θ −= η·sign(g); g_prev = g (g_prev starts at 0)."""

    def __init__(self, theta, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), maximize=False):
        self.theta = _array(theta)
        (self.etaminus, self.etaplus), (self.lo, self.hi), self.maximize = etas, step_sizes, maximize
        self.step_size = np.full_like(self.theta, lr)
        self.prev = np.zeros_like(self.theta)

    def step(self, grad) -> np.ndarray:
        g = -_array(grad) if self.maximize else _array(grad)
        sign = np.sign(g * self.prev)
        self.step_size = np.where(sign > 0, np.minimum(self.step_size * self.etaplus, self.hi),
                                  np.where(sign < 0, np.maximum(self.step_size * self.etaminus, self.lo),
                                           self.step_size))
        g = np.where(sign < 0, 0.0, g)
        self.theta = self.theta - self.step_size * np.sign(g)
        self.prev = g
        return self.theta.copy()


class Adafactor:
    """Adafactor docs, for a vector parameter: β̂2 = 1 − t^τ; ρ = min(γ, 1/sqrt(t)); α = max(ε2, RMS(θ))ρ;
    θ −= γλθ; V = β̂2 V + (1 − β̂2)G²; U = G/max(sqrt(V), ε1); θ −= α U/max(1, RMS(U)/d).
    ε1 = None means the machine epsilon of the parameter's dtype (float64 here)."""

    def __init__(self, theta, lr=1e-2, beta2_decay=-0.8, eps=(None, 1e-3), d=1.0, weight_decay=0.0, maximize=False):
        self.theta = _array(theta)
        self.lr, self.tau, self.d, self.weight_decay, self.maximize = lr, beta2_decay, d, weight_decay, maximize
        eps1, self.eps2 = eps
        self.eps1 = np.finfo(np.float64).eps if eps1 is None else eps1
        self.t = 0
        self.variance = np.zeros_like(self.theta)

    def step(self, grad) -> np.ndarray:
        self.t += 1
        g = -_array(grad) if self.maximize else _array(grad)
        beta2_t = 1 - self.t ** self.tau
        rho = min(self.lr, 1 / math.sqrt(self.t))
        alpha = max(self.eps2, _rms(self.theta)) * rho
        self.theta = self.theta - self.lr * self.weight_decay * self.theta
        self.variance = beta2_t * self.variance + (1 - beta2_t) * g * g
        u = g / np.maximum(np.sqrt(self.variance), self.eps1)
        self.theta = self.theta - alpha * u / max(1.0, _rms(u) / self.d)
        return self.theta.copy()


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x * x)))


class LBFGS:
    """L-BFGS without line search, as torch 2.13 behaves (its docs only cite minFunc). One ``step(f)`` runs up to
    max_iter iterations on ``f(theta) -> (loss, grad)``: stop at once if max|g| <= tolerance_grad; direction
    d = -g at the very first iteration, else the two-loop recursion over the last history_size pairs
    (s = t·d, y = g − g_prev, kept when y·s > 1e-10; initial Hessian y·s/y·y); step t = min(1, 1/Σ|g|)·lr
    the very first time, lr after; stop if g·d > −tolerance_change; θ += t·d; re-evaluate f except after
    the last iteration, then stop on max_eval evaluations, max|g| <= tolerance_grad, max|t·d| <= tolerance_change
    or |loss change| < tolerance_change. ``evals`` counts the calls of ``f`` in the last step."""

    def __init__(self, theta, lr=1.0, max_iter=20, max_eval=None, tolerance_grad=1e-7, tolerance_change=1e-9,
                 history_size=100):
        self.theta = _array(theta)
        self.lr, self.max_iter, self.history_size = lr, max_iter, history_size
        self.max_eval = max_iter * 5 // 4 if max_eval is None else max_eval
        self.tolerance_grad, self.tolerance_change = tolerance_grad, tolerance_change
        self.n_iter, self.evals = 0, 0
        self.d = self.t = self.prev_grad = None
        self.dirs: list[np.ndarray] = []
        self.steps: list[np.ndarray] = []
        self.h_diag = 1.0

    def step(self, f: Callable[[np.ndarray], tuple[float, np.ndarray]]) -> np.ndarray:
        loss, g = f(self.theta.copy())
        self.evals = 1
        if np.abs(g).max() <= self.tolerance_grad:
            return self.theta.copy()
        for n in range(1, self.max_iter + 1):
            self.n_iter += 1
            if self.n_iter == 1:
                self.d = -g
            else:
                y, s = g - self.prev_grad, self.d * self.t
                if y @ s > 1e-10:
                    if len(self.dirs) == self.history_size:
                        self.dirs.pop(0)
                        self.steps.pop(0)
                    self.dirs.append(y)
                    self.steps.append(s)
                    self.h_diag = (y @ s) / (y @ y)
                q, alphas = -g, []
                for y_i, s_i in reversed(list(zip(self.dirs, self.steps))):
                    alphas.append((s_i @ q) / (y_i @ s_i))
                    q = q - alphas[-1] * y_i
                r = q * self.h_diag
                for (y_i, s_i), a_i in zip(zip(self.dirs, self.steps), reversed(alphas)):
                    r = r + s_i * (a_i - (y_i @ r) / (y_i @ s_i))
                self.d = r
            self.prev_grad, prev_loss = g.copy(), loss
            self.t = min(1.0, 1.0 / np.abs(g).sum()) * self.lr if self.n_iter == 1 else self.lr
            if g @ self.d > -self.tolerance_change:
                break
            self.theta = self.theta + self.t * self.d
            if n == self.max_iter:
                break
            loss, g = f(self.theta.copy())
            self.evals += 1
            if (self.evals >= self.max_eval or np.abs(g).max() <= self.tolerance_grad
                    or np.abs(self.t * self.d).max() <= self.tolerance_change
                    or abs(loss - prev_loss) < self.tolerance_change):
                break
        return self.theta.copy()


def multiplicative_lr(base: float, epoch: int, fn: Callable[[int], float]) -> float:
    """MultiplicativeLR docs: lr_e = lr_{e-1}·λ(e) for e ≥ 1, so base·Π_{k=1..e} λ(k)."""
    return base * math.prod(fn(k) for k in range(1, epoch + 1))


def constant_lr(base: float, epoch: int, factor: float = 1 / 3, total_iters: int = 5) -> float:
    """ConstantLR docs: base·factor until epoch total_iters, base from then on."""
    return base * factor if epoch < total_iters else base


def polynomial_lr(base: float, epoch: int, total_iters: int = 5, power: float = 1.0) -> float:
    """PolynomialLR docs: base·(1 − min(epoch, total_iters)/total_iters)^power."""
    return base * (1 - min(epoch, total_iters) / total_iters) ** power


def cosine_warm_restarts_lr(base: float, epoch: int, T_0: int, T_mult: int = 1, eta_min: float = 0.0) -> float:
    """CosineAnnealingWarmRestarts docs: η_min + ½(base − η_min)(1 + cos(π·T_cur/T_i)); T_cur restarts at 0 after
    each period, the periods being T_0, T_0·T_mult, T_0·T_mult², ..."""
    period, t_cur = T_0, epoch
    while t_cur >= period:
        t_cur, period = t_cur - period, period * T_mult
    return eta_min + 0.5 * (base - eta_min) * (1 + math.cos(math.pi * t_cur / period))


def cyclic_lr(epoch: int, base_lr: float, max_lr: float, step_size_up: int = 2000, step_size_down: int | None = None,
              mode: str = "triangular", gamma: float = 1.0) -> float:
    """CyclicLR docs: a cycle of step_size_up iterations rising linearly from base_lr to max_lr and step_size_down
    falling back; the amplitude is scaled by 1 (triangular), 1/2^(cycle−1) (triangular2) or γ^iteration
    (exp_range)."""
    down = step_size_up if step_size_down is None else step_size_down
    total = step_size_up + down
    cycle = math.floor(1 + epoch / total)
    x = 1 + epoch / total - cycle
    ratio = step_size_up / total
    scale = x / ratio if x <= ratio else (x - 1) / (ratio - 1)
    amplitude = {"triangular": 1.0, "triangular2": 1 / 2.0 ** (cycle - 1), "exp_range": gamma ** epoch}[mode]
    return base_lr + (max_lr - base_lr) * scale * amplitude


def one_cycle_lr(epoch: int, max_lr: float, total_steps: int, pct_start: float = 0.3, anneal_strategy: str = "cos",
                 div_factor: float = 25.0, final_div_factor: float = 1e4, three_phase: bool = False) -> float:
    """OneCycleLR docs: from max_lr/div_factor up to max_lr over the first pct_start of total_steps, then down to
    initial_lr/final_div_factor (three_phase: back to initial_lr first, symmetric, then down), each phase
    annealed by cosine or linearly; phase ends at steps pct_start·total_steps − 1 (and 2× that) and total_steps − 1."""
    initial = max_lr / div_factor
    low = initial / final_div_factor
    up_end = float(pct_start * total_steps) - 1
    phases = ([(up_end, initial, max_lr), (2 * up_end, max_lr, initial), (total_steps - 1, initial, low)] if three_phase
              else [(up_end, initial, max_lr), (total_steps - 1, max_lr, low)])
    start = 0.0
    for end, lr_from, lr_to in phases:
        if epoch <= end or end == phases[-1][0]:
            pct = (epoch - start) / (end - start)
            if anneal_strategy == "cos":
                return lr_to + (lr_from - lr_to) / 2 * (math.cos(math.pi * pct) + 1)
            return (lr_to - lr_from) * pct + lr_from
        start = end
    raise AssertionError("unreachable")


class ReduceLROnPlateau:
    """ReduceLROnPlateau docs: a metric improves when it beats the best so far by more than threshold (rel:
    best·(1 ∓ threshold), abs: best ∓ threshold, per mode min/max); after more than ``patience`` steps without
    improvement lr ← max(lr·factor, min_lr) (skipped when the change is at most eps), then ``cooldown`` steps
    in which bad steps are not counted. ``step(metric)`` returns the new lr of one group."""

    def __init__(self, lr, mode="min", factor=0.1, patience=10, threshold=1e-4, threshold_mode="rel", cooldown=0,
                 min_lr=0.0, eps=1e-8):
        self.lr, self.mode, self.factor, self.patience = lr, mode, factor, patience
        self.threshold, self.threshold_mode, self.cooldown, self.min_lr, self.eps = (threshold, threshold_mode,
                                                                                     cooldown, min_lr, eps)
        self.best = math.inf if mode == "min" else -math.inf
        self.bad, self.cooling = 0, 0

    def _improves(self, metric: float) -> bool:
        sign = 1 if self.mode == "min" else -1
        bar = self.best * (1 - sign * self.threshold) if self.threshold_mode == "rel" else self.best - sign * self.threshold
        return sign * metric < sign * bar

    def step(self, metric: float) -> float:
        if self._improves(metric):
            self.best, self.bad = metric, 0
        else:
            self.bad += 1
        if self.cooling > 0:
            self.cooling -= 1
            self.bad = 0
        if self.bad > self.patience:
            new = max(self.lr * self.factor, self.min_lr)
            if self.lr - new > self.eps:
                self.lr = new
            self.cooling, self.bad = self.cooldown, 0
        return self.lr
