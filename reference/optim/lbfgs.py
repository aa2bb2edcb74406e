"""L-BFGS without line search (optim.lbfgs.algorithm, optim.lbfgs.defaults), on all parameters as one flat vector.

One ``step(closure)``: evaluate; stop if max|g| <= tolerance_grad; then up to max_iter iterations:
d = -g the very first time, else the two-loop recursion over the last history_size (s, y) pairs kept when
y.s > 1e-10 (initial Hessian y.s/y.y); t = min(1, 1/sum|g|)*lr the very first time, lr after; stop if
g.d > -tolerance_change; theta += t*d; re-evaluate except after the last iteration, and stop on max_eval,
tolerance_grad, max|t*d| <= tolerance_change or a loss change below tolerance_change.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

import numpy as np

from reference._grad_mode import enable_grad
from reference._ops import store
from reference.optim.optimizer import Optimizer


class LBFGS(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1, max_iter: int = 20, max_eval: int | None = None,
                 tolerance_grad: float = 1e-7, tolerance_change: float = 1e-9, history_size: int = 100,
                 line_search_fn: str | None = None) -> None:
        if line_search_fn is not None:
            raise NotImplementedError("the reference LBFGS has no line search")
        super().__init__(params, dict(lr=lr, max_iter=max_iter, max_eval=max_iter * 5 // 4 if max_eval is None
                                      else max_eval, tolerance_grad=tolerance_grad,
                                      tolerance_change=tolerance_change, history_size=history_size,
                                      line_search_fn=line_search_fn))
        if len(self.param_groups) != 1:
            raise ValueError("LBFGS doesn't support per-parameter options (parameter groups)")

    def _evaluate(self, closure: Callable[[], Any]) -> tuple[float, np.ndarray]:
        return self._evaluate_raw(closure)[1:]

    def _evaluate_raw(self, closure: Callable[[], Any]) -> tuple[Any, float, np.ndarray]:
        """The closure's loss as returned, as a float, and the flat gradient."""
        with enable_grad():
            loss = closure()
        params = self.param_groups[0]["params"]
        flat = [np.zeros(p._a.size) if p.grad is None else p.grad._a.reshape(-1).astype(np.float64) for p in params]
        return loss, float(loss), np.concatenate(flat)

    def _move(self, step: np.ndarray) -> None:
        offset = 0
        for p in self.param_groups[0]["params"]:
            n = p._a.size
            p._a[...] = store(p._a + step[offset:offset + n].reshape(p._a.shape), p.dtype)
            p._version[0] += 1
            offset += n

    def _step(self, closure: Callable[[], Any] | None = None) -> Any:
        if closure is None:
            raise RuntimeError("LBFGS.step() needs a closure that reevaluates the model and returns the loss")
        group = self.param_groups[0]
        lr, tol_change = group["lr"], group["tolerance_change"]
        s = self.state[group["params"][0]]
        s.setdefault("func_evals", 0)
        s.setdefault("n_iter", 0)
        first_loss, loss, g = self._evaluate_raw(closure)
        evals = 1
        if np.abs(g).max() <= group["tolerance_grad"]:
            return first_loss
        for n in range(1, group["max_iter"] + 1):
            s["n_iter"] += 1
            if s["n_iter"] == 1:
                s.update(d=-g, old_dirs=[], old_stps=[], H_diag=1.0)
            else:
                y, step = g - s["prev_flat_grad"], s["d"] * s["t"]
                if y @ step > 1e-10:
                    if len(s["old_dirs"]) == group["history_size"]:
                        s["old_dirs"].pop(0)
                        s["old_stps"].pop(0)
                    s["old_dirs"].append(y)
                    s["old_stps"].append(step)
                    s["H_diag"] = (y @ step) / (y @ y)
                pairs = list(zip(s["old_dirs"], s["old_stps"]))
                q, alphas = -g, []
                for y_i, s_i in reversed(pairs):
                    alphas.append((s_i @ q) / (y_i @ s_i))
                    q = q - alphas[-1] * y_i
                r = q * s["H_diag"]
                for (y_i, s_i), a_i in zip(pairs, reversed(alphas)):
                    r = r + s_i * (a_i - (y_i @ r) / (y_i @ s_i))
                s["d"] = r
            s["prev_flat_grad"], prev_loss = g.copy(), loss
            s["t"] = min(1.0, 1.0 / np.abs(g).sum()) * lr if s["n_iter"] == 1 else lr
            if g @ s["d"] > -tol_change:
                break
            self._move(s["t"] * s["d"])
            if n == group["max_iter"]:
                break
            loss, g = self._evaluate(closure)
            evals += 1
            if (evals >= group["max_eval"] or np.abs(g).max() <= group["tolerance_grad"]
                    or np.abs(s["t"] * s["d"]).max() <= tol_change or abs(loss - prev_loss) < tol_change):
                break
        s["func_evals"] += evals
        self._step_count += 1
        return first_loss
