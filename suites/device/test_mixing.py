"""Tensors never move between devices by themselves: mixing devices raises, except that a 0-dim
CPU tensor may join a tensor on another device (fact 5.17). Needs a second device."""
import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, expect, show
from conformance.strategies import shapes
from suites.device.oracles import on_device, where


def show_on(t, device):
    return f"{show(t)} on {device!r}"

SIDES = shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)


@check("device.mixing.error")
@given(shape=SIDES, cpu_first=st.booleans())
def test_mixing_devices_raises(xp, other_device, shape, cpu_first):
    a = xp.ones(shape)
    b = xp.ones(shape, device=other_device)
    left, right = (a, b) if cpu_first else (b, a)
    names = ("cpu", other_device) if cpu_first else (other_device, "cpu")
    call = f"add({show_on(left, names[0])}, {show_on(right, names[1])})"
    assert_raises(RuntimeError, xp.add, left, right, call=call)


@check("device.mixing.error")
@given(shape=SIDES)
def test_zero_dim_on_other_device_with_cpu_tensor_raises(xp, other_device, shape):
    scalar = xp.ones((), device=other_device)
    t = xp.ones(shape)
    call = f"add({show_on(scalar, other_device)}, {show_on(t, 'cpu')})"
    assert_raises(RuntimeError, xp.add, scalar, t, call=call)


@check("device.mixing.cpu-scalar")
@given(shape=SIDES, scalar_first=st.booleans())
def test_zero_dim_cpu_tensor_joins_other_device(xp, other_device, shape, scalar_first):
    scalar = xp.tensor(2.0)
    t = xp.ones(shape, device=other_device)
    call = f"add({show_on(scalar, 'cpu')}, {show_on(t, other_device)})" if scalar_first else \
        f"add({show_on(t, other_device)}, {show_on(scalar, 'cpu')})"
    got = xp.add(scalar, t) if scalar_first else xp.add(t, scalar)
    expect(on_device(xp, got.device, other_device), call=call, expected=f"a result on {other_device!r}",
           got=f"a result on {where(got)}")
    assert_tensor(got, np.full(shape, 3.0, np.float32), dtype="float32", call=call)
