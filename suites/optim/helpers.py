"""Shared helpers for the optim checks: float64 parameters, gradients fed explicitly, and
the loop that steps a backend optimizer beside its NumPy oracle.

Gradients are assigned to ``p.grad`` from NumPy values before every ``step()``, so a check
depends only on the optimizer's update rule, not on autograd. Values are quarter-integers
(exact in float64, readable in failure messages); comparisons are in float64.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Sequence

from hypothesis import strategies as st

from conformance.assertions import assert_values, expect, show
from suites.inputs import parameter, tensor_of

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


def fmt_options(options: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in options.items())


def check_trajectory(xp: Any, make: Callable[[list[Any]], Any], oracle: Any, theta0: Sequence[float],
                     grads: Sequence[Sequence[float]], *, name: str, options: dict[str, Any],
                     device: str = "cpu", rtol: float = RTOL, atol: float = ATOL) -> Any:
    """Step ``make([p])`` with each gradient in turn; after every step ``p`` must equal the oracle's."""
    p = parameter(xp, theta0, device)
    opt = make([p])
    for t, g in enumerate(grads, start=1):
        p.grad = tensor_of(xp, g, "float64", device=device)
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


# --- learning-rate schedules -------------------------------------------------------------------------------

EPOCHS = 12
# The schedulers update lrs recursively (lr *= gamma, cosine ratio); the closed form differs by rounding.
REL = 1e-9


def optimizer(xp: Any, bases: Sequence[float]) -> Any:
    """SGD over one parameter per group, group i at lr bases[i]."""
    return xp.optim.SGD([{"params": [parameter(xp, [1.0])], "lr": lr} for lr in bases], lr=bases[0])


def close(got: Any, want: float) -> bool:
    return math.isclose(float(got), want, rel_tol=REL, abs_tol=1e-15)


def follow_schedule(opt: Any, step: Callable[[], Any], bases: Sequence[float], formula: Callable[[float, int], float],
                    *, call: str, epochs: int = EPOCHS, start: int = 0) -> None:
    """Each group's lr now (epoch ``start``) and after each ``optimizer.step(); step()`` up to ``epochs``
    must be ``formula(base, epoch)``."""
    for epoch in range(start, epochs + 1):
        if epoch > start:
            opt.step()
            step()
        got = [g["lr"] for g in opt.param_groups]
        want = [formula(base, epoch) for base in bases]
        expect(all(close(g, w) for g, w in zip(got, want)), call=f"{call} with base lrs {list(bases)}, at epoch {epoch}",
               expected=f"group lrs {want}", got=f"group lrs {got}")


def check_schedule(xp: Any, make: Callable[[Any], Any], bases: Sequence[float], formula: Callable[[float, int], float],
                   *, call: str, epochs: int = EPOCHS) -> tuple[Any, Any]:
    """lr of each group after construction (epoch 0) and after each of ``epochs`` scheduler steps."""
    opt = optimizer(xp, bases)
    sched = make(opt)
    follow_schedule(opt, sched.step, bases, formula, call=call, epochs=epochs)
    return opt, sched

