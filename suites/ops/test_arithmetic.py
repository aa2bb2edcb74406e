"""Element-wise arithmetic: x + y, torch.add / Tensor.add, alpha, -, *, comparisons, bool
subtraction, and NumPy-style column indexing (tutorial T10, T11, T17; facts 2.1, 2.2, 2.27)."""
import operator

import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import (COMPLEX_DTYPES, CORE_DTYPES, FLOAT_DTYPES, INT_DTYPES, NUMERIC_DTYPES, SIGNED_DTYPES,
                                SIGNED_INT_DTYPES)
from conformance.assertions import assert_raises, assert_tensor, describe, expect, is_tensor
from conformance.strategies import dtype_names, shapes
from suites.ops.helpers import arrays
from suites.inputs import tensor_of

SAME_DTYPES = NUMERIC_DTYPES + COMPLEX_DTYPES


@st.composite
def same_dtype_operands(draw, dtypes=SAME_DTYPES, low=-9, high=9):
    dtype = draw(dtype_names(dtypes))
    shape = draw(shapes(max_dims=3, max_side=4))
    return dtype, draw(arrays(dtype, shape, low, high)), draw(arrays(dtype, shape, low, high))


@check("ops.add.operator")
@given(case=same_dtype_operands())
@example(case=("float32", np.array([[1.5, 2.0], [3.0, -4.0]], "float32"), np.array([[0.5, 1.0], [-3.0, 4.25]], "float32")))
def test_plus_operator_adds_elementwise(xp, case):
    dtype, a, b = case
    dtypes.require(dtype)
    x, y = tensor_of(xp, a, dtype), tensor_of(xp, b, dtype)
    assert_tensor(x + y, a + b, dtype=dtype, call=describe("x + y", x, y))


@check("ops.add.function-and-method")
@given(case=same_dtype_operands())
def test_add_function_and_method_equal_sum(xp, case):
    dtype, a, b = case
    x, y = tensor_of(xp, a, dtype), tensor_of(xp, b, dtype)
    for name, fn in (("torch.add", lambda: xp.add(x, y)), ("x.add", lambda: x.add(y))):
        call = describe(name, x, y)
        got = fn()
        expect(got is not x and got is not y, call=call, expected="a new tensor", got="one of its inputs")
        assert_tensor(got, a + b, dtype=dtype, call=call)
    assert_tensor(x, a, dtype=dtype, call=describe("x after torch.add(x, y) / x.add(y)", x, y))


@check("ops.add.alpha")
@given(case=same_dtype_operands(dtypes=SIGNED_DTYPES), alpha=st.integers(-3, 3),
       float_alpha=st.booleans())
@example(case=("float32", np.array([1.0, 2.0], "float32"), np.array([10.0, 20.0], "float32")), alpha=2, float_alpha=True)
def test_alpha_scales_the_second_operand(xp, case, alpha, float_alpha):
    dtype, a, b = case
    dtypes.require(dtype)
    k = float(alpha) + (0.5 if float_alpha and dtypes.is_floating(dtype) else 0.0)
    k = k if dtypes.is_floating(dtype) else int(alpha)
    x, y = tensor_of(xp, a, dtype), tensor_of(xp, b, dtype)
    kb = (b.astype("float64") * k)
    assert_tensor(xp.add(x, y, alpha=k), (a.astype("float64") + kb).astype(dtype), dtype=dtype,
                  call=describe("torch.add", x, y, alpha=k))
    assert_tensor(xp.sub(x, y, alpha=k), (a.astype("float64") - kb).astype(dtype), dtype=dtype,
                  call=describe("torch.sub", x, y, alpha=k))


@check("ops.add.alpha-float-with-ints-raises")
@given(dtype=dtype_names(INT_DTYPES), alpha=st.sampled_from([0.5, 1.5, -2.0, 1.0]),
       op=st.sampled_from(["add", "sub"]))
def test_float_alpha_with_integer_inputs_raises(xp, dtype, alpha, op):
    x = tensor_of(xp, np.array([1, 2, 3]), dtype)
    y = tensor_of(xp, np.array([4, 5, 6]), dtype)
    assert_raises(RuntimeError, getattr(xp, op), x, y, alpha=alpha, call=describe(f"torch.{op}", x, y, alpha=alpha))


@check("ops.arith.sub-mul")
@given(case=same_dtype_operands(dtypes=SIGNED_INT_DTYPES + FLOAT_DTYPES + COMPLEX_DTYPES,
                                low=-9, high=9))
def test_minus_and_times_elementwise(xp, case):
    dtype, a, b = case
    x, y = tensor_of(xp, a, dtype), tensor_of(xp, b, dtype)
    assert_tensor(x - y, a - b, dtype=dtype, call=describe("x - y", x, y))
    assert_tensor(x * y, a * b, dtype=dtype, call=describe("x * y", x, y))


@check("ops.arith.bool-sub-raises")
@given(a=arrays("bool", (3,)), b=arrays("bool", (3,)))
def test_bool_minus_bool_raises(xp, a, b):
    x, y = tensor_of(xp, a, "bool"), tensor_of(xp, b, "bool")
    assert_raises(RuntimeError, lambda: x - y, call=describe("x - y", x, y))
    assert_raises(RuntimeError, xp.sub, x, y, call=describe("torch.sub", x, y))


COMPARISONS = {"==": np.equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}
OPERATORS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


@check("ops.compare.bool-result")
@given(dtype=dtype_names(CORE_DTYPES), op=st.sampled_from(sorted(COMPARISONS)),
       data=st.data())
def test_comparisons_return_bool(xp, dtype, op, data):
    a = data.draw(arrays(dtype, data.draw(shapes(1, 3, 1, 3))), label="a")
    b = data.draw(arrays(dtype, a.shape[-1:]), label="b")  # broadcasts along the leading dims
    x, y = tensor_of(xp, a, dtype), tensor_of(xp, b, dtype)
    got = OPERATORS[op](x, y)
    assert_tensor(got, COMPARISONS[op](a, b), dtype="bool", call=describe(f"x {op} y", x, y))


@check("ops.index.column")
@given(shape=shapes(2, 2, 1, 5), data=st.data())
def test_column_and_row_indexing(xp, shape, data):
    a = data.draw(arrays("float32", shape))
    j = data.draw(st.integers(-shape[1], shape[1] - 1), label="j")
    i = data.draw(st.integers(-shape[0], shape[0] - 1), label="i")
    x = tensor_of(xp, a, "float32")
    got = x[:, j]
    expect(is_tensor(got), call=describe(f"x[:, {j}]", x), expected="a tensor", got=type(got).__name__)
    assert_tensor(got, a[:, j], dtype="float32", call=describe(f"x[:, {j}]", x))
    assert_tensor(x[i], a[i], dtype="float32", call=describe(f"x[{i}]", x))
