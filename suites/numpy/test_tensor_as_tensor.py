"""torch.tensor(ndarray) copies and keeps the dtype; torch.as_tensor(ndarray) shares when dtype
and device match and copies otherwise. Facts 4.12, 4.13."""
from hypothesis import given, strategies as st

from conformance import check, dtypes
from conformance.assertions import assert_dtype, assert_ndarray, assert_values, describe
from conformance.strategies import ALL_DTYPES, shapes, small_arrays
from suites.numpy.oracles import bump_array, bump_tensor, bumped


def _other_dtype(name: str) -> str:
    """A dtype every small value of ``name`` converts to exactly (complex stays complex)."""
    if dtypes.is_complex(name):
        return "complex128" if name == "complex64" else "complex64"
    return "float32" if name == "float64" else "float64"


@check("numpy.tensor.copies")
@given(base=small_arrays(("int64",), shapes(max_dims=3, max_side=4)))
def test_tensor_of_ndarray_copies_and_keeps_dtype(xp, base):
    for name in dtypes.supported(ALL_DTYPES):  # every dtype in every example (float64 stays float64)
        arr = base.astype(name)
        a = arr.copy()
        call = describe("tensor", a)
        t = xp.tensor(a)
        assert_dtype(t, name, call=call)
        assert_values(t, arr, call=call)
        bump_array(a)
        assert_values(t, arr, call=f"t = {call}; then np.add(a, 1, out=a): t must not change")
        bump_tensor(t, name)
        assert_ndarray(a, bumped(arr), call=f"t = {call}; then an in-place write on t: a must not change")


@check("numpy.as-tensor.shares-or-copies")
@given(arr=small_arrays(ALL_DTYPES, shapes(max_dims=3, max_side=4)), form=st.sampled_from(["plain", "dtype", "device"]))
def test_as_tensor_shares_when_dtype_matches(xp, arr, form):
    name = arr.dtype.name
    a = arr.copy()
    if form == "plain":
        call, t = describe("as_tensor", a), xp.as_tensor(a)
    elif form == "dtype":
        call, t = describe("as_tensor", a, dtype=name), xp.as_tensor(a, dtype=getattr(xp, name))
    else:
        call, t = describe("as_tensor", a, device="cpu"), xp.as_tensor(a, device="cpu")
    assert_dtype(t, name, call=call)
    assert_values(t, arr, call=call)
    bump_array(a)
    assert_values(t, bumped(arr), call=f"t = {call}; then np.add(a, 1, out=a), read through t")


@check("numpy.as-tensor.shares-or-copies")
@given(base=small_arrays(("int64",), shapes(max_dims=3, max_side=4)))
def test_as_tensor_with_other_dtype_copies(xp, base):
    for name in dtypes.supported(ALL_DTYPES):  # every source dtype in every example
        arr = base.astype(name)
        target = _other_dtype(name)
        a = arr.copy()
        call = describe("as_tensor", a, dtype=target)
        t = xp.as_tensor(a, dtype=getattr(xp, target))
        assert_dtype(t, target, call=call)
        assert_values(t, arr.astype(target), call=call)
        assert_ndarray(a, arr, dtype=name, call=f"{call}: the array must be left untouched")
        bump_tensor(t, target)
        assert_ndarray(a, arr, call=f"t = {call}; then add_(1) on t: a must not change")
        bump_array(a)
        assert_values(t, bumped(arr.astype(target)), call=f"t = {call}; then np.add(a, 1, out=a): t must not change")
