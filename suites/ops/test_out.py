"""out=: the result is written into the given tensor, which is returned; empty outs are resized
silently, wrong-shaped ones with a warning; the cast into out is "safe" (never to a lower
category); an out that requires grad is refused (tutorial T12; facts 2.1, 2.4-2.7).

An out tensor is never read (``describe``/``show``) before the call: reading goes through
``tensor.numpy()``, which on torch marks the storage non-resizable, so the resize under test
would then fail for a reason of the harness's making."""
import warnings

import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import ALL_DTYPES, GENERIC_DTYPES
from conformance.assertions import (assert_raises, assert_same_object, assert_tensor, assert_warns,
                                    describe, expect)
from conformance.strategies import dtype_names, shapes
from suites.ops.helpers import arrays
from suites.ops.oracles import can_cast, result_type
from suites.inputs import tensor_of

OUT_DTYPES = ALL_DTYPES


@check("ops.out.writes-result")
@given(shape=shapes(1, 3, 1, 4), dtype=dtype_names(GENERIC_DTYPES), data=st.data())
def test_add_out_writes_the_sum(xp, shape, dtype, data):
    a, b = data.draw(arrays(dtype, shape), label="a"), data.draw(arrays(dtype, shape), label="b")
    x, y = tensor_of(xp, a, dtype), tensor_of(xp, b, dtype)
    r = xp.zeros(shape, dtype=getattr(xp, dtype))
    xp.add(x, y, out=r)
    assert_tensor(r, a + b, dtype=dtype, call=describe("torch.add", x, y) + f" with out=zeros({shape}); then out")


@check("ops.out.returns-out")
@given(dtype=dtype_names(GENERIC_DTYPES), empty=st.booleans())
def test_out_function_returns_out(xp, dtype, empty):
    x = tensor_of(xp, np.array([1, 2, 3]), dtype)
    r = xp.zeros((0,) if empty else (3,), dtype=getattr(xp, dtype))
    out = f"zeros({(0,) if empty else (3,)}, dtype={dtype})"  # never read r before the call (see module doc)
    assert_same_object(xp.add(x, x, out=r), r, call=describe("torch.add", x, x) + f" with out={out}")
    assert_same_object(xp.mul(x, x, out=r), r, call=describe("torch.mul", x, x) + " with out=that same tensor")


@check("ops.out.empty-resized")
@given(shape=shapes(1, 3, 1, 4), dtype=dtype_names(GENERIC_DTYPES), data=st.data())
def test_empty_out_is_resized_silently(xp, shape, dtype, data):
    a = data.draw(arrays(dtype, shape))
    x = tensor_of(xp, a, dtype)
    r = xp.zeros((0,), dtype=getattr(xp, dtype))
    call = describe("torch.add", x, x) + f" with out=zeros((0,), dtype={dtype})"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        xp.add(x, x, out=r)
    resize = [str(w.message)[:60] for w in caught if issubclass(w.category, UserWarning)]
    expect(not resize, call=call, expected="no warning", got=f"warnings {resize}")
    assert_tensor(r, a + a, dtype=dtype, call=call + "; then out")


@check("ops.out.wrong-shape-resized-with-warning")
@given(shape=shapes(1, 3, 1, 4), wrong=shapes(1, 3, 1, 4), data=st.data())
def test_wrong_shape_out_is_resized_with_warning(xp, shape, wrong, data):
    if tuple(wrong) == tuple(shape):
        wrong = tuple(wrong) + (2,)
    a = data.draw(arrays("float32", shape), label="a")
    x = tensor_of(xp, a, "float32")
    r = xp.zeros(wrong, dtype=xp.float32)
    call = describe("torch.add", x, 1.0) + f" with out=zeros({wrong}, dtype=float32)"
    assert_warns(UserWarning, xp.add, x, 1.0, out=r, call=call)
    assert_tensor(r, a + 1, dtype="float32", call=call + "; then out")


@check("ops.out.safe-cast")
@given(a_dtype=dtype_names(OUT_DTYPES), b_dtype=dtype_names(OUT_DTYPES), out_dtype=dtype_names(OUT_DTYPES),
       a=arrays("int64", (3,), 0, 5), b=arrays("int64", (3,), 0, 5))
@example(a_dtype="float32", b_dtype="float32", out_dtype="int64", a=np.array([1, 2, 3]), b=np.array([1, 1, 1]))
@example(a_dtype="float32", b_dtype="float32", out_dtype="float64", a=np.array([1, 2, 3]), b=np.array([1, 1, 1]))
@example(a_dtype="int64", b_dtype="int64", out_dtype="bool", a=np.array([0, 2, 3]), b=np.array([0, 1, 1]))
@example(a_dtype="complex64", b_dtype="float32", out_dtype="float64", a=np.array([1, 2, 3]), b=np.array([1, 1, 1]))
@example(a_dtype="int32", b_dtype="uint8", out_dtype="float16", a=np.array([1, 2, 3]), b=np.array([4, 0, 1]))
def test_out_dtype_is_a_safe_cast(xp, a_dtype, b_dtype, out_dtype, a, b):
    dtypes.require(a_dtype, b_dtype, out_dtype)
    a, b = a.astype(dtypes.numpy_dtype(a_dtype)), b.astype(dtypes.numpy_dtype(b_dtype))
    x, y = tensor_of(xp, a, a_dtype), tensor_of(xp, b, b_dtype)
    r = xp.zeros((3,), dtype=getattr(xp, out_dtype))
    call = describe("torch.add", x, y) + f" with out=zeros((3,), dtype={out_dtype})"
    result = result_type([a_dtype, b_dtype])
    if can_cast(result, out_dtype):
        xp.add(x, y, out=r)
        exact = a.astype(dtypes.numpy_dtype(result)) + b.astype(dtypes.numpy_dtype(result))
        assert_tensor(r, exact.astype(dtypes.numpy_dtype(out_dtype)), dtype=out_dtype, call=call + f"; result type {result}, then out")
    else:
        assert_raises(RuntimeError, xp.add, x, y, out=r, call=call + f" (result type {result} is of a higher category than out)")


@check("ops.out.requires-grad-raises")
@given(shape=shapes(1, 2, 1, 3))
def test_out_requiring_grad_raises(xp, shape):
    x = xp.ones(shape, dtype=xp.float32)
    r = xp.zeros(shape, dtype=xp.float32, requires_grad=True)
    assert_raises(RuntimeError, xp.add, x, x, out=r, call=describe("torch.add", x, x, out="zeros(requires_grad=True)"))
