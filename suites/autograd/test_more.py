"""Autograd APIs beyond backward/grad: post-accumulate-grad hooks, gradcheck and gradgradcheck, anomaly
detection, custom Function details (setup_context, needs_input_grad, mark_non_differentiable, mark_dirty,
once_differentiable) and torch.utils.checkpoint. Expected gradients are closed forms in NumPy.

Custom Functions are defined inside each check, from ``xp.autograd.Function``."""
import warnings

import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, assert_values, expect, show, to_numpy
from suites.autograd.helpers import float_arrays
from suites.inputs import leaf

vectors = st.integers(1, 4).flatmap(lambda n: float_arrays((n,), 0.5, 2.0))


def cube_function(xp, detach_saved: bool = False, once: bool = False):
    """A custom Function for x**3 whose backward is 3 x**2 g (with x detached there if ``detach_saved``)."""
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * 3 * (x.detach() if detach_saved else x) ** 2

    class Cube(xp.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x ** 3

    Cube.backward = staticmethod(xp.autograd.function.once_differentiable(backward) if once else backward)
    return Cube


@check("autograd.hooks.post-accumulate-grad")
@given(a=vectors, data=st.data())
def test_post_accumulate_grad_hook_sees_the_accumulated_grad(xp, a, data):
    b = data.draw(float_arrays(a.shape), label="b")
    x, y = leaf(xp, a), leaf(xp, b, requires_grad=False)
    seen = []
    x.register_post_accumulate_grad_hook(lambda t: seen.append((t is x, None if t.grad is None else to_numpy(t.grad))))
    (x * y).sum().backward()
    call = f"x.register_post_accumulate_grad_hook(h); (x * y).sum().backward() with x={a.tolist()}, y={b.tolist()}"
    expect(len(seen) == 1 and seen[0][0], call=call, expected="h called once, with x", got=show(seen))
    expect(seen[0][1] is not None and np.allclose(seen[0][1], b), call=call, expected=f"x.grad == y == {b.tolist()} "
           "when h runs", got=show(seen[0][1]))
    nonleaf = x * 2
    assert_raises(RuntimeError, nonleaf.register_post_accumulate_grad_hook, lambda t: None,
                  call="(x * 2).register_post_accumulate_grad_hook(h) (not a leaf)")


@check("autograd.gradcheck.api")
@given(a=vectors)
def test_gradcheck_accepts_right_and_rejects_wrong_gradients(xp, a):
    x = leaf(xp, a)
    call = f"autograd.gradcheck(f, (x,)) with x={a.tolist()}"
    got = xp.autograd.gradcheck(lambda t: t * t * t, (x,))
    expect(got is True, call=f"{call}, f = x*x*x", expected="True", got=show(got))
    Wrong = cube_function(xp)
    Wrong.backward = staticmethod(lambda ctx, g: g * 2 * ctx.saved_tensors[0] ** 2)  # 2 x**2: wrong
    assert_raises(RuntimeError, xp.autograd.gradcheck, Wrong.apply, (x,), call=f"{call}, f with backward 2 x**2")
    got = xp.autograd.gradcheck(Wrong.apply, (x,), raise_exception=False)
    expect(got is False, call=f"{call}, f with backward 2 x**2, raise_exception=False", expected="False", got=show(got))


@check("autograd.gradcheck.gradgradcheck")
@given(a=vectors)
def test_gradgradcheck_checks_second_derivatives(xp, a):
    x = leaf(xp, a)
    call = f"autograd.gradgradcheck(f, (x,)) with x={a.tolist()}"
    got = xp.autograd.gradgradcheck(cube_function(xp).apply, (x,))
    expect(got is True, call=f"{call}, f = Cube (backward 3 x**2 g)", expected="True", got=show(got))
    flat = cube_function(xp, detach_saved=True).apply  # first derivatives right, second derivatives lost
    assert_raises(RuntimeError, xp.autograd.gradgradcheck, flat, (x,), call=f"{call}, f = Cube with x detached in backward")


@check("autograd.anomaly.nan-raises")
@given(a=vectors)
def test_detect_anomaly_raises_on_nan_gradients(xp, a):
    class NaNGrad(xp.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.clone()

        @staticmethod
        def backward(ctx, g):
            return g * float("nan")

    x = leaf(xp, a)
    NaNGrad.apply(x).sum().backward()
    expect(bool(np.isnan(to_numpy(x.grad)).all()), call="NaNGrad.apply(x).sum().backward() (backward returns NaN)",
           expected="NaN gradients, no error, outside anomaly detection", got=show(x.grad))
    x = leaf(xp, a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with xp.autograd.detect_anomaly():
            y = NaNGrad.apply(x).sum()
            assert_raises(RuntimeError, y.backward, call="with autograd.detect_anomaly(): NaNGrad.apply(x).sum().backward()")


@check("autograd.function.setup-context")
@given(a=vectors, k=st.sampled_from([2.0, -0.5, 3.0]))
def test_setup_context_fills_ctx_for_a_forward_without_ctx(xp, a, k):
    class Scale(xp.autograd.Function):
        @staticmethod
        def forward(x, factor):
            return x * x * factor

        @staticmethod
        def setup_context(ctx, inputs, output):
            x, factor = inputs
            ctx.save_for_backward(x)
            ctx.factor = factor

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * 2 * x * ctx.factor, None

    x = leaf(xp, a)
    y = Scale.apply(x, k)
    call = f"Scale.apply(x, {k}) (forward(x, factor) = x*x*factor, setup_context saves x and factor), x={a.tolist()}"
    assert_tensor(y, a * a * k, dtype="float64", call=call)
    y.sum().backward()
    assert_values(x.grad, 2 * a * k, call=f"{call}; .sum().backward(); x.grad")


@check("autograd.function.needs-input-grad")
@given(a=vectors, first=st.booleans(), second=st.booleans())
def test_needs_input_grad_tells_backward_which_inputs_need_it(xp, a, first, second):
    seen = []

    class Mul(xp.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            ctx.save_for_backward(x, y)
            return x * y

        @staticmethod
        def backward(ctx, g):
            seen.append(tuple(ctx.needs_input_grad))
            x, y = ctx.saved_tensors
            return g * y, g * x

    if not (first or second):
        first = True
    x, y = leaf(xp, a, requires_grad=first), leaf(xp, a + 1, requires_grad=second)
    Mul.apply(x, y).sum().backward()
    expect(seen == [(first, second)], call=f"Mul.apply(x, y).sum().backward(), x.requires_grad={first}, "
           f"y.requires_grad={second}: ctx.needs_input_grad in backward", expected=show([(first, second)]), got=show(seen))


@check("autograd.function.mark-non-differentiable")
@given(a=vectors)
def test_mark_non_differentiable_outputs_do_not_require_grad(xp, a):
    class WithAux(xp.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            aux = x * 3
            ctx.mark_non_differentiable(aux)
            return x * 2, aux

        @staticmethod
        def backward(ctx, g, g_aux):
            return g * 2

    x = leaf(xp, a)
    y, aux = WithAux.apply(x)
    call = f"y, aux = WithAux.apply(x) (returns x*2, x*3; ctx.mark_non_differentiable(aux)), x={a.tolist()}"
    expect(y.requires_grad is True and aux.requires_grad is False, call=call,
           expected="y.requires_grad True, aux.requires_grad False",
           got=f"y.requires_grad={y.requires_grad!r}, aux.requires_grad={aux.requires_grad!r}")
    y.sum().backward()
    assert_values(x.grad, np.full(a.shape, 2.0), call=f"{call}; y.sum().backward(); x.grad")


@check("autograd.function.once-differentiable")
@given(a=vectors)
def test_once_differentiable_backward_cannot_be_differentiated(xp, a):
    x = leaf(xp, a)
    plain = cube_function(xp).apply
    (g,) = xp.autograd.grad(plain(x).sum(), x, create_graph=True)
    g.sum().backward()
    assert_values(x.grad, 6 * a, call=f"Cube without the decorator: grad of grad at x={a.tolist()}")
    x = leaf(xp, a)
    (g,) = xp.autograd.grad(cube_function(xp, once=True).apply(x).sum(), x, create_graph=True)
    assert_values(g, 3 * a * a, call=f"Cube with @once_differentiable backward: grad at x={a.tolist()}")
    assert_raises(RuntimeError, lambda: g.sum().backward(),
                  call="Cube with @once_differentiable backward: grad(..., create_graph=True), then its backward()")


@check("autograd.checkpoint.same-gradients")
@given(a=vectors)
def test_checkpoint_gives_the_same_output_and_gradients(xp, a):
    x = leaf(xp, a)
    out = xp.utils.checkpoint.checkpoint(lambda t: (xp.sin(t) * t).sum(), x, use_reentrant=False)
    call = f"utils.checkpoint.checkpoint(lambda t: (sin(t) * t).sum(), x, use_reentrant=False), x={a.tolist()}"
    assert_tensor(out, np.sum(np.sin(a) * a), dtype="float64", call=call)
    out.backward()
    assert_values(x.grad, np.cos(a) * a + np.sin(a), call=f"{call}; .backward(); x.grad")


@check("autograd.function.mark-dirty")
@given(a=vectors)
def test_mark_dirty_returns_the_modified_input_itself(xp, a):
    class Double(xp.autograd.Function):
        @staticmethod
        def forward(ctx, y):
            y.mul_(2)
            ctx.mark_dirty(y)
            return y

        @staticmethod
        def backward(ctx, g):
            return g * 2

    x = leaf(xp, a)
    y = x * 1
    z = Double.apply(y)
    call = f"y = x * 1; z = Double.apply(y) (forward: y.mul_(2); ctx.mark_dirty(y); return y), x={a.tolist()}"
    expect(z is y and z.grad_fn is not None, call=call, expected="z is y, with a grad_fn",
           got=f"z is y: {z is y}, z.grad_fn={z.grad_fn!r}")
    assert_tensor(z, 2 * a, dtype="float64", call=call)
    z.sum().backward()
    assert_values(x.grad, np.full(a.shape, 2.0), call=f"{call}; z.sum().backward(); x.grad")
