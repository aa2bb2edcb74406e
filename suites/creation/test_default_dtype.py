"""The default floating dtype: float32 built in, changed by set_default_dtype, floats only.

Checks that change the default restore it in ``finally`` (helpers.default_dtype).
"""
import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.dtypes import COMPLEX_OF_FLOAT, FULL_FLOAT_DTYPES, FLOAT_DTYPES, INTEGRAL_DTYPES
from conformance.assertions import assert_dtype, assert_raises, assert_tensor, describe, dtype_name, expect
from conformance.strategies import dtype_names, shapes

from suites.creation.helpers import FLOAT_FACTORIES, default_dtype, dt, make


@check("creation.default-dtype.float32")
def test_get_default_dtype_is_float32(xp):
    got = xp.get_default_dtype()
    expect(dtype_name(got) == "float32", call=describe("get_default_dtype"), expected="float32", got=dtype_name(got))


@check("creation.default-dtype.float32")
@given(factory=st.sampled_from(FLOAT_FACTORIES), shape=shapes(max_dims=3))
def test_factories_without_dtype_give_float32(xp, factory, shape):
    call = describe(factory, shape)
    got = make(xp, factory, shape)
    assert_dtype(got, "float32", call=call)


@check("creation.default-dtype.float32")
def test_tutorial_empty_5x3_is_float32(xp):
    """T01: empty(5, 3) is a 5x3 tensor of the default dtype (its values are not looked at)."""
    call = describe("empty", 5, 3)
    got = xp.empty(5, 3)
    assert_dtype(got, "float32", call=call)


@check("creation.default-dtype.set-changes-inference")
@given(default=dtype_names(FLOAT_DTYPES), factory=st.sampled_from(FLOAT_FACTORIES),
       shape=shapes(max_dims=2))
def test_set_default_dtype_drives_factories(xp, default, factory, shape):
    with default_dtype(xp, default):
        got_default = dtype_name(xp.get_default_dtype())
        expect(got_default == default, call=describe("get_default_dtype") + f" after set_default_dtype({default})",
               expected=default, got=got_default)
        call = describe(factory, shape) + f" with default dtype {default}"
        assert_dtype(make(xp, factory, shape), default, call=call)


@check("creation.default-dtype.set-changes-inference")
@given(default=dtype_names(FULL_FLOAT_DTYPES), value=st.floats(-1e3, 1e3, allow_nan=False).map(lambda v: round(v, 3)))
def test_set_default_dtype_drives_python_scalars(xp, default, value):
    with default_dtype(xp, default):
        suffix = f" with default dtype {default}"
        assert_tensor(xp.tensor([value]), np.array([value], dtype=default), dtype=default,
                      call=describe("tensor", [value]) + suffix)
        complex_value = complex(value, 1.5)
        assert_tensor(xp.tensor([complex_value]), np.array([complex_value], dtype=COMPLEX_OF_FLOAT[default]),
                      dtype=COMPLEX_OF_FLOAT[default], call=describe("tensor", [complex_value]) + suffix)
        assert_tensor(xp.arange(3), np.arange(3, dtype="int64"), dtype="int64", call=describe("arange", 3) + suffix)


@check("creation.default-dtype.rejects-non-float")
@given(name=dtype_names(INTEGRAL_DTYPES))
def test_set_default_dtype_rejects_non_float(xp, name):
    previous = xp.get_default_dtype()
    call = describe("set_default_dtype", dt(xp, name))
    try:
        assert_raises(TypeError, xp.set_default_dtype, dt(xp, name), call=call)
        after = dtype_name(xp.get_default_dtype())
        expect(after == dtype_name(previous), call=f"get_default_dtype() after the rejected {call}",
               expected=dtype_name(previous), got=after)
    finally:
        xp.set_default_dtype(previous)
