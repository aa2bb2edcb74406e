"""Division and remainder: true division promotes integers to the default float dtype;
trunc/floor rounding modes, //, remainder (divisor's sign) and fmod (dividend's sign); integer
division by zero and negative integer powers raise (facts 2.22-2.26).

Expected values come from Python's own integer arithmetic (``//`` floors, ``%`` takes the
divisor's sign), which is the documented rule, on small integer-valued inputs."""
import math

import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import FULL_FLOAT_DTYPES, INTEGRAL_DTYPES, INT_DTYPES, SIGNED_DTYPES, SIGNED_INT_DTYPES
from conformance.strategies import dtype_names
from conformance.assertions import assert_raises, assert_tensor, describe
from suites.inputs import tensor_of

NUMS = st.lists(st.integers(-20, 20), min_size=1, max_size=6)
DIVISORS = st.integers(-7, 7).filter(lambda v: v != 0)


def _trunc(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


@check("ops.div.true-division")
@given(dtype=dtype_names(INTEGRAL_DTYPES), nums=NUMS, d=DIVISORS, how=st.sampled_from(["/", "div", "div-none"]))
@example(dtype="int64", nums=[5, -5], d=2, how="/")
def test_true_division_promotes_integers(xp, dtype, nums, d, how):
    dtypes.require(dtype)
    if dtype == "uint8":
        nums, d = [abs(n) for n in nums], abs(d)
    if dtype == "bool":
        nums, d = [n % 2 for n in nums], 1
    x = tensor_of(xp, np.array(nums), dtype)
    got = {"/": lambda: x / d, "div": lambda: xp.div(x, d), "div-none": lambda: xp.div(x, d, rounding_mode=None)}[how]()
    want = np.array([n / d for n in nums], dtype="float32")
    assert_tensor(got, want, dtype="float32", call=describe({"/": "x / d", "div": "torch.div", "div-none": "torch.div"}[how], x, d))


@check("ops.div.true-division")
@given(dtype=dtype_names(FULL_FLOAT_DTYPES), nums=NUMS, d=DIVISORS)
def test_true_division_keeps_float_dtype(xp, dtype, nums, d):
    x, y = tensor_of(xp, np.array(nums), dtype), tensor_of(xp, np.array([d]), dtype)
    assert_tensor(x / y, np.array(nums, dtype=dtype) / np.array([d], dtype=dtype), dtype=dtype, call=describe("x / y", x, y))


@check("ops.div.rounding-modes")
@given(dtype=dtype_names(SIGNED_DTYPES), nums=NUMS, d=DIVISORS, tensor_divisor=st.booleans())
@example(dtype="int64", nums=[5, -5], d=2, tensor_divisor=False)
def test_trunc_and_floor_rounding_modes(xp, dtype, nums, d, tensor_divisor):
    dtypes.require(dtype)
    x = tensor_of(xp, np.array(nums), dtype)
    y = tensor_of(xp, np.array([d]), dtype) if tensor_divisor else d
    for mode, rule in (("trunc", _trunc), ("floor", lambda a, b: a // b)):
        got = xp.div(x, y, rounding_mode=mode)
        assert_tensor(got, np.array([rule(n, d) for n in nums], dtype=dtype), dtype=dtype,
                      call=describe("torch.div", x, y, rounding_mode=mode))


@check("ops.div.floor-divide")
@given(dtype=dtype_names(SIGNED_DTYPES), nums=NUMS, d=DIVISORS, how=st.sampled_from(["//", "floor_divide"]))
@example(dtype="int64", nums=[-7], d=2, how="//")
def test_floor_division_floors(xp, dtype, nums, d, how):
    dtypes.require(dtype)
    x = tensor_of(xp, np.array(nums), dtype)
    got = x // d if how == "//" else xp.floor_divide(x, d)
    assert_tensor(got, np.array([n // d for n in nums], dtype=dtype), dtype=dtype,
                  call=describe("x // d" if how == "//" else "torch.floor_divide", x, d))


@check("ops.div.remainder-and-fmod")
@given(dtype=dtype_names(SIGNED_DTYPES), nums=NUMS, d=DIVISORS)
@example(dtype="int64", nums=[-3, -2, -1, 1, 2, 3], d=2)
@example(dtype="float32", nums=[-3, 3], d=-2)
def test_remainder_takes_divisor_sign_fmod_dividend_sign(xp, dtype, nums, d):
    dtypes.require(dtype)
    x = tensor_of(xp, np.array(nums), dtype)
    assert_tensor(xp.remainder(x, d), np.array([n % d for n in nums], dtype=dtype), dtype=dtype,
                  call=describe("torch.remainder", x, d))
    assert_tensor(x % d, np.array([n % d for n in nums], dtype=dtype), dtype=dtype, call=describe("x % d", x, d))
    assert_tensor(xp.fmod(x, d), np.array([math.copysign(abs(n) % abs(d), n) if n else 0 for n in nums], dtype=dtype),
                  dtype=dtype, call=describe("torch.fmod", x, d))


@check("ops.div.integer-zero-raises")
@given(dtype=dtype_names(INT_DTYPES), nums=st.lists(st.integers(0, 9), min_size=1, max_size=4),
       how=st.sampled_from(["//", "floor_divide", "trunc", "floor"]), tensor_zero=st.booleans())
@example(dtype="int64", nums=[1], how="//", tensor_zero=False)
def test_integer_division_by_zero_raises(xp, dtype, nums, how, tensor_zero):
    dtypes.require(dtype)
    x = tensor_of(xp, np.array(nums), dtype)
    zero = tensor_of(xp, np.array([0]), dtype) if tensor_zero else 0
    fn = {"//": lambda: x // zero, "floor_divide": lambda: xp.floor_divide(x, zero),
          "trunc": lambda: xp.div(x, zero, rounding_mode="trunc"), "floor": lambda: xp.div(x, zero, rounding_mode="floor")}[how]
    assert_raises(RuntimeError, fn, call=describe({"//": "x // 0", "floor_divide": "torch.floor_divide",
                                                   "trunc": "torch.div(rounding_mode='trunc')",
                                                   "floor": "torch.div(rounding_mode='floor')"}[how], x, zero))


@check("ops.div.true-division-by-zero")
@given(dtype=dtype_names(SIGNED_INT_DTYPES), nums=st.lists(st.integers(-5, 5), min_size=1, max_size=5))
@example(dtype="int64", nums=[1, -1, 0])
def test_true_division_by_integer_zero_is_inf(xp, dtype, nums):
    dtypes.require(dtype)
    x = tensor_of(xp, np.array(nums), dtype)
    want = np.array([math.inf if n > 0 else -math.inf if n < 0 else math.nan for n in nums], dtype="float32")
    assert_tensor(x / 0, want, dtype="float32", call=describe("x / 0", x), equal_nan=True)


@check("ops.pow.int-negative-exponent-raises")
@given(dtype=dtype_names(SIGNED_INT_DTYPES), nums=st.lists(st.integers(1, 5), min_size=1, max_size=4), e=st.integers(-4, -1),
       how=st.sampled_from(["**", "pow"]))
@example(dtype="int64", nums=[2], e=-1, how="**")
def test_integer_to_negative_integer_power_raises(xp, dtype, nums, e, how):
    dtypes.require(dtype)
    x = tensor_of(xp, np.array(nums), dtype)
    fn = (lambda: x ** e) if how == "**" else (lambda: xp.pow(x, e))
    assert_raises(RuntimeError, fn, call=describe("x ** e" if how == "**" else "torch.pow", x, e))
