"""Views and memory: storage_offset, nbytes/itemsize, unfold's shape and strides, as_strided's
storage-relative offset, and untyped_storage shared by views. Expected offsets, sizes and
strides come from the documented row-major layout of a fresh contiguous tensor."""
from __future__ import annotations

import math

import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import ALL_DTYPES, GENERIC_DTYPES, SIGNED_DTYPES
from conformance.assertions import assert_values, describe, expect
from conformance.strategies import dtype_names, shapes
from suites.inputs import tensor_of


def _base(xp, n: int, m: int, dtype: str = "float64"):
    return tensor_of(xp, np.arange(n * m).reshape(n, m), dtype)


def _same(call: str, got, want) -> None:
    expect(got == want, call=call, expected=repr(want), got=repr(got))


@check("view.storage-offset.views")
@given(n=st.integers(1, 4), m=st.integers(1, 4), data=st.data())
@example(n=3, m=4, data=None)
def test_storage_offset(xp, n, m, data):
    i, j = (1, 2) if data is None else (data.draw(st.integers(0, n - 1), "i"), data.draw(st.integers(0, m - 1), "j"))
    b = _base(xp, n, m)
    _same(describe("Tensor.storage_offset", b), b.storage_offset(), 0)
    _same(f"b[{i}:, {j}:].storage_offset() of b = {describe('arange', n * m)}.reshape({n}, {m})",
          b[i:, j:].storage_offset(), i * m + j)
    _same(f"b[{i}].storage_offset()", b[i].storage_offset(), i * m)
    _same(f"b[{i}:, {j}:].t().storage_offset()", b[i:, j:].t().storage_offset(), i * m + j)


@check("view.nbytes-itemsize.sizes")
@given(shape=shapes(0, 3, 0, 4), dtype=dtype_names(ALL_DTYPES))
@example(shape=(2, 3), dtype="int16")
def test_nbytes_itemsize(xp, shape, dtype):
    dtypes.require(dtype)
    t = xp.zeros(shape, dtype=getattr(xp, dtype))
    call = describe("zeros", shape, dtype=dtype)
    _same(f"{call}.itemsize", t.itemsize, dtypes.itemsize(dtype))
    _same(f"{call}.element_size()", t.element_size(), dtypes.itemsize(dtype))
    _same(f"{call}.nbytes", t.nbytes, math.prod(shape) * dtypes.itemsize(dtype))
    if len(shape) and shape[0] > 1:
        _same(f"{call}[1:].nbytes", t[1:].nbytes, math.prod(shape[1:]) * (shape[0] - 1) * dtypes.itemsize(dtype))


@check("view.unfold.shape-strides")
@given(shape=shapes(1, 3, 1, 5), data=st.data())
@example(shape=(3, 4), data=None)
def test_unfold_shape_strides(xp, shape, data):
    if data is None:
        d, size, step = 1, 2, 1
    else:
        d = data.draw(st.integers(0, len(shape) - 1), "dim")
        size, step = data.draw(st.integers(1, shape[d]), "size"), data.draw(st.integers(1, 3), "step")
    t = xp.zeros(shape)
    got = t.unfold(d, size, step)
    strides = tuple(int(s) for s in t.stride())  # the rule is stated on t's own strides, whatever they are
    want_shape = shape[:d] + ((shape[d] - size) // step + 1,) + shape[d + 1:] + (size,)
    want_stride = strides[:d] + (step * strides[d],) + strides[d + 1:] + (strides[d],)
    call = describe(f"zeros({shape}).unfold", d, size, step)
    _same(f"{call}.shape", tuple(got.shape), want_shape)
    _same(f"{call}.stride()", tuple(got.stride()), want_stride)


@check("view.as-strided.storage-offset")
@given(n=st.integers(2, 8), data=st.data())
@example(n=6, data=None)
def test_as_strided_storage_offset(xp, n, data):
    start = 2 if data is None else data.draw(st.integers(1, n - 1), "start")
    offset = 0 if data is None else data.draw(st.integers(0, n - 1), "offset")
    b = tensor_of(xp, np.arange(n, dtype=np.float64))
    v = b[start:]
    call = f"b[{start}:].as_strided((1,), (1,), {offset}) of b = arange({n})"
    assert_values(v.as_strided((1,), (1,), offset), [float(offset)], call=call)
    call = f"b[{start}:].as_strided((1,), (1,)) of b = arange({n})"
    assert_values(v.as_strided((1,), (1,)), [float(start)], call=call)
    assert_values(xp.as_strided(v, (1,), (1,), offset), [float(offset)], call="torch." + call)


@check("view.untyped-storage.shared")
@given(n=st.integers(1, 4), m=st.integers(1, 4), dtype=dtype_names(SIGNED_DTYPES))
@example(n=3, m=4, dtype="float32")
def test_untyped_storage(xp, n, m, dtype):
    dtypes.require(dtype)
    b = _base(xp, n, m, dtype)
    v = b[n - 1:, m - 1:]
    storage = b.untyped_storage()
    _same("b[-1:, -1:].untyped_storage().data_ptr() vs b's", v.untyped_storage().data_ptr(), storage.data_ptr())
    _same(f"b.untyped_storage().nbytes() of a ({n}, {m}) {dtype} b", storage.nbytes(), n * m * dtypes.itemsize(dtype))
    expect(b.clone().untyped_storage().data_ptr() != storage.data_ptr(), call="b.clone().untyped_storage().data_ptr()",
           expected="another storage than b's", got="b's storage")
    # the rule is stated on the view's own storage_offset(), whatever it is
    _same("b[-1:, -1:].data_ptr() - b.untyped_storage().data_ptr()", v.data_ptr() - storage.data_ptr(),
          v.storage_offset() * dtypes.itemsize(dtype))


@check("view.as-strided.in-place")
@given(n=st.integers(2, 8), data=st.data())
@example(n=6, data=None)
def test_as_strided_in_place(xp, n, data):
    size, stride = ((2,), (2,)) if data is None else ((data.draw(st.integers(1, (n + 1) // 2), "size"),), (2,))
    t = tensor_of(xp, np.arange(n, dtype=np.float64))
    call = f"arange({n}).as_strided_({size}, {stride})"
    result = t.as_strided_(size, stride)
    expect(result is t, call=call, expected="the tensor itself", got="another object")
    _same(f"{call}.stride()", tuple(t.stride()), stride)
    assert_values(t, np.arange(n, dtype=np.float64)[: 2 * size[0]: 2], call=call)


@check("view.new-empty-strided.layout")
@given(case=st.sampled_from([((2, 3), (3, 1)), ((2, 3), (1, 2)), ((4,), (2,))]), dtype=dtype_names(GENERIC_DTYPES))
def test_new_empty_strided(xp, case, dtype):
    size, stride = case
    t = xp.zeros(1, dtype=getattr(xp, dtype))
    call = describe(f"zeros(1, dtype={dtype}).new_empty_strided", size, stride)
    got = t.new_empty_strided(size, stride)
    _same(f"{call}.shape", tuple(got.shape), size)
    _same(f"{call}.stride()", tuple(got.stride()), stride)
    expect(got.dtype == t.dtype, call=call, expected=dtype, got=str(got.dtype))


@check("view.share-memory.flag")
def test_share_memory(xp):
    t = tensor_of(xp, np.arange(4.0))
    _same("tensor([0., 1., 2., 3.]).is_shared()", t.is_shared(), False)
    result = t.share_memory_()
    expect(result is t, call="t.share_memory_()", expected="t itself", got="another object")
    _same("t.share_memory_(); t.is_shared()", t.is_shared(), True)
    _same("t.share_memory_(); t[1:].is_shared()", t[1:].is_shared(), True)
    assert_values(t, np.arange(4.0), call="t.share_memory_(), then reading t")
