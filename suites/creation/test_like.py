"""*_like factories: what they take from the input (size, dtype, device, strides) and what not.

Expected dtypes, shapes and strides come from the input's documented properties, computed
in Python (strides of a permuted contiguous tensor are the permuted C-order strides).
"""
import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import CORE_DTYPES, FULL_FLOAT_DTYPES, FLOAT_DTYPES, INT_DTYPES, SIGNED_DTYPES
from conformance.assertions import assert_dtype, assert_shape, assert_tensor, assert_values, describe, expect, to_numpy
from conformance.strategies import dtype_names, shapes

from suites.creation.helpers import device_kind, device_type, dt
from suites.inputs import tensor_of

ALL_LIKE = ("zeros_like", "ones_like", "empty_like", "rand_like", "randn_like", "full_like")
FLOAT_ONLY = ("rand_like", "randn_like")
LIKE_DTYPES = ("bool",) + INT_DTYPES + FLOAT_DTYPES


def call_like(xp, factory, source, **kwargs):
    args = (source, 1) if factory == "full_like" else (source,)
    return getattr(xp, factory)(*args, **kwargs), describe(factory, *args, **kwargs)


@check("creation.like.inherits")
@given(factory=st.sampled_from(ALL_LIKE), shape=shapes(max_dims=3), dtype=dtype_names(LIKE_DTYPES),
       override=st.one_of(st.none(), dtype_names(FLOAT_DTYPES)))
def test_like_takes_size_dtype_device(xp, device, factory, shape, dtype, override):
    if factory in FLOAT_ONLY and override is None and dtype not in FLOAT_DTYPES:
        dtype = "float64"  # rand_like/randn_like need a floating result dtype
    source = xp.zeros(shape, dtype=dt(xp, dtype), device=device)
    kwargs = {} if override is None else {"dtype": dt(xp, override)}
    got, call = call_like(xp, factory, source, **kwargs)
    assert_shape(got, shape, call=call)
    assert_dtype(got, override or dtype, call=call)
    expect(device_type(got) == device_kind(device), call=call, expected=f"device {device}", got=f"device {got.device}")


@check("creation.like.fill-values")
@given(factory=st.sampled_from(["zeros_like", "ones_like"]), shape=shapes(max_dims=3), dtype=dtype_names(LIKE_DTYPES))
@example(factory="ones_like", shape=(2,), dtype="float32")
def test_zeros_ones_like_fill(xp, factory, shape, dtype):
    dtypes.require(dtype)
    source = tensor_of(xp, np.full(shape, 3), dtype)  # neither 0 nor 1, so a copy of the input cannot pass
    got, call = call_like(xp, factory, source)
    fill = 0 if factory == "zeros_like" else 1
    assert_values(got, np.full(shape, fill), call=call, rtol=0, atol=0)


@check("creation.like.inherits")
@given(factory=st.sampled_from(ALL_LIKE), shape=shapes(max_dims=3))
def test_like_device_override(xp, other_device, factory, shape):
    source = xp.zeros(shape)
    got, call = call_like(xp, factory, source, device=other_device)
    expect(device_type(got) == device_kind(other_device), call=call, expected=f"device {other_device}", got=f"device {got.device}")


@check("creation.like.inherits")
@given(factory=st.sampled_from(ALL_LIKE), shape=shapes(max_dims=3), dtype=dtype_names(FULL_FLOAT_DTYPES))
def test_like_does_not_inherit_requires_grad(xp, factory, shape, dtype):
    source = xp.ones(shape, dtype=dt(xp, dtype), requires_grad=True)
    got, call = call_like(xp, factory, source)
    expect(got.requires_grad is False, call=call + " of an input with requires_grad=True",
           expected="requires_grad False", got=f"requires_grad {got.requires_grad!r}")
    got, call = call_like(xp, factory, source, requires_grad=True)
    expect(got.requires_grad is True, call=call, expected="requires_grad True", got=f"requires_grad {got.requires_grad!r}")


@check("creation.randn-like.shape-dtype")
def test_tutorial_randn_like_overrides_dtype(xp):
    """T06: x = tensor([5.5, 3]).new_ones(5, 3, dtype=double); randn_like(x, dtype=float) is 5x3 float32."""
    x = xp.ones(5, 3, dtype=xp.float64)
    call = describe("randn_like", x, dtype=xp.float)
    got = xp.randn_like(x, dtype=xp.float)
    assert_shape(got, (5, 3), call=call)
    assert_dtype(got, "float32", call=call)


@check("creation.randn-like.shape-dtype")
@given(shape=shapes(max_dims=3), src=dtype_names(SIGNED_DTYPES),
       want=dtype_names(FULL_FLOAT_DTYPES))
def test_randn_like_shape_and_dtype(xp, shape, src, want):
    source = xp.zeros(shape, dtype=dt(xp, src))
    call = describe("randn_like", source, dtype=want)
    got = xp.randn_like(source, dtype=dt(xp, want))
    assert_shape(got, shape, call=call)
    assert_dtype(got, want, call=call)


@check("creation.randn-like.shape-dtype")
def test_randn_like_is_standard_normal(xp):
    xp.manual_seed(2024)
    source = xp.zeros(20_000, dtype=xp.float64)
    call = describe("randn_like", source, dtype=xp.float32) + " after manual_seed(2024)"
    values = to_numpy(xp.randn_like(source, dtype=xp.float32)).astype("float64")
    expect(abs(values.mean()) < 0.05, call=call, expected="mean 0 +/- 0.05", got=f"mean {values.mean()!r}")
    expect(abs(values.var() - 1) < 0.06, call=call, expected="variance 1 +/- 0.06", got=f"variance {values.var()!r}")


@st.composite
def permuted_shapes(draw):
    shape = draw(shapes(min_dims=2, max_dims=4, min_side=2, max_side=4))
    perm = draw(st.permutations(range(len(shape))))
    return shape, tuple(perm)


@check("creation.like.preserve-format")
@given(case=permuted_shapes(), factory=st.sampled_from(ALL_LIKE))
@example(case=((3, 4), (1, 0)), factory="empty_like")
def test_like_preserves_strides(xp, case, factory):
    shape, perm = case
    source = xp.zeros(shape).permute(*perm)
    want = tuple(int(s) for s in source.stride())  # the input's own strides, whatever they are
    got, call = call_like(xp, factory, source)
    call += f" of zeros{shape}.permute{perm} (strides {want})"
    strides = tuple(int(s) for s in got.stride())
    expect(strides == want, call=call, expected=f"strides {want}", got=f"strides {strides}")


@check("creation.like.preserve-format")
def test_docs_example_empty_like_of_transpose(xp):
    source = xp.zeros(3, 4).t()
    got = xp.empty_like(source)
    strides = tuple(int(s) for s in got.stride())
    expect(strides == (1, 4), call="empty_like(zeros(3, 4).t())", expected="strides (1, 4)", got=f"strides {strides}")


@check("creation.full-like.casts")
@given(dtype=dtype_names(INT_DTYPES), value=st.integers(0, 1000).map(lambda q: q / 10),
       shape=shapes(max_dims=3))
@example(dtype="int64", value=2.7, shape=(2, 3))
def test_full_like_casts_to_input_dtype(xp, dtype, value, shape):
    dtypes.require(dtype)
    source = xp.zeros(shape, dtype=dt(xp, dtype))
    call = describe("full_like", source, value)
    want = np.full(shape, int(value), dtype=dtype)  # positive values: the cast truncates the fraction
    assert_tensor(xp.full_like(source, value), want, dtype=dtype, call=call)


@check("creation.full-like.casts")
@given(dtype=dtype_names(CORE_DTYPES), value=st.integers(0, 40).map(lambda q: q / 8),
       shape=shapes(max_dims=3))
@example(dtype="int32", value=0.5, shape=(2, 3))
def test_full_like_casts_to_dtype_keyword(xp, dtype, value, shape):
    dtypes.require(dtype)
    source = xp.ones(shape)
    call = describe("full_like", source, value, dtype=dtype)
    cast = dtypes.python_type(dtype)(value)
    assert_tensor(xp.full_like(source, value, dtype=dt(xp, dtype)), np.full(shape, cast, dtype=dtype), dtype=dtype, call=call)


@check("creation.randint-like.dtype")
@given(dtype=dtype_names(SIGNED_DTYPES), shape=shapes(max_dims=3),
       low=st.integers(0, 20), span=st.integers(1, 20), form=st.sampled_from(["high", "low-high"]))
@example(dtype="float32", shape=(3, 2), low=0, span=10, form="high")
def test_randint_like_uses_input_dtype(xp, dtype, shape, low, span, form):
    dtypes.require(dtype)
    source = xp.zeros(shape, dtype=dt(xp, dtype))
    if form == "high":
        low, args = 0, (source, span)
    else:
        args = (source, low, low + span)
    call = describe("randint_like", *args)
    got = xp.randint_like(*args)
    assert_shape(got, shape, call=call)
    assert_dtype(got, dtype, call=call)
    values = to_numpy(got)
    expect(bool(np.all((values >= low) & (values < low + span) & (values == np.round(values)))), call=call,
           expected=f"integer values in [{low}, {low + span})", got=values.tolist() if values.size <= 12 else "out of range")
