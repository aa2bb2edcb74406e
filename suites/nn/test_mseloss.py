"""MSELoss: the three reductions against NumPy, the gradient it sends back, and its errors."""
import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_values, assert_warns, expect
from conformance.dtypes import INT_DTYPES
from conformance.strategies import dtype_names, shapes
from suites.nn import oracles
from suites.nn.common import TOL, as_f32, rng, seeds
from suites.inputs import tensor_of


@check("nn.mseloss.reductions")
@given(seed=seeds, shape=shapes(0, 3, 1, 4), reduction=st.sampled_from([None, "mean", "sum", "none"]))
def test_mseloss_reductions(xp, seed, shape, reduction):
    r = rng(seed)
    a, b = r.standard_normal(shape), r.standard_normal(shape)
    loss = xp.nn.MSELoss() if reduction is None else xp.nn.MSELoss(reduction=reduction)
    got = loss(tensor_of(xp, a, "float32"), tensor_of(xp, b, "float32"))
    want = oracles.mse(as_f32(a), as_f32(b), reduction or "mean")
    name = "MSELoss()" if reduction is None else f"MSELoss(reduction={reduction!r})"
    assert_values(got, want, call=f"{name}(randn{shape}, randn{shape}) [seed {seed}]", **TOL)


@check("nn.mseloss.reductions")
def test_mseloss_doc_example(xp):
    a, b = tensor_of(xp, [[1, 2], [3, 4]], "float32"), tensor_of(xp, [[0, 2], [5, 1]], "float32")
    for reduction, want in [("mean", 3.5), ("sum", 14.0), ("none", [[1.0, 0.0], [4.0, 9.0]])]:
        got = xp.nn.MSELoss(reduction=reduction)(a, b)
        assert_values(got, np.array(want), call=f"MSELoss(reduction={reduction!r})([[1,2],[3,4]], [[0,2],[5,1]])")


@check("nn.mseloss.grad")
@given(seed=seeds, shape=shapes(1, 3, 1, 4), reduction=st.sampled_from(["mean", "sum"]))
def test_mseloss_gradient(xp, seed, shape, reduction):
    r = rng(seed)
    a, b = as_f32(r.standard_normal(shape)), as_f32(r.standard_normal(shape))
    output = tensor_of(xp, a, "float32", requires_grad=True)
    loss = xp.nn.MSELoss(reduction=reduction)(output, tensor_of(xp, b, "float32"))
    call = f"MSELoss(reduction={reduction!r})(randn{shape} requiring grad, randn{shape})"
    expect(loss.grad_fn is not None, call=call, expected="a result with a grad_fn", got="grad_fn None")
    loss.backward()
    want = 2 * (a - b) / (a.size if reduction == "mean" else 1)
    expect(output.grad is not None, call=call + ".backward(); output.grad", expected="a tensor", got="None")
    assert_values(output.grad, want, call=call + f".backward(); output.grad [seed {seed}]", **TOL)


@check("nn.mseloss.errors")
@given(shape=st.sampled_from([((2, 3), (3,)), ((2, 3), (1, 3)), ((4, 1), (4,))]))
def test_mseloss_broadcast_warns(xp, shape):
    a, b = xp.zeros(shape[0]), xp.ones(shape[1])
    assert_warns(UserWarning, xp.nn.MSELoss(), a, b, call=f"MSELoss()(zeros{shape[0]}, ones{shape[1]})")


@check("nn.mseloss.errors")
@given(reduction=st.sampled_from(["avg", "MEAN", "elementwise", ""]))
def test_mseloss_unknown_reduction_raises(xp, reduction):
    a = xp.zeros(3)
    assert_raises(ValueError, lambda: xp.nn.MSELoss(reduction=reduction)(a, a),
                  call=f"MSELoss(reduction={reduction!r})(zeros(3), zeros(3))")


@check("nn.mseloss.errors")
@given(dtype=dtype_names(INT_DTYPES))
def test_mseloss_integer_inputs_raise(xp, dtype):
    a = tensor_of(xp, [1, 2, 3], dtype)
    # NotImplementedError (what 2.13 raises) is a subclass of RuntimeError
    assert_raises(RuntimeError, xp.nn.MSELoss(), a, a, call=f"MSELoss()(tensor([1, 2, 3], dtype={dtype}), same)")
