"""Tensor.new_* methods: dtype and device come from self unless overridden; new_tensor copies."""
import warnings

import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import FLOAT_DTYPES, GENERIC_DTYPES, INT_DTYPES
from conformance.assertions import assert_shape, assert_tensor, assert_values, assert_dtype, describe, expect
from conformance.strategies import dtype_names, shapes

from suites.creation.helpers import device_kind, device_type, dt
from suites.inputs import tensor_of

NEW_DTYPES = ("bool",) + INT_DTYPES + FLOAT_DTYPES


@check("creation.new.inherits")
def test_tutorial_new_ones_double(xp):
    """T05: tensor([5.5, 3]).new_ones(5, 3, dtype=double) is 5x3 float64 ones."""
    x = xp.tensor([5.5, 3])
    call = describe("tensor([5.5, 3]).new_ones", 5, 3, dtype=xp.double)
    got = x.new_ones(5, 3, dtype=xp.double)
    assert_shape(got, (5, 3), call=call)
    assert_dtype(got, "float64", call=call)


@check("creation.new.inherits")
@given(method=st.sampled_from(["new_zeros", "new_ones", "new_empty", "new_full"]), self_shape=shapes(max_dims=3),
       shape=shapes(min_dims=1, max_dims=3), dtype=dtype_names(NEW_DTYPES),
       override=st.one_of(st.none(), dtype_names(NEW_DTYPES)), spread=st.booleans())
def test_new_methods_inherit_dtype_and_device(xp, device, method, self_shape, shape, dtype, override, spread):
    source = xp.zeros(self_shape, dtype=dt(xp, dtype), device=device)
    kwargs = {} if override is None else {"dtype": dt(xp, override)}
    size_args = tuple(shape) if spread and method != "new_full" else (tuple(shape),)
    args = size_args + ((1,) if method == "new_full" else ())
    call = describe(f"zeros({self_shape}, dtype={dtype}, device={device}).{method}", *args, **kwargs)
    got = getattr(source, method)(*args, **kwargs)
    want_dtype = override or dtype
    assert_shape(got, shape, call=call)
    assert_dtype(got, want_dtype, call=call)
    expect(device_type(got) == device_kind(device), call=call, expected=f"device {device}", got=f"device {got.device}")


@check("creation.new.fill-values")
@given(method=st.sampled_from(["new_zeros", "new_ones", "new_full"]), shape=shapes(min_dims=1, max_dims=3),
       dtype=dtype_names(NEW_DTYPES))
@example(method="new_ones", shape=(5, 3), dtype="float32")
def test_new_methods_fill(xp, method, shape, dtype):
    dtypes.require(dtype)
    source = tensor_of(xp, np.full((2,), 3), dtype)  # neither 0 nor 1: the fill cannot come from self's values
    fill = {"new_zeros": 0, "new_ones": 1, "new_full": 1}[method]
    args = (tuple(shape),) + ((fill,) if method == "new_full" else ())
    call = describe(f"tensor([3, 3], dtype={dtype}).{method}", *args)
    assert_values(getattr(source, method)(*args), np.full(shape, fill), call=call, rtol=0, atol=0)


@check("creation.new.inherits")
@given(dtype=dtype_names(NEW_DTYPES), data=st.lists(st.integers(0, 1), min_size=1, max_size=6))
def test_new_tensor_takes_dtype_from_self(xp, device, dtype, data):
    source = xp.zeros(2, 2, dtype=dt(xp, dtype), device=device)
    call = describe(f"zeros(2, 2, dtype={dtype}, device={device}).new_tensor", data)
    got = source.new_tensor(data)
    assert_tensor(got, np.array(data, dtype=dtype), dtype=dtype, call=call)
    expect(device_type(got) == device_kind(device), call=call, expected=f"device {device}", got=f"device {got.device}")


@check("creation.new.inherits")
def test_docs_example_new_tensor_int8_truncates(xp):
    source = xp.ones(2, dtype=xp.int8)
    call = describe("ones(2, dtype=int8).new_tensor", [1.7])
    assert_tensor(source.new_tensor([1.7]), np.array([1], dtype="int8"), dtype="int8", call=call)


@check("creation.new.inherits")
@given(shape=shapes(min_dims=1, max_dims=3), dtype=dtype_names(GENERIC_DTYPES))
def test_new_zeros_size_forms_agree(xp, shape, dtype):
    source = xp.ones(3, dtype=dt(xp, dtype))
    for args in (tuple(shape), (tuple(shape),), (list(shape),), (xp.Size(shape),)):
        call = describe(f"ones(3, dtype={dtype}).new_zeros", *args)
        got = source.new_zeros(*args)
        assert_shape(got, shape, call=call)
        assert_dtype(got, dtype, call=call)


@check("creation.new.inherits")
def test_new_methods_device_override(xp, other_device):
    source = xp.zeros(2)
    for method, args in (("new_zeros", ((2,),)), ("new_ones", ((2,),)), ("new_empty", ((2,),)), ("new_full", ((2,), 3.0)),
                         ("new_tensor", ([1.0, 2.0],))):
        call = describe(f"zeros(2).{method}", *args, device=other_device)
        got = getattr(source, method)(*args, device=other_device)
        expect(device_type(got) == device_kind(other_device), call=call, expected=f"device {other_device}", got=f"device {got.device}")


@check("creation.new-tensor.copies")
@given(shape=shapes(min_dims=1, max_dims=3, min_side=1), dtype=dtype_names(GENERIC_DTYPES))
def test_new_tensor_copies_ndarray(xp, shape, dtype):
    array = np.ones(shape, dtype=dtype)
    source = xp.zeros(1, dtype=dt(xp, dtype))
    got = source.new_tensor(array)
    array[...] = 7
    call = describe("zeros(1).new_tensor", np.ones(shape, dtype=dtype)) + " then the array is overwritten with 7"
    assert_values(got, np.ones(shape, dtype=dtype), call=call)


@check("creation.new-tensor.copies")
@given(shape=shapes(min_dims=1, max_dims=3, min_side=1))
def test_new_tensor_of_tensor_is_detached_copy(xp, shape):
    data = xp.ones(shape, requires_grad=True) * 2  # a non-leaf with history
    call = describe("zeros(1).new_tensor", data) + " of a non-leaf requiring grad"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the copy-construct recommendation
        got = xp.zeros(1).new_tensor(data)
    expect(got.requires_grad is False and got.grad_fn is None and got.is_leaf, call=call,
           expected="a leaf with requires_grad False and no grad_fn",
           got=f"requires_grad={got.requires_grad!r}, grad_fn={got.grad_fn!r}, is_leaf={got.is_leaf!r}")
    source = xp.ones(shape)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = xp.zeros(1).new_tensor(source)
    got.fill_(5.0)
    call = describe("zeros(1).new_tensor", source) + " then the result is filled with 5; reading the source"
    assert_values(source, np.ones(shape, dtype="float32"), call=call)
