"""Devices across the API: device= in every factory (a table, one row per factory), pin_memory and
is_pinned, and set_default_device with an accelerator. Pinned memory and default-device checks
need a second device, hence the ``other_device`` fixture (skipped without one)."""
from __future__ import annotations

import numpy as np
import pytest

from conformance import check
from conformance.assertions import assert_tensor, describe, expect
from suites.device.oracles import on_device, where
from suites.inputs import tensor_of


@pytest.mark.parametrize("call, make", [
    pytest.param(*row, id=row[0], marks=check("device.factory.device-everywhere")) for row in (
        ("empty(2, 3)", lambda xp, d: xp.empty(2, 3, device=d)),
        ("rand(2, 3)", lambda xp, d: xp.rand(2, 3, device=d)),
        ("randn(4)", lambda xp, d: xp.randn(4, device=d)),
        ("randint(0, 5, (3,))", lambda xp, d: xp.randint(0, 5, (3,), device=d)),
        ("randperm(4)", lambda xp, d: xp.randperm(4, device=d)),
        ("eye(3)", lambda xp, d: xp.eye(3, device=d)),
        ("linspace(0, 1, 5)", lambda xp, d: xp.linspace(0, 1, 5, device=d)),
        ("logspace(0, 1, 3)", lambda xp, d: xp.logspace(0, 1, 3, device=d)),
        ("arange(5)", lambda xp, d: xp.arange(5, device=d)),
        ("full((2,), 1.5)", lambda xp, d: xp.full((2,), 1.5, device=d)),
        ("zeros_like(x)", lambda xp, d: xp.zeros_like(xp.ones(2), device=d)),
        ("empty_like(x)", lambda xp, d: xp.empty_like(xp.ones(2), device=d)),
        ("rand_like(x)", lambda xp, d: xp.rand_like(xp.ones(2), device=d)),
        ("randn_like(x)", lambda xp, d: xp.randn_like(xp.ones(2), device=d)),
        ("randint_like(x, 5)", lambda xp, d: xp.randint_like(xp.ones(2), 5, device=d)),
        ("full_like(x, 2)", lambda xp, d: xp.full_like(xp.ones(2), 2, device=d)),
        ("empty_strided((2, 2), (1, 2))", lambda xp, d: xp.empty_strided((2, 2), (1, 2), device=d)),
        ("tril_indices(3, 3)", lambda xp, d: xp.tril_indices(3, 3, device=d)),
        ("triu_indices(3, 3)", lambda xp, d: xp.triu_indices(3, 3, device=d)),
        ("asarray([1, 2])", lambda xp, d: xp.asarray([1, 2], device=d)),
        ("normal(0, 1, size=(3,))", lambda xp, d: xp.normal(0.0, 1.0, size=(3,), device=d)),
    )])
def test_factory_device(xp, device, call, make):
    t = make(xp, device)
    expect(on_device(xp, t.device, device), call=f"{call[:-1]}, device={device!r})",
           expected=f"a tensor on {device!r}", got=f"a tensor on {where(t)}")


@check("device.pin-memory.method")
def test_pin_memory_method(xp, other_device):
    """Pinned host memory needs an accelerator, hence the other_device fixture."""
    t = tensor_of(xp, np.arange(4.0), "float32")
    expect(not t.is_pinned(), call=describe("tensor", [0.0, 1.0, 2.0, 3.0]) + ".is_pinned()", expected=False, got=True)
    pinned = t.pin_memory()
    call = describe("Tensor.pin_memory", t)
    expect(pinned.is_pinned() and on_device(xp, pinned.device, "cpu"), call=call, expected="a pinned CPU tensor",
           got=f"a tensor on {where(pinned)}, is_pinned() {pinned.is_pinned()}")
    assert_tensor(pinned, np.arange(4.0), dtype="float32", call=call)
    expect(pinned.pin_memory() is pinned, call=f"{call}.pin_memory()", expected="the pinned tensor itself",
           got="another tensor")


@check("device.default-device.accelerator")
def test_set_default_device_accelerator(xp, other_device):
    try:
        xp.set_default_device(other_device)
        t = xp.zeros(2)
        expect(on_device(xp, t.device, other_device), call=f"set_default_device({other_device!r}); zeros(2)",
               expected=f"a tensor on {other_device!r}", got=f"a tensor on {where(t)}")
        expect(xp.get_default_device().type == xp.device(other_device).type, call="get_default_device()",
               expected=other_device, got=str(xp.get_default_device()))
    finally:
        xp.set_default_device(None)
    t = xp.zeros(2)
    expect(on_device(xp, t.device, "cpu"), call="set_default_device(None); zeros(2)", expected="a CPU tensor",
           got=f"a tensor on {where(t)}")
