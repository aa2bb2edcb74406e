"""The remaining shorthand casts (device.casts.shorthand-more): byte(), char(), short(), bfloat16(), cfloat() and
cdouble() equal to(uint8/int8/int16/bfloat16/complex64/complex128) and return self when the dtype already matches.
Inputs are small non-negative integers, exact in every source and target dtype."""
from __future__ import annotations

from hypothesis import given

from conformance import check
from conformance.dtypes import numpy_dtype, CAST_METHODS, CORE_DTYPES
from conformance.assertions import assert_same_object, assert_tensor, describe
from conformance.strategies import shapes, small_arrays
from suites.inputs import tensor_of

SOURCES = CORE_DTYPES
SHORTHANDS = {m: CAST_METHODS[m] for m in ("byte", "char", "short", "bfloat16", "cfloat", "cdouble")}


@check("device.casts.shorthand-more")
@given(arr=small_arrays(SOURCES, shapes(max_dims=3, max_side=4)))
def test_more_shorthand_casts(xp, arr):
    t = tensor_of(xp, arr)
    for method, target in SHORTHANDS.items():  # every shorthand in every example
        call = describe(f"Tensor.{method}", t)
        assert_tensor(getattr(t, method)(), arr.astype(numpy_dtype(target)), dtype=target, call=call)


@check("device.casts.shorthand-more")
@given(shape=shapes(max_dims=3, max_side=4))
def test_more_shorthand_casts_to_own_dtype_return_self(xp, shape):
    for method, target in SHORTHANDS.items():
        t = xp.zeros(shape, dtype=getattr(xp, target))
        assert_same_object(getattr(t, method)(), t, call=describe(f"Tensor.{method}", t))
