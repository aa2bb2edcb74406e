"""More of the nn.Module API: the dtype/device casting methods (a table of rows), register_parameter,
get_buffer, extra state, and the state_dict / load_state_dict hooks."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from conformance import check
from conformance.assertions import assert_dtype, assert_raises, assert_same_object, assert_values, expect
from suites.nn.common import set_param
from suites.inputs import tensor_of

W = np.array([[0.5, -1.25], [2.0, 0.75]])  # exact in every floating dtype
CAST_BUILD = "m = Linear(2, 2) (weight W, bias [1, -2]) + float32 buffer scale [0.5, 4] + int64 buffer count [3]"


def _cast_model(xp: Any) -> Any:
    m = xp.nn.Linear(2, 2)
    set_param(xp, m.weight, W.astype(np.float32))
    set_param(xp, m.bias, np.array([1.0, -2.0], dtype=np.float32))
    m.register_buffer("scale", tensor_of(xp, [0.5, 4.0], "float32"))
    m.register_buffer("count", tensor_of(xp, [3], "int64"))
    return m


@dataclass(frozen=True)
class Cast:
    """One casting method: how to call it, the dtype floating tensors get, the dtype of the int64 buffer."""

    name: str
    call: Any
    floating: str
    integer: str


CASTS = [
    pytest.param(Cast("float", lambda xp, m: m.double().float(), "float32", "int64"), id="float",
                 marks=check("nn.module-api.cast-floating")),
    pytest.param(Cast("double", lambda xp, m: m.double(), "float64", "int64"), id="double",
                 marks=check("nn.module-api.cast-floating")),
    pytest.param(Cast("half", lambda xp, m: m.half(), "float16", "int64"), id="half",
                 marks=check("nn.module-api.cast-floating")),
    pytest.param(Cast("bfloat16", lambda xp, m: m.bfloat16(), "bfloat16", "int64"), id="bfloat16",
                 marks=check("nn.module-api.cast-floating")),
    pytest.param(Cast("type(float64)", lambda xp, m: m.type(xp.float64), "float64", "float64"), id="type",
                 marks=check("nn.module-api.type")),
    pytest.param(Cast("cpu", lambda xp, m: m.cpu(), "float32", "int64"), id="cpu", marks=check("nn.module-api.cpu")),
]
CAST_VALUES = {"weight": W, "bias": np.array([1.0, -2.0]), "scale": np.array([0.5, 4.0]), "count": np.array([3])}


@pytest.mark.parametrize("row", CASTS)
def test_cast_methods(xp, row):
    m = _cast_model(xp)
    objects = {name: t for name, t in [*m.named_parameters(), *m.named_buffers()]}
    call = f"{CAST_BUILD}; m.{row.name}()" if row.name != "type(float64)" else f"{CAST_BUILD}; m.type(float64)"
    assert_same_object(row.call(xp, m), m, call=call)
    for name, tensor in [*m.named_parameters(), *m.named_buffers()]:
        want = row.integer if name == "count" else row.floating
        assert_dtype(tensor, want, call=f"{call}; {name}")
        assert_values(tensor.float() if name != "count" else tensor, CAST_VALUES[name], call=f"{call}; {name} values")
        if row.name == "cpu":
            expect(str(tensor.device) == "cpu", call=f"{call}; {name}.device", expected="cpu", got=str(tensor.device))
        if name in ("weight", "bias"):
            assert_same_object(tensor, objects[name], call=f"{call}; the {name} Parameter object (cast in place)")


@check("nn.module-api.register-parameter")
def test_register_parameter(xp):
    m = xp.nn.Module()
    p = xp.nn.Parameter(tensor_of(xp, [1.0, 2.0], "float32"))
    call = "m = Module(); m.register_parameter('w', Parameter([1, 2]))"
    m.register_parameter("w", p)
    assert_same_object(m.w, p, call=call + "; m.w")
    m.register_parameter("slot", None)
    call += "; m.register_parameter('slot', None)"
    expect(m.slot is None, call=call + "; m.slot", expected="None", got=repr(m.slot))
    names = [name for name, _ in m.named_parameters()]
    expect(names == ["w"], call=call + "; m.named_parameters()", expected=["w"], got=names)
    assert_raises(TypeError, lambda: m.register_parameter("t", tensor_of(xp, [1.0], "float32")),
                  call="m.register_parameter('t', plain tensor)")
    m.register_buffer("buf", tensor_of(xp, [0.0], "float32"))
    assert_raises(KeyError, lambda: m.register_parameter("buf", xp.nn.Parameter(tensor_of(xp, [1.0], "float32"))),
                  call="m.register_buffer('buf', ...); m.register_parameter('buf', Parameter([1]))")


@check("nn.module-api.get-buffer")
def test_get_buffer(xp):
    outer = xp.nn.Module()
    outer.inner = xp.nn.BatchNorm1d(2)
    outer.register_buffer("steps", xp.zeros(1))
    build = "outer = Module(); outer.inner = BatchNorm1d(2); outer.register_buffer('steps', zeros(1))"
    assert_same_object(outer.get_buffer("steps"), outer.steps, call=f"{build}; outer.get_buffer('steps')")
    assert_same_object(outer.get_buffer("inner.running_mean"), outer.inner.running_mean,
                       call=f"{build}; outer.get_buffer('inner.running_mean')")
    for bad in ("inner.nope", "inner.weight", "missing.running_mean"):
        assert_raises(AttributeError, lambda: outer.get_buffer(bad), call=f"{build}; outer.get_buffer({bad!r})")


def _stateful(xp: Any) -> Any:
    class Counter(xp.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.count = 3

        def get_extra_state(self) -> Any:
            return {"count": self.count}

        def set_extra_state(self, state: Any) -> None:
            self.count = state["count"]

    return Counter()


@check("nn.module-api.extra-state")
def test_extra_state(xp):
    outer = xp.nn.Module()
    outer.counter = _stateful(xp)
    build = "outer = Module(); outer.counter = Counter (get_extra_state returns {'count': count}, count = 3)"
    state = outer.state_dict()
    expect(list(state) == ["counter._extra_state"] and state["counter._extra_state"] == {"count": 3},
           call=f"{build}; outer.state_dict()", expected="{'counter._extra_state': {'count': 3}}", got=dict(state))
    outer.load_state_dict({"counter._extra_state": {"count": 7}})
    expect(outer.counter.count == 7, call=f"{build}; outer.load_state_dict({{'counter._extra_state': {{'count': 7}}}})",
           expected="set_extra_state called: count == 7", got=outer.counter.count)
    assert_raises(RuntimeError, lambda: xp.nn.Module().get_extra_state(), call="Module().get_extra_state()")
    assert_raises(RuntimeError, lambda: xp.nn.Module().set_extra_state({}), call="Module().set_extra_state({})")


def _linear(xp: Any) -> Any:
    m = xp.nn.Linear(2, 2)
    set_param(xp, m.weight, W.astype(np.float32))
    return m


@check("nn.module-api.state-dict-hooks")
def test_state_dict_hooks(xp):
    outer, calls = xp.nn.Module(), []
    outer.fc = _linear(xp)
    pre = outer.fc.register_state_dict_pre_hook(lambda module, prefix, keep_vars: calls.append(
        ("pre", module is outer.fc, prefix, keep_vars)))

    def post(module, state_dict, prefix, local_metadata):
        calls.append(("post", module is outer.fc, prefix, sorted(state_dict)))
        state_dict[prefix + "note"] = "added"

    handle = outer.fc.register_state_dict_post_hook(post)
    call = "outer.fc = Linear(2, 2) with a state_dict pre hook and a post hook adding '<prefix>note'; outer.state_dict()"
    keys = list(outer.state_dict())
    want_calls = [("pre", True, "fc.", False), ("post", True, "fc.", ["fc.bias", "fc.weight"])]
    expect(calls == want_calls, call=call, expected=want_calls, got=calls)
    expect(keys == ["fc.weight", "fc.bias", "fc.note"], call=call, expected=["fc.weight", "fc.bias", "fc.note"],
           got=keys)
    pre.remove()
    handle.remove()
    calls.clear()
    keys = list(outer.state_dict())
    expect(calls == [] and keys == ["fc.weight", "fc.bias"], call=call + " after both handles' remove()",
           expected="no hook calls, keys ['fc.weight', 'fc.bias']", got=f"calls {calls}, keys {keys}")


@check("nn.module-api.load-state-dict-hooks")
def test_load_state_dict_hooks(xp):
    outer = xp.nn.Module()
    outer.fc = _linear(xp)

    def rename(module, state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys, error_msgs):
        if prefix + "w_old" in state_dict:
            state_dict[prefix + "weight"] = state_dict.pop(prefix + "w_old")

    outer.fc.register_load_state_dict_pre_hook(rename)
    call = "outer.fc = Linear(2, 2) with a load pre hook renaming '<prefix>w_old' to '<prefix>weight'"
    new = np.array([[1.0, 2.0], [3.0, 4.0]])
    result = outer.load_state_dict({"fc.w_old": tensor_of(xp, new, "float32")}, strict=False)
    call += "; outer.load_state_dict({'fc.w_old': W2}, strict=False)"
    assert_values(outer.fc.weight, new, call=call + "; outer.fc.weight")
    expect(list(result.missing_keys) == ["fc.bias"] and list(result.unexpected_keys) == [], call=call,
           expected="missing ['fc.bias'], unexpected []", got=result)
    seen = []

    def forgive(module, incompatible_keys):
        seen.append(module is outer.fc)
        incompatible_keys.missing_keys.clear()

    outer.fc.register_load_state_dict_post_hook(forgive)
    call = "with a load post hook clearing missing_keys; outer.load_state_dict({'fc.w_old': W2}) (strict)"
    result = outer.load_state_dict({"fc.w_old": tensor_of(xp, new, "float32")})
    expect(seen == [True] and list(result.missing_keys) == [], call=call,
           expected="post hook called once with outer.fc, no error, no missing keys",
           got=f"hook calls {seen}, missing {list(result.missing_keys)}")


@check("nn.module-api.set-submodule")
def test_set_submodule(xp):
    outer = xp.nn.Module()
    outer.block = xp.nn.Module()
    outer.block.fc = xp.nn.Linear(2, 2)
    build = "outer.block.fc = Linear(2, 2)"
    relu, tanh = xp.nn.ReLU(), xp.nn.Tanh()
    outer.set_submodule("block.fc", relu)
    assert_same_object(outer.block.fc, relu, call=f"{build}; outer.set_submodule('block.fc', ReLU()); outer.block.fc")
    outer.set_submodule("block.extra", tanh)
    assert_same_object(outer.get_submodule("block.extra"), tanh,
                       call=f"{build}; outer.set_submodule('block.extra', Tanh()) (strict=False adds it)")
    assert_raises(AttributeError, lambda: outer.set_submodule("block.new", xp.nn.ReLU(), strict=True),
                  call=f"{build}; outer.set_submodule('block.new', ReLU(), strict=True)")
    assert_raises(AttributeError, lambda: outer.set_submodule("missing.fc", xp.nn.ReLU()),
                  call=f"{build}; outer.set_submodule('missing.fc', ReLU())")
    assert_raises(ValueError, lambda: outer.set_submodule("block.fc", 3),
                  call=f"{build}; outer.set_submodule('block.fc', 3)")
