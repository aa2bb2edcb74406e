"""Custom autograd.Function: static forward/backward through Cls.apply, ctx.save_for_backward /
saved_tensors / needs_input_grad, the gradient count, the documented Exp example and the
deprecated instantiation (tutorial T32; facts 6.21-6.24).

The custom backwards return deliberately *wrong but known* gradients, so a passing check proves
the custom backward, not the backend's own derivative of forward, was used."""
import math

import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, assert_values, assert_warns, describe, expect
from suites.autograd.helpers import float_inputs, small_floats
from suites.inputs import leaf


def _cube_with_fake_backward(xp):
    class Cube(xp.autograd.Function):
        """forward x**3; backward claims 5 * x + 1 (the true derivative is 3 x**2)."""

        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x * x

        @staticmethod
        def backward(ctx, grad_output):
            (x,) = ctx.saved_tensors
            return grad_output * (5 * x + 1)

    return Cube


@check("autograd.function.custom-backward-used")
@given(x=float_inputs(), data=st.data())
def test_custom_backward_is_the_one_used(xp, x, data):
    Cube = _cube_with_fake_backward(xp)
    a = leaf(xp, x)
    y = Cube.apply(a)
    call = describe("Cube.apply", a)
    assert_tensor(y, x ** 3, dtype="float64", call=call)
    expect(y.requires_grad is True and y.grad_fn is not None, call=call, expected="a result with a grad_fn",
           got=f"requires_grad={y.requires_grad!r}, grad_fn={y.grad_fn!r}")
    v = data.draw(st.lists(small_floats(), min_size=x.size, max_size=x.size).map(lambda l: np.array(l).reshape(x.shape)))
    y.backward(leaf(xp, v, requires_grad=False))
    assert_values(a.grad, v * (5 * x + 1),
                  call=call + f"; backward({v.tolist()!r}); x.grad (custom backward returns grad * (5x + 1))")


@check("autograd.function.custom-backward-used")
@given(x=float_inputs())
def test_custom_function_composes_with_other_ops(xp, x):
    Cube = _cube_with_fake_backward(xp)
    a = leaf(xp, x)
    (Cube.apply(a * 2) * 3).sum().backward()
    # chain rule through the custom node: 3 * (5 * (2x) + 1) * 2
    assert_values(a.grad, 6 * (10 * x + 1), call=describe("(Cube.apply(x * 2) * 3).sum().backward(); x.grad", a))


@check("autograd.function.ctx-saving")
@given(x=float_inputs(), k=st.integers(-3, 3), flags=st.sampled_from([(True, True), (True, False), (False, True)]))
def test_ctx_saved_tensors_attributes_and_needs_input_grad(xp, x, k, flags):
    seen = {}

    class Scaled(xp.autograd.Function):
        """forward a * b * k; backward returns (b * 7, a * 11): deliberately not the true derivative."""

        @staticmethod
        def forward(ctx, a, b, k):
            ctx.save_for_backward(a, b)
            ctx.k = k
            return a * b * k

        @staticmethod
        def backward(ctx, grad_output):
            a, b = ctx.saved_tensors
            seen["k"] = ctx.k
            seen["needs"] = ctx.needs_input_grad
            return grad_output * b * 7, grad_output * a * 11, None

    a, b = leaf(xp, x, flags[0]), leaf(xp, x + 1, flags[1])
    out = Scaled.apply(a, b, k)
    call = describe("Scaled.apply", a, b, k)
    assert_tensor(out, x * (x + 1) * k, dtype="float64", call=call)
    out.sum().backward()
    expect(seen.get("k") == k, call=call + "; ctx.k in backward", expected=repr(k), got=repr(seen.get("k")))
    needs = seen.get("needs")
    expect(isinstance(needs, tuple) and tuple(needs) == (flags[0], flags[1], False), call=call + "; ctx.needs_input_grad",
           expected=repr((flags[0], flags[1], False)), got=repr(needs))
    if flags[0]:
        assert_values(a.grad, (x + 1) * 7, call=call + "; sum().backward(); a.grad (saved b * 7)")
    if flags[1]:
        assert_values(b.grad, x * 11, call=call + "; sum().backward(); b.grad (saved a * 11)")


@check("autograd.function.gradient-count")
@given(x=float_inputs())
def test_backward_must_return_one_gradient_per_input(xp, x):
    class TooFew(xp.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            return a + b

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output  # two inputs, one gradient

    a, b = leaf(xp, x), leaf(xp, x)
    out = TooFew.apply(a, b).sum()
    assert_raises(RuntimeError, out.backward, call="TooFew.apply(a, b).sum().backward() — backward returns 1 gradient for 2 inputs")

    class WithNone(xp.autograd.Function):
        @staticmethod
        def forward(ctx, a, scale):
            ctx.scale = scale
            return a * scale

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * ctx.scale, None  # None for the non-tensor input

    c = leaf(xp, x)
    WithNone.apply(c, 4.0).sum().backward()
    assert_values(c.grad, np.full(x.shape, 4.0), call="WithNone.apply(c, 4.0).sum().backward(); c.grad")


@check("autograd.function.exp-example")
def test_documented_exp_example(xp):
    class Exp(xp.autograd.Function):
        @staticmethod
        def forward(ctx, i):
            result = i.exp()
            ctx.save_for_backward(result)
            return result

        @staticmethod
        def backward(ctx, grad_output):
            (result,) = ctx.saved_tensors
            return grad_output * result

    x = leaf(xp, [0.0, 1.0])
    out = Exp.apply(x)
    assert_tensor(out, [1.0, math.e], dtype="float64", call="Exp.apply(tensor([0., 1.]))")
    expect(out.grad_fn is not None, call="Exp.apply(tensor([0., 1.])).grad_fn", expected="a grad_fn", got="None")
    out.sum().backward()
    assert_values(x.grad, [1.0, math.e], call="Exp.apply(x).sum().backward() at x=[0., 1.]; x.grad")


@check("autograd.function.instantiation-deprecated")
def test_instantiating_a_function_warns(xp):
    class Double(xp.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * 2

    assert_warns(DeprecationWarning, Double, call="Double() — instantiating an autograd.Function subclass")
