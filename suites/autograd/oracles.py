"""NumPy oracles for autograd checks: central finite differences in float64.

The backend's gradients are compared with derivatives estimated from the *same expression*
evaluated by NumPy, never with the backend's own autograd (nor torch.autograd.gradcheck).
Central differences have truncation error O(eps**2) and rounding error O(1e-16 / eps); with
eps = 1e-6 and inputs/values of order 1 both stay far below the checks' tolerances.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

EPS = 1e-6


def numeric_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = EPS) -> np.ndarray:
    """d f / d x for a scalar-valued ``f`` of a float64 array ``x`` (any shape, 0-d included)."""
    x = np.array(x, dtype=np.float64, copy=True)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)  # views of x and grad
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + eps
        up = float(f(x))
        flat[i] = keep - eps
        down = float(f(x))
        flat[i] = keep
        gflat[i] = (up - down) / (2 * eps)
    return grad


def numeric_gradients(f: Callable[..., float], args: Sequence[np.ndarray], eps: float = EPS) -> list[np.ndarray]:
    """The gradient of scalar ``f(*args)`` with respect to each argument in turn."""
    args = [np.asarray(a, dtype=np.float64) for a in args]
    out = []
    for k in range(len(args)):
        def partial(x: np.ndarray, k: int = k) -> float:
            return f(*args[:k], x, *args[k + 1:])
        out.append(numeric_gradient(partial, args[k], eps))
    return out


def numeric_vjp(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, v: np.ndarray, eps: float = EPS) -> np.ndarray:
    """v^T J for a tensor-valued ``f``: the gradient of sum(f(x) * v), v shaped like f(x)."""
    v = np.asarray(v, dtype=np.float64)
    return numeric_gradient(lambda x: float(np.sum(np.asarray(f(x)) * v)), x, eps)


def numeric_complex_gradient(f: Callable[[np.ndarray], float], z: np.ndarray, eps: float = EPS) -> np.ndarray:
    """dL/dRe(z) + i dL/dIm(z) for a real-valued ``f`` of a complex128 array ``z``."""
    z = np.asarray(z, dtype=np.complex128)
    d_re = numeric_gradient(lambda re: f(re + 1j * z.imag), z.real.copy(), eps)
    d_im = numeric_gradient(lambda im: f(z.real + 1j * im), z.imag.copy(), eps)
    return d_re + 1j * d_im
