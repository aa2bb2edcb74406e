"""Helpers for the autograd checks: float64 inputs drawn by hypothesis (made into backend leaves
by ``suites.inputs.leaf``), and a small table of expressions written once and evaluated both by
the backend (``m = xp``) and by NumPy (``m = np``), so the finite-difference oracle differentiates
the very same formula.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from hypothesis import strategies as st

from conformance.strategies import shapes


def small_floats(low: float = -2.0, high: float = 2.0) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False, width=64)


@st.composite
def float_arrays(draw: st.DrawFn, shape: tuple[int, ...], low: float = -2.0, high: float = 2.0) -> np.ndarray:
    size = int(np.prod(shape)) if shape else 1
    flat = draw(st.lists(small_floats(low, high), min_size=size, max_size=size))
    return np.array(flat, dtype=np.float64).reshape(shape)


@st.composite
def float_inputs(draw: st.DrawFn, max_dims: int = 3, max_side: int = 3, low: float = -2.0, high: float = 2.0) -> np.ndarray:
    """A small non-empty float64 array (0-d included)."""
    shape = draw(shapes(0, max_dims, 1, max_side))
    return draw(float_arrays(shape, low, high))


def sigmoid(m: Any, x: Any) -> Any:
    return 1 / (1 + m.exp(-x))


# Scalar-valued expressions of one input x; each is valid for both NumPy arrays and tensors.
SCALAR_EXPRESSIONS: dict[str, Callable[[Any, Any], Any]] = {
    "sum(3*(x+2)*(x+2))": lambda m, x: (3 * (x + 2) * (x + 2)).sum(),
    "mean(exp(x))": lambda m, x: m.exp(x).mean(),
    "sum(sin(x)*x)": lambda m, x: (m.sin(x) * x).sum(),
    "sum(tanh(x)**3)": lambda m, x: (m.tanh(x) ** 3).sum(),
    "sum(x/(1+x*x))": lambda m, x: (x / (1 + x * x)).sum(),
    "sum(sigmoid(x)*cos(x))": lambda m, x: (sigmoid(m, x) * m.cos(x)).sum(),
    "log(1+sum(x*x))": lambda m, x: m.log(1 + (x * x).sum()),
    "sum(x-x*x)**2": lambda m, x: (x - x * x).sum() ** 2,
}

# Same-shape (non-scalar) expressions of one input x, for vector-Jacobian products.
TENSOR_EXPRESSIONS: dict[str, Callable[[Any, Any], Any]] = {
    "x*2": lambda m, x: x * 2,
    "x*x*x": lambda m, x: x * x * x,
    "exp(x)*sin(x)": lambda m, x: m.exp(x) * m.sin(x),
    "x/(2+cos(x))": lambda m, x: x / (2 + m.cos(x)),
    "x*sum(x)": lambda m, x: x * x.sum(),
}
