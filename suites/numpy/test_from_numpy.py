"""torch.from_numpy: memory sharing (T21), dtype mapping, non-resizable result, refused dtypes,
read-only arrays, negative and positive non-contiguous strides, round trip. Facts 4.7-4.11, 4.15."""
import warnings

import numpy as np
from hypothesis import given, strategies as st
import pytest

from conformance import check, dtypes
from conformance.assertions import assert_dtype, assert_ndarray, assert_raises, assert_values, assert_warns, describe, expect
from conformance.strategies import ALL_DTYPES, shapes, small_arrays
from suites.numpy.oracles import bump_array, bump_tensor, bumped, view_of


@check("numpy.from-numpy.shares-memory")
@given(arr=small_arrays(ALL_DTYPES, shapes(max_dims=3, max_side=4)))
def test_from_numpy_shares_memory_both_ways(xp, arr):
    name = arr.dtype.name
    a = arr.copy()
    call = describe("from_numpy", a)
    t = xp.from_numpy(a)
    assert_values(t, arr, call=call)
    bump_array(a)
    assert_values(t, bumped(arr), call=f"t = {call}; then np.add(a, 1, out=a) (T21), read through t")
    bump_tensor(t, name)
    assert_ndarray(a, bumped(bumped(arr)), call=f"t = {call}; then an in-place write on t, read through a")


@check("numpy.from-numpy.dtype-mapping")
@given(base=small_arrays(("int64",), shapes(max_dims=2, max_side=4)))
def test_from_numpy_maps_dtype_to_same_name(xp, base):
    for name in dtypes.supported(ALL_DTYPES):  # every dtype in every example
        arr = base.astype(name)
        call = describe("from_numpy", arr)
        t = xp.from_numpy(arr)
        assert_dtype(t, name, call=call)
        assert_values(t, arr, call=call)


@check("numpy.from-numpy.not-resizable")
@given(n=st.integers(1, 6), extra=st.integers(1, 6))
def test_from_numpy_result_is_not_resizable(xp, n, extra):
    a = np.arange(n, dtype=np.float64)
    t = xp.from_numpy(a)
    assert_raises(RuntimeError, t.resize_, (n + extra,), call=describe("from_numpy(a).resize_", (n + extra,)) + f" with a of {n} elements")


@check("numpy.from-numpy.unsupported-dtype-raises")
@pytest.mark.parametrize("arr", [np.array([1, "x", None], dtype=object), np.array(["ab", "c"]),
                                 np.array(["2020-01-01", "2021-06-30"], dtype="datetime64[D]")],
                         ids=["object", "str", "datetime64"])
def test_from_numpy_refuses_unsupported_dtype(xp, arr):
    assert_raises(TypeError, xp.from_numpy, arr, call=describe("from_numpy", arr))


@check("numpy.from-numpy.read-only-accepted")
@given(arr=small_arrays(ALL_DTYPES, shapes(max_dims=2, max_side=4)))
def test_from_numpy_accepts_read_only_array(xp, arr):
    arr.flags.writeable = False
    call = describe("from_numpy", arr) + " of a non-writable array"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        t = xp.from_numpy(arr)
    assert_values(t, arr, call=call)


@check("numpy.from-numpy.read-only-warns")
@given(arr=small_arrays(ALL_DTYPES, shapes(max_dims=2, max_side=4)))
def test_from_numpy_of_read_only_array_warns(xp, arr):
    """By default the warning may be given once per process, so warn-always mode is switched on
    (torch.set_warn_always) and restored afterwards."""
    arr.flags.writeable = False
    call = describe("from_numpy", arr) + " of a non-writable array, with set_warn_always(True)"
    previous = xp.is_warn_always_enabled()
    xp.set_warn_always(True)
    try:
        assert_warns(UserWarning, xp.from_numpy, arr, call=call)
    finally:
        xp.set_warn_always(previous)


@check("numpy.from-numpy.negative-strides-raise")
@pytest.mark.parametrize("view", ["[::-1]", "[:, ::-1]", "[::-1, ::2]"])
def test_from_numpy_refuses_negative_strides(xp, view):
    base = np.arange(12.0).reshape(3, 4)
    arr = {"[::-1]": base[::-1], "[:, ::-1]": base[:, ::-1], "[::-1, ::2]": base[::-1, ::2]}[view]
    assert_raises(ValueError, xp.from_numpy, arr, call=describe("from_numpy", arr) + f" (arange(12.).reshape(3, 4){view})")


@check("numpy.from-numpy.keeps-strides")
@given(arr=small_arrays(ALL_DTYPES, shapes(min_dims=2, max_dims=3, min_side=1, max_side=4)),
       kind=st.sampled_from(["swap", "step"]))
def test_from_numpy_keeps_positive_strides(xp, arr, kind):
    a = view_of(arr.copy(), kind)
    want = a.copy()
    call = describe("from_numpy", a) + (" (axes swapped)" if kind == "swap" else " (a[..., ::2])")
    t = xp.from_numpy(a)
    assert_values(t, want, call=call)
    strides = tuple(s // a.itemsize for s in a.strides)
    got = tuple(int(s) for s in t.stride())
    expect(got == strides, call=call, expected=f"stride() {strides} (byte strides {a.strides} / {a.itemsize})",
           got=f"stride() {got}")
    bump_array(a)
    assert_values(t, bumped(want), call=f"t = {call}; then np.add(a, 1, out=a), read through t")


@check("numpy.from-numpy.round-trip")
@given(arr=small_arrays(ALL_DTYPES, shapes(max_dims=3, min_side=1, max_side=4)))
def test_from_numpy_then_numpy_aliases_array(xp, arr):
    call = describe("from_numpy(a).numpy", arr)
    back = xp.from_numpy(arr).numpy()
    assert_ndarray(back, arr, dtype=arr.dtype.name, call=call)
    expect(np.shares_memory(back, arr), call=call, expected="an array sharing a's memory (np.shares_memory)",
           got="an array with memory of its own")
