"""More of the nn.Module API (nn.module-api.*), bound onto Module here: to(dtype/device), apply,
requires_grad_, forward and forward-pre hooks (in __call__), get_submodule / get_parameter, and
add_module / register_module rejecting dotted names and non-modules.
"""
from __future__ import annotations

import itertools
from collections import OrderedDict
from typing import Any, Callable

from reference import _dtype as D
from reference._conversions import _parse_to, to
from reference.nn.module import Module
from reference.nn.parameter import Parameter

_next_hook_id = itertools.count()


class RemovableHandle:
    """Returned by the register_*_hook methods: remove() takes the hook out again."""

    def __init__(self, hooks: "OrderedDict[int, Callable[..., Any]]") -> None:
        self._hooks, self.id = hooks, next(_next_hook_id)

    def remove(self) -> None:
        self._hooks.pop(self.id, None)


def _hooks(module: Module, kind: str) -> "OrderedDict[int, Callable[..., Any]]":
    if kind not in module.__dict__:
        object.__setattr__(module, kind, OrderedDict())
    return module.__dict__[kind]


def _register(kind: str) -> Callable[..., RemovableHandle]:
    def register(self: Module, hook: Callable[..., Any]) -> RemovableHandle:
        hooks = _hooks(self, kind)
        handle = RemovableHandle(hooks)
        hooks[handle.id] = hook
        return handle
    return register


def _call(self: Module, *args: Any, **kwargs: Any) -> Any:
    """Pre-hooks may replace the inputs (a tuple, or one value), forward runs, hooks may replace the output."""
    for hook in list(self.__dict__.get("_forward_pre_hooks", {}).values()):
        result = hook(self, args)
        if result is not None:
            args = result if isinstance(result, tuple) else (result,)
    output = self.forward(*args, **kwargs)
    for hook in list(self.__dict__.get("_forward_hooks", {}).values()):
        result = hook(self, args, output)
        if result is not None:
            output = result
    return output


def _to(self: Module, *args: Any, **kwargs: Any) -> Module:
    """Each parameter and buffer converted in place (the same objects): floating ones to a floating dtype."""
    for module in self.modules():
        for tensor in [*module._parameters.values(), *module._buffers.values()]:
            if tensor is None:
                continue
            device, dtype = _parse_to(args, dict(kwargs), tensor)
            if dtype is not None and not (tensor.dtype.category >= D.FLOAT and dtype.category >= D.FLOAT):
                dtype = None  # integer buffers keep their dtype
            converted = to(tensor, device=device, dtype=dtype)
            tensor._a, tensor._dtype, tensor._device = converted._a, converted.dtype, converted.device
    return self


def _apply(self: Module, fn: Callable[[Module], Any]) -> Module:
    for child in self.children():
        child.apply(fn)
    fn(self)
    return self


def _requires_grad_(self: Module, requires_grad: bool = True) -> Module:
    for param in self.parameters():
        param.requires_grad_(requires_grad)
    return self


def get_submodule(self: Module, target: str) -> Module:
    module = self
    for part in filter(None, target.split(".")):
        child = module._modules.get(part)
        if not isinstance(child, Module):
            raise AttributeError(f"{type(module).__name__} has no attribute `{part}`")
        module = child
    return module


def get_parameter(self: Module, target: str) -> Parameter:
    path, _, name = target.rpartition(".")
    module = self.get_submodule(path)
    param = module._parameters.get(name)
    if not isinstance(param, Parameter):
        raise AttributeError(f"{type(module).__name__} has no parameter `{name}`")
    return param


def _checked(add_module: Callable[..., None]) -> Callable[..., None]:
    def checked(self: Module, name: str, module: Module | None) -> None:
        if not isinstance(name, str):
            raise TypeError(f"module name should be a string. Got {type(name).__name__}")
        if "." in name or name == "":
            raise KeyError(f'module name can\'t contain ".", got: {name}' if name else "module name can't be empty")
        add_module(self, name, module)
    return checked


Module.__call__ = _call
Module.to = _to
Module.apply = _apply
Module.requires_grad_ = _requires_grad_
Module.get_submodule = get_submodule
Module.get_parameter = get_parameter
Module.register_forward_hook = _register("_forward_hooks")
Module.register_forward_pre_hook = _register("_forward_pre_hooks")
Module.add_module = Module.register_module = _checked(Module.add_module)
