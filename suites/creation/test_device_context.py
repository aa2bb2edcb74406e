"""`with torch.device(d):` as the default device for factories, and an explicit device= over it.

The context is always left by ``with`` (so the default comes back even if a check fails).
The meta-device checks are a behaviour of their own, so a backend without a meta device can
declare just that one unsupported.
"""
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import describe, expect

from suites.creation.helpers import device_kind, device_type

CONTEXT_FACTORIES = {
    "zeros": lambda xp: xp.zeros(2, 3),
    "ones": lambda xp: xp.ones(2),
    "empty": lambda xp: xp.empty(4),
    "full": lambda xp: xp.full((2,), 1.5),
    "rand": lambda xp: xp.rand(3),
    "randn": lambda xp: xp.randn(3),
    "arange": lambda xp: xp.arange(5),
    "eye": lambda xp: xp.eye(2),
    "linspace": lambda xp: xp.linspace(0, 1, 3),
    "tensor": lambda xp: xp.tensor([1.0, 2.0]),
}


@check("creation.device-context.default-device")
@given(factory=st.sampled_from(sorted(CONTEXT_FACTORIES)))
def test_device_context_sets_factory_device(xp, device, factory):
    with xp.device(device):
        got = CONTEXT_FACTORIES[factory](xp)
    call = f"{factory}(...) inside `with device({device!r})`"
    expect(device_type(got) == device_kind(device), call=call, expected=f"device {device}", got=f"device {got.device}")
    after = CONTEXT_FACTORIES[factory](xp)
    expect(device_type(after) == "cpu", call=f"{factory}(...) after leaving `with device({device!r})`",
           expected="device cpu", got=f"device {after.device}")


@check("creation.device-context.default-device")
@given(factory=st.sampled_from(["zeros", "ones", "empty", "rand", "randn"]))
def test_explicit_device_overrides_context(xp, other_device, factory):
    with xp.device(other_device):
        inside = getattr(xp, factory)(2)
        pinned = getattr(xp, factory)(2, device="cpu")
    expect(device_type(inside) == device_kind(other_device), call=f"{factory}(2) inside `with device({other_device!r})`",
           expected=f"device {other_device}", got=f"device {inside.device}")
    expect(device_type(pinned) == "cpu", call=describe(factory, 2, device="cpu") + f" inside `with device({other_device!r})`",
           expected="device cpu", got=f"device {pinned.device}")


@check("creation.device-context.meta")
@given(factory=st.sampled_from(sorted(CONTEXT_FACTORIES)))
def test_meta_context(xp, factory):
    with xp.device("meta"):
        got = CONTEXT_FACTORIES[factory](xp)
    expect(device_type(got) == "meta", call=f"{factory}(...) inside `with device('meta')`", expected="device meta",
           got=f"device {got.device}")
    after = CONTEXT_FACTORIES[factory](xp)
    expect(device_type(after) == "cpu", call=f"{factory}(...) after leaving `with device('meta')`",
           expected="device cpu", got=f"device {after.device}")


@check("creation.device-context.meta")
@given(factory=st.sampled_from(["zeros", "ones", "empty", "rand", "randn", "arange", "eye"]))
def test_explicit_device_overrides_meta_context(xp, factory):
    with xp.device("meta"):
        got = getattr(xp, factory)(2, device="cpu")
    expect(device_type(got) == "cpu", call=describe(factory, 2, device="cpu") + " inside `with device('meta')`",
           expected="device cpu", got=f"device {got.device}")
