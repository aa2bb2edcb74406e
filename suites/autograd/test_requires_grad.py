"""requires_grad: factory defaults, propagation through ops, requires_grad_(), and the
non-leaf restriction (tutorial T26, T28, T31; facts 6.1, 6.2, 6.16, 6.17)."""
import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_same_object, describe, expect
from conformance.strategies import shapes
from suites.autograd.helpers import float_inputs
from suites.inputs import leaf

# Binary ops that are defined for any two float64 tensors of one shape.
BINARY_OPS = {
    "a + b": lambda xp, a, b: a + b,
    "a * b": lambda xp, a, b: a * b,
    "a - b": lambda xp, a, b: a - b,
    "torch.maximum(a, b)": lambda xp, a, b: xp.maximum(a, b),
    "torch.stack([a, b])": lambda xp, a, b: xp.stack([a, b]),
}


@check("autograd.requires-grad.factory-default")
@given(shape=shapes(0, 3, 0, 3))
def test_factories_default_to_no_grad(xp, shape):
    f64 = xp.float64
    made = {
        "zeros": lambda **k: xp.zeros(shape, dtype=f64, **k),
        "ones": lambda **k: xp.ones(shape, dtype=f64, **k),
        "full": lambda **k: xp.full(shape, 1.5, dtype=f64, **k),
        "rand": lambda **k: xp.rand(shape, dtype=f64, **k),
        "tensor": lambda **k: xp.tensor(np.zeros(shape).tolist(), dtype=f64, **k),
    }
    for name, make in made.items():
        t = make()
        expect(t.requires_grad is False, call=describe(name, shape, dtype="float64"),
               expected="requires_grad False", got=f"requires_grad {t.requires_grad!r}")
        t = make(requires_grad=True)
        expect(t.requires_grad is True, call=describe(name, shape, dtype="float64", requires_grad=True),
               expected="requires_grad True", got=f"requires_grad {t.requires_grad!r}")


@check("autograd.requires-grad.factory-default")
def test_parameter_requires_grad_by_default(xp):
    p = xp.nn.Parameter(xp.zeros(2, 3))
    expect(p.requires_grad is True, call="nn.Parameter(torch.zeros(2, 3))",
           expected="requires_grad True", got=f"requires_grad {p.requires_grad!r}")


@check("autograd.requires-grad.propagation")
@given(x=float_inputs(), op=st.sampled_from(sorted(BINARY_OPS)), flags=st.tuples(st.booleans(), st.booleans()))
def test_result_requires_grad_iff_an_input_does(xp, x, op, flags):
    a, b = leaf(xp, x, flags[0]), leaf(xp, x[::-1] if x.ndim else x, flags[1])
    out = BINARY_OPS[op](xp, a, b)
    want = flags[0] or flags[1]
    expect(out.requires_grad is want, call=describe(op, a, b), expected=f"requires_grad {want}",
           got=f"requires_grad {out.requires_grad!r}",
           detail=f"a.requires_grad={flags[0]}, b.requires_grad={flags[1]}")
    # unary ops and reductions follow the same rule
    for name, fn in (("a.exp()", lambda: a.exp()), ("a.sum()", lambda: a.sum()), ("-a", lambda: -a)):
        got = fn()
        expect(got.requires_grad is flags[0], call=describe(name, a), expected=f"requires_grad {flags[0]}",
               got=f"requires_grad {got.requires_grad!r}")


@check("autograd.requires-grad.in-place-setter")
@given(x=float_inputs())
def test_requires_grad_underscore_sets_flag_and_returns_self(xp, x):
    t = leaf(xp, x, requires_grad=False)
    call = describe("t.requires_grad_", t)
    got = t.requires_grad_()
    assert_same_object(got, t, call=call)
    expect(t.requires_grad is True, call=call, expected="requires_grad True (default flag=True)",
           got=f"requires_grad {t.requires_grad!r}")
    after = t * 3
    expect(after.grad_fn is not None and after.requires_grad is True, call=describe("t * 3 after requires_grad_()", t),
           expected="a result with a grad_fn that requires grad",
           got=f"grad_fn={after.grad_fn!r}, requires_grad={after.requires_grad!r}")
    call = describe("t.requires_grad_", t, False)
    got = t.requires_grad_(False)
    assert_same_object(got, t, call=call)
    expect(t.requires_grad is False, call=call, expected="requires_grad False", got=f"requires_grad {t.requires_grad!r}")


@check("autograd.requires-grad.non-leaf-cannot-unset")
@given(x=float_inputs())
def test_non_leaf_requires_grad_cannot_be_turned_off(xp, x):
    a = leaf(xp, x)
    y = a * 2
    assert_raises(RuntimeError, y.requires_grad_, False, call=describe("(a * 2).requires_grad_", False))

    def assign():
        y.requires_grad = False

    assert_raises(RuntimeError, assign, call="(a * 2).requires_grad = False")
