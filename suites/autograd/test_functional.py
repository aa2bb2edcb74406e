"""torch.autograd.functional: jacobian, hessian, vjp, jvp, hvp and vhp, each a table row checked against
the closed-form derivatives of two fixed functions, written once for the backend and for NumPy:

    f(x) = x * sum(w * x)                       J = s*I + x w^T,  s = sum(w * x)  (not symmetric)
    g(x) = sum(w * x**3)/3 + sum(x)**2/2        grad g = w x**2 + sum(x),  H = diag(2 w x) + 1 1^T
"""
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_values, expect, show
from suites.autograd.helpers import float_arrays
from suites.inputs import leaf


def f(x: Any, w: Any) -> Any:
    return x * (x * w).sum()


def g(x: Any, w: Any) -> Any:
    return (x * x * x * w).sum() / 3 + x.sum() ** 2 / 2


def jac_f(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return np.sum(w * x) * np.eye(len(x)) + np.outer(x, w)


def hess_g(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return np.diag(2 * w * x) + np.ones((len(x), len(x)))


@dataclass(frozen=True)
class FunctionalSpec:
    name: str
    """The function under ``xp.autograd.functional``."""
    func: Callable[[Any, Any], Any]
    """The backend function differentiated (f or g), given w."""
    product: bool
    """Called with v, returning (func(x), product); else returning the derivative alone."""
    expected: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
    """The derivative (or product) from x, w and v."""


SPECS = {s.name: s for s in (
    FunctionalSpec("jacobian", f, False, lambda x, w, v: jac_f(x, w)),
    FunctionalSpec("hessian", g, False, lambda x, w, v: hess_g(x, w)),
    FunctionalSpec("vjp", f, True, lambda x, w, v: v @ jac_f(x, w)),
    FunctionalSpec("jvp", f, True, lambda x, w, v: jac_f(x, w) @ v),
    FunctionalSpec("hvp", g, True, lambda x, w, v: hess_g(x, w) @ v),
    FunctionalSpec("vhp", g, True, lambda x, w, v: v @ hess_g(x, w)),
)}


def row(name: str, mark: pytest.MarkDecorator) -> Any:
    return pytest.param(SPECS[name], id=name, marks=mark)


@pytest.mark.parametrize("spec", [
    row("jacobian", check("autograd.functional.jacobian")),
    row("hessian", check("autograd.functional.hessian")),
    row("vjp", check("autograd.functional.vjp")),
    row("jvp", check("autograd.functional.jvp")),
    row("hvp", check("autograd.functional.hvp")),
    row("vhp", check("autograd.functional.vhp")),
])
@given(n=st.integers(1, 4), data=st.data())
def test_functional_derivatives(xp, spec, n, data):
    x, w, v = (data.draw(float_arrays((n,)), label=label) for label in ("x", "w", "v"))
    wt = leaf(xp, w, requires_grad=False)
    fn = getattr(xp.autograd.functional, spec.name)
    call = f"autograd.functional.{spec.name}({spec.func.__name__}, x{', v' if spec.product else ''}) with x={x.tolist()}, " \
           f"w={w.tolist()}" + (f", v={v.tolist()}" if spec.product else "")
    want = spec.expected(x, w, v)
    if not spec.product:
        assert_values(fn(lambda t: spec.func(t, wt), leaf(xp, x, requires_grad=False)), want, call=call)
        return
    got = fn(lambda t: spec.func(t, wt), leaf(xp, x, requires_grad=False), leaf(xp, v, requires_grad=False))
    expect(isinstance(got, tuple) and len(got) == 2, call=call, expected="a pair (func(x), product)", got=show(got))
    value = x * np.sum(w * x) if spec.func is f else np.sum(w * x ** 3) / 3 + np.sum(x) ** 2 / 2
    assert_values(got[0], value, call=f"{call}[0]")
    assert_values(got[1], want, call=f"{call}[1]")
