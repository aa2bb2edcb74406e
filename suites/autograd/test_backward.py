"""Tensor.backward: the tutorial's 4.5 example, gradients against NumPy finite differences,
vector-Jacobian products, accumulation, retain_graph/create_graph, the documented errors,
inputs=, and the complex convention (tutorial T27, T29, T30; facts 6.5, 6.7-6.11, 6.28)."""
import warnings

import numpy as np
import pytest
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_values, describe, expect
from conformance.strategies import shapes
from suites.autograd.helpers import SCALAR_EXPRESSIONS, TENSOR_EXPRESSIONS, float_arrays, float_inputs
from suites.autograd.oracles import numeric_complex_gradient, numeric_gradient, numeric_gradients, numeric_vjp
from suites.inputs import leaf

FD = dict(rtol=1e-5, atol=1e-6)  # finite differences are estimates: looser than float64 defaults


@check("autograd.backward.tutorial-example")
def test_tutorial_example_gives_four_and_a_half(xp):
    x = xp.ones(2, 2, requires_grad=True)
    y = x + 2
    out = (y * y * 3).mean()
    returned = out.backward()
    call = "x = torch.ones(2, 2, requires_grad=True); ((x + 2) * (x + 2) * 3).mean().backward()"
    expect(returned is None, call=call, expected="backward() returns None", got=repr(returned))
    # d/dx mean(3 (x+2)^2) = 6 (x + 2) / 4 = 4.5 at x = 1
    assert_values(x.grad, np.full((2, 2), 6 * (1 + 2) / 4), call=call + "; x.grad")


@check("autograd.backward.matches-finite-differences")
@pytest.mark.parametrize("expr", sorted(SCALAR_EXPRESSIONS))
@given(x=float_inputs())
def test_scalar_backward_matches_finite_differences(xp, expr, x):
    f = SCALAR_EXPRESSIONS[expr]
    a = leaf(xp, x)
    out = f(xp, a)
    out.backward()
    call = describe(f"({expr}).backward() with x", a)
    want = numeric_gradient(lambda v: f(np, v), x)
    assert_values(a.grad, want, call=call + "; x.grad", **FD)


@st.composite
def matmul_case(draw):
    r, k, c = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    return draw(float_arrays((r, k))), draw(float_arrays((k, c)))


@check("autograd.backward.matches-finite-differences")
@given(case=matmul_case())
def test_two_leaf_gradients_match_finite_differences(xp, case):
    x, w = case
    a, b = leaf(xp, x), leaf(xp, w)

    def f(m, p, q):
        return (m.tanh(p @ q) ** 2).sum()

    f(xp, a, b).backward()
    gx, gw = numeric_gradients(lambda p, q: f(np, p, q), [x, w])
    call = describe("(tanh(x @ w) ** 2).sum().backward()", a, b)
    assert_values(a.grad, gx, call=call + "; x.grad", **FD)
    assert_values(b.grad, gw, call=call + "; w.grad", **FD)


@st.composite
def vjp_case(draw):
    x = draw(float_inputs())
    return x, draw(float_arrays(x.shape))


@check("autograd.backward.vector-jacobian-product")
@pytest.mark.parametrize("expr", sorted(TENSOR_EXPRESSIONS))
@given(case=vjp_case())
def test_backward_with_gradient_is_vector_jacobian_product(xp, expr, case):
    x, v = case
    f = TENSOR_EXPRESSIONS[expr]
    a = leaf(xp, x)
    y = f(xp, a)
    gradient = leaf(xp, v, requires_grad=False)
    y.backward(gradient)
    want = numeric_vjp(lambda u: f(np, u), x, v)
    assert_values(a.grad, want, call=describe(f"({expr}).backward", gradient) + f" with x={x.tolist()!r}; x.grad", **FD)


@check("autograd.backward.vector-jacobian-product")
@given(case=matmul_case(), data=st.data())
def test_matmul_vector_jacobian_product(xp, case, data):
    x, w = case
    v = data.draw(float_arrays((x.shape[0], w.shape[1])))
    a = leaf(xp, x)
    b = leaf(xp, w, requires_grad=False)
    (a @ b).backward(gradient=leaf(xp, v, requires_grad=False))
    # d/dx sum((x @ w) * v) = v @ w.T, checked against finite differences as well
    want = numeric_vjp(lambda u: u @ w, x, v)
    call = describe("(x @ w).backward", v, x=x, w=w)
    assert_values(a.grad, want, call=call + "; x.grad", **FD)
    assert_values(a.grad, v @ w.T, call=call + "; x.grad (v @ w.T)")


@check("autograd.backward.vector-jacobian-product")
def test_docs_example_vjp(xp):
    w = xp.tensor([1.0, 2.0, 3.0], requires_grad=True)
    (w * 2).backward(xp.tensor([1.0, 0.0, 2.0]))
    assert_values(w.grad, [2.0, 0.0, 4.0], call="(w * 2).backward([1., 0., 2.]) with w=[1., 2., 3.]; w.grad")


@check("autograd.backward.non-scalar-needs-gradient")
@given(shape=shapes(1, 3, 1, 3).filter(lambda s: int(np.prod(s)) > 1))
def test_non_scalar_backward_without_gradient_raises(xp, shape):
    a = xp.ones(shape, dtype=xp.float64, requires_grad=True)
    y = a * 2
    assert_raises(RuntimeError, y.backward, call=describe("(a * 2).backward()", a))


@check("autograd.backward.accumulates")
@given(x=float_inputs(), calls=st.integers(1, 4))
def test_gradients_accumulate_until_reset(xp, x, calls):
    a = leaf(xp, x)
    expect(a.grad is None, call="fresh leaf .grad", expected="None", got=repr(a.grad))
    for n in range(1, calls + 1):
        (a * a).sum().backward()
        assert_values(a.grad, n * 2 * x,
                      call=describe(f"(a * a).sum().backward() called {n} time(s); a.grad", a))
    a.grad = None
    (a * a).sum().backward()
    assert_values(a.grad, 2 * x, call="a.grad = None; (a * a).sum().backward(); a.grad")
    a.grad.zero_()
    (a * 3).sum().backward()
    assert_values(a.grad, np.full(x.shape, 3.0), call="a.grad.zero_(); (a * 3).sum().backward(); a.grad")


@check("autograd.backward.accumulates")
def test_docs_accumulation_example(xp):
    w = xp.tensor([1.0, 2.0, 3.0], requires_grad=True)
    (w * w).sum().backward()
    (w * w).sum().backward()
    assert_values(w.grad, [4.0, 8.0, 12.0], call="(w * w).sum().backward() twice with w=[1., 2., 3.]; w.grad")


@check("autograd.backward.second-call-needs-retain-graph")
@given(x=float_inputs())
def test_second_backward_needs_retain_graph(xp, x):
    a = leaf(xp, x)
    out = a.exp().sum()  # exp saves its result: freeing the graph frees it
    out.backward()
    assert_raises(RuntimeError, out.backward, call=describe("out = a.exp().sum(); out.backward(); out.backward()", a))
    b = leaf(xp, x)
    out = b.exp().sum()
    out.backward(retain_graph=True)
    out.backward()
    assert_values(b.grad, 2 * np.exp(x),
                  call=describe("out = b.exp().sum(); out.backward(retain_graph=True); out.backward(); b.grad", b))


@check("autograd.backward.retain-graph-follows-create-graph")
@given(x=float_inputs())
def test_create_graph_retains_the_graph(xp, x):
    a = leaf(xp, x)
    out = a.exp().sum()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # create_graph=True may warn about a reference cycle
        out.backward(create_graph=True)
        out.backward()  # retain_graph defaulted to create_graph=True: the graph is still there
    assert_values(a.grad, 2 * np.exp(x),
                  call=describe("out = a.exp().sum(); out.backward(create_graph=True); out.backward(); a.grad", a))


@check("autograd.backward.needs-requires-grad")
@given(x=float_inputs())
def test_backward_on_tensor_without_grad_raises(xp, x):
    a = leaf(xp, x, requires_grad=False)
    out = (a * 2).sum()
    assert_raises(RuntimeError, out.backward, call=describe("(a * 2).sum().backward() with a not requiring grad", a))


@check("autograd.backward.inputs-restricts")
@given(x=float_inputs())
def test_backward_inputs_restricts_accumulation(xp, x):
    a, b = leaf(xp, x), leaf(xp, x + 1)
    out = (a * b).sum()
    out.backward(inputs=[a])
    call = describe("(a * b).sum().backward(inputs=[a])", a, b)
    assert_values(a.grad, x + 1, call=call + "; a.grad")
    expect(b.grad is None, call=call + "; b.grad", expected="None", got=repr(b.grad))


@st.composite
def complex_inputs(draw):
    shape = draw(shapes(0, 2, 1, 3))
    return draw(float_arrays(shape)) + 1j * draw(float_arrays(shape))


@check("autograd.backward.complex-conjugate-wirtinger")
@given(z=complex_inputs())
@example(z=np.array([1 + 2j, -0.5 + 0.25j]))
def test_complex_gradient_is_conjugate_wirtinger(xp, z):
    t = leaf(xp, z, dtype="complex128")

    def loss(m, u):
        # a real loss that is not symmetric under conjugation: |u|^2 + Im(u) * Re(u)^2
        return (u.real * u.real + u.imag * u.imag + u.imag * u.real * u.real).sum()

    loss(xp, t).backward()
    want = numeric_complex_gradient(lambda u: loss(np, u), z)
    assert_values(t.grad, want, call=describe("(|z|^2 + Im(z) Re(z)^2).sum().backward(); z.grad", t),
                  **FD)
