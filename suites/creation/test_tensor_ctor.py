"""tensor() and as_tensor(): building from data, dtype inference, copying, errors.

Memory sharing is tested by writing through one object and reading through the other.
"""
import warnings

import numpy as np
from hypothesis import assume, example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import (COMPLEX_OF_FLOAT, CORE_DTYPES, FULL_FLOAT_DTYPES, FLOAT_DTYPES, GENERIC_DTYPES, REAL_DTYPES,
                                SIGNED_DTYPES, SIGNED_INT_DTYPES)
from conformance.assertions import (assert_raises, assert_same_object, assert_shape, assert_tensor, assert_values,
                                    assert_warns, describe, expect)
from conformance.strategies import dtype_names, shapes

from suites.creation.helpers import default_dtype, dt


def nested(draw_values, shape):
    """``draw_values`` (a flat list) laid out as nested Python lists of ``shape``."""
    return np.array(draw_values, dtype=object).reshape(shape).tolist() if shape else draw_values[0]


@st.composite
def nested_data(draw, elements, min_dims=1):
    shape = draw(shapes(min_dims=min_dims, max_dims=3, min_side=1, max_side=4))
    size = int(np.prod(shape)) if shape else 1
    flat = draw(st.lists(elements, min_size=size, max_size=size))
    return shape, flat


small_floats = st.integers(-400, 400).map(lambda q: q / 8)  # exact in float16/32/64


@check("creation.tensor.from-data")
def test_tutorial_tensor_from_list(xp):
    """T04: tensor([5.5, 3]) is the 1-D default-float tensor [5.5, 3.0]."""
    call = describe("tensor", [5.5, 3])
    assert_tensor(xp.tensor([5.5, 3]), np.array([5.5, 3.0], dtype="float32"), dtype="float32", call=call)


@check("creation.tensor.from-data")
@given(data=nested_data(small_floats))
def test_tensor_from_nested_lists(xp, data):
    shape, flat = data
    value = nested(flat, shape)
    call = describe("tensor", value)
    assert_tensor(xp.tensor(value), np.array(flat, dtype="float32").reshape(shape), dtype="float32", call=call)


@check("creation.tensor.from-data")
@given(data=nested_data(st.integers(-100, 100)), dtype=dtype_names(SIGNED_INT_DTYPES + FLOAT_DTYPES))
def test_tensor_dtype_keyword(xp, data, dtype):
    shape, flat = data
    value = nested(flat, shape)
    call = describe("tensor", value, dtype=dtype)
    assert_tensor(xp.tensor(value, dtype=dt(xp, dtype)), np.array(flat, dtype=dtype).reshape(shape), dtype=dtype, call=call)


@check("creation.tensor.from-data")
@given(shape=shapes(max_dims=3), dtype=dtype_names(CORE_DTYPES))
def test_tensor_from_ndarray(xp, shape, dtype):
    array = (np.arange(int(np.prod(shape)), dtype="int64").reshape(shape) % 7).astype(dtype)
    call = describe("tensor", array)
    assert_tensor(xp.tensor(array), array, dtype=dtype, call=call)


@check("creation.tensor.dtype-inference")
@given(default=dtype_names(FULL_FLOAT_DTYPES),
       kinds=st.lists(st.sampled_from(["int", "float", "bool", "complex"]), min_size=1, max_size=5))
@example(default="float32", kinds=["bool", "int"])
@example(default="float32", kinds=["int", "float"])
def test_tensor_infers_dtype(xp, default, kinds):
    dtypes.require(default)
    make = {"int": lambda i: i - 2, "float": lambda i: i + 0.5, "bool": lambda i: i % 2 == 0, "complex": lambda i: complex(i, 1)}
    data = [make[k](i) for i, k in enumerate(kinds)]
    present = set(kinds)
    if "complex" in present:
        want = COMPLEX_OF_FLOAT[default]
    elif "float" in present:
        want = default
    elif "int" in present:
        want = "int64"
    else:
        want = "bool"
    with default_dtype(xp, default):
        call = describe("tensor", data) + f" with default dtype {default}"
        assert_tensor(xp.tensor(data), np.array(data).astype(want), dtype=want, call=call)


@check("creation.tensor.scalar-and-empty")
@given(value=st.one_of(st.integers(-1000, 1000), small_floats, st.booleans()))
def test_tensor_of_scalar_is_0_dim(xp, value):
    want = {bool: "bool", int: "int64", float: "float32"}[type(value)]
    call = describe("tensor", value)
    got = xp.tensor(value)
    assert_shape(got, (), call=call)
    expect(got.shape == xp.Size([]) and tuple(got.shape) == (), call=call, expected="shape torch.Size([])", got=f"shape {got.shape!r}")
    assert_tensor(got, np.array(value, dtype=want), dtype=want, call=call)


@check("creation.tensor.scalar-and-empty")
def test_tensor_of_empty_list(xp):
    call = describe("tensor", [])
    assert_tensor(xp.tensor([]), np.zeros((0,), dtype="float32"), dtype="float32", call=call)


@check("creation.tensor.copies")
@given(shape=shapes(min_dims=1, max_dims=3, min_side=1), dtype=dtype_names(GENERIC_DTYPES))
def test_tensor_copies_ndarray(xp, shape, dtype):
    array = np.ones(shape, dtype=dtype)
    got = xp.tensor(array)
    array[...] = 5  # write through the source
    call = describe("tensor", np.ones(shape, dtype=dtype)) + " then the array is overwritten with 5"
    assert_values(got, np.ones(shape, dtype=dtype), call=call)


@check("creation.tensor.copies")
@given(shape=shapes(min_dims=1, max_dims=3, min_side=1))
def test_tensor_of_tensor_is_detached_copy(xp, shape):
    source = xp.ones(shape, requires_grad=True)
    call = describe("tensor", source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the recommendation warning is checked below
        got = xp.tensor(source)
    expect(got.requires_grad is False and got.grad_fn is None and got.is_leaf, call=call,
           expected="a leaf with requires_grad False and no grad_fn",
           got=f"requires_grad={got.requires_grad!r}, grad_fn={got.grad_fn!r}, is_leaf={got.is_leaf!r}")
    got.fill_(3.0)  # write through the copy; the source must not see it
    assert_values(source.detach(), np.ones(shape, dtype="float32"), call=call + " then the result is filled with 3; reading the source")


@check("creation.tensor.copies")
def test_tensor_of_non_leaf_has_no_history(xp):
    leaf = xp.ones(3, requires_grad=True)
    source = leaf * 2
    call = describe("tensor", source) + " of a non-leaf (leaf * 2)"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = xp.tensor(source)
    expect(got.grad_fn is None and got.is_leaf, call=call, expected="a leaf with no grad_fn",
           got=f"grad_fn={got.grad_fn!r}, is_leaf={got.is_leaf!r}")
    assert_tensor(got, np.full(3, 2.0, dtype="float32"), dtype="float32", call=call)


@check("creation.tensor.copies")
def test_tensor_of_tensor_warns(xp):
    source = xp.ones(2)
    assert_warns(UserWarning, xp.tensor, source, call=describe("tensor", source))


@check("creation.tensor.ragged-rejected")
@given(data=st.sampled_from([[[1, 2], [3]], [[1.0], [2.0, 3.0]], [[[1], [2]], [[3]]], [[1, 2], []]]))
def test_tensor_rejects_ragged(xp, data):
    assert_raises(ValueError, xp.tensor, data, call=describe("tensor", data))


@check("creation.tensor.overflow-rejected")
@given(case=st.sampled_from([("int8", 200), ("int8", -129), ("uint8", 256), ("int16", 40000), ("int16", -40000),
                             ("int32", 2**31)]))
def test_tensor_rejects_out_of_range_for_dtype(xp, case):
    """Negative values into uint8 are left out: PyTorch wraps them (tensor([-1], dtype=uint8) is 255)."""
    dtype, value = case
    call = describe("tensor", [value], dtype=dtype)
    # The exception type is undocumented: RuntimeError in current PyTorch; ValueError/OverflowError also accepted.
    assert_raises((RuntimeError, ValueError, OverflowError), xp.tensor, [value], dtype=dt(xp, dtype), call=call)


@check("creation.tensor.overflow-rejected")
@given(value=st.sampled_from([2**63, 2**64, -(2**63) - 1, 10**30]))
def test_tensor_rejects_int_beyond_int64(xp, value):
    call = describe("tensor", [value])
    assert_raises((RuntimeError, ValueError, OverflowError), xp.tensor, [value], call=call)


@check("creation.tensor.numpy-scalar-dtype")
@given(dtype=dtype_names(REAL_DTYPES),
       value=st.integers(0, 100))
def test_tensor_keeps_numpy_scalar_dtype(xp, dtype, value):
    scalar = np.dtype(dtype).type(value)
    call = describe("tensor", scalar) + f" of a numpy.{dtype} scalar"
    got = xp.tensor(scalar)
    assert_shape(got, (), call=call)
    assert_tensor(got, np.array(scalar), dtype=dtype, call=call)


@check("creation.as-tensor.no-copy")
@given(dtype=dtype_names(GENERIC_DTYPES), spell=st.sampled_from(["none", "same"]))
def test_as_tensor_returns_same_tensor(xp, dtype, spell):
    source = xp.zeros(3, dtype=dt(xp, dtype))
    kwargs = {} if spell == "none" else {"dtype": dt(xp, dtype), "device": source.device}
    call = describe("as_tensor", source, **kwargs)
    assert_same_object(xp.as_tensor(source, **kwargs), source, call=call)


@check("creation.as-tensor.no-copy")
@given(src=dtype_names(SIGNED_DTYPES), want=dtype_names(SIGNED_DTYPES))
def test_as_tensor_converts_like_to(xp, src, want):
    assume(src != want)  # the same dtype is the no-copy case, checked above
    source = xp.tensor([1, 2, 3], dtype=dt(xp, src))
    call = describe("as_tensor", source, dtype=want)
    got = xp.as_tensor(source, dtype=dt(xp, want))
    assert_tensor(got, np.array([1, 2, 3], dtype=want), dtype=want, call=call)
    source.fill_(9)  # a converted result is a copy
    assert_values(got, np.array([1, 2, 3], dtype=want), call=call + " then the source is filled with 9")


@check("creation.as-tensor.no-copy")
def test_as_tensor_keeps_autograd_history(xp):
    x = xp.ones(2, requires_grad=True)
    for kwargs in ({}, {"dtype": xp.float64}):
        call = describe("as_tensor", "x * 2", **kwargs) + " with x = ones(2, requires_grad=True)"
        got = xp.as_tensor(x * 2, **kwargs)
        expect(got.grad_fn is not None and got.requires_grad, call=call, expected="a result with a grad_fn",
               got=f"grad_fn={got.grad_fn!r}, requires_grad={got.requires_grad!r}")


@check("creation.as-tensor.no-copy")
def test_as_tensor_of_list_builds_tensor(xp):
    call = describe("as_tensor", [1, 2.5])
    assert_tensor(xp.as_tensor([1, 2.5]), np.array([1, 2.5], dtype="float32"), dtype="float32", call=call)
