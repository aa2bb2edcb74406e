"""Tensor.expand: stride-0 broadcast views, -1 and new leading dims, errors, in-place writes (3.14, 3.15)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_values, describe, expect
from conformance.strategies import shapes
from suites.view import oracles
from suites.inputs import tensor_of


@check("view.expand.new-sizes")
def test_documented_expand_stride_example(xp):
    got = xp.ones((3, 1)).expand(3, 4)
    call = "ones((3, 1)).expand(3, 4)"
    assert_values(got, np.ones((3, 4)), call=call)
    expect(tuple(got.stride()) == (1, 0), call=f"{call}.stride()", expected=(1, 0), got=tuple(got.stride()))


@check("view.expand.new-sizes")
@given(data=st.data())
def test_expand_stretches_size_one_dims(xp, data):
    shape = data.draw(shapes(0, 3, 1, 3), label="shape")
    lead = data.draw(shapes(0, 2, 0, 3), label="new_leading_dims")
    args, sizes = list(lead), list(lead)
    for s in shape:
        if data.draw(st.booleans(), label="keep_with_-1"):
            args.append(-1)
            sizes.append(s)
        else:
            new = data.draw(st.integers(0, 3), label="size") if s == 1 else s
            args.append(new)
            sizes.append(new)
    values = oracles.positions(shape).astype(np.float64)
    base = tensor_of(xp, values, "float64")
    call = describe("Tensor.expand", base, *args)
    got = base.expand(*args) if args else base.expand(())
    assert_values(got, np.broadcast_to(values, sizes), call=call, rtol=0, atol=0)
    strides = tuple(got.stride())
    old_strides = (None,) * len(lead) + tuple(int(s) for s in base.stride())  # kept from the input, whatever they are
    old_sizes = (1,) * len(lead) + tuple(shape)
    for dim, (new, old, old_stride) in enumerate(zip(sizes, old_sizes, old_strides)):
        if new > 1 and old == 1:  # a stretched or new leading dim reads one element again and again
            expect(strides[dim] == 0, call=f"{call}.stride()", expected=f"stride 0 at stretched dim {dim}",
                   got=f"strides {strides}")
        elif old_stride is not None and new == old and old > 1:
            expect(strides[dim] == old_stride, call=f"{call}.stride()",
                   expected=f"stride {old_stride} kept at dim {dim}", got=f"strides {strides}")


@check("view.expand.new-sizes")
@given(data=st.data())
def test_expand_bad_sizes_raise(xp, data):
    shape = data.draw(shapes(1, 3, 1, 3), label="shape")
    case = data.draw(st.sampled_from(["minus-one-leading", "change-non-one"]), label="case")
    args = list(shape)
    if case == "minus-one-leading":
        args = [-1] + args
    else:
        dims = [i for i, s in enumerate(shape) if s != 1]
        if not dims:
            args = [-1] + args
        else:
            i = data.draw(st.sampled_from(dims), label="dim")
            args[i] = data.draw(st.sampled_from([s for s in (0, 1, 2, 3, 4, 5) if s != shape[i]]), label="size")
    base = xp.zeros(shape)
    assert_raises(RuntimeError, base.expand, *args, call=describe("Tensor.expand", base, *args))


@check("view.expand.inplace-write-raises")
@pytest.mark.parametrize("write", ["add_", "mul_", "copy_"])
@given(shape=shapes(1, 3, 1, 3), data=st.data())
def test_inplace_write_to_expanded_raises(xp, write, shape, data):
    dim = data.draw(st.integers(0, len(shape) - 1), label="stretched_dim")
    small = list(shape)
    small[dim] = 1
    sizes = list(shape)
    sizes[dim] = max(2, shape[dim])
    expanded = tensor_of(xp, np.ones(small), "float64").expand(*sizes)
    call = f"ones({tuple(small)}).expand{tuple(sizes)}.{write}(...)"
    if write == "copy_":
        assert_raises(RuntimeError, expanded.copy_, xp.zeros(sizes, dtype=xp.float64), call=call)
    else:
        assert_raises(RuntimeError, getattr(expanded, write), 2.0, call=call)
