"""Tensor.view(shape) and view(dtype): same data in a new shape, -1 inference, errors, strides (T18; 3.9-3.13)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from conformance import check
from conformance.dtypes import FULL_FLOAT_DTYPES, INT_DTYPES
from conformance.assertions import assert_raises, assert_shape, assert_tensor, assert_values, describe
from conformance.strategies import dtype_names, shapes
from suites.view import oracles
from suites.view.helpers import assert_shares_memory
from suites.inputs import tensor_of


@check("view.view.same-data-new-shape")
def test_tutorial_view_16_of_4x4(xp):
    values = np.arange(16.0).reshape(4, 4) / 4
    x = tensor_of(xp, values, "float32")
    y = x.view(16)
    assert_tensor(y, values.reshape(16), dtype="float32", call=describe("Tensor.view", x, 16))
    y.copy_(tensor_of(xp, -values.reshape(16), "float32"))
    assert_values(x, -values, call=f"{describe('Tensor.view', x, 16)}.copy_(-x), then reading x", rtol=0, atol=0)


@check("view.view.same-data-new-shape")
@given(data=st.data())
def test_view_of_contiguous_is_row_major_and_shares_memory(xp, data):
    shape = data.draw(shapes(0, 4, 0, 4), label="shape")
    new_shape = data.draw(oracles.factorisations(math.prod(shape)), label="new_shape")
    base = tensor_of(xp, oracles.positions(shape), "float64")
    view = base.view(new_shape)
    assert_shares_memory(xp, base, shape, [view], [oracles.positions(shape).reshape(new_shape)],
                         call=describe("Tensor.view", base, new_shape))


@check("view.view.infer-minus-one")
def test_tutorial_view_minus_one_8(xp):
    values = np.arange(16.0).reshape(4, 4)
    x = tensor_of(xp, values, "float32")
    assert_tensor(x.view(-1, 8), values.reshape(2, 8), dtype="float32", call=describe("Tensor.view", x, -1, 8))
    assert_shape(x.view(-1, 2), (8, 2), call=describe("Tensor.view", x, -1, 2))


@check("view.view.infer-minus-one")
@given(data=st.data(), method=st.sampled_from(["view", "reshape"]))
def test_single_minus_one_is_inferred(xp, data, method):
    shape = data.draw(shapes(0, 4, 0, 4), label="shape")
    n = math.prod(shape)
    new_shape = data.draw(oracles.factorisations(n, min_dims=1), label="new_shape")
    # on zero elements only a lone 0 can be inferred (any other choice is ambiguous: 3.12)
    candidates = [i for i, s in enumerate(new_shape) if n > 0 or (s == 0 and new_shape.count(0) == 1)]
    assume(candidates)
    i = data.draw(st.sampled_from(candidates), label="inferred_dim")
    args = tuple(-1 if j == i else s for j, s in enumerate(new_shape))
    base = tensor_of(xp, oracles.positions(shape), "float64")
    got = getattr(base, method)(args)
    assert_values(got, oracles.positions(shape).reshape(new_shape), call=describe(f"Tensor.{method}", base, args),
                  rtol=0, atol=0)


@check("view.view.invalid-shape-raises")
@pytest.mark.parametrize("args", [(5, 3), (5, -1), (-1, -1), (-1, 2, -1), (7,), (13,), (-1, 5)], ids=str)
@pytest.mark.parametrize("method", ["view", "reshape"])
def test_documented_invalid_shapes_raise(xp, method, args):
    x = tensor_of(xp, np.arange(12.0).reshape(3, 4), "float32")
    assert_raises(RuntimeError, getattr(x, method), args, call=describe(f"Tensor.{method}", x, args))


@check("view.view.invalid-shape-raises")
@given(shape=shapes(0, 3, 1, 4), new_shape=shapes(0, 3, 0, 5), minus=st.integers(0, 2),
       method=st.sampled_from(["view", "reshape"]))
def test_wrong_element_count_raises(xp, shape, new_shape, minus, method):
    n = math.prod(shape)
    args = tuple(new_shape) + (-1,) * minus
    rest = math.prod(new_shape)
    if minus == 0:
        assume(rest != n)  # a different element count
    elif minus == 1:
        assume(rest == 0 or n % rest != 0)  # the -1 cannot be inferred
    # minus == 2: two -1s are always an error
    base = tensor_of(xp, oracles.positions(shape), "float64")
    assert_raises(RuntimeError, getattr(base, method), args, call=describe(f"Tensor.{method}", base, args))


@check("view.view.zero-numel-ambiguous-raises")
@given(shape=shapes(1, 3, 0, 3).filter(lambda s: 0 in s), new_shape=shapes(1, 3, 0, 3).filter(lambda s: 0 in s),
       at=st.integers(0, 3), method=st.sampled_from(["view", "reshape"]))
def test_minus_one_beside_zero_is_ambiguous(xp, shape, new_shape, at, method):
    args = list(new_shape)
    args.insert(min(at, len(args)), -1)
    args = tuple(args)
    base = xp.zeros(shape)
    assert_raises(RuntimeError, getattr(base, method), args, call=describe(f"Tensor.{method}", base, args))


@check("view.view.stride-compatibility")
def test_documented_incompatible_views_raise(xp):
    x = tensor_of(xp, np.arange(12.0).reshape(3, 4), "float32")
    assert_raises(RuntimeError, x.t().view, 12, call=f"{describe('t', x)}.t().view(12)")
    e = xp.ones((3, 1)).expand(3, 4)
    assert_raises(RuntimeError, e.view, 12, call="ones((3, 1)).expand(3, 4).view(12)")
    assert_raises(RuntimeError, e.view, -1, call="ones((3, 1)).expand(3, 4).view(-1)")


@st.composite
def strided_inputs(draw: st.DrawFn):
    """(shape of the contiguous base, how to make the strided tensor, its sizes, its index map)."""
    if draw(st.booleans()):
        shape = draw(shapes(2, 3, 2, 3))
        perm = tuple(draw(st.permutations(range(len(shape)))))
        index = np.transpose(oracles.positions(shape), perm)
        return shape, ("permute", perm), index.shape, index
    sizes = draw(shapes(2, 3, 2, 3))
    stretched = draw(st.lists(st.booleans(), min_size=len(sizes), max_size=len(sizes)))
    shape = tuple(1 if s else n for n, s in zip(sizes, stretched))
    return shape, ("expand", sizes), sizes, np.broadcast_to(oracles.positions(shape), sizes)


@check("view.view.stride-compatibility")
@given(data=st.data())
def test_view_needs_compatible_strides(xp, data):
    shape, (how, arg), sizes, index = data.draw(strided_inputs(), label="input")
    new_shape = data.draw(oracles.factorisations(math.prod(sizes)), label="new_shape")
    base = tensor_of(xp, oracles.positions(shape), "float64")
    strided = base.permute(arg) if how == "permute" else base.expand(*arg)
    strides = tuple(int(s) for s in strided.stride())  # the rule is stated on the input's own strides
    call = f"{describe('t', base)}.{how}({arg}).view({new_shape})  [strides {strides}]"
    if oracles.view_is_possible(sizes, strides, new_shape):
        view = strided.view(new_shape)
        assert_shares_memory(xp, base, shape, [view], [index.reshape(new_shape)], call=call)
    else:
        assert_raises(RuntimeError, strided.view, new_shape, call=call)


# ------------------------------------------------------------------ view(dtype)

@check("view.view.dtype-reinterpret")
def test_float32_4x4_as_uint8_is_4x16(xp):
    values = (np.arange(16, dtype=np.float32).reshape(4, 4) - 3.5) * 1.25
    x = tensor_of(xp, values, "float32")
    assert_tensor(x.view(xp.uint8), values.view(np.uint8), dtype="uint8", call=describe("Tensor.view", x, xp.uint8))


@check("view.view.dtype-reinterpret")
@given(data=st.data(), src=dtype_names(INT_DTYPES + FULL_FLOAT_DTYPES), dst=dtype_names(INT_DTYPES + FULL_FLOAT_DTYPES))
def test_view_dtype_reinterprets_bytes(xp, data, src, dst):
    ratio = np.dtype(dst).itemsize / np.dtype(src).itemsize
    grow = max(1, int(ratio))  # the last dim must be a multiple of the size ratio when elements grow
    shape = data.draw(shapes(1, 3, 1, 3), label="shape")
    shape = shape[:-1] + (shape[-1] * grow,)
    raw = data.draw(st.binary(min_size=math.prod(shape) * np.dtype(src).itemsize,
                              max_size=math.prod(shape) * np.dtype(src).itemsize), label="bytes")
    values = np.frombuffer(raw, dtype=src).reshape(shape)
    if values.dtype.kind == "f":
        values = np.nan_to_num(values)  # tensor(...) goes through Python floats; keep bytes stable
    x = tensor_of(xp, values, src)
    expected = values.view(dst)
    call = describe("Tensor.view", x, getattr(xp, dst))
    got = x.view(getattr(xp, dst))
    if expected.dtype.kind == "f":  # compare bit patterns, NaNs included
        assert_values(got.view(getattr(xp, "int" + str(8 * expected.itemsize))),
                      expected.view("int" + str(8 * expected.itemsize)), call=call)
        assert_shape(got, expected.shape, call=call)
    else:
        assert_tensor(got, expected, dtype=dst, call=call)


@check("view.view.dtype-reinterpret")
def test_same_size_dtype_view_of_transposed_is_allowed(xp):
    values = np.arange(6, dtype=np.int32).reshape(2, 3) * 1000 - 2500
    x = tensor_of(xp, values, "int32")
    got = x.t().view(xp.float32)
    call = f"{describe('t', x)}.t().view(float32)"
    assert_shape(got, (3, 2), call=call)
    assert_values(got.view(xp.int32), values.T, call=call)


@check("view.view.dtype-reinterpret")
@pytest.mark.parametrize("case", ["zero-dim", "last-stride-not-1", "last-dim-not-divisible"])
def test_view_dtype_preconditions_raise(xp, case):
    if case == "zero-dim":
        x, target, call = tensor_of(xp, 1.5, "float32"), xp.uint8, "tensor(1.5, float32).view(uint8)"
    elif case == "last-stride-not-1":
        x = tensor_of(xp, np.ones((2, 3)), "float32").t()
        target, call = xp.int16, "ones((2, 3), float32).t().view(int16)"
    else:
        x, target, call = tensor_of(xp, np.zeros((2, 3)), "uint8"), xp.float32, "zeros((2, 3), uint8).view(float32)"
    assert_raises(RuntimeError, x.view, target, call=call)
