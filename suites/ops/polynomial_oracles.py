"""NumPy oracles of torch.special's orthogonal polynomials P_n(x) (ops.binary.special-polynomials), from the
three-term recurrences that define them: P_0 = 1, P_1 as given, P_{k+1} from P_k and P_{k-1}. The shifted
Chebyshev polynomials are the Chebyshev ones at 2x - 1. ``n`` is an integer tensor broadcast against ``x``."""
from __future__ import annotations

from typing import Callable

import numpy as np

Step = Callable[[int, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def recurrence(first: Callable[[np.ndarray], np.ndarray], step: Step,
               shift: bool = False) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """The oracle ``(x, n) -> P_n(x)`` for P_1 = ``first(x)`` and P_{k+1} = ``step(k, x, P_k, P_{k-1})``."""
    def oracle(x: np.ndarray, n: np.ndarray) -> np.ndarray:
        x, n = np.broadcast_arrays(np.asarray(x, np.float64), np.asarray(n).astype(np.int64))
        x = 2 * x - 1 if shift else x
        previous, current = np.ones_like(x), first(x)
        out = np.where(n == 0, previous, np.where(n == 1, current, 0.0))
        for k in range(1, int(n.max(initial=1))):
            previous, current = current, step(k, x, current, previous)
            out = np.where(n == k + 1, current, out)
        return out
    return oracle


def _chebyshev(k: int, x: np.ndarray, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    return 2 * x * p - q


CHEBYSHEV_FIRST = {"t": lambda x: x, "u": lambda x: 2 * x, "v": lambda x: 2 * x - 1, "w": lambda x: 2 * x + 1}
"""P_1 of the Chebyshev polynomials of the first to fourth kinds (all share P_{k+1} = 2x P_k - P_{k-1})."""

POLYNOMIALS = {
    **{f"chebyshev_polynomial_{kind}": recurrence(first, _chebyshev) for kind, first in CHEBYSHEV_FIRST.items()},
    **{f"shifted_chebyshev_polynomial_{kind}": recurrence(first, _chebyshev, shift=True)
       for kind, first in CHEBYSHEV_FIRST.items()},
    "hermite_polynomial_h": recurrence(lambda x: 2 * x, lambda k, x, p, q: 2 * x * p - 2 * k * q),
    "hermite_polynomial_he": recurrence(lambda x: x, lambda k, x, p, q: x * p - k * q),
    "laguerre_polynomial_l": recurrence(lambda x: 1 - x, lambda k, x, p, q: ((2 * k + 1 - x) * p - k * q) / (k + 1)),
    "legendre_polynomial_p": recurrence(lambda x: x, lambda k, x, p, q: ((2 * k + 1) * x * p - k * q) / (k + 1)),
}
