"""Type promotion of element-wise ops: dimensioned operands, Python scalars, 0-dim tensors,
value independence and the helpers promote_types / result_type / can_cast (facts 2.13-2.18, 2.21).

The expected dtype always comes from ``suites/ops/oracles.py``, a plain-Python statement of the
documented rule; never from NumPy (whose rules for 0-dim arrays and scalars differ) nor the backend.
"""
import itertools

import numpy as np
from hypothesis import assume, example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import INT_DTYPES, PROMOTION_DTYPES
from conformance.assertions import assert_dtype, assert_tensor, describe, dtype_name, expect
from conformance.strategies import dtype_names, shapes
from suites.ops.helpers import arrays
from suites.ops.oracles import can_cast, promote_types, result_type
from suites.inputs import tensor_of

VALUE_DTYPES = tuple(d for d in PROMOTION_DTYPES if d != "bfloat16")  # no NumPy bfloat16 to read values with


def _values_and_dtype(got, want_dtype, a, b, op, call):
    """The result has the oracle's dtype and, where readable, the exact values computed in it."""
    assert_dtype(got, want_dtype, call=call)
    if want_dtype in VALUE_DTYPES:
        wd = dtypes.numpy_dtype(want_dtype)
        want = op(np.asarray(a).astype(wd), np.asarray(b).astype(wd))
        assert_tensor(got, want, dtype=want_dtype, call=call)


@check("ops.promotion.dimensioned")
def test_promotion_table_all_dimensioned_pairs(xp):
    """Every pair of the covered dtypes, both orders, through + and torch.mul: the whole table at once."""
    wrong = []
    for a, b in itertools.product(dtypes.supported(PROMOTION_DTYPES), repeat=2):
        x, y = xp.ones((2,), dtype=getattr(xp, a)), xp.ones((2,), dtype=getattr(xp, b))
        want = result_type([a, b])
        for name, fn in (("+", lambda: x + y), ("torch.mul", lambda: xp.mul(x, y))):
            got = dtype_name(fn())
            if got != want:
                wrong.append(f"ones(2, {a}) {name} ones(2, {b}): {got}, expected {want}")
    expect(not wrong, call="x + y and torch.mul(x, y) for every dimensioned dtype pair", expected="the documented table",
           got=f"{len(wrong)} wrong", detail="\n".join(wrong[:12]))


@check("ops.promotion.dimensioned")
@given(a_dtype=dtype_names(PROMOTION_DTYPES), b_dtype=dtype_names(PROMOTION_DTYPES),
       shape=shapes(1, 3, 1, 3), op=st.sampled_from(["+", "*"]), data=st.data())
@example(a_dtype="uint8", b_dtype="int8", shape=(2,), op="+", data=None)
@example(a_dtype="int64", b_dtype="float32", shape=(2,), op="+", data=None)
@example(a_dtype="float16", b_dtype="int64", shape=(2,), op="+", data=None)
@example(a_dtype="bfloat16", b_dtype="float16", shape=(2,), op="+", data=None)
def test_promotion_dimensioned_values(xp, a_dtype, b_dtype, shape, op, data):
    dtypes.require(a_dtype, b_dtype)
    if data is None:
        a, b = np.array([3, 1]).astype(dtypes.numpy_dtype(a_dtype)), np.array([2, 1]).astype(dtypes.numpy_dtype(b_dtype))
    else:
        a = data.draw(arrays(a_dtype, shape, 0, 9), label="a")
        b = data.draw(arrays(b_dtype, shape, 0, 9), label="b")
    x, y = tensor_of(xp, a, a_dtype), tensor_of(xp, b, b_dtype)
    got = x + y if op == "+" else x * y
    _values_and_dtype(got, result_type([a_dtype, b_dtype]), a, b, np.add if op == "+" else np.multiply,
                      describe(f"x {op} y", x, y))


SCALARS = (True, False, 0, 5, -1, 2.5, -1.0, 1j, 2 + 1j)


@check("ops.promotion.python-scalar")
@given(dtype=dtype_names(PROMOTION_DTYPES), scalar=st.sampled_from(SCALARS), zero_dim=st.booleans(),
       reflected=st.booleans())
@example(dtype="int32", scalar=5, zero_dim=False, reflected=False)
@example(dtype="int32", scalar=2.5, zero_dim=False, reflected=False)
@example(dtype="float64", scalar=1j, zero_dim=False, reflected=False)
@example(dtype="int32", scalar=1j, zero_dim=False, reflected=False)
@example(dtype="bool", scalar=5, zero_dim=False, reflected=False)
def test_python_scalar_promotion(xp, dtype, scalar, zero_dim, reflected):
    dtypes.require(dtype)
    want = result_type([] if zero_dim else [dtype], [dtype] if zero_dim else [], [scalar])
    assume(want is not None)  # half floats meeting complex: left open by the docs
    shape = () if zero_dim else (2,)
    a = np.ones(shape, dtype=dtypes.numpy_dtype(dtype))
    x = tensor_of(xp, a, dtype)
    got = scalar + x if reflected else x + scalar
    call = describe(f"{scalar!r} + x" if reflected else f"x + {scalar!r}", x)
    assert_dtype(got, want, call=call)
    if want in VALUE_DTYPES:
        wd = dtypes.numpy_dtype(want)
        assert_tensor(got, a.astype(wd) + np.asarray(scalar).astype(wd), dtype=want, call=call)


@check("ops.promotion.zero-dim")
@given(dim_dtype=dtype_names(PROMOTION_DTYPES), zero_dtype=dtype_names(PROMOTION_DTYPES),
       zero_first=st.booleans(), both_zero_dim=st.booleans())
@example(dim_dtype="int32", zero_dtype="float64", zero_first=False, both_zero_dim=False)
@example(dim_dtype="float32", zero_dtype="float64", zero_first=False, both_zero_dim=False)
@example(dim_dtype="int32", zero_dtype="int64", zero_first=False, both_zero_dim=False)
@example(dim_dtype="int8", zero_dtype="uint8", zero_first=False, both_zero_dim=False)
def test_zero_dim_tensor_promotion(xp, dim_dtype, zero_dtype, zero_first, both_zero_dim):
    dtypes.require(dim_dtype, zero_dtype)
    if both_zero_dim:
        want = result_type([], [dim_dtype, zero_dtype])
    else:
        want = result_type([dim_dtype], [zero_dtype])
    assume(want is not None)
    a = np.full(() if both_zero_dim else (2,), 2).astype(dtypes.numpy_dtype(dim_dtype))
    b = np.asarray(1).astype(dtypes.numpy_dtype(zero_dtype))
    x, z = tensor_of(xp, a, dim_dtype), tensor_of(xp, b, zero_dtype)
    got = z + x if zero_first else x + z
    call = describe("z + x" if zero_first else "x + z", *((z, x) if zero_first else (x, z)))
    _values_and_dtype(got, want, a, b, np.add, call)


@check("ops.promotion.value-independent")
@given(dtype=dtype_names(INT_DTYPES), scalar=st.integers(-300, 300),
       data=st.data())
@example(dtype="uint8", scalar=-1, data=None)
def test_result_dtype_ignores_values(xp, dtype, scalar, data):
    dtypes.require(dtype)
    a = np.array([0, 1, 2]) if data is None else data.draw(arrays(dtype, (3,), 0, 9), label="a")
    a = a.astype(dtypes.numpy_dtype(dtype))
    x = tensor_of(xp, a, dtype)
    call = describe(f"x + {scalar}", x)
    got = x + scalar
    # the documented dtype, whatever the value; values wrap modulo 2**bits like a C cast
    info = np.iinfo(dtypes.numpy_dtype(dtype))
    span = int(info.max) - int(info.min) + 1
    want = [((int(v) + scalar - int(info.min)) % span) + int(info.min) for v in a]
    assert_tensor(got, np.array(want, dtype=dtypes.numpy_dtype(dtype)), dtype=dtype, call=call)


@check("ops.promotion.value-independent")
@given(a=st.integers(-50, 50), b=st.integers(-50, 50))
@example(a=5, b=5)
def test_add_of_two_python_ints_is_int64(xp, a, b):
    got = xp.add(a, b)
    assert_tensor(got, np.array(a + b, dtype="int64"), dtype="int64", call=describe("torch.add", a, b))


@check("ops.promotion.helpers")
@given(a=dtype_names(PROMOTION_DTYPES), b=dtype_names(PROMOTION_DTYPES))
@example(a="int32", b="float32")
@example(a="uint8", b="int64")
@example(a="float64", b="float32")
@example(a="float32", b="int32")
def test_promote_types_and_can_cast(xp, a, b):
    dtypes.require(a, b)
    da, db = getattr(xp, a), getattr(xp, b)
    call = describe("torch.promote_types", da, db)
    got = xp.promote_types(da, db)
    expect(dtype_name(got) == promote_types(a, b), call=call, expected=promote_types(a, b), got=dtype_name(got))
    got = xp.can_cast(da, db)
    expect(got is can_cast(a, b) or got == can_cast(a, b), call=describe("torch.can_cast", da, db),
           expected=can_cast(a, b), got=got)


@check("ops.promotion.helpers")
@given(dtype=dtype_names(PROMOTION_DTYPES), other=dtype_names(PROMOTION_DTYPES) | st.sampled_from(SCALARS),
       zero_dim=st.booleans())
@example(dtype="int32", other=1.0, zero_dim=False)
@example(dtype="uint8", other="int64", zero_dim=True)
def test_result_type(xp, dtype, other, zero_dim):
    dtypes.require(dtype, *([other] if isinstance(other, str) else []))
    x = xp.ones((2,), dtype=getattr(xp, dtype))
    if isinstance(other, str):
        y = xp.ones(() if zero_dim else (2,), dtype=getattr(xp, other))
        want = result_type([dtype], [other]) if zero_dim else result_type([dtype, other])
    else:
        y = other
        want = result_type([dtype], [], [other])
    assume(want is not None)
    call = describe("torch.result_type", x, y)
    got = dtype_name(xp.result_type(x, y))
    expect(got == want, call=call, expected=want, got=got)
