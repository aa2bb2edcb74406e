"""Element-wise binary and ternary ops (ops.binary.*, and the division and comparison behaviours of
ops.toml): one OpSpec row per op, every row run through each generic protocol of
``suites/ops/opspec.py`` (values, result dtype, in-place, out=, broadcasting, 0-d/empty).

``equal`` and ``allclose`` answer a Python bool, not a tensor: they have their own checks below.
"""
from __future__ import annotations

import operator

import numpy as np
import pytest
from hypothesis import given, strategies as st

from conformance import check
from conformance.dtypes import (FULL_FLOAT_DTYPES, FLOAT_DTYPES as FLOATS, INT_DTYPES as INTS,
                                INTEGRAL_DTYPES as INTEGRAL, REAL_DTYPES as REAL, numpy_dtype)
from conformance.assertions import describe, expect
from conformance.strategies import dtype_names
from suites.inputs import tensor_of
from suites.ops import elementwise_oracles as O
from suites.ops import opspec
from suites.ops import series_oracles as S
from suites.ops.opspec import OpSpec, binary, bool_result, first_operand, promoted

INF, NAN = float("inf"), float("nan")
NUMERIC = INTS + FLOATS
SAME = first_operand
NO_INPLACE = frozenset({"function", "method", "out"})
NAN_PAIRS = ((NAN, 1.0, NAN, -0.0, 0.0), (1.0, NAN, NAN, 0.0, -0.0))
SIGNS = ((-3.0, 3.0, -3.0, 3.0, -0.5), (2.0, -2.0, -2.0, 2.0, 2.0))


def row(op: OpSpec, mark: pytest.MarkDecorator) -> object:
    return pytest.param(op, id=op.id, marks=mark)


def _isclose(a, b):
    return np.isclose(a.astype(np.float64), b.astype(np.float64), rtol=1e-05, atol=1e-08)


def _where(condition, a, b):
    return np.where(condition != 0, a, b)


def _clamp(x, min, max):  # noqa: A002 - torch's keyword names
    return O.clamp(x, min, max)


def _trunc_divide(a, b, rounding_mode):
    return np.trunc(a / b) if a.dtype.kind == "f" else np.sign(a) * np.sign(b) * (np.abs(a) // np.abs(b))


BINARY = [
    row(binary("atan2", np.arctan2, aliases=("arctan2",), pinned=((0.0, -0.0, 1.0, -1.0), (-1.0, -1.0, 0.0, -0.0))),
        check("ops.binary.atan2")),
    row(binary("hypot", np.hypot, dtypes=FLOATS, pinned=((INF, 3.0), (NAN, 4.0))), check("ops.binary.hypot")),
    row(binary("logaddexp", np.logaddexp, dtypes=FLOATS, variants=NO_INPLACE, domain=(-9, 9),
               pinned=((-INF, 1.0), (-INF, INF))), check("ops.binary.logaddexp")),
    row(binary("logaddexp2", np.logaddexp2, dtypes=FLOATS, variants=NO_INPLACE, domain=(-9, 9),
               pinned=((-INF, 1.0), (-INF, INF))), check("ops.binary.logaddexp2")),
    row(binary("maximum", np.maximum, dtypes=REAL, result=promoted, variants=NO_INPLACE, pinned=NAN_PAIRS),
        check("ops.binary.maximum-minimum")),
    row(binary("minimum", np.minimum, dtypes=REAL, result=promoted, variants=NO_INPLACE, pinned=NAN_PAIRS),
        check("ops.binary.maximum-minimum")),
    row(binary("fmax", np.fmax, dtypes=REAL, result=promoted, variants=NO_INPLACE, pinned=NAN_PAIRS),
        check("ops.binary.fmax-fmin")),
    row(binary("fmin", np.fmin, dtypes=REAL, result=promoted, variants=NO_INPLACE, pinned=NAN_PAIRS),
        check("ops.binary.fmax-fmin")),
    row(binary("copysign", np.copysign, pinned=((1.0, 2.0, -3.0), (-0.0, NAN, 0.0))), check("ops.binary.copysign")),
    row(binary("nextafter", np.nextafter, dtypes=FULL_FLOAT_DTYPES, pinned=((1.0, 0.0, 1.0), (2.0, -1.0, 1.0)),
               native=True, tolerance={"float32": (0, 0), "float64": (0, 0)}), check("ops.binary.nextafter")),
    row(binary("ldexp", lambda x, e: x * np.exp2(e), dtypes=NUMERIC, domains=((-4, 4), (-6, 6))),
        check("ops.binary.ldexp")),
    row(binary("xlogy", O.xlogy, aliases=("special.xlogy",), domains=((-4, 4), (0, 9)),
               pinned=((0.0, 0.0, 2.0, 1.5), (NAN, 0.0, 0.0, -1.0))), check("ops.binary.xlogy")),
    row(binary("special.xlog1py", O.xlog1py, variants=frozenset({"function", "out"}), domains=((-4, 4), (-0.9, 9)),
               pinned=((0.0, 0.0, 2.0), (NAN, -1.0, -1.0))), check("ops.binary.special-xlog1py")),
    row(binary("float_power", np.power, result=lambda *d: "float64", domains=((-4, 4), (-3, 3)),
               pinned=((0.0, -8.0, 2.0), (-1.0, 1 / 3, 0.5))), check("ops.binary.float-power")),
    row(binary("true_divide", np.true_divide, aliases=("divide",), operator=operator.truediv, pinned=((1.0, -1.0, 0.0), (0.0, 0.0, 0.0))),
        check("ops.binary.true-divide")),
    row(binary("pow", np.power, dtypes=NUMERIC, result=promoted, operator=operator.pow, domains=((-4, 4), (0, 3)),
               pinned=((0.0, -2.0, 4.0, NAN), (-1.0, 0.5, -0.5, 0.0))), check("ops.binary.pow")),
    row(binary("bitwise_and", np.bitwise_and, dtypes=INTEGRAL, result=promoted, operator=operator.and_),
        check("ops.binary.bitwise-and-or-xor")),
    row(binary("bitwise_or", np.bitwise_or, dtypes=INTEGRAL, result=promoted, operator=operator.or_),
        check("ops.binary.bitwise-and-or-xor")),
    row(binary("bitwise_xor", np.bitwise_xor, dtypes=INTEGRAL, result=promoted, operator=operator.xor),
        check("ops.binary.bitwise-and-or-xor")),
    row(binary("bitwise_left_shift", np.left_shift, dtypes=INTS, result=promoted, operator=operator.lshift,
               domains=((-4, 4), (0, 3))), check("ops.binary.bitwise-shifts")),
    row(binary("bitwise_right_shift", np.right_shift, dtypes=INTS, result=promoted, operator=operator.rshift,
               domains=((-9, 9), (0, 3))), check("ops.binary.bitwise-shifts")),
    row(binary("logical_and", np.logical_and, result=bool_result, pinned=NAN_PAIRS),
        check("ops.binary.logical-and-or-xor")),
    row(binary("logical_or", np.logical_or, result=bool_result, pinned=NAN_PAIRS),
        check("ops.binary.logical-and-or-xor")),
    row(binary("logical_xor", np.logical_xor, result=bool_result, pinned=NAN_PAIRS),
        check("ops.binary.logical-and-or-xor")),
    row(binary("heaviside", O.heaviside, result=promoted, domains=((-2, 2), (-4, 4)), mixed=False,
               pinned=((0.0, -0.0, NAN, -INF), (0.5, 0.5, 0.5, 0.5))), check("ops.binary.heaviside")),
    row(binary("gcd", np.gcd, dtypes=INTS, result=promoted), check("ops.binary.gcd-lcm")),
    row(binary("lcm", np.lcm, dtypes=INTS, result=promoted), check("ops.binary.gcd-lcm")),
    row(binary("isclose", _isclose, result=bool_result, variants=frozenset({"function", "method"}), mixed=False,
               pinned=((1.0, 1.0, NAN, INF, INF), (1.000001, 1.1, NAN, INF, -INF))), check("ops.binary.isclose")),
    row(binary("clamp", _clamp, dtypes=NUMERIC, result=SAME, aliases=("clip",), domains=((0, 4),),
               kwargs={"min": 1, "max": 3}, label="clamp(scalars)", pinned=((NAN, -INF, INF),)),
        check("ops.binary.clamp")),
    row(binary("clamp", _clamp, dtypes=NUMERIC, result=SAME, aliases=("clip",), domains=((0, 4),),
               kwargs={"min": 3, "max": 1}, label="clamp(min>max)"), check("ops.binary.clamp")),
    row(binary("clamp", O.clamp, dtypes=NUMERIC, result=promoted, aliases=("clip",), domains=((-4, 4), (-4, 0), (0, 4)),
               label="clamp(tensors)", pinned=((5.0, -5.0, 1.0), (0.0, 0.0, 2.0), (1.0, 1.0, -1.0))),
        check("ops.binary.clamp")),
    row(binary("where", _where, dtypes=REAL, result=lambda c, a, b: promoted(a, b), operand_dtypes=("bool",),
               variants=frozenset({"function", "out"}), domains=((0, 1), (-4, 4), (-4, 4))), check("ops.binary.where")),
    row(binary("lerp", lambda s, e, w: s + w * (e - s), dtypes=FLOATS, result=SAME, domains=((-4, 4), (-4, 4), (0, 1))),
        check("ops.binary.lerp")),
    # float16: the docs leave the intermediate precision open (float16 or float32), so a cancelling sum is
    # only good to a few units in the last place of its largest term (|value * a * b| <= 32 here)
    row(binary("addcmul", lambda x, a, b, value: x + value * a * b, dtypes=NUMERIC, result=promoted,
               domains=((-4, 4),) * 3, kwargs={"value": 2}, tolerance={"float16": (4e-3, 5e-2)}), check("ops.binary.addcmul")),
    row(binary("addcdiv", lambda x, a, b, value: x + value * a / b, dtypes=FLOATS, result=promoted,
               domains=((-4, 4), (-4, 4), (0.5, 4)), kwargs={"value": 2}, tolerance={"float16": (4e-3, 5e-2)}),
        check("ops.binary.addcdiv")),
    row(binary("div", _trunc_divide, dtypes=NUMERIC, result=promoted, kwargs={"rounding_mode": "trunc"},
               label="div(trunc)", nonzero=(1,), pinned=SIGNS), check("ops.div.rounding-modes")),
    row(binary("div", lambda a, b, rounding_mode: np.floor_divide(a, b), dtypes=NUMERIC, result=promoted,
               kwargs={"rounding_mode": "floor"}, label="div(floor)", nonzero=(1,), pinned=SIGNS),
        check("ops.div.rounding-modes")),
    row(binary("fmod", np.fmod, dtypes=NUMERIC, result=promoted, nonzero=(1,), pinned=SIGNS),
        check("ops.div.remainder-and-fmod")),
    row(binary("remainder", np.remainder, dtypes=NUMERIC, result=promoted, operator=operator.mod, nonzero=(1,),
               pinned=SIGNS), check("ops.div.remainder-and-fmod")),
    row(binary("add", np.add, result=promoted, operator=operator.add), check("ops.binary.add-forms")),
    row(binary("sub", np.subtract, dtypes=NUMERIC, result=promoted, aliases=("subtract",), operator=operator.sub),
        check("ops.binary.sub-forms")),
    row(binary("mul", np.multiply, result=promoted, aliases=("multiply",), operator=operator.mul),
        check("ops.binary.mul-forms")),
    row(binary("floor_divide", np.floor_divide, dtypes=NUMERIC, result=promoted, operator=operator.floordiv,
               nonzero=(1,), pinned=SIGNS), check("ops.div.floor-divide-forms")),
    row(binary("igamma", S.gammainc, dtypes=FULL_FLOAT_DTYPES, aliases=("special.gammainc",), result=promoted,
               domains=((0.5, 5), (0, 6)), pinned=((1.0, 2.5, 0.5), (0.0, 2.0, 9.0))), check("ops.binary.igamma")),
    row(binary("igammac", S.gammaincc, dtypes=FULL_FLOAT_DTYPES, aliases=("special.gammaincc",), result=promoted,
               domains=((0.5, 5), (0, 6)), pinned=((1.0, 2.5, 0.5), (0.0, 2.0, 9.0))), check("ops.binary.igamma")),
    row(binary("eq", np.equal, result=bool_result, operator=operator.eq, pinned=NAN_PAIRS), check("ops.compare.bool-result")),
    row(binary("ne", np.not_equal, aliases=("not_equal",), result=bool_result, operator=operator.ne, pinned=NAN_PAIRS),
        check("ops.compare.bool-result")),
    row(binary("lt", np.less, aliases=("less",), result=bool_result, operator=operator.lt, pinned=NAN_PAIRS),
        check("ops.compare.bool-result")),
    row(binary("le", np.less_equal, aliases=("less_equal",), result=bool_result, operator=operator.le, pinned=NAN_PAIRS),
        check("ops.compare.bool-result")),
    row(binary("gt", np.greater, aliases=("greater",), result=bool_result, operator=operator.gt, pinned=NAN_PAIRS),
        check("ops.compare.bool-result")),
    row(binary("ge", np.greater_equal, aliases=("greater_equal",), result=bool_result, operator=operator.ge, pinned=NAN_PAIRS),
        check("ops.compare.bool-result")),
]


@pytest.mark.parametrize("op", BINARY)
@opspec.DRAWN
@given(data=st.data())
def test_binary_values_match_oracle(xp, op, data):
    opspec.check_values(xp, op, data)


@pytest.mark.parametrize("op", BINARY)
def test_binary_result_dtype(xp, op):
    opspec.check_result_dtype(xp, op)


@pytest.mark.parametrize("op", opspec.mixing(BINARY))
def test_binary_mixed_dtypes_promote(xp, op):
    opspec.check_mixed_result_dtype(xp, op)


@pytest.mark.parametrize("op", opspec.having(BINARY, "inplace"))
def test_binary_inplace_writes_self(xp, op):
    opspec.check_inplace(xp, op)


@pytest.mark.parametrize("op", opspec.having(BINARY, "out"))
def test_binary_out_writes_out(xp, op):
    opspec.check_out(xp, op)


@pytest.mark.parametrize("op", opspec.broadcasting(BINARY))
@opspec.DRAWN
@given(data=st.data())
def test_binary_broadcasts(xp, op, data):
    opspec.check_broadcasting(xp, op, data)


@pytest.mark.parametrize("op", BINARY)
def test_binary_zero_dim_and_empty(xp, op):
    opspec.check_zero_dim_and_empty(xp, op)


# ---------------------------------------------------------------- Python-bool answers
@check("ops.binary.equal")
@given(values=st.lists(st.integers(-3, 3), min_size=4, max_size=4), dtype=dtype_names(REAL))
def test_equal_is_same_shape_and_elements(xp, values, dtype):
    a = np.array(values).astype(numpy_dtype(dtype))
    changed = a.copy()
    changed[0] = not changed[0] if dtype == "bool" else changed[0] + 1
    for b in (a.copy(), changed, a.reshape(2, 2)):
        x, y = tensor_of(xp, a, dtype), tensor_of(xp, b, dtype)
        want = a.shape == b.shape and bool((a == b).all())
        for label, got in (("torch.equal", xp.equal(x, y)), ("Tensor.equal", x.equal(y))):
            expect(type(got) is bool and got == want, call=describe(label, x, y), expected=want, got=repr(got))


@check("ops.binary.allclose")
@given(values=st.lists(st.integers(-3, 3), min_size=4, max_size=4))
def test_allclose_is_every_element_close(xp, values):
    a = np.array(values, dtype=np.float64)
    for scale in (0.0, 1e-9, 1e-6, 1e-3):
        b = a.copy()
        b[-1] += scale
        x, y = tensor_of(xp, a, "float64"), tensor_of(xp, b, "float64")
        want = bool(np.all(np.abs(a - b) <= 1e-08 + 1e-05 * np.abs(b)))
        for label, got in (("torch.allclose", xp.allclose(x, y)), ("Tensor.allclose", x.allclose(y))):
            expect(type(got) is bool and got == want, call=describe(label, x, y), expected=want, got=repr(got))
