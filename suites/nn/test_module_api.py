"""The nn.Module API beyond parameters: to, apply, buffers (persistent or not), children and
named_modules, requires_grad_, forward and forward-pre hooks, state_dict prefixes, add_module /
register_module, get_submodule / get_parameter, and the containers (ModuleList, ModuleDict,
ParameterList, ParameterDict, Sequential)."""
from __future__ import annotations

from typing import Any

import numpy as np

from conformance import check
from conformance.assertions import assert_dtype, assert_raises, assert_same_object, assert_values, expect
from suites.nn.common import TOL, param, set_param
from suites.inputs import tensor_of

NET_MODULES = ["", "block", "block.fc", "head"]
NET_STATE = ["block.steps", "block.fc.weight", "block.fc.bias", "head.weight", "head.bias"]
NET_BUILD = ("Net: block = Block(fc = Linear(2, 3), buffer steps, non-persistent buffer cache), "
             "head = Linear(3, 1)")


def _net(xp: Any) -> Any:
    """Net(block=Block(fc=Linear(2, 3), buffers steps and non-persistent cache), head=Linear(3, 1))."""

    class Block(xp.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.register_buffer("steps", xp.zeros(1))
            self.fc = xp.nn.Linear(2, 3)
            self.register_buffer("cache", xp.zeros(2), persistent=False)

        def forward(self, x: Any) -> Any:
            return self.fc(x)

    class Net(xp.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.block = Block()
            self.head = xp.nn.Linear(3, 1)

        def forward(self, x: Any) -> Any:
            return self.head(self.block(x))

    return Net()


def _names(pairs: Any) -> list[str]:
    return [name for name, _ in pairs]


def _expect_names(got: list[str], want: list[str], call: str) -> None:
    expect(got == want, call=call, expected=want, got=got)


@check("nn.module-api.to-dtype")
def test_to_dtype_converts_parameters_and_buffers(xp):
    net = _net(xp)
    before = {name: param(t) for name, t in net.state_dict().items()}
    call = f"{NET_BUILD}; net.to(float64)"
    assert_same_object(net.to(xp.float64), net, call=call)
    for name, tensor in [*net.named_parameters(), *net.named_buffers()]:
        assert_dtype(tensor, "float64", call=call + f"; {name}")
    for name, tensor in net.state_dict().items():
        assert_values(tensor, before[name], call=call + f"; {name} keeps its values")


@check("nn.module-api.apply")
def test_apply_visits_children_then_self(xp):
    net, seen = _net(xp), []
    names = {id(m): n for n, m in net.named_modules()}
    returned = net.apply(lambda m: seen.append(names.get(id(m), "?")))
    call = f"{NET_BUILD}; net.apply(fn recording each module)"
    assert_same_object(returned, net, call=call)
    _expect_names(seen, ["block.fc", "block", "head", ""], call + "; modules visited, in order")


@check("nn.module-api.buffers")
def test_buffers_persistent_and_not(xp):
    net = _net(xp)
    _expect_names(_names(net.named_buffers()), ["block.steps", "block.cache"], f"{NET_BUILD}; net.named_buffers()")
    expect(len(list(net.buffers())) == 2, call=f"{NET_BUILD}; net.buffers()", expected="2 buffers",
           got=f"{len(list(net.buffers()))} buffers")
    keys = list(net.state_dict())
    expect("block.cache" not in keys and "block.steps" in keys, call=f"{NET_BUILD}; net.state_dict().keys()",
           expected="block.steps present and the non-persistent block.cache absent", got=keys)


@check("nn.module-api.children-modules")
def test_children_and_named_modules(xp):
    net = _net(xp)
    _expect_names(_names(net.named_children()), ["block", "head"], f"{NET_BUILD}; net.named_children()")
    children = list(net.children())
    expect(len(children) == 2 and children[0] is net.block and children[1] is net.head,
           call=f"{NET_BUILD}; net.children()", expected="[net.block, net.head]", got=f"{len(children)} modules")
    _expect_names(_names(net.named_modules()), NET_MODULES, f"{NET_BUILD}; net.named_modules()")
    expect(len(list(net.modules())) == 4, call=f"{NET_BUILD}; net.modules()", expected="4 modules",
           got=f"{len(list(net.modules()))} modules")


@check("nn.module-api.requires-grad")
def test_requires_grad_toggles_every_parameter(xp):
    net = _net(xp)
    for flag, args in [(False, (False,)), (True, ())]:
        call = f"{NET_BUILD}; net.requires_grad_({', '.join(map(str, args))})"
        assert_same_object(net.requires_grad_(*args), net, call=call)
        got = {name: p.requires_grad for name, p in net.named_parameters()}
        expect(all(v is flag for v in got.values()), call=call, expected=f"every requires_grad {flag}", got=got)


def _linear(xp: Any) -> tuple[Any, np.ndarray, np.ndarray]:
    layer = xp.nn.Linear(2, 3)
    w, b = np.array([[1.0, -1.0], [0.5, 2.0], [0.0, 1.5]]), np.array([0.25, -0.5, 1.0])
    set_param(xp, layer.weight, w.astype(np.float32))
    set_param(xp, layer.bias, b.astype(np.float32))
    return layer, w, b


X = np.array([[1.0, 2.0], [-3.0, 0.5]])


@check("nn.module-api.forward-hook")
def test_forward_hook(xp):
    layer, w, b = _linear(xp)
    calls = []

    def hook(module, args, output):
        calls.append((module, args, output))
        return output + 1

    handle = layer.register_forward_hook(hook)
    call = "Linear(2, 3) with a forward hook returning output + 1; layer(x)"
    got = layer(tensor_of(xp, X, "float32"))
    assert_values(got, X @ w.T + b + 1, call=call, **TOL)
    expect(len(calls) == 1 and calls[0][0] is layer and isinstance(calls[0][1], tuple) and len(calls[0][1]) == 1,
           call=call, expected="hook called once with (the module, a 1-tuple of inputs, output)",
           got=f"{len(calls)} calls" if len(calls) != 1 else f"args {type(calls[0][1]).__name__}")
    assert_values(calls[0][2], X @ w.T + b, call=call + "; the output the hook received", **TOL)
    handle.remove()
    assert_values(layer(tensor_of(xp, X, "float32")), X @ w.T + b, call=call.replace("; layer(x)", "; handle.remove(); layer(x)"),
                  **TOL)


@check("nn.module-api.forward-pre-hook")
def test_forward_pre_hook(xp):
    layer, w, b = _linear(xp)
    handle = layer.register_forward_pre_hook(lambda module, args: args[0] * 2)
    call = "Linear(2, 3) with a forward pre-hook returning args[0] * 2 (not a tuple); layer(x)"
    assert_values(layer(tensor_of(xp, X, "float32")), (2 * X) @ w.T + b, call=call, **TOL)
    handle.remove()
    handle = layer.register_forward_pre_hook(lambda module, args: (args[0] - 1,))
    call = "Linear(2, 3) with a forward pre-hook returning (args[0] - 1,); layer(x)"
    assert_values(layer(tensor_of(xp, X, "float32")), (X - 1) @ w.T + b, call=call, **TOL)
    handle.remove()
    assert_values(layer(tensor_of(xp, X, "float32")), X @ w.T + b, call="after handle.remove(): layer(x)", **TOL)


@check("nn.module-api.state-dict-keys")
def test_state_dict_keys_and_prefix(xp):
    net = _net(xp)
    _expect_names(list(net.state_dict()), NET_STATE, f"{NET_BUILD}; net.state_dict().keys()")
    _expect_names(list(net.state_dict(prefix="model.")), ["model." + k for k in NET_STATE],
                  f"{NET_BUILD}; net.state_dict(prefix='model.').keys()")
    _expect_names(list(net.block.state_dict()), ["steps", "fc.weight", "fc.bias"],
                  f"{NET_BUILD}; net.block.state_dict().keys()")


@check("nn.module-api.add-module")
def test_add_module_and_register_module(xp):
    m = xp.nn.Module()
    first, second = xp.nn.Linear(2, 2), xp.nn.ReLU()
    m.add_module("first", first)
    m.register_module("second", second)
    call = "m = Module(); m.add_module('first', Linear(2, 2)); m.register_module('second', ReLU())"
    _expect_names(_names(m.named_children()), ["first", "second"], call + "; m.named_children()")
    assert_same_object(m.first, first, call=call + "; m.first")
    assert_same_object(m.second, second, call=call + "; m.second")
    assert_raises(KeyError, lambda: m.add_module("a.b", xp.nn.ReLU()), call="m.add_module('a.b', ReLU())")
    assert_raises(TypeError, lambda: m.add_module("x", 3), call="m.add_module('x', 3)")


@check("nn.module-api.get-submodule-parameter")
def test_get_submodule_and_parameter(xp):
    net = _net(xp)
    assert_same_object(net.get_submodule("block.fc"), net.block.fc, call=f"{NET_BUILD}; net.get_submodule('block.fc')")
    assert_same_object(net.get_submodule(""), net, call=f"{NET_BUILD}; net.get_submodule('')")
    assert_same_object(net.get_parameter("block.fc.bias"), net.block.fc.bias,
                       call=f"{NET_BUILD}; net.get_parameter('block.fc.bias')")
    for bad in ("block.nope", "tail"):
        assert_raises(AttributeError, lambda: net.get_submodule(bad), call=f"{NET_BUILD}; net.get_submodule({bad!r})")
    assert_raises(AttributeError, lambda: net.get_parameter("head.nope"),
                  call=f"{NET_BUILD}; net.get_parameter('head.nope')")


def _kinds(modules: Any) -> list[str]:
    return [type(m).__name__ for m in modules]


@check("nn.module-api.modulelist")
def test_module_list(xp):
    items = xp.nn.ModuleList([xp.nn.ReLU(), xp.nn.Linear(2, 2)])
    items.append(xp.nn.Tanh())
    items.extend([xp.nn.Sigmoid()])
    items.insert(1, xp.nn.Identity())
    call = "ModuleList([ReLU(), Linear(2, 2)]); append(Tanh()); extend([Sigmoid()]); insert(1, Identity())"
    _expect_names(_kinds(items), ["ReLU", "Identity", "Linear", "Tanh", "Sigmoid"], call + "; the modules")
    expect(len(items) == 5, call=call + "; len", expected=5, got=len(items))
    _expect_names(_kinds([items[-1]]), ["Sigmoid"], call + "; [-1]")
    sliced = items[1:3]
    expect(type(sliced).__name__ == "ModuleList", call=call + "; [1:3]", expected="a ModuleList",
           got=type(sliced).__name__)
    _expect_names(_kinds(sliced), ["Identity", "Linear"], call + "; [1:3]")
    _expect_names(_names(items.named_parameters()), ["2.weight", "2.bias"], call + "; named_parameters()")


@check("nn.module-api.moduledict")
def test_module_dict(xp):
    mods = xp.nn.ModuleDict({"act": xp.nn.ReLU(), "fc": xp.nn.Linear(2, 2)})
    mods.update({"out": xp.nn.Tanh()})
    mods["norm"] = xp.nn.Identity()
    call = "ModuleDict({'act': ReLU(), 'fc': Linear(2, 2)}); update({'out': Tanh()}); ['norm'] = Identity()"
    _expect_names(list(mods.keys()), ["act", "fc", "out", "norm"], call + "; keys()")
    _expect_names(_kinds([mods["out"]]), ["Tanh"], call + "; ['out']")
    expect("fc" in mods and "nope" not in mods and len(mods) == 4, call=call + "; 'fc' in, 'nope' in, len",
           expected="True, False, 4", got=f"{'fc' in mods}, {'nope' in mods}, {len(mods)}")
    popped = mods.pop("act")
    _expect_names(_kinds([popped]), ["ReLU"], call + "; pop('act')")
    _expect_names(list(mods.keys()), ["fc", "out", "norm"], call + "; keys() after pop('act')")
    _expect_names(_names(mods.named_parameters()), ["fc.weight", "fc.bias"], call + "; named_parameters()")


@check("nn.module-api.parameterlist")
def test_parameter_list(xp):
    params = xp.nn.ParameterList([xp.nn.Parameter(xp.zeros(2)), xp.nn.Parameter(xp.ones(3))])
    params.append(xp.nn.Parameter(xp.zeros(1)))
    call = "ParameterList([Parameter(zeros(2)), Parameter(ones(3))]); append(Parameter(zeros(1)))"
    expect(len(params) == 3, call=call + "; len", expected=3, got=len(params))
    assert_values(params[1], np.ones(3), call=call + "; [1]")
    assert_values(params[-1], np.zeros(1), call=call + "; [-1]")
    holder = xp.nn.Module()
    holder.params = params
    _expect_names(_names(holder.named_parameters()), ["params.0", "params.1", "params.2"],
                  "holder.params = " + call + "; holder.named_parameters()")


@check("nn.module-api.parameterdict")
def test_parameter_dict(xp):
    params = xp.nn.ParameterDict({"w": xp.nn.Parameter(xp.ones(2))})
    params["b"] = xp.nn.Parameter(xp.zeros(1))
    call = "ParameterDict({'w': Parameter(ones(2))}); ['b'] = Parameter(zeros(1))"
    _expect_names(list(params.keys()), ["w", "b"], call + "; keys()")
    assert_values(params["w"], np.ones(2), call=call + "; ['w']")
    expect("b" in params and len(params) == 2, call=call + "; 'b' in, len", expected="True, 2",
           got=f"{'b' in params}, {len(params)}")
    _expect_names(_names(params.named_parameters()), ["w", "b"], call + "; named_parameters()")


@check("nn.module-api.sequential")
def test_sequential(xp):
    layer, w, b = _linear(xp)
    seq = xp.nn.Sequential(layer, xp.nn.ReLU())
    call = "Sequential(Linear(2, 3), ReLU())"
    assert_values(seq(tensor_of(xp, X, "float32")), np.maximum(X @ w.T + b, 0), call=call + "(x)", **TOL)
    seq.append(xp.nn.Tanh())
    seq.insert(0, xp.nn.Identity())
    seq.extend([xp.nn.Sigmoid()])
    call += "; append(Tanh()); insert(0, Identity()); extend([Sigmoid()])"
    _expect_names(_kinds(seq), ["Identity", "Linear", "ReLU", "Tanh", "Sigmoid"], call + "; the modules")
    _expect_names(_names(seq.named_children()), ["0", "1", "2", "3", "4"], call + "; named_children()")
    sliced = seq[1:3]
    expect(type(sliced).__name__ == "Sequential", call=call + "; [1:3]", expected="a Sequential",
           got=type(sliced).__name__)
    _expect_names(_kinds(sliced), ["Linear", "ReLU"], call + "; [1:3]")
    want = 1 / (1 + np.exp(-np.tanh(np.maximum(X @ w.T + b, 0))))
    assert_values(seq(tensor_of(xp, X, "float32")), want, call=call + "; seq(x)", **TOL)
