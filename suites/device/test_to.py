"""Tensor.to in all its call forms (fact 5.1; T23, T24), returning self when nothing changes (5.2,
5.5), truncation (5.3), requires_grad after casts (5.4, 5.8), cpu() (5.6), the shorthand casts
(5.9), Tensor.type (5.10), and results of ops staying on their device (5.17)."""
import numpy as np
from hypothesis import given, strategies as st
import pytest

from conformance import check, dtypes
from conformance.dtypes import (CAST_METHODS, FULL_FLOAT_DTYPES, FLOAT_DTYPES, GENERIC_DTYPES, INT_DTYPES, LEGACY_TENSOR_TYPES,
                                REAL_DTYPES, SIGNED_INT_DTYPES)
from conformance.assertions import assert_same_object, assert_tensor, assert_values, describe, expect
from conformance.strategies import dtype_names, shapes, small_arrays
from suites.device.oracles import on_device, where
from suites.inputs import leaf, tensor_of


INT_TARGETS = SIGNED_INT_DTYPES
SHORTHANDS = {m: CAST_METHODS[m] for m in ("float", "double", "half", "int", "long", "bool")}
LEGACY_NAMES = {name: f"torch.{legacy}" for name, legacy in LEGACY_TENSOR_TYPES.items()}
SMALL = shapes(max_dims=3, max_side=4)


def _expect_on(xp, t, device, call):
    expect(on_device(xp, t.device, device), call=call, expected=f"a tensor on {device!r}", got=f"a tensor on {where(t)}")


@check("device.to.dtype")
@given(arr=small_arrays(REAL_DTYPES, SMALL), target=dtype_names(REAL_DTYPES), keyword=st.booleans())
def test_to_dtype_converts_values(xp, arr, target, keyword):
    t = tensor_of(xp, arr)
    dt = getattr(xp, target)
    call = describe("to", t, dtype=target) if keyword else describe("to", t, target)
    got = t.to(dtype=dt) if keyword else t.to(dt)
    assert_tensor(got, arr.astype(target), dtype=target, call=call)


@check("device.to.truncates")
@given(values=st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=8),
       source=dtype_names(FULL_FLOAT_DTYPES), target=dtype_names(INT_TARGETS))
def test_float_to_int_truncates_toward_zero(xp, values, source, target):
    t = tensor_of(xp, values, source)
    want = np.trunc(np.array(values, dtype=source)).astype(target)
    assert_tensor(t.to(getattr(xp, target)), want, dtype=target, call=describe("to", t, target))


@check("device.to.truncates")
def test_truncation_documented_example(xp):
    t = xp.tensor([1.7, -1.7])
    assert_tensor(t.to(xp.int64), np.array([1, -1]), dtype="int64", call=describe("to", t, "int64"))


@check("device.to.device-dtype")
@given(arr=small_arrays(REAL_DTYPES, SMALL), target=dtype_names(REAL_DTYPES),
       form=st.sampled_from(["str, dtype", "device, dtype", "str, dtype=", "device=, dtype="]))
def test_to_device_and_dtype_in_one_call(xp, device, arr, target, form):
    t = tensor_of(xp, arr)
    dt = getattr(xp, target)
    dev = xp.device(device) if form.startswith("device,") else device
    if form == "device=, dtype=":
        call, got = describe("to", t, device=device, dtype=target), t.to(device=device, dtype=dt)
    elif form.endswith("dtype="):
        call, got = describe("to", t, dev, dtype=target), t.to(dev, dtype=dt)
    else:
        call, got = describe("to", t, dev, target), t.to(dev, dt)
    _expect_on(xp, got, device, call)
    assert_tensor(got, arr.astype(target), dtype=target, call=call)


@check("device.to.device-dtype")
def test_tutorial_to_cpu_double(xp):
    z = xp.tensor([0.5, -1.25], dtype=xp.float32)
    call = describe("to", z, "cpu", "double")
    got = z.to("cpu", xp.double)
    _expect_on(xp, got, "cpu", call)
    assert_tensor(got, np.array([0.5, -1.25]), dtype="float64", call=call)


@check("device.to.other")
@given(arr=small_arrays(REAL_DTYPES, SMALL), target=dtype_names(REAL_DTYPES))
def test_to_other_takes_dtype_and_device(xp, device, arr, target):
    t = tensor_of(xp, arr)
    other = xp.zeros(2, dtype=getattr(xp, target), device=device)
    call = describe("to", t, other) + f" with other on {device!r}"
    got = t.to(other)
    _expect_on(xp, got, device, call)
    assert_tensor(got, arr.astype(target), dtype=target, call=call)


@check("device.to.returns-self")
@given(dtype=dtype_names(REAL_DTYPES), shape=SMALL)
def test_to_without_change_returns_self(xp, device, dtype, shape):
    t = xp.zeros(shape, dtype=getattr(xp, dtype), device=device)
    same_kind = xp.ones(1, dtype=getattr(xp, dtype), device=device)
    forms = [
        (describe("to", t, dtype), lambda: t.to(t.dtype)),
        (describe("to", t, dtype=dtype), lambda: t.to(dtype=t.dtype)),
        (describe("to", t, device), lambda: t.to(device)),
        (describe("to", t, xp.device(device)), lambda: t.to(xp.device(device))),
        (describe("to", t, device, dtype), lambda: t.to(device, t.dtype)),
        (describe("to", t, device=device, dtype=dtype), lambda: t.to(device=device, dtype=t.dtype)),
        (describe("to", t, t), lambda: t.to(t)),
        (describe("to", t, same_kind), lambda: t.to(same_kind)),
        (describe("to", t, dtype, copy=False), lambda: t.to(t.dtype, copy=False)),
    ]
    for call, run in forms:
        assert_same_object(run(), t, call=call + f" on {device!r}")


@check("device.to.returns-self")
@given(arr=small_arrays((INT_DTYPES + FULL_FLOAT_DTYPES), shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
def test_to_copy_true_returns_new_tensor(xp, device, arr):
    t = tensor_of(xp, arr).to(device)
    for call, run in ((describe("to", t, arr.dtype.name, copy=True), lambda: t.to(t.dtype, copy=True)),
                      (describe("to", t, device, copy=True), lambda: t.to(device, copy=True))):
        call += f" on {device!r}"
        c = run()
        expect(c is not t, call=call, expected="a new tensor", got="the input tensor itself")
        _expect_on(xp, c, device, call)
        assert_tensor(c, arr, dtype=arr.dtype.name, call=call)
        c.add_(1)
        assert_values(t, arr, call=f"c = {call}; then c.add_(1): the input must not change")


@check("device.to.non-blocking")
@given(dtype=dtype_names(REAL_DTYPES), shape=SMALL)
def test_non_blocking_no_op_returns_self(xp, device, dtype, shape):
    t = xp.zeros(shape, dtype=getattr(xp, dtype), device=device)
    for call, run in ((describe("to", t, device, non_blocking=True), lambda: t.to(device, non_blocking=True)),
                      (describe("to", t, dtype, non_blocking=True), lambda: t.to(t.dtype, non_blocking=True))):
        assert_same_object(run(), t, call=call + f" on {device!r}")


@check("device.to.non-blocking")
@given(arr=small_arrays(GENERIC_DTYPES, shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
def test_non_blocking_transfer_round_trip(xp, other_device, arr):
    t = tensor_of(xp, arr)
    call = describe("to", t, other_device, non_blocking=True)
    moved = t.to(other_device, non_blocking=True)
    _expect_on(xp, moved, other_device, call)
    back = moved.to("cpu")  # a blocking copy, ordered after the asynchronous one
    call = f"{call}.to('cpu')"
    _expect_on(xp, back, "cpu", call)
    assert_tensor(back, arr, dtype=arr.dtype.name, call=call)


@check("device.to.int-drops-grad")
@given(values=st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=8),
       source=dtype_names(FULL_FLOAT_DTYPES), target=dtype_names(INT_TARGETS + ("uint8",)))
def test_cast_to_int_does_not_require_grad(xp, values, source, target):
    values = [abs(v) for v in values] if target == "uint8" else values
    t = leaf(xp, values, dtype=source)
    call = describe("to", t, target) + " with requires_grad=True"
    got = t.to(getattr(xp, target))
    expect(got.requires_grad is False, call=call, expected="requires_grad False", got=f"requires_grad {got.requires_grad!r}")


@check("device.to.grad-leaf")
@given(source=dtype_names(FULL_FLOAT_DTYPES), target=dtype_names(FLOAT_DTYPES))
def test_cast_of_grad_leaf_is_not_leaf(xp, source, target):
    if source == target:
        target = "float64" if source == "float32" else "float32"
    x = xp.ones(3, dtype=getattr(xp, source), requires_grad=True)
    call = describe("to", x, target) + " of a leaf with requires_grad=True"
    y = x.to(getattr(xp, target))
    expect(y.requires_grad and not y.is_leaf and y.grad_fn is not None, call=call,
           expected="a non-leaf that requires grad, with a grad_fn",
           got=f"requires_grad {y.requires_grad}, is_leaf {y.is_leaf}, grad_fn {y.grad_fn!r}")


@check("device.to.grad-leaf")
def test_device_cast_of_grad_leaf_is_not_leaf(xp, other_device):
    x = xp.rand(10, requires_grad=True)
    call = describe("to", x, other_device) + " of a leaf with requires_grad=True"
    y = x.to(other_device)
    expect(not y.is_leaf and y.grad_fn is not None, call=call, expected="a non-leaf with a grad_fn",
           got=f"is_leaf {y.is_leaf}, grad_fn {y.grad_fn!r}")
    z = xp.rand(10, requires_grad=True, device=other_device)
    call = describe("rand", 10, requires_grad=True, device=other_device)
    expect(z.is_leaf and z.grad_fn is None, call=call, expected="a leaf without grad_fn",
           got=f"is_leaf {z.is_leaf}, grad_fn {z.grad_fn!r}")


@check("device.to.moves")
@given(arr=small_arrays(REAL_DTYPES, shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)), as_object=st.booleans())
def test_to_other_device_moves_copy(xp, other_device, arr, as_object):
    x = tensor_of(xp, arr)
    target = xp.device(other_device) if as_object else other_device
    call = describe("to", x, target)
    y = x.to(target)
    _expect_on(xp, y, other_device, call)
    _expect_on(xp, x, "cpu", call + ": the input must stay on 'cpu'")
    assert_tensor(y, arr, dtype=arr.dtype.name, call=call)
    call = describe("to", y, "cpu")
    back = y.to("cpu")
    _expect_on(xp, back, "cpu", call)
    assert_tensor(back, arr, dtype=arr.dtype.name, call=call)


@check("device.to.same-device-op")
@given(shape=shapes(max_dims=3, max_side=4))
def test_op_result_stays_on_device(xp, device, shape):
    a = xp.ones(shape, device=device)
    b = xp.full(shape, 2.0, device=device)
    for call, run in ((f"{describe('ones', shape, device=device)} + {describe('full', shape, 2.0, device=device)}", lambda: a + b),
                      (describe("add", a, b) + f" on {device!r}", lambda: xp.add(a, b))):
        got = run()
        _expect_on(xp, got, device, call)


@check("device.cpu.returns-self")
@given(arr=small_arrays(REAL_DTYPES, SMALL))
def test_cpu_of_cpu_tensor_returns_self(xp, arr):
    t = tensor_of(xp, arr)
    assert_same_object(t.cpu(), t, call=describe("cpu", t))


@check("device.cpu.returns-self")
@given(arr=small_arrays(REAL_DTYPES, shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
def test_cpu_of_other_device_copies_back(xp, other_device, arr):
    t = tensor_of(xp, arr).to(other_device)
    call = describe("cpu", t) + f" with the tensor on {other_device!r}"
    got = t.cpu()
    _expect_on(xp, got, "cpu", call)
    _expect_on(xp, t, other_device, call + ": the input must stay where it was")
    assert_tensor(got, arr, dtype=arr.dtype.name, call=call)


@check("device.casts.shorthand")
@given(arr=small_arrays(REAL_DTYPES, SMALL))
def test_shorthand_casts(xp, arr):
    t = tensor_of(xp, arr)
    for method, target in SHORTHANDS.items():  # every shorthand in every example
        call = describe(f"Tensor.{method}", t)
        got = getattr(t, method)()
        assert_tensor(got, arr.astype(target), dtype=target, call=call)
        if arr.dtype.name == target:
            assert_same_object(got, t, call=call)


@check("device.casts.shorthand")
@given(shape=SMALL)
def test_shorthand_cast_to_own_dtype_returns_self(xp, shape):
    for method, target in SHORTHANDS.items():
        t = xp.zeros(shape, dtype=getattr(xp, target))
        assert_same_object(getattr(t, method)(), t, call=describe(f"Tensor.{method}", t))


@check("device.type.legacy-string")
@pytest.mark.parametrize("dtype", sorted(LEGACY_NAMES))
def test_type_without_argument_names_legacy_type(xp, dtype):
    dtypes.supported((dtype,))
    t = xp.zeros(2, dtype=getattr(xp, dtype))
    got = t.type()
    expect(got == LEGACY_NAMES[dtype], call=describe("Tensor.type", t), expected=repr(LEGACY_NAMES[dtype]), got=repr(got))


@check("device.type.cast")
@given(arr=small_arrays(REAL_DTYPES, SMALL), target=dtype_names(tuple(LEGACY_NAMES)), as_string=st.booleans())
def test_type_casts_and_returns_self_when_unchanged(xp, arr, target, as_string):
    t = tensor_of(xp, arr)
    spec = LEGACY_NAMES[target] if as_string else getattr(xp, target)
    call = describe("Tensor.type", t, LEGACY_NAMES[target] if as_string else target)
    got = t.type(spec)
    assert_tensor(got, arr.astype(target), dtype=target, call=call)
    if arr.dtype.name == target:
        assert_same_object(got, t, call=call)
