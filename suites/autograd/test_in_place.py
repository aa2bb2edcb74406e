"""In-place correctness: in-place ops on leaves that require grad, the version-counter check
on saved tensors, and in-place ops on unsaved intermediates (facts 6.18-6.20).

The version counter itself (``_version``) is a private attribute and is not read; its documented
effect, the error at backward, is what is checked."""
import numpy as np
from hypothesis import given

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, assert_values, describe
from suites.autograd.helpers import float_inputs
from suites.inputs import leaf


@check("autograd.in-place.leaf-requiring-grad-raises")
@given(x=float_inputs())
def test_in_place_on_leaf_requiring_grad(xp, x):
    a = leaf(xp, x)
    assert_raises(RuntimeError, a.add_, 1.0, call=describe("a.add_(1.0) with a a leaf requiring grad", a))
    assert_raises(RuntimeError, a.mul_, 2.0, call=describe("a.mul_(2.0) with a a leaf requiring grad", a))
    b = leaf(xp, x)
    with xp.no_grad():
        b.add_(1.0)
        b.mul_(2.0)
    call = describe("with no_grad(): b.add_(1.0); b.mul_(2.0)", b)
    assert_tensor(b, (x + 1) * 2, dtype="float64", call=call)


@check("autograd.in-place.modified-saved-tensor-raises")
@given(x=float_inputs())
def test_modified_saved_tensor_fails_backward(xp, x):
    a = leaf(xp, x)
    s = a.sigmoid()  # sigmoid's backward uses its own output
    out = s.sum()
    s.mul_(2.0)
    assert_raises(RuntimeError, out.backward, call=describe("s = a.sigmoid(); out = s.sum(); s.mul_(2.0); out.backward()", a))


@check("autograd.in-place.unsaved-intermediate-ok")
@given(x=float_inputs())
def test_in_place_on_unsaved_intermediate(xp, x):
    a = leaf(xp, x)
    b = a * 2
    b.add_(1.0)
    call = describe("b = a * 2; b.add_(1.0); b.sum().backward()", a)
    assert_tensor(b, 2 * x + 1, dtype="float64", call=call + "; b")
    b.sum().backward()
    assert_values(a.grad, np.full(x.shape, 2.0), call=call + "; a.grad")
    # a later op sees the updated values
    c = leaf(xp, x)
    d = c * 3
    d.add_(1.0)
    (d * d).sum().backward()
    assert_values(c.grad, 6 * (3 * x + 1), call=describe("d = c * 3; d.add_(1.0); (d * d).sum().backward(); c.grad", c))
