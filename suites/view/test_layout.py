"""Memory layout: reshape's values, contiguous(), strides of contiguous and transposed tensors (3.6-3.8).

reshape may return a view or a copy (3.6), so only its values are checked, for inputs of every
layout. Strides are read with the documented ``Tensor.stride()`` and computed from the rule.
"""
from __future__ import annotations

import math

import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_same_object, assert_shape, assert_values, describe, expect
from conformance.strategies import shapes
from suites.view import oracles
from suites.inputs import tensor_of


LAYOUTS = ("contiguous", "permuted", "stepped", "expanded")


@st.composite
def laid_out(draw: st.DrawFn, xp, layout: str):
    """(tensor, its logical values as NumPy, how it was made): the same values in different layouts."""
    shape = draw(shapes(0, 3, 0, 4), label="shape")
    values = np.arange(math.prod(shape), dtype=np.float64).reshape(shape) * 2 + 1
    if layout == "contiguous":
        return tensor_of(xp, values, "float64"), values, "tensor(...)"
    if layout == "permuted":
        perm = tuple(draw(st.permutations(range(len(shape))), label="perm"))
        inverse = tuple(np.argsort(perm))
        stored = np.transpose(values, inverse)  # stored.transpose(perm) == values
        return tensor_of(xp, stored, "float64").permute(perm), values, f"tensor(...).permute({perm})"
    if layout == "stepped":
        if not shape:
            return tensor_of(xp, values, "float64"), values, "tensor(...)"
        big = np.repeat(values, 2, axis=0)  # rows 0, 2, 4, ... are values
        return tensor_of(xp, big, "float64")[::2], values, "tensor(...)[::2]"
    small = values[:1] if shape and shape[0] > 0 else values
    if not shape or shape[0] == 0:
        return tensor_of(xp, values, "float64"), values, "tensor(...)"
    return (tensor_of(xp, small, "float64").expand(*shape), np.broadcast_to(small, shape),
            f"tensor(...).expand{shape}")


@check("view.reshape.row-major-values")
@given(data=st.data(), layout=st.sampled_from(LAYOUTS), infer=st.booleans(), use_as=st.booleans())
def test_reshape_gives_row_major_values(xp, data, layout, infer, use_as):
    t, values, made = data.draw(laid_out(xp, layout), label="input")
    new_shape = data.draw(oracles.factorisations(values.size), label="new_shape")
    expected = values.reshape(new_shape)
    if use_as:
        got = t.reshape_as(xp.zeros(new_shape))
        call = f"{made}.reshape_as(zeros({new_shape}))"
    else:
        args = list(new_shape)
        if infer and args and (values.size > 0 or sum(1 for s in args if s == 0) == 1):
            # a -1 replacing a size; on zero elements only the lone 0 may be inferred (3.12)
            i = next(i for i, s in enumerate(args) if s == 0) if values.size == 0 else \
                data.draw(st.integers(0, len(args) - 1), label="inferred_dim")
            args[i] = -1
        got = t.reshape(tuple(args))
        call = f"{made}.reshape({tuple(args)})"
    assert_values(got, expected, call=call, rtol=0, atol=0)


@check("view.contiguous.self-or-copy")
@given(shape=shapes(0, 4, 0, 4))
def test_contiguous_returns_self_when_contiguous(xp, shape):
    t = tensor_of(xp, oracles.positions(shape), "float64")
    assert_same_object(t.contiguous(), t, call=describe("Tensor.contiguous", t))


@check("view.contiguous.self-or-copy")
@given(data=st.data())
def test_contiguous_copies_non_contiguous(xp, data):
    shape = data.draw(shapes(2, 4, 2, 4), label="shape")
    d0, d1 = data.draw(st.lists(st.integers(0, len(shape) - 1), min_size=2, max_size=2, unique=True), label="dims")
    base_np = oracles.positions(shape).astype(np.float64)
    base = tensor_of(xp, base_np, "float64")
    t = base.transpose(d0, d1)
    expected = np.swapaxes(base_np, d0, d1)
    call = f"{describe('t', base)}.transpose({d0}, {d1}).contiguous()"
    got = t.contiguous()
    expect(got.is_contiguous(), call=call, expected="is_contiguous() True", got="is_contiguous() False")
    expect(tuple(got.stride()) == oracles.row_major_strides(expected.shape), call=call,
           expected=f"row-major strides {oracles.row_major_strides(expected.shape)}", got=f"strides {tuple(got.stride())}")
    assert_values(got, expected, call=call, rtol=0, atol=0)
    got.copy_(tensor_of(xp, -1.0 - expected, "float64"))
    assert_values(base, base_np, call=f"{call}.copy_(...), then reading the base (must be unchanged: a copy)",
                  rtol=0, atol=0)


@check("view.strides.row-major")
@given(shape=shapes(0, 4, 1, 5), how=st.sampled_from(["tensor", "zeros", "ones"]))
def test_contiguous_tensor_has_row_major_strides(xp, shape, how):
    t = tensor_of(xp, oracles.positions(shape), "float64") if how == "tensor" else getattr(xp, how)(shape)
    want = oracles.row_major_strides(shape)
    call = f"{describe(how, shape)}.stride()"
    got = tuple(t.stride())
    expect(got == want, call=call, expected=f"strides {want}", got=f"strides {got}")
    for dim in range(-len(shape), len(shape)):
        got_dim = t.stride(dim)
        expect(got_dim == want[dim], call=f"{describe(how, shape)}.stride({dim})", expected=want[dim], got=got_dim)


@check("view.strides.transpose-permutes")
def test_t_of_3x4_has_strides_1_4(xp):
    t = xp.zeros((3, 4))
    call = "zeros((3, 4)).t().stride()"
    got = tuple(t.t().stride())
    expect(got == (1, 4), call=call, expected=(1, 4), got=got)
    expect(not t.t().is_contiguous(), call="zeros((3, 4)).t().is_contiguous()", expected=False, got=True)


@check("view.strides.transpose-permutes")
@given(data=st.data(), op=st.sampled_from(["permute", "transpose", "t"]))
def test_transpose_and_permute_permute_strides(xp, data, op):
    shape = data.draw(shapes(2 if op == "t" else 1, 2 if op == "t" else 4, 1, 4), label="shape")
    t = xp.zeros(shape)
    before = tuple(int(s) for s in t.stride())  # the rule permutes the input's own strides, whatever they are
    if op == "permute":
        perm = tuple(data.draw(st.permutations(range(len(shape))), label="dims"))
        got_t = t.permute(perm)
        call = f"zeros({shape}).permute({perm})"
    else:
        if op == "t":
            d0, d1 = 0, 1
            got_t = t.t()
            call = f"zeros({shape}).t()"
        else:
            d0 = data.draw(st.integers(0, len(shape) - 1), label="dim0")
            d1 = data.draw(st.integers(0, len(shape) - 1), label="dim1")
            got_t = t.transpose(d0, d1)
            call = f"zeros({shape}).transpose({d0}, {d1})"
        perm = list(range(len(shape)))
        perm[d0], perm[d1] = perm[d1], perm[d0]
    want = tuple(before[p] for p in perm)
    assert_shape(got_t, tuple(shape[p] for p in perm), call=call)
    got = tuple(got_t.stride())
    expect(got == want, call=f"{call}.stride()", expected=f"strides {want}", got=f"strides {got}")
    big = [p for p in perm if shape[p] > 1]
    if big != sorted(big):  # two dims of size > 1 changed order
        expect(not got_t.is_contiguous(), call=f"{call}.is_contiguous()", expected=False, got=True)
