"""device objects: type and index, str/repr forms, equality, invalid strings (facts 5.11-5.14);
Tensor.device, is_cuda and get_device (5.15). Building a device object for an accelerator type
needs no accelerator (5.11): these checks only parse device strings of the backend's declared
accelerator type ('cuda' for torch, and 'cuda' where the backend declares none), never place tensors."""
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, describe, expect
from suites.device.oracles import on_device, where



def _accelerator(backend):
    """The device type the accelerator forms are parsed for: the first declared non-CPU type."""
    return next((d.split(":")[0] for d in backend.devices if d.split(":")[0] != "cpu"), "cuda")


def _specs(backend):
    """Device specs drawn as (type, index or None)."""
    return st.tuples(st.sampled_from(["cpu", _accelerator(backend)]), st.none() | st.integers(0, 15))


def _text(spec):
    kind, index = spec
    return kind if index is None else f"{kind}:{index}"


@check("device.object.cpu")
def test_cpu_device_type_and_index(xp):
    d = xp.device("cpu")
    expect(d.type == "cpu" and d.index is None, call=describe("device", "cpu"),
           expected="type 'cpu', index None", got=f"type {d.type!r}, index {d.index!r}")
    for args in (("cpu", 0), ("cpu:0",)):
        d = xp.device(*args)
        expect(d.type == "cpu" and d.index == 0, call=describe("device", *args),
               expected="type 'cpu', index 0", got=f"type {d.type!r}, index {d.index!r}")


@check("device.object.indexed")
@given(index=st.integers(0, 15))
def test_indexed_device_forms(xp, backend, index):
    kind = _accelerator(backend)
    d = xp.device(kind)
    expect(d.type == kind and d.index is None, call=describe("device", kind),
           expected=f"type {kind!r}, index None", got=f"type {d.type!r}, index {d.index!r}")
    text = xp.device(f"{kind}:{index}")
    pair = xp.device(kind, index)
    for call, d in ((describe("device", f"{kind}:{index}"), text), (describe("device", kind, index), pair)):
        expect(d.type == kind and d.index == index, call=call,
               expected=f"type {kind!r}, index {index}", got=f"type {d.type!r}, index {d.index!r}")
    expect(text == pair, call=f"{describe('device', f'{kind}:{index}')} == {describe('device', kind, index)}",
           expected="True", got="False")


@check("device.object.str-repr")
@given(data=st.data())
def test_device_str_and_repr(xp, backend, data):
    spec = data.draw(_specs(backend), label="spec")
    kind, index = spec
    d = xp.device(kind) if index is None else xp.device(kind, index)
    call = describe("device", *((kind,) if index is None else (kind, index)))
    want_str = _text(spec)
    want_repr = f"device(type={kind!r})" if index is None else f"device(type={kind!r}, index={index})"
    expect(str(d) == want_str, call=f"str({call})", expected=repr(want_str), got=repr(str(d)))
    expect(repr(d) == want_repr, call=f"repr({call})", expected=repr(want_repr), got=repr(repr(d)))


@check("device.object.equality")
@given(data=st.data())
def test_device_equality_compares_type_and_index(xp, backend, data):
    a, b = data.draw(_specs(backend), label="a"), data.draw(_specs(backend), label="b")
    da, db = xp.device(_text(a)), xp.device(_text(b))
    call = f"{describe('device', _text(a))} == {describe('device', _text(b))}"
    want = a == b
    expect((da == db) is want, call=call, expected=str(want), got=str(da == db))
    expect((da != db) is (not want), call=call.replace("==", "!="), expected=str(not want), got=str(da != db))
    call = f"{describe('device', _text(a))} == {_text(a)!r}"
    expect((da == _text(a)) is False, call=call, expected="False (a device never equals a string)", got=str(da == _text(a)))


@check("device.object.invalid")
@given(text=st.sampled_from(["foo", "gpu", "cuda:-1", "cpu:-3", "cuda:-12", "cpu:-1"]))
def test_invalid_device_string_raises(xp, text):
    assert_raises(RuntimeError, xp.device, text, call=describe("device", text))


@check("device.tensor.device-attribute")
def test_tensor_device_attribute(xp, device):
    t = xp.ones(3, device=device)
    call = describe("ones", 3, device=device) + ".device"
    got = t.device
    expect(isinstance(got, xp.device), call=call, expected="a device object", got=f"{type(got).__name__}: {got!r}")
    expect(on_device(xp, got, device), call=call, expected=f"device {device!r}", got=where(t))
    want_cuda = got.type == "cuda"
    expect(t.is_cuda is want_cuda, call=describe("ones", 3, device=device) + ".is_cuda",
           expected=str(want_cuda), got=repr(t.is_cuda))


@check("device.tensor.get-device")
def test_get_device(xp, device):
    t = xp.zeros(2, device=device)
    call = describe("zeros", 2, device=device) + ".get_device()"
    got = t.get_device()
    want = -1 if device == "cpu" else t.device.index
    expect(got == want and type(got) is int, call=call, expected=repr(want), got=repr(got))
