"""Shared helpers for the optim checks: float64 parameters, gradients fed explicitly, and
the loop that steps a backend optimizer beside its NumPy oracle.

Gradients are assigned to ``p.grad`` from NumPy values before every ``step()``, so a check
depends only on the optimizer's update rule, not on autograd. Values are quarter-integers
(exact in float64, readable in failure messages); comparisons are in float64.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from hypothesis import strategies as st

from conformance.assertions import assert_values, expect, show

STEPS = 5
# float64 all the way; the update rules are evaluated in a different order than the oracle's.
RTOL, ATOL = 1e-9, 1e-12

quarters = st.integers(-12, 12).map(lambda k: k / 4)


@st.composite
def trajectories(draw: st.DrawFn, steps: int = STEPS, max_size: int = 3) -> tuple[list[float], list[list[float]]]:
    """An initial parameter vector and ``steps`` gradients of the same length."""
    n = draw(st.integers(1, max_size))
    vector = st.lists(quarters, min_size=n, max_size=n)
    return draw(vector), [draw(vector) for _ in range(steps)]


def parameter(xp: Any, values: Sequence[float], device: str = "cpu") -> Any:
    """A float64 leaf tensor that requires grad: what an optimizer optimizes."""
    return xp.tensor(list(values), dtype=xp.float64, device=device, requires_grad=True)


def gradient(xp: Any, values: Sequence[float], device: str = "cpu") -> Any:
    return xp.tensor(list(values), dtype=xp.float64, device=device)


def fmt_options(options: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in options.items())


def check_trajectory(xp: Any, make: Callable[[list[Any]], Any], oracle: Any, theta0: Sequence[float],
                     grads: Sequence[Sequence[float]], *, name: str, options: dict[str, Any],
                     device: str = "cpu", rtol: float = RTOL, atol: float = ATOL) -> Any:
    """Step ``make([p])`` with each gradient in turn; after every step ``p`` must equal the oracle's."""
    p = parameter(xp, theta0, device)
    opt = make([p])
    for t, g in enumerate(grads, start=1):
        p.grad = gradient(xp, g, device)
        opt.step()
        want = oracle.step(g)
        call = (f"{name}([p], {fmt_options(options)}) with p={list(theta0)!r} on {device}; "
                f"step {t} of grads {[list(x) for x in grads]!r}")
        assert_values(p, want, call=call, rtol=rtol, atol=atol)
    return opt, p


def check_group_options(group: dict[str, Any], expected: dict[str, Any], *, call: str) -> None:
    """Each expected option is present in the param group with exactly this value."""
    for key, want in expected.items():
        got = group.get(key, "<missing>")
        if isinstance(want, tuple) and isinstance(got, (tuple, list)):
            got = tuple(got)
        expect(got == want, call=call, expected=f"param_groups[0][{key!r}] == {want!r}", got=show(got))
