"""squeeze, unsqueeze and flatten: which dims go, where the new one lands, and values (3.19-3.21)."""
from __future__ import annotations

import math

import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_shape, assert_values, describe
from conformance.strategies import shapes
from suites.view import oracles
from suites.inputs import tensor_of


@check("view.squeeze.size-one-dims")
@given(shape=shapes(0, 4, 0, 2))
def test_squeeze_drops_all_size_one_dims(xp, shape):
    values = oracles.positions(shape).astype(np.float64)
    t = tensor_of(xp, values, "float64")
    assert_values(t.squeeze(), values.reshape([s for s in shape if s != 1]), call=describe("Tensor.squeeze", t),
                  rtol=0, atol=0)


@check("view.squeeze.size-one-dims")
@given(shape=shapes(1, 4, 0, 3), data=st.data(), as_tuple=st.booleans())
def test_squeeze_dims_drops_only_named_size_one_dims(xp, shape, data, as_tuple):
    ndim = len(shape)
    if as_tuple:
        dims = tuple(data.draw(st.lists(st.integers(0, ndim - 1), max_size=ndim, unique=True), label="dims"))
        dims = tuple(d - ndim if data.draw(st.booleans(), label="negative") else d for d in dims)
        arg = dims
    else:
        arg = data.draw(st.integers(-ndim, ndim - 1), label="dim")
        dims = (arg,)
    named = {d % ndim for d in dims}
    expected_shape = [s for i, s in enumerate(shape) if not (i in named and s == 1)]
    values = oracles.positions(shape).astype(np.float64)
    t = tensor_of(xp, values, "float64")
    assert_values(t.squeeze(arg), values.reshape(expected_shape), call=describe("Tensor.squeeze", t, arg),
                  rtol=0, atol=0)


@check("view.unsqueeze.insert-dim")
def test_unsqueeze_minus_one_appends(xp):
    t = xp.zeros((2, 3))
    assert_shape(t.unsqueeze(-1), (2, 3, 1), call="zeros((2, 3)).unsqueeze(-1)")
    assert_shape(t.unsqueeze(0), (1, 2, 3), call="zeros((2, 3)).unsqueeze(0)")
    assert_shape(t.unsqueeze(-2), (2, 1, 3), call="zeros((2, 3)).unsqueeze(-2)")


@check("view.unsqueeze.insert-dim")
@given(shape=shapes(0, 4, 0, 3), data=st.data())
def test_unsqueeze_inserts_size_one_dim(xp, shape, data):
    ndim = len(shape)
    dim = data.draw(st.integers(-ndim - 1, ndim), label="dim")
    at = dim if dim >= 0 else dim + ndim + 1  # negative counts from the end of the output
    values = oracles.positions(shape).astype(np.float64)
    t = tensor_of(xp, values, "float64")
    want = values.reshape(shape[:at] + (1,) + shape[at:])
    assert_values(t.unsqueeze(dim), want, call=describe("Tensor.unsqueeze", t, dim), rtol=0, atol=0)


@check("view.flatten.dim-range")
def test_flatten_documented_examples(xp):
    assert_shape(xp.zeros((2, 3, 4)).flatten(1), (2, 12), call="zeros((2, 3, 4)).flatten(1)")
    assert_shape(xp.flatten(xp.zeros((2, 3, 4))), (24,), call="flatten(zeros((2, 3, 4)))")
    t = xp.tensor(7.0)
    assert_values(t.flatten(), np.array([7.0]), call="tensor(7.0).flatten()")


@check("view.flatten.dim-range")
@given(shape=shapes(1, 4, 0, 3), data=st.data(), method=st.booleans())
def test_flatten_merges_dim_range(xp, shape, data, method):
    ndim = len(shape)
    start = data.draw(st.integers(-ndim, ndim - 1), label="start_dim")
    end = data.draw(st.integers(start % ndim, ndim - 1), label="end_dim")
    if data.draw(st.booleans(), label="negative_end"):
        end -= ndim
    lo, hi = start % ndim, end % ndim
    new_shape = shape[:lo] + (math.prod(shape[lo:hi + 1]),) + shape[hi + 1:]
    values = oracles.positions(shape).astype(np.float64)
    t = tensor_of(xp, values, "float64")
    got = t.flatten(start, end) if method else xp.flatten(t, start_dim=start, end_dim=end)
    call = describe("Tensor.flatten" if method else "flatten", t, start, end)
    assert_values(got, values.reshape(new_shape), call=call, rtol=0, atol=0)
