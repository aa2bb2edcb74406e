"""In-place ops: a trailing underscore mutates self and returns it; the other operand may
broadcast but self may not grow; the promoted result must be castable to self's dtype
(tutorial T13, T14; facts 2.1, 2.3, 2.11, 2.19, 2.20)."""
import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import ALL_DTYPES, INTEGRAL_DTYPES, SIGNED_DTYPES
from conformance.assertions import assert_raises, assert_same_object, assert_shape, assert_tensor, describe
from conformance.strategies import dtype_names, broadcastable_pair, shapes
from suites.ops.helpers import arrays
from suites.ops.oracles import broadcast_shape, can_cast, result_type
from suites.inputs import tensor_of

INPLACE_DTYPES = ALL_DTYPES


@check("ops.inplace.add-mutates")
@given(dtype=dtype_names(SIGNED_DTYPES), shape=shapes(1, 3, 1, 4), data=st.data())
def test_add_underscore_changes_self(xp, dtype, shape, data):
    a, b = data.draw(arrays(dtype, shape), label="y"), data.draw(arrays(dtype, shape), label="x")
    y, x = tensor_of(xp, a, dtype), tensor_of(xp, b, dtype)
    call = describe("y.add_", x) + f" with y = {describe('tensor', a)}"
    y.add_(x)
    assert_tensor(y, a + b, dtype=dtype, call=call + "; then y")
    assert_tensor(x, b, dtype=dtype, call=call + "; then x (unchanged)")


# name -> (args builder, NumPy result on self's array a and other's array b)
UNDERSCORE = {
    "add_": (lambda x, y: (y,), lambda a, b: a + b),
    "sub_": (lambda x, y: (y,), lambda a, b: a - b),
    "mul_": (lambda x, y: (y,), lambda a, b: a * b),
    "div_": (lambda x, y: (y,), lambda a, b: a / b),
    "copy_": (lambda x, y: (y,), lambda a, b: b),
    "zero_": (lambda x, y: (), lambda a, b: np.zeros_like(a)),
    "fill_": (lambda x, y: (2.5,), lambda a, b: np.full_like(a, 2.5)),
    "t_": (lambda x, y: (), lambda a, b: a.T),
}


@check("ops.inplace.returns-self")
@given(name=st.sampled_from(sorted(UNDERSCORE)), shape=shapes(2, 2, 1, 4), data=st.data())
def test_underscore_methods_return_self(xp, name, shape, data):
    a = data.draw(arrays("float32", shape), label="self")
    b = data.draw(arrays("float32", shape, 1, 9), label="other")
    x, y = tensor_of(xp, a, "float32"), tensor_of(xp, b, "float32")
    args = UNDERSCORE[name][0](x, y)
    call = describe(f"x.{name}", *args) + f" with x = {describe('tensor', a)}"
    got = getattr(x, name)(*args)
    assert_same_object(got, x, call=call)
    assert_tensor(x, UNDERSCORE[name][1](a, b), dtype="float32", call=call + "; then x")


@check("ops.inplace.plain-method-keeps-self")
@given(name=st.sampled_from(["add", "sub", "mul", "div"]), shape=shapes(1, 3, 1, 4), data=st.data())
def test_method_without_underscore_leaves_self(xp, name, shape, data):
    a = data.draw(arrays("float32", shape), label="self")
    b = data.draw(arrays("float32", shape, 1, 9), label="other")
    x, y = tensor_of(xp, a, "float32"), tensor_of(xp, b, "float32")
    call = describe(f"x.{name}", y) + f" with x = {describe('tensor', a)}"
    got = getattr(x, name)(y)
    assert_tensor(got, UNDERSCORE[name + "_"][1](a, b), dtype="float32", call=call)
    assert_tensor(x, a, dtype="float32", call=call + "; then x (must be unchanged)")


@st.composite
def copy_cases(draw):
    """(self shape, source array) where the source broadcasts to self's shape."""
    self_shape, src_shape = draw(broadcastable_pair(max_dims=3))
    return broadcast_shape(self_shape, src_shape), draw(arrays("int64", src_shape))


@check("ops.inplace.copy-and-t")
@given(case=copy_cases())
@example(case=((2, 3), np.array([7, 8, 9])))
def test_copy_underscore_and_t_underscore(xp, case):
    self_shape, b = case
    x = xp.zeros(self_shape, dtype=xp.int64)
    y = tensor_of(xp, b, "int64")
    call = describe("x.copy_", y) + f" with x = zeros({self_shape})"
    x.copy_(y)
    full = np.broadcast_to(b, self_shape)
    assert_tensor(x, full, dtype="int64", call=call + "; then x")
    if len(self_shape) == 2:
        x.t_()
        assert_tensor(x, full.T, dtype="int64", call=describe("x.t_") + f" with x = {describe('tensor', full)}; then x")


@check("ops.inplace.broadcasts-other")
@given(pair=broadcastable_pair(), op=st.sampled_from(["add_", "mul_", "sub_"]), data=st.data())
@example(pair=((5, 3, 4, 1), (3, 1, 1)), op="add_", data=None)
def test_inplace_broadcasts_the_other_operand(xp, pair, op, data):
    self_shape = broadcast_shape(*pair)  # self already has the broadcast shape: it need not grow
    other_shape = pair[1]
    if data is None:
        a, b = np.ones(self_shape, "int64"), np.ones(other_shape, "int64")
    else:
        a, b = data.draw(arrays("int64", self_shape), label="self"), data.draw(arrays("int64", other_shape), label="other")
    x, y = tensor_of(xp, a, "int64"), tensor_of(xp, b, "int64")
    call = describe(f"x.{op}", y) + f" with x of shape {self_shape}"
    getattr(x, op)(y)
    want = {"add_": np.add, "mul_": np.multiply, "sub_": np.subtract}[op](a, b)
    assert_tensor(x, want, dtype="int64", call=call + "; then x")


@check("ops.inplace.self-cannot-grow")
@given(pair=broadcastable_pair(), op=st.sampled_from(["add_", "mul_", "copy_"]))
@example(pair=((1, 3, 1), (3, 1, 7)), op="add_")
def test_inplace_self_cannot_grow(xp, pair, op):
    self_shape, other_shape = pair
    full = broadcast_shape(self_shape, other_shape)
    if full == tuple(self_shape):
        self_shape, other_shape = other_shape, self_shape  # make self the smaller one
        full = broadcast_shape(self_shape, other_shape)
    if full == tuple(self_shape):
        return  # equal shapes both ways: nothing to grow
    x = xp.ones(self_shape, dtype=xp.float32)
    y = xp.ones(other_shape, dtype=xp.float32)
    call = f"ones{tuple(self_shape)}.{op}(ones{tuple(other_shape)})"
    assert_raises(RuntimeError, getattr(x, op), y, call=call)
    assert_shape(x, self_shape, call=call + "; then self")


@check("ops.inplace.cast-keeps-self-dtype")
@given(self_dtype=dtype_names(INPLACE_DTYPES), other_dtype=dtype_names(INPLACE_DTYPES),
       op=st.sampled_from(["add_", "mul_"]), a=arrays("int64", (3,), 0, 5), b=arrays("int64", (3,), 0, 5))
@example(self_dtype="float32", other_dtype="int32", op="mul_", a=np.array([1, 2, 3]), b=np.array([2, 2, 2]))
@example(self_dtype="float32", other_dtype="float64", op="mul_", a=np.array([1, 2, 3]), b=np.array([2, 2, 2]))
@example(self_dtype="int32", other_dtype="int64", op="mul_", a=np.array([1, 2, 3]), b=np.array([2, 2, 2]))
@example(self_dtype="uint8", other_dtype="int32", op="mul_", a=np.array([1, 2, 3]), b=np.array([2, 2, 2]))
def test_inplace_keeps_self_dtype_when_castable(xp, self_dtype, other_dtype, op, a, b):
    dtypes.require(self_dtype, other_dtype)
    result = result_type([self_dtype, other_dtype])
    if not can_cast(result, self_dtype):
        return  # the forbidden direction is the next check's
    a, b = a.astype(dtypes.numpy_dtype(self_dtype)), b.astype(dtypes.numpy_dtype(other_dtype))
    x, y = tensor_of(xp, a, self_dtype), tensor_of(xp, b, other_dtype)
    call = describe(f"x.{op}", y) + f" with x = {describe('tensor', a)} (result type {result})"
    getattr(x, op)(y)
    exact = {"add_": np.add, "mul_": np.multiply}[op](a.astype(dtypes.numpy_dtype(result)), b.astype(dtypes.numpy_dtype(result)))
    assert_tensor(x, exact.astype(dtypes.numpy_dtype(self_dtype)), dtype=self_dtype, call=call + "; then x")


@check("ops.inplace.cast-to-lower-category-raises")
@given(self_dtype=dtype_names(INPLACE_DTYPES), other_dtype=dtype_names(INPLACE_DTYPES),
       op=st.sampled_from(["add_", "mul_"]))
@example(self_dtype="int32", other_dtype="float32", op="mul_")
@example(self_dtype="bool", other_dtype="int32", op="mul_")
@example(self_dtype="float32", other_dtype="complex64", op="mul_")
def test_inplace_into_lower_category_raises(xp, self_dtype, other_dtype, op):
    dtypes.require(self_dtype, other_dtype)
    result = result_type([self_dtype, other_dtype])
    if can_cast(result, self_dtype):
        return  # the allowed direction is the previous check's
    x = tensor_of(xp, np.array([1, 0, 1]), self_dtype)
    y = tensor_of(xp, np.array([1, 1, 0]), other_dtype)
    call = describe(f"x.{op}", y) + f" with x = {describe('tensor', [1, 0, 1])} of dtype {self_dtype} (result type {result})"
    assert_raises(RuntimeError, getattr(x, op), y, call=call)


@check("ops.inplace.cast-to-lower-category-raises")
@given(dtype=dtype_names(INTEGRAL_DTYPES), value=st.sampled_from([1.7, 0.5, 2.0, -3.0]))
@example(dtype="int64", value=1.7)
def test_int_add_float_scalar_in_place_raises(xp, dtype, value):
    dtypes.require(dtype)
    x = tensor_of(xp, np.array([1, 0, 1]), dtype)
    assert_raises(RuntimeError, x.add_, value, call=describe("x.add_", value) + f" with x of dtype {dtype}")
