"""Tensor.register_hook and torch.autograd.grad, first and higher order (facts 6.25, 6.26)."""

import numpy as np
from hypothesis import given

from conformance import check
from conformance.assertions import assert_values, describe, expect
from suites.autograd.helpers import SCALAR_EXPRESSIONS, float_inputs, small_floats
from suites.autograd.oracles import numeric_gradient
from suites.inputs import leaf


@check("autograd.hooks.register-hook")
@given(x=float_inputs())
def test_hook_sees_and_replaces_the_gradient(xp, x):
    a = leaf(xp, x)
    calls = []

    def double(grad):
        calls.append(np.array(grad.detach().tolist()))
        return grad * 2

    handle = a.register_hook(double)
    (a * a).sum().backward()
    call = describe("a.register_hook(lambda g: g * 2); (a * a).sum().backward()", a)
    expect(len(calls) == 1, call=call, expected="the hook called once", got=f"called {len(calls)} times")
    if calls:
        expect(np.allclose(calls[0], 2 * x), call=call, expected=f"hook argument {(2 * x).tolist()!r}", got=repr(calls[0].tolist()))
    assert_values(a.grad, 4 * x, call=call + "; a.grad (hook's result replaces the gradient)")
    (a * a).sum().backward()
    expect(len(calls) == 2, call=call + " twice", expected="the hook called on every backward", got=f"called {len(calls)} times")
    handle.remove()
    a.grad = None
    (a * a).sum().backward()
    expect(len(calls) == 2, call="handle.remove(); backward again", expected="the hook not called", got=f"called {len(calls)} times")
    assert_values(a.grad, 2 * x, call="handle.remove(); (a * a).sum().backward(); a.grad")


@check("autograd.hooks.register-hook")
def test_docs_doubling_hook_example(xp):
    v = xp.tensor([0.0, 0.0, 0.0], requires_grad=True)
    v.register_hook(lambda grad: grad * 2)
    v.backward(xp.tensor([1.0, 2.0, 3.0]))
    assert_values(v.grad, [2.0, 4.0, 6.0], call="v.register_hook(lambda g: g * 2); v.backward([1., 2., 3.]); v.grad")


@check("autograd.grad.functional")
@given(x=float_inputs())
def test_autograd_grad_returns_tuple_and_leaves_grad_alone(xp, x):
    f = SCALAR_EXPRESSIONS["sum(sigmoid(x)*cos(x))"]
    a, b = leaf(xp, x), leaf(xp, x + 0.5)
    out = f(xp, a) + (a * b).sum()
    got = xp.autograd.grad(out, (a, b))
    call = describe("torch.autograd.grad(sum(sigmoid(a)*cos(a)) + (a * b).sum(), (a, b))", a, b)
    expect(isinstance(got, tuple) and len(got) == 2, call=call, expected="a tuple of 2 gradients", got=repr(type(got)))
    want_a = numeric_gradient(lambda v: f(np, v) + float((v * (x + 0.5)).sum()), x)
    assert_values(got[0], want_a, call=call + "[0]", rtol=1e-5, atol=1e-6)
    assert_values(got[1], x, call=call + "[1]")
    expect(a.grad is None and b.grad is None, call=call, expected="a.grad and b.grad still None",
           got=f"a.grad={a.grad!r}, b.grad={b.grad!r}")


@check("autograd.grad.higher-order")
def test_docs_cube_second_derivative(xp):
    x = leaf(xp, 3.0)
    (first,) = xp.autograd.grad(x ** 3, x, create_graph=True)
    assert_values(first, np.float64(27.0), call="torch.autograd.grad(x ** 3, x, create_graph=True) at x=3")
    (second,) = xp.autograd.grad(first, x)
    assert_values(second, np.float64(18.0), call="torch.autograd.grad(first, x) at x=3")


@check("autograd.grad.higher-order")
@given(v=small_floats())
def test_second_derivative_matches_finite_differences(xp, v):
    x = leaf(xp, v)

    def f(m, t):
        return m.sin(t) * t * t

    (first,) = xp.autograd.grad(f(xp, x), x, create_graph=True)
    (second,) = xp.autograd.grad(first, x)
    d1 = lambda u: float(numeric_gradient(lambda w: f(np, w), np.float64(u)))  # noqa: E731
    want = numeric_gradient(lambda w: d1(float(w)), np.float64(v), eps=1e-4)
    assert_values(second, want, call=describe("second derivative of sin(x) * x * x via autograd.grad", x),
                  rtol=1e-4, atol=1e-4)
