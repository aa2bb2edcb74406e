"""torch.optim.LBFGS, stepped with a closure on a quadratic whose loss and gradient are computed in NumPy
from the parameter's values (so only the optimizer is under test): the iterations of one ``step(closure)``,
the closure evaluations they make, and the documented defaults."""
from typing import Any

import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_values, expect, to_numpy
from suites.inputs import parameter, tensor_of
from suites.optim import oracles
from suites.optim.helpers import ATOL, RTOL, check_group_options, fmt_options, quarters

STEPS = 2


@st.composite
def problems(draw: st.DrawFn) -> tuple[list[float], list[float], list[float]]:
    """theta0, curvatures a and centre c of f(theta) = sum(a*(theta - c)**2)/2."""
    n = draw(st.integers(1, 3))
    vector = st.lists(quarters, min_size=n, max_size=n)
    return draw(vector), draw(st.lists(st.sampled_from([0.5, 1.0, 2.0, 4.0]), min_size=n, max_size=n)), draw(vector)


lbfgs_options = st.fixed_dictionaries({
    "lr": st.sampled_from([0.1, 0.25, 0.5]), "max_iter": st.sampled_from([1, 2, 4]),
    "history_size": st.sampled_from([1, 2, 100]), "tolerance_change": st.sampled_from([1e-9, 1e-3]),
})


@check("optim.lbfgs.algorithm")
@given(problem=problems(), options=lbfgs_options)
@example(problem=([2.0, -1.0, 0.5], [0.5, 4.0, 1.0], [-1.0, 0.25, 3.0]),
         options={"lr": 0.5, "max_iter": 4, "history_size": 1, "tolerance_change": 1e-9})
def test_lbfgs_steps_follow_its_algorithm(xp, problem, options):
    theta0, a, c = (np.array(v) for v in problem)

    def f(theta: np.ndarray) -> tuple[float, np.ndarray]:
        return float(np.sum(a * (theta - c) ** 2) / 2), a * (theta - c)

    p = parameter(xp, theta0)
    opt = xp.optim.LBFGS([p], **options)
    calls: list[int] = []

    def closure() -> Any:
        loss, grad = f(to_numpy(p).astype(np.float64))
        p.grad = tensor_of(xp, grad, "float64")
        calls.append(1)
        return tensor_of(xp, loss, "float64")

    oracle = oracles.LBFGS(theta0, **options)
    call = f"LBFGS([p], {fmt_options(options)}).step(closure) on sum(a*(p - c)**2)/2, a={a.tolist()}, c={c.tolist()}"
    for t in range(1, STEPS + 1):
        calls.clear()
        opt.step(closure)
        want = oracle.step(f)
        where = f"{call}, p={theta0.tolist()}; step {t}"
        assert_values(p, want, call=where, rtol=RTOL, atol=ATOL)
        expect(len(calls) == oracle.evals, call=where, expected=f"{oracle.evals} closure calls", got=f"{len(calls)}")


@check("optim.lbfgs.defaults")
def test_lbfgs_defaults(xp):
    opt = xp.optim.LBFGS([parameter(xp, [1.0])])
    check_group_options(opt.param_groups[0], {"lr": 1, "max_iter": 20, "max_eval": 25, "tolerance_grad": 1e-7,
                                              "tolerance_change": 1e-9, "history_size": 100, "line_search_fn": None},
                        call="LBFGS([p]).param_groups[0]")
