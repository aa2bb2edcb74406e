"""zeros / ones / empty / full / eye: sizes, fill values, dtypes, keyword defaults and errors.

Expected values are NumPy arrays built from the documented rule; ``empty``'s values are
never read (they are unspecified).
"""
import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.dtypes import ALL_DTYPES, COMPLEX_DTYPES, FULL_FLOAT_DTYPES, FLOAT_DTYPES, INT_DTYPES
from conformance.assertions import assert_dtype, assert_raises, assert_shape, assert_tensor, assert_values, describe, expect
from conformance.strategies import dtype_names, shapes

from suites.creation.helpers import FLOAT_FACTORIES, device_kind, device_type, dt, make

SMALL_DTYPES = ALL_DTYPES


@check("creation.zeros.dtype-keyword")
@given(shape=shapes(), dtype=dtype_names(SMALL_DTYPES))
def test_zeros_dtype_keyword(xp, shape, dtype):
    call = describe("zeros", shape, dtype=dtype)
    got = xp.zeros(shape, dtype=dt(xp, dtype))
    assert_tensor(got, np.zeros(shape, dtype=dtype), dtype=dtype, call=call)


@check("creation.zeros.dtype-keyword")
def test_tutorial_zeros_long(xp):
    """T03: zeros(5, 3, dtype=long) is a 5x3 int64 tensor of zeros."""
    call = describe("zeros", 5, 3, dtype=xp.long)
    assert_tensor(xp.zeros(5, 3, dtype=xp.long), np.zeros((5, 3), dtype="int64"), dtype="int64", call=call)


@check("creation.factory.fill-values")
@given(shape=shapes(), dtype=st.none() | dtype_names(SMALL_DTYPES), factory=st.sampled_from(["zeros", "ones"]))
def test_ones_and_zeros_fill(xp, shape, dtype, factory):
    kwargs = {} if dtype is None else {"dtype": dt(xp, dtype)}
    want_dtype = dtype or "float32"
    fill = np.zeros if factory == "zeros" else np.ones
    call = describe(factory, shape, **kwargs)
    assert_tensor(getattr(xp, factory)(shape, **kwargs), fill(shape, dtype=want_dtype), dtype=want_dtype, call=call)


@check("creation.factory.fill-values")
def test_tutorial_ones_zeros_2x2(xp):
    """T08: ones(2, 2) is all ones, zeros(2, 2) all zeros."""
    assert_tensor(xp.ones(2, 2), np.ones((2, 2), dtype="float32"), dtype="float32", call=describe("ones", 2, 2))
    assert_tensor(xp.zeros(2, 2), np.zeros((2, 2), dtype="float32"), dtype="float32", call=describe("zeros", 2, 2))


@check("creation.factory.size-forms")
@given(shape=shapes(min_dims=1, max_dims=4), factory=st.sampled_from(FLOAT_FACTORIES),
       form=st.sampled_from(["ints", "list", "tuple", "Size"]))
@example(shape=(2, 3), factory="ones", form="list")
@example(shape=(2, 3, 4), factory="zeros", form="Size")
def test_size_forms(xp, shape, factory, form):
    fn = getattr(xp, factory)
    if form == "ints":
        call, got = describe(factory, *shape), fn(*shape)
    else:
        size = {"list": list(shape), "tuple": tuple(shape), "Size": xp.Size(shape)}[form]
        call, got = describe(factory, size), fn(size)
    assert_shape(got, shape, call=call)


@check("creation.factory.keyword-defaults")
@given(factory=st.sampled_from(FLOAT_FACTORIES + ("full", "eye", "arange")))
def test_keyword_defaults(xp, factory):
    args = {"full": ((2, 3), 1.5), "eye": (3,), "arange": (4,)}.get(factory, (2, 3))
    call = describe(factory, *args)
    got = getattr(xp, factory)(*args)
    expect(got.requires_grad is False, call=call, expected="requires_grad False", got=f"requires_grad {got.requires_grad!r}")
    expect(got.layout == xp.strided, call=call, expected="layout torch.strided", got=f"layout {got.layout!r}")
    expect(device_type(got) == "cpu", call=call, expected="device cpu (the default device)", got=f"device {got.device}")


@check("creation.factory.keyword-defaults")
def test_explicit_device_keyword(xp, device):
    for factory in FLOAT_FACTORIES:
        call = describe(factory, 2, 3, device=device)
        got = getattr(xp, factory)(2, 3, device=device)
        expect(device_type(got) == device_kind(device), call=call, expected=f"device {device}", got=f"device {got.device}")


@check("creation.empty.shape-dtype")
@given(shape=shapes(), dtype=st.none() | dtype_names(SMALL_DTYPES))
def test_empty_shape_and_dtype(xp, shape, dtype):
    kwargs = {} if dtype is None else {"dtype": dt(xp, dtype)}
    call = describe("empty", shape, **kwargs)
    got = xp.empty(shape, **kwargs)
    assert_shape(got, shape, call=call)
    assert_dtype(got, dtype or "float32", call=call)


@check("creation.empty.shape-dtype")
def test_tutorial_empty_5x3(xp):
    """T01: empty(5, 3) is 5x3 of the default dtype; its values are unspecified and not read."""
    call = describe("empty", 5, 3)
    got = xp.empty(5, 3)
    assert_shape(got, (5, 3), call=call)
    assert_dtype(got, "float32", call=call)


@check("creation.factory.negative-size")
@given(factory=st.sampled_from(FLOAT_FACTORIES), shape=shapes(min_dims=1, max_dims=3, max_side=3),
       where=st.integers(0, 2), neg=st.integers(-5, -1))
def test_negative_size_raises(xp, factory, shape, where, neg):
    size = list(shape)
    size[where % len(size)] = neg
    size = tuple(size)
    assert_raises(RuntimeError, make, xp, factory, size, call=describe(factory, *size))


@check("creation.full.dtype-from-fill")
@given(shape=shapes(max_dims=3),
       value=st.one_of(st.integers(-100, 100), st.floats(-100, 100, allow_nan=False).map(lambda v: round(v, 2)),
                       st.booleans(), st.complex_numbers(max_magnitude=100, allow_nan=False, allow_infinity=False)
                       .map(lambda z: complex(round(z.real, 2), round(z.imag, 2)))))
@example(shape=(2, 2), value=7)
@example(shape=(2, 2), value=True)
@example(shape=(2, 2), value=2.5)
def test_full_dtype_from_fill(xp, shape, value):
    want = {bool: "bool", int: "int64", float: "float32", complex: "complex64"}[type(value)]
    call = describe("full", shape, value)
    assert_tensor(xp.full(shape, value), np.full(shape, value, dtype=want), dtype=want, call=call)


@check("creation.full.dtype-from-fill")
@given(shape=shapes(max_dims=3), dtype=dtype_names(INT_DTYPES + FULL_FLOAT_DTYPES), value=st.integers(0, 100))
def test_full_dtype_keyword(xp, shape, dtype, value):
    call = describe("full", shape, value, dtype=dtype)
    assert_tensor(xp.full(shape, value, dtype=dt(xp, dtype)), np.full(shape, value, dtype=dtype), dtype=dtype, call=call)


@check("creation.full.size-sequence")
@given(size=st.integers(0, 5), value=st.sampled_from([1.0, 2, True]))
def test_full_rejects_int_size(xp, size, value):
    assert_raises(TypeError, xp.full, size, value, call=describe("full", size, value))


@check("creation.full.size-sequence")
@given(shape=shapes(max_dims=3), form=st.sampled_from(["list", "tuple", "Size"]))
def test_full_accepts_sequence_size(xp, shape, form):
    size = {"list": list(shape), "tuple": tuple(shape), "Size": xp.Size(shape)}[form]
    call = describe("full", size, 1.0)
    assert_values(xp.full(size, 1.0), np.full(shape, 1.0), call=call)  # its dtype is creation.full.dtype-from-fill's


@check("creation.eye.identity")
@given(n=st.integers(0, 6), m=st.one_of(st.none(), st.integers(0, 6)))
@example(n=2, m=3)
@example(n=3, m=2)
def test_eye(xp, n, m):
    args = (n,) if m is None else (n, m)
    call = describe("eye", *args)
    assert_tensor(xp.eye(*args), np.eye(n, m, dtype="float32"), dtype="float32", call=call)


@check("creation.eye.identity")
def test_tutorial_eye_2x2_and_2x3(xp):
    """T08: eye(2, 2) is the identity; docs: eye(2, 3) is [[1, 0, 0], [0, 1, 0]]."""
    assert_tensor(xp.eye(2, 2), [[1.0, 0.0], [0.0, 1.0]], dtype="float32", call=describe("eye", 2, 2))
    assert_tensor(xp.eye(2, 3), [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype="float32", call=describe("eye", 2, 3))


@check("creation.eye.identity")
@given(n=st.integers(0, 4), dtype=dtype_names(SMALL_DTYPES))
def test_eye_dtype_keyword(xp, n, dtype):
    call = describe("eye", n, dtype=dtype)
    assert_tensor(xp.eye(n, dtype=dt(xp, dtype)), np.eye(n, dtype=dtype), dtype=dtype, call=call)


@check("creation.requires-grad.float-only")
@given(factory=st.sampled_from(["zeros", "ones", "empty", "full", "tensor"]),
       dtype=st.sampled_from(("bool",) + INT_DTYPES))
def test_requires_grad_rejects_integer_dtypes(xp, factory, dtype):
    args = {"full": ((2,), 1), "tensor": ([1, 0],)}.get(factory, ((2,),))
    call = describe(factory, *args, dtype=dtype, requires_grad=True)
    assert_raises(RuntimeError, getattr(xp, factory), *args, dtype=dt(xp, dtype), requires_grad=True, call=call)


@check("creation.requires-grad.float-only")
@given(factory=st.sampled_from(["zeros", "ones", "empty", "full", "tensor"]),
       dtype=dtype_names(FLOAT_DTYPES + COMPLEX_DTYPES))
def test_requires_grad_accepts_float_and_complex(xp, factory, dtype):
    args = {"full": ((2,), 1), "tensor": ([1, 0],)}.get(factory, ((2,),))
    call = describe(factory, *args, dtype=dtype, requires_grad=True)
    got = getattr(xp, factory)(*args, dtype=dt(xp, dtype), requires_grad=True)
    assert_dtype(got, dtype, call=call)
    expect(got.requires_grad is True, call=call, expected="requires_grad True", got=f"requires_grad {got.requires_grad!r}")
