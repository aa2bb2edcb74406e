"""Tensor.numpy(): memory sharing (also for non-contiguous views and 0-dim tensors), byte
strides, the dtype mapping (int8 included, unlike the tutorial says), force=True, and the
documented refusals (requires grad, conjugate bit, bfloat16, non-CPU). Facts 4.1-4.6, 4.14; T20, T22."""
import numpy as np
from hypothesis import given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import ALL_DTYPES, COMPLEX_DTYPES, FULL_FLOAT_DTYPES
from conformance.assertions import assert_ndarray, assert_raises, assert_values, describe, dtype_name, expect
from conformance.strategies import shapes, small_arrays
from suites.numpy.oracles import bump_array, bump_tensor, bumped, view_of
from suites.inputs import tensor_of


@check("numpy.numpy.shares-memory")
@given(arr=small_arrays(ALL_DTYPES, shapes(max_dims=3, max_side=4)))
def test_numpy_shares_memory_both_ways(xp, arr):
    name = arr.dtype.name
    t = tensor_of(xp, arr)
    call = describe("Tensor.numpy", t)
    got = t.numpy()
    assert_ndarray(got, arr, dtype=name, call=call)
    bump_tensor(t, name)
    assert_ndarray(got, bumped(arr), call=f"b = {call}; then an in-place add_(1) on the tensor (T20), read through b")
    bump_array(got)
    assert_values(t, bumped(bumped(arr)), call=f"b = {call}; then an in-place write into b, read through the tensor")


VIEW_CASES = dict(arr=small_arrays(ALL_DTYPES, shapes(min_dims=2, max_dims=3, min_side=1, max_side=4)),
                  kind=st.sampled_from(["swap", "step"]))


def _numpy_of_view(xp, arr, kind):
    """(the backend view, NumPy's same view, the call, the view's numpy())."""
    v = view_of(tensor_of(xp, arr), kind)
    what = "transpose(0, -1)" if kind == "swap" else "[..., ::2]"
    return v, view_of(arr, kind), describe(f"Tensor.numpy on the view t{what} of", arr), v.numpy()


@check("numpy.numpy.non-contiguous")
@given(**VIEW_CASES)
def test_numpy_of_non_contiguous_view_shares_memory(xp, arr, kind):
    name = arr.dtype.name
    v, want, call, got = _numpy_of_view(xp, arr, kind)
    assert_ndarray(got, want, dtype=name, call=call)
    bump_tensor(v, name)
    assert_ndarray(got, bumped(want), call=f"b = {call}; then add_(1) on the view, read through b")
    bump_array(got)
    assert_values(v, bumped(bumped(want)), call=f"b = {call}; then a write into b, read through the view")


@check("numpy.numpy.byte-strides")
@given(**VIEW_CASES)
def test_numpy_byte_strides_follow_the_view(xp, arr, kind):
    v, _, call, got = _numpy_of_view(xp, arr, kind)
    strides = tuple(int(s) * arr.itemsize for s in v.stride())
    expect(got.strides == strides, call=call, expected=f"byte strides {strides} (stride() x itemsize {arr.itemsize})",
           got=f"byte strides {got.strides}")


@check("numpy.numpy.zero-dim")
@given(arr=small_arrays(ALL_DTYPES, st.just(())))
def test_numpy_of_zero_dim_tensor_is_zero_d_array(xp, arr):
    t = tensor_of(xp, arr)
    call = describe("Tensor.numpy", t)
    got = t.numpy()
    assert_ndarray(got, arr, dtype=arr.dtype.name, call=call)


@check("numpy.numpy.dtype-mapping")
@given(base=small_arrays(("int64",), shapes(max_dims=2, max_side=4)))
def test_numpy_maps_dtype_to_same_name(xp, base):
    for name in dtypes.supported(ALL_DTYPES):  # every dtype in every example
        arr = base.astype(name)
        t = tensor_of(xp, arr)
        assert_ndarray(t.numpy(), arr, dtype=name, call=describe("Tensor.numpy", t))


@check("numpy.numpy.int8-converts")
@given(values=st.lists(st.integers(-128, 126), min_size=1, max_size=8))
def test_int8_tensor_converts_to_numpy_and_back(xp, values):
    want = np.array(values, dtype=np.int8)
    t = tensor_of(xp, values, "int8")
    call = describe("Tensor.numpy", t)
    got = t.numpy()
    assert_ndarray(got, want, dtype="int8", call=call)
    t.add_(1)
    assert_ndarray(got, want + np.int8(1), call=f"b = {call}; then add_(1) on the tensor, read through b")
    back = xp.from_numpy(got)
    call = describe("from_numpy", got)
    expect(dtype_name(back) == "int8", call=call, expected="dtype int8", got=f"dtype {dtype_name(back)}")
    assert_values(back, want + np.int8(1), call=call)


@check("numpy.numpy.requires-grad-raises")
@given(arr=small_arrays(FULL_FLOAT_DTYPES, shapes(max_dims=2, max_side=4)))
def test_numpy_refuses_tensor_requiring_grad(xp, arr):
    t = tensor_of(xp, arr).requires_grad_()
    assert_raises(RuntimeError, t.numpy, call=describe("Tensor.numpy", t) + " with requires_grad=True")
    call = describe("Tensor.detach().numpy", t)
    assert_ndarray(t.detach().numpy(), arr, dtype=arr.dtype.name, call=call)


@check("numpy.numpy.conj-raises")
@given(arr=small_arrays(COMPLEX_DTYPES, shapes(min_dims=1, max_dims=2, min_side=1, max_side=4)))
def test_numpy_refuses_conjugate_bit(xp, arr):
    arr = arr + 1j * arr.dtype.type(2)
    t = tensor_of(xp, arr).conj()
    assert_raises(RuntimeError, t.numpy, call=describe("Tensor.numpy", t) + " on the lazy result of conj()")


@check("numpy.numpy.unsupported-dtype-raises")
@given(shape=shapes(max_dims=2, max_side=4))
def test_numpy_refuses_bfloat16(xp, shape):
    t = xp.ones(shape, dtype=xp.bfloat16)
    assert_raises(TypeError, t.numpy, call=describe("Tensor.numpy", t))


@check("numpy.numpy.force")
@given(arr=small_arrays(FULL_FLOAT_DTYPES, shapes(max_dims=2, max_side=4)))
def test_numpy_force_detaches(xp, arr):
    t = tensor_of(xp, arr).requires_grad_()
    call = describe("Tensor.numpy", t, force=True) + " with requires_grad=True"
    assert_ndarray(t.numpy(force=True), arr, dtype=arr.dtype.name, call=call)


@check("numpy.numpy.force")
@given(arr=small_arrays(COMPLEX_DTYPES, shapes(min_dims=1, max_dims=2, min_side=1, max_side=4)))
def test_numpy_force_resolves_conjugate(xp, arr):
    arr = arr + 1j * arr.dtype.type(2)
    t = tensor_of(xp, arr).conj()
    call = describe("Tensor.numpy", t, force=True) + " on the lazy result of conj()"
    assert_ndarray(t.numpy(force=True), np.conj(arr), dtype=arr.dtype.name, call=call)


@check("numpy.numpy.non-cpu-raises")
def test_numpy_refuses_non_cpu_tensor(xp, other_device):
    t = tensor_of(xp, [1.0, -2.0, 3.0], "float32", device=other_device)
    call = describe("Tensor.numpy", t) + f" on device {other_device!r}"
    assert_raises(TypeError, t.numpy, call=call)
    call = describe("Tensor.numpy", t, force=True) + f" on device {other_device!r}"
    assert_ndarray(t.numpy(force=True), np.array([1.0, -2.0, 3.0], dtype=np.float32), dtype="float32", call=call)
