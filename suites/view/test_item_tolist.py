"""item() and tolist(): from a tensor to Python numbers and nested lists (T19; 3.16-3.18)."""
from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import REAL_DTYPES, CORE_DTYPES, FLOAT_DTYPES, SIGNED_INT_DTYPES
from conformance.assertions import assert_raises, describe, expect, show
from conformance.strategies import dtype_names, shapes
from suites.inputs import tensor_of




def _value(dtype: str) -> st.SearchStrategy[Any]:
    """Values exact in ``dtype`` (small integers and halves), so no rounding enters."""
    if dtype == "bool":
        return st.booleans()
    if dtype == "uint8":
        return st.integers(0, 255)
    if dtype.startswith("int"):
        return st.integers(-100, 100)
    return st.integers(-200, 200).map(lambda i: i / 2)


@check("view.item.one-element")
def test_item_of_nested_one_element(xp):
    t = xp.tensor([[3.5]])
    got = t.item()
    expect(got == 3.5, call=describe("Tensor.item", t), expected=3.5, got=show(got))


@check("view.item.one-element")
@given(ndim=st.integers(0, 4), data=st.data(), dtype=dtype_names(SIGNED_INT_DTYPES + FLOAT_DTYPES))
def test_item_returns_the_single_element(xp, ndim, data, dtype):
    value = data.draw(_value(dtype), label="value")
    t = tensor_of(xp, np.full((1,) * ndim, value), dtype)
    got = t.item()
    expect(got == value, call=describe("Tensor.item", t), expected=value, got=show(got))


@check("view.item.other-sizes-raise")
@given(shape=shapes(1, 3, 0, 3).filter(lambda s: int(np.prod(s)) != 1))
def test_item_needs_exactly_one_element(xp, shape):
    t = xp.zeros(shape)
    assert_raises(RuntimeError, t.item, call=f"zeros({shape}).item()")


@check("view.item.python-type")
@given(dtype=dtype_names(REAL_DTYPES), ndim=st.integers(0, 2), data=st.data())
def test_item_python_type_follows_dtype(xp, dtype, ndim, data):
    value = data.draw(_value(dtype), label="value")
    t = tensor_of(xp, np.full((1,) * ndim, value), dtype)
    got = t.item()
    want = dtypes.python_type(dtype)
    expect(type(got) is want, call=describe("Tensor.item", t), expected=f"a Python {want.__name__}",
           got=f"{type(got).__name__}: {got!r}")


def _mismatch(got: Any, want: Any, path: str = "") -> str | None:
    """Where ``got`` differs from ``want`` (nested lists of Python numbers), or None."""
    if isinstance(want, list):
        if not isinstance(got, list):
            return f"at {path or 'top'}: expected a list, got {type(got).__name__}"
        if len(got) != len(want):
            return f"at {path or 'top'}: expected {len(want)} items, got {len(got)}"
        for i, (g, w) in enumerate(zip(got, want)):
            found = _mismatch(g, w, f"{path}[{i}]")
            if found:
                return found
        return None
    if type(got) is not type(want) or got != want:
        return f"at {path or 'top'}: expected {type(want).__name__} {want!r}, got {type(got).__name__} {got!r}"
    return None


@check("view.tolist.nested-lists")
@given(shape=shapes(0, 4, 0, 3), dtype=dtype_names(CORE_DTYPES),
       data=st.data())
def test_tolist_is_nested_python_lists(xp, shape, dtype, data):
    size = int(np.prod(shape))
    values = data.draw(st.lists(_value(dtype), min_size=size, max_size=size), label="values")
    array = np.array(values, dtype=dtype).reshape(shape)
    t = tensor_of(xp, array, dtype)
    want = array.tolist()  # nested lists of Python numbers; a bare number for 0-dim
    problem = _mismatch(t.tolist(), want)
    expect(problem is None, call=describe("Tensor.tolist", t), expected=show(want), got=problem)
