"""NumPy interop beyond from_numpy/numpy(): np.asarray through __array__, DLPack both ways, and
mixed ndarray/tensor operators. Sharing is observed by writing through one side and reading
the other; expected values are the NumPy data the check wrote."""
from __future__ import annotations

import operator
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import FULL_FLOAT_DTYPES, INT_DTYPES
from conformance.assertions import assert_ndarray, assert_tensor, describe, dtype_name, expect, show, to_numpy
from conformance.strategies import dtype_names, shapes
from suites.inputs import tensor_of

DTYPES = (INT_DTYPES + FULL_FLOAT_DTYPES)
OPERATORS = {"+": operator.add, "*": operator.mul, "-": operator.sub}


def _fresh(shape: tuple[int, ...], dtype: str) -> np.ndarray:
    return np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape)


def _tensor_sees(xp: Any, t: Any, array: np.ndarray, call: str) -> None:
    """After writing 7 + old values into ``array``, ``t`` reads them (same memory)."""
    array[...] = array + 7
    assert_tensor(t, array.copy(), dtype=array.dtype.name, call=f"{call}, read after writing to the array")


def _array_sees(xp: Any, t: Any, array: Any, call: str) -> None:
    """After t.copy_(new values), the ndarray ``array`` reads them."""
    new = to_numpy(t) + 3
    t.copy_(tensor_of(xp, new, dtype_name(t)))
    assert_ndarray(array, new, dtype=new.dtype.name, call=f"{call}, read after t.copy_(t + 3)")


@pytest.mark.parametrize("convert", [
    pytest.param("asarray", marks=check("numpy.array-protocol.shares-memory")),
    pytest.param("from_dlpack", marks=check("numpy.dlpack.numpy-from-tensor-shares")),
])
@given(shape=shapes(0, 3, 1, 3), dtype=dtype_names(DTYPES))
@example(shape=(2,), dtype="float32")
def test_ndarray_of_tensor(xp, convert, shape, dtype):
    """numpy.<convert>(t) is an ndarray with t's values that reads what is written through t afterwards."""
    dtypes.require(dtype)
    t = tensor_of(xp, _fresh(shape, dtype))
    call = describe(f"numpy.{convert}", t)
    got = getattr(np, convert)(t)
    assert_ndarray(got, _fresh(shape, dtype), dtype=dtype, call=call)
    _array_sees(xp, t, got, call)


@check("numpy.dlpack.from-numpy-shares")
@given(shape=shapes(0, 3, 1, 3), dtype=dtype_names(DTYPES))
@example(shape=(2,), dtype="float32")
def test_from_dlpack_of_ndarray(xp, shape, dtype):
    dtypes.require(dtype)
    array = _fresh(shape, dtype)
    call = describe("from_dlpack", array)
    got = xp.from_dlpack(array)
    assert_tensor(got, array.copy(), dtype=dtype, call=call)
    _tensor_sees(xp, got, array, call)


@check("numpy.dlpack.tensor-round-trip")
@given(shape=shapes(1, 3, 1, 3), source=st.sampled_from(["tensor", "t.__dlpack__()", "to_dlpack(t)"]))
@example(shape=(2,), source="t.__dlpack__()")
@example(shape=(2,), source="to_dlpack(t)")
@example(shape=(2,), source="tensor")
def test_from_dlpack_of_tensor(xp, shape, source):
    t = tensor_of(xp, _fresh(shape, "float64"))
    device = tuple(t.__dlpack_device__())
    expect(device == (1, 0), call=describe("Tensor.__dlpack_device__", t), expected="(1, 0)", got=show(device))
    call = describe("from_dlpack", t if source == "tensor" else source)
    got = xp.from_dlpack({"tensor": lambda: t, "t.__dlpack__()": t.__dlpack__, "to_dlpack(t)": lambda: xp.to_dlpack(t)}[source]())
    assert_tensor(got, _fresh(shape, "float64"), dtype="float64", call=call)
    new = _fresh(shape, "float64") - 5
    t.copy_(tensor_of(xp, new))
    assert_tensor(got, new, dtype="float64", call=f"{call}, read after t.copy_(t - 5)")


@check("numpy.array-priority.tensor-operand-wins")
@given(op=st.sampled_from(["+", "*", "-"]), shape=shapes(1, 2, 1, 3))
@example(op="+", shape=(2,))
def test_mixed_operands(xp, op, shape):
    """float32 tensor with a float64 array: the array is a dimensioned operand, so the result is float64."""
    fn = OPERATORS[op]
    t, array = tensor_of(xp, _fresh(shape, "float32")), _fresh(shape, "float64") + 1
    call = f"{show(t)} {op} {show(array)}"
    assert_tensor(fn(t, array), fn(_fresh(shape, "float64"), array), dtype="float64", call=call)
    call = f"{show(array)} {op} {show(t)}"
    try:
        result = fn(array, t)
    except TypeError:
        return  # NumPy deferred and the tensor declined: no ndarray was made
    expect(not isinstance(result, np.ndarray), call=call, expected="a tensor, or TypeError (NumPy defers to the tensor)",
           got=f"a numpy.ndarray: {show(result)}")
