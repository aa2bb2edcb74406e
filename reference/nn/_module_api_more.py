"""More of the nn.Module API (nn.module-api.*), bound onto Module here: the casting methods float/double/
half/bfloat16/type/cpu, register_parameter's name check, get_buffer, set_submodule, and the registration of the
state_dict / load_state_dict hooks (Module.state_dict and load_state_dict run them)."""
from __future__ import annotations

from typing import Callable

from reference import _dtype as D
from reference._conversions import to
from reference._tensor import Tensor
from reference.nn._module_api import _register
from reference.nn.module import Module
from reference.nn.parameter import Parameter


def _cast(self: Module, convert: Callable[[Tensor], Tensor]) -> Module:
    """Every parameter and buffer replaced in place (the same objects) by ``convert`` of it."""
    for module in self.modules():
        for tensor in [*module._parameters.values(), *module._buffers.values()]:
            if tensor is not None:
                converted = convert(tensor)
                tensor._a, tensor._dtype, tensor._device = converted._a, converted.dtype, converted.device
    return self


def _floating_cast(dtype: D.dtype) -> Callable[[Module], Module]:
    def cast(self: Module) -> Module:
        return _cast(self, lambda t: to(t, dtype=dtype) if t.dtype.category == D.FLOAT else t)
    return cast


def _type(self: Module, dst_type: D.dtype) -> Module:
    return _cast(self, lambda t: to(t, dtype=dst_type))


def _cpu(self: Module) -> Module:
    return _cast(self, lambda t: to(t, "cpu"))


def _checked_register_parameter(register: Callable[..., None]) -> Callable[..., None]:
    def register_parameter(self: Module, name: str, param: Parameter | None) -> None:
        if name in self.__dict__ or name in self._buffers or name in self._modules:
            raise KeyError(f"attribute '{name}' already exists")
        register(self, name, param)
    return register_parameter


def get_buffer(self: Module, target: str) -> Tensor:
    path, _, name = target.rpartition(".")
    module = self.get_submodule(path)
    if name not in module._buffers:
        raise AttributeError(f"{type(module).__name__} has no buffer `{name}`" if not hasattr(module, name)
                             else f"`{name}` is not a buffer")
    return module._buffers[name]


def set_submodule(self: Module, target: str, module: Module, strict: bool = False) -> None:
    if not isinstance(module, Module):
        raise ValueError(f"`module` is not an nn.Module, found {type(module)}")
    path, _, name = target.rpartition(".")
    parent = self.get_submodule(path)
    if strict and name not in parent._modules:
        raise AttributeError(f"{type(parent).__name__} has no attribute `{name}`")
    setattr(parent, name, module)


Module.set_submodule = set_submodule
Module.float = _floating_cast(D.float32)
Module.double = _floating_cast(D.float64)
Module.half = _floating_cast(D.float16)
Module.bfloat16 = _floating_cast(D.bfloat16)
Module.type = _type
Module.cpu = _cpu
Module.register_parameter = _checked_register_parameter(Module.register_parameter)
Module.get_buffer = get_buffer
Module.register_state_dict_pre_hook = _register("_state_dict_pre_hooks")
Module.register_state_dict_post_hook = _register("_state_dict_hooks")
Module.register_load_state_dict_pre_hook = _register("_load_state_dict_pre_hooks")
Module.register_load_state_dict_post_hook = _register("_load_state_dict_post_hooks")
