"""torch.special's orthogonal polynomials (ops.binary.special-polynomials): P_n(x) by each family's three-term
recurrence, in float64, returned in x's dtype; the shifted Chebyshev polynomials evaluate at 2x - 1."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from reference import _ops, special
from reference._family import like
from reference._tensor import Tensor

Step = Callable[[int, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def _polynomial(name: str, first: Callable[[np.ndarray], np.ndarray], step: Step, shift: bool = False) -> Callable:
    def polynomial(input: Tensor, n: Any, *, out: Tensor | None = None) -> Tensor:  # noqa: A002
        x, degree = np.broadcast_arrays(input._a.astype(np.float64),
                                        np.asarray(n._a if isinstance(n, Tensor) else n).astype(np.int64))
        x = 2 * x - 1 if shift else x
        values = [np.ones_like(x), first(x)]
        for k in range(1, int(degree.max(initial=1))):
            values.append(step(k, x, values[k], values[k - 1]))
        result = np.choose(np.clip(degree, 0, len(values) - 1), values) * (degree >= 0)
        return _ops.finish(like(result, input), out)

    polynomial.__name__ = name
    return polynomial


def _twice(k: int, x: np.ndarray, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    return 2 * x * p - q


_CHEBYSHEV = {"t": lambda x: x, "u": lambda x: 2 * x, "v": lambda x: 2 * x - 1, "w": lambda x: 2 * x + 1}
_FAMILIES: dict[str, tuple[Callable[[np.ndarray], np.ndarray], Step, bool]] = {
    **{f"chebyshev_polynomial_{kind}": (first, _twice, False) for kind, first in _CHEBYSHEV.items()},
    **{f"shifted_chebyshev_polynomial_{kind}": (first, _twice, True) for kind, first in _CHEBYSHEV.items()},
    "hermite_polynomial_h": (lambda x: 2 * x, lambda k, x, p, q: 2 * x * p - 2 * k * q, False),
    "hermite_polynomial_he": (lambda x: x, lambda k, x, p, q: x * p - k * q, False),
    "laguerre_polynomial_l": (lambda x: 1 - x, lambda k, x, p, q: ((2 * k + 1 - x) * p - k * q) / (k + 1), False),
    "legendre_polynomial_p": (lambda x: x, lambda k, x, p, q: ((2 * k + 1) * x * p - k * q) / (k + 1), False),
}

for _name, (_first, _step, _shift) in _FAMILIES.items():
    setattr(special, _name, _polynomial(_name, _first, _step, _shift))
