"""Reductions: max/min (full, along a dim with indices, ties, NaN, two-tensor form), sum (dims,
dtype), mean (float only, empty), var/std (correction), keepdim for every reduction
(tutorial T15, T16; facts 2.28-2.37). Expected values from NumPy on the same numbers."""
import math

import numpy as np
import pytest
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import FULL_FLOAT_DTYPES, GENERIC_DTYPES, INTEGRAL_DTYPES, INT_DTYPES, REAL_DTYPES
from conformance.assertions import assert_raises, assert_shape, assert_tensor, describe, expect, is_tensor, to_numpy
from conformance.strategies import dtype_names, shapes
from suites.ops.helpers import arrays
from suites.inputs import tensor_of

ORDERED_DTYPES = INT_DTYPES + FULL_FLOAT_DTYPES


@st.composite
def tensor_and_dim(draw, dtypes=ORDERED_DTYPES, min_side=1, low=-4, high=4):
    """(dtype, array, dim): dim may be negative; small value ranges make ties frequent."""
    dtype = draw(dtype_names(dtypes))
    shape = draw(shapes(1, 4, min_side, 4))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    return dtype, draw(arrays(dtype, shape, low, high)), dim


@pytest.mark.parametrize("fn", [pytest.param("max", marks=check("ops.max.full")),
                                pytest.param("min", marks=check("ops.min.full"))])
@given(dtype=dtype_names(("bool",) + ORDERED_DTYPES), shape=shapes(0, 4, 1, 4), data=st.data())
def test_max_min_without_dim_are_zero_dim(xp, fn, dtype, shape, data):
    a = data.draw(arrays(dtype, shape), label="a")
    x = tensor_of(xp, a, dtype)
    want = np.array(getattr(a, fn)())
    assert_tensor(getattr(xp, fn)(x), want, dtype=dtype, call=describe(f"torch.{fn}", x))
    assert_tensor(getattr(x, fn)(), want, dtype=dtype, call=describe(f"x.{fn}", x))


@check("ops.max.dim-values-indices")
@given(case=tensor_and_dim(low=-50, high=50), keepdim=st.booleans(), fn=st.sampled_from(["max", "min"]))
@example(case=("float32", np.array([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]], "float32"), 1), keepdim=False, fn="max")
def test_max_min_along_dim_return_values_and_indices(xp, case, keepdim, fn):
    dtypes.require(case[0])
    dtype, a, dim = case
    x = tensor_of(xp, a, dtype)
    call = describe(f"torch.{fn}", x, dim=dim, keepdim=keepdim)
    result = getattr(xp, fn)(x, dim=dim, keepdim=keepdim)
    values, indices = result  # unpacks as a 2-tuple
    expect(len(result) == 2, call=call, expected="a 2-tuple", got=f"length {len(result)}")
    expect(result.values is values and result.indices is indices, call=call,
           expected="a namedtuple whose .values/.indices are its two items", got=type(result).__name__)
    want_v = (a.max if fn == "max" else a.min)(axis=dim, keepdims=keepdim)
    want_i = (np.argmax if fn == "max" else np.argmin)(a, axis=dim, keepdims=keepdim)
    assert_tensor(values, want_v, dtype=dtype, call=call + ".values")
    assert_tensor(indices, want_i.astype("int64"), dtype="int64", call=call + ".indices")


@check("ops.max.first-index-on-ties")
@given(case=tensor_and_dim(low=0, high=2), fn=st.sampled_from(["max", "min", "argmax", "argmin"]))
@example(case=("float32", np.array([[3.0, 1.0, 3.0]], "float32"), 1), fn="max")
def test_ties_give_the_first_index(xp, case, fn):
    dtypes.require(case[0])
    dtype, a, dim = case
    x = tensor_of(xp, a, dtype)
    call = describe(f"torch.{fn}", x, dim=dim)
    got = getattr(xp, fn)(x, dim=dim)
    got = got if fn.startswith("arg") else got.indices
    want = (np.argmax if fn in ("max", "argmax") else np.argmin)(a, axis=dim)  # NumPy: first occurrence
    assert_tensor(got, want.astype("int64"), dtype="int64", call=call)


KEEPDIM_OPS = ("sum", "mean", "max", "min", "amax", "amin")


@check("ops.reduce.keepdim")
@given(case=tensor_and_dim(dtypes=FULL_FLOAT_DTYPES), keepdim=st.booleans(), op=st.sampled_from(KEEPDIM_OPS),
       method=st.booleans())
def test_keepdim_keeps_size_one_dims(xp, case, keepdim, op, method):
    dtype, a, dim = case
    x = tensor_of(xp, a, dtype)
    call = describe(f"x.{op}" if method else f"torch.{op}", x, dim=dim, keepdim=keepdim)
    got = getattr(x, op)(dim=dim, keepdim=keepdim) if method else getattr(xp, op)(x, dim=dim, keepdim=keepdim)
    if op in ("max", "min"):
        got = got.values
    npop = {"sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min, "amax": np.max, "amin": np.min}[op]
    want = npop(a, axis=dim, keepdims=keepdim).astype(dtype)
    want_shape = tuple(1 if i == dim % a.ndim else s for i, s in enumerate(a.shape)) if keepdim else \
        tuple(s for i, s in enumerate(a.shape) if i != dim % a.ndim)
    assert_shape(got, want_shape, call=call)
    assert_tensor(got, want, dtype=dtype, call=call)


@check("ops.reduce.keepdim")
@given(shape=shapes(1, 4, 0, 3), keepdim=st.booleans(), data=st.data())
def test_keepdim_with_several_dims(xp, shape, keepdim, data):
    dims = data.draw(st.lists(st.integers(0, len(shape) - 1), min_size=1, max_size=len(shape), unique=True), label="dims")
    a = data.draw(arrays("int64", shape), label="a")
    x = tensor_of(xp, a, "int64")
    call = describe("torch.sum", x, dim=tuple(dims), keepdim=keepdim)
    got = xp.sum(x, dim=tuple(dims), keepdim=keepdim)
    assert_tensor(got, np.sum(a, axis=tuple(dims), keepdims=keepdim), dtype="int64", call=call)


@check("ops.max.binary-elementwise")
@given(dtype=dtype_names(ORDERED_DTYPES), shape=shapes(1, 3, 1, 4), data=st.data())
def test_max_of_two_tensors_is_elementwise(xp, dtype, shape, data):
    a, b = data.draw(arrays(dtype, shape), label="a"), data.draw(arrays(dtype, shape[-1:]), label="b")
    x, y = tensor_of(xp, a, dtype), tensor_of(xp, b, dtype)
    for name, fn, want in (("torch.max", xp.max, np.maximum(a, b)), ("torch.maximum", xp.maximum, np.maximum(a, b)),
                           ("torch.min", xp.min, np.minimum(a, b)), ("torch.minimum", xp.minimum, np.minimum(a, b))):
        got = fn(x, y)
        expect(is_tensor(got), call=describe(name, x, y), expected="a tensor", got=type(got).__name__)
        assert_tensor(got, want, dtype=dtype, call=describe(name, x, y))


@check("ops.sum.dim")
@given(shape=shapes(1, 4, 0, 4), dtype=dtype_names(GENERIC_DTYPES), data=st.data())
@example(shape=(5, 3), dtype="float32", data=None)
def test_sum_over_int_tuple_or_none(xp, shape, dtype, data):
    dtypes.require(dtype)
    if data is None:
        a, dims = np.arange(15, dtype=dtype).reshape(5, 3), [1]
    else:
        a = data.draw(arrays(dtype, shape), label="a")
        dims = data.draw(st.lists(st.integers(-len(shape), len(shape) - 1), min_size=1, max_size=len(shape),
                                  unique_by=lambda d: d % len(shape)), label="dims")
    x = tensor_of(xp, a, dtype)
    d0 = dims[0]
    assert_tensor(xp.sum(x, dim=d0), a.sum(axis=d0), dtype=dtype, call=describe("torch.sum", x, dim=d0))
    assert_tensor(x.sum(d0), a.sum(axis=d0), dtype=dtype, call=describe("x.sum", x, d0))
    assert_tensor(xp.sum(x, dim=tuple(dims)), a.sum(axis=tuple(dims)), dtype=dtype,
                  call=describe("torch.sum", x, dim=tuple(dims)))
    assert_tensor(xp.sum(x, dim=None), np.array(a.sum()), dtype=dtype, call=describe("torch.sum", x, dim=None))
    assert_tensor(xp.sum(x), np.array(a.sum()), dtype=dtype, call=describe("torch.sum", x))


@check("ops.sum.dtype")
@given(dtype=dtype_names(REAL_DTYPES),
       shape=shapes(1, 3, 0, 4), with_dim=st.booleans(), data=st.data())
@example(dtype="int32", shape=(3,), with_dim=False, data=None)
@example(dtype="float16", shape=(3,), with_dim=False, data=None)
def test_sum_result_dtype(xp, dtype, shape, with_dim, data):
    dtypes.require(dtype)
    a = np.ones(shape, dtype=dtypes.numpy_dtype(dtype)) if data is None else data.draw(arrays(dtype, shape, 0, 9), label="a")
    x = tensor_of(xp, a, dtype)
    want_dtype = dtype if dtypes.is_floating(dtype) else "int64"
    kw = {"dim": 0} if with_dim else {}
    want = a.astype(dtypes.numpy_dtype(want_dtype)).sum(axis=0 if with_dim else None)
    assert_tensor(xp.sum(x, **kw), want, dtype=want_dtype, call=describe("torch.sum", x, **kw))
    for explicit in dtypes.supported(GENERIC_DTYPES):
        want = a.astype(explicit).sum(axis=0 if with_dim else None)
        assert_tensor(xp.sum(x, dtype=getattr(xp, explicit), **kw), want, dtype=explicit,
                      call=describe("torch.sum", x, dtype=getattr(xp, explicit), **kw))


@check("ops.mean.requires-float")
@given(dtype=dtype_names(INTEGRAL_DTYPES), shape=shapes(1, 3, 1, 4),
       with_dim=st.booleans(), data=st.data())
@example(dtype="int64", shape=(4,), with_dim=False, data=None)
def test_mean_of_integers_raises_unless_dtype_given(xp, dtype, shape, with_dim, data):
    dtypes.require(dtype)
    a = np.arange(int(np.prod(shape))).reshape(shape).astype(dtypes.numpy_dtype(dtype)) if data is None else \
        data.draw(arrays(dtype, shape, 0, 9), label="a")
    x = tensor_of(xp, a, dtype)
    kw = {"dim": -1} if with_dim else {}
    assert_raises(RuntimeError, xp.mean, x, call=describe("torch.mean", x, **kw), **kw)
    want = a.astype("float32").mean(axis=-1 if with_dim else None)
    assert_tensor(xp.mean(x, dtype=xp.float32, **kw), want, dtype="float32",
                  call=describe("torch.mean", x, dtype=xp.float32, **kw))


@check("ops.reduce.empty")
@given(dtype=dtype_names(FULL_FLOAT_DTYPES), shape=shapes(1, 3, 0, 3).filter(lambda s: 0 in s))
@example(dtype="float32", shape=(0,))
def test_empty_mean_is_nan_and_sum_is_zero(xp, dtype, shape):
    dtypes.require(dtype)
    x = xp.zeros(shape, dtype=getattr(xp, dtype))
    assert_tensor(xp.mean(x), np.array(math.nan, dtype=dtype), dtype=dtype, equal_nan=True, call=f"torch.mean(zeros{shape}, dtype={dtype})")
    assert_tensor(xp.sum(x), np.array(0, dtype=dtype), dtype=dtype, call=f"torch.sum(zeros{shape}, dtype={dtype})")


@check("ops.max.empty-raises")
@given(dtype=dtype_names(GENERIC_DTYPES), shape=shapes(1, 3, 0, 3).filter(lambda s: 0 in s))
def test_max_of_empty_without_dim_raises(xp, dtype, shape):
    x = xp.zeros(shape, dtype=getattr(xp, dtype))
    assert_raises(RuntimeError, xp.max, x, call=f"torch.max(zeros{shape}, dtype={dtype})")


@check("ops.var.correction")
@given(dtype=dtype_names(FULL_FLOAT_DTYPES), shape=shapes(1, 3, 2, 4), data=st.data())
@example(dtype="float32", shape=(4,), data=None)
def test_var_std_unbiased_by_default(xp, dtype, shape, data):
    dtypes.require(dtype)
    a = np.array([1, 2, 3, 4], dtype=dtype) if data is None else data.draw(arrays(dtype, shape), label="a")
    x = tensor_of(xp, a, dtype)
    cases = (("torch.var", xp.var, {}, np.var(a, ddof=1)), ("torch.std", xp.std, {}, np.std(a, ddof=1)),
             ("torch.var", xp.var, {"correction": 0}, np.var(a)), ("torch.std", xp.std, {"correction": 0}, np.std(a)),
             ("torch.var", xp.var, {"unbiased": False}, np.var(a)), ("torch.var", xp.var, {"dim": -1}, np.var(a, axis=-1, ddof=1)))
    for name, fn, kw, want in cases:
        assert_tensor(fn(x, **kw), np.asarray(want, dtype=dtype), dtype=dtype, call=describe(name, x, **kw), atol=1e-5)


@check("ops.max.nan-propagates")
@given(case=tensor_and_dim(dtypes=FULL_FLOAT_DTYPES), fn=st.sampled_from(["max", "min"]), data=st.data())
@example(case=("float32", np.array([[1.0, 2.0, 3.0]], "float32"), 1), fn="max", data=None)
def test_max_min_propagate_nan(xp, case, fn, data):
    dtypes.require(case[0])
    dtype, a, dim = case
    a = a.copy()
    where = tuple(0 for _ in a.shape) if data is None else tuple(data.draw(st.integers(0, s - 1), label="nan at") for s in a.shape)
    a[where] = np.nan
    x = tensor_of(xp, a, dtype)
    call = describe(f"torch.{fn}", x, dim=dim)
    values, indices = getattr(xp, fn)(x, dim=dim)
    want = (np.max if fn == "max" else np.min)(a, axis=dim)  # NumPy's max/min propagate NaN too
    assert_tensor(values, want, dtype=dtype, equal_nan=True, call=call + ".values")
    picked = np.take_along_axis(a, np.expand_dims(to_numpy(indices).astype("int64"), dim), axis=dim).squeeze(dim)
    nan_rows = np.isnan(want)
    expect(bool(np.isnan(picked[nan_rows]).all()), call=call + ".indices", expected="indices pointing at a NaN in every NaN slice",
           got=f"indices {to_numpy(indices).tolist()}")
    assert_tensor(getattr(xp, fn)(x), np.array(np.nan, dtype=dtype), dtype=dtype, equal_nan=True, call=describe(f"torch.{fn}", x))
