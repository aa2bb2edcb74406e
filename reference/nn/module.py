"""nn.Module: the base class of every layer and model.

Assigning a Parameter, a Module or (for a registered name) a buffer as an attribute registers it
(nn.module.subclass-forward); calling the module runs ``forward``. parameters()/named_parameters()
walk the module, then its submodules in registration order, under dotted names, each shared
parameter or module once (nn.module.parameters-recurse, nn.module.named-parameters-names,
nn.module.named-parameters-order). Also train/eval (nn.module.train-eval), zero_grad
(nn.module.zero-grad), state_dict (nn.module.state-dict) and load_state_dict
(nn.module.load-state-dict).
"""
from __future__ import annotations

from collections import OrderedDict, namedtuple
from typing import Any, Iterator

from reference import _grad_mode as grad_mode
from reference._tensor import Tensor
from reference.nn.parameter import Parameter

IncompatibleKeys = namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])
EXTRA_STATE = "_extra_state"


def _overrides(module: "Module", method: str) -> bool:
    """Whether the module's class overrides a Module method (get_extra_state, set_extra_state)."""
    return getattr(type(module), method) is not getattr(Module, method)


class Module:
    """Base class: subclasses call ``super().__init__()``, assign layers, and define ``forward``."""

    training: bool

    def __init__(self) -> None:
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent_buffers", set())
        object.__setattr__(self, "_modules", OrderedDict())

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f'Module [{type(self).__name__}] is missing the required "forward" function')

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    # -- registration ------------------------------------------------------------------------
    def _registries(self) -> tuple[dict[str, Any], ...]:
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameters, buffers or modules before Module.__init__() call")
        return self._parameters, self._buffers, self._modules

    def _forget(self, name: str) -> None:
        """Drop ``name`` from every registry and the plain attributes before it is registered anew."""
        for registry in self._registries():
            registry.pop(name, None)
        self._non_persistent_buffers.discard(name)
        self.__dict__.pop(name, None)

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(f"cannot assign '{type(param).__name__}' object to parameter '{name}' "
                            "(torch.nn.Parameter or None required)")
        self._forget(name)
        self._parameters[name] = param

    def register_buffer(self, name: str, tensor: Tensor | None, persistent: bool = True) -> None:
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(f"cannot assign '{type(tensor).__name__}' object to buffer '{name}' "
                            "(torch Tensor or None required)")
        self._forget(name)
        self._buffers[name] = tensor
        if not persistent:
            self._non_persistent_buffers.add(name)

    def add_module(self, name: str, module: "Module | None") -> None:
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{type(module).__name__} is not a Module subclass")
        self._forget(name)
        self._modules[name] = module

    register_module = add_module

    def __setattr__(self, name: str, value: Any) -> None:
        """Parameters and modules register themselves; a registered buffer or parameter name keeps its kind."""
        if isinstance(value, Parameter):
            self._forget(name)
            self.register_parameter(name, value)
        elif isinstance(value, Module):
            self.add_module(name, value)
        elif name in self.__dict__.get("_parameters", ()):
            self.register_parameter(name, value)  # None clears it; any other value raises TypeError
        elif name in self.__dict__.get("_modules", ()):
            self.add_module(name, value)
        elif name in self.__dict__.get("_buffers", ()):
            self.register_buffer(name, value, persistent=name not in self._non_persistent_buffers)
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> Any:
        """Called only when normal lookup fails: the registered parameters, buffers and modules."""
        for registry in ("_parameters", "_buffers", "_modules"):
            entries = self.__dict__.get(registry, {})
            if name in entries:
                return entries[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name: str) -> None:
        if any(name in registry for registry in self._registries()):
            self._forget(name)
        else:
            object.__delattr__(self, name)

    # -- traversal ------------------------------------------------------------------------------
    def named_modules(self, memo: set[int] | None = None, prefix: str = "",
                      remove_duplicate: bool = True) -> Iterator[tuple[str, "Module"]]:
        """This module, then each submodule depth first in registration order; a shared one once."""
        memo = set() if memo is None else memo
        if remove_duplicate:
            if id(self) in memo:
                return
            memo.add(id(self))
        yield prefix, self
        for name, module in self._modules.items():
            if module is not None:
                yield from module.named_modules(memo, f"{prefix}.{name}" if prefix else name, remove_duplicate)

    def modules(self) -> Iterator["Module"]:
        return (module for _, module in self.named_modules())

    def named_children(self) -> Iterator[tuple[str, "Module"]]:
        seen: set[int] = set()
        for name, module in self._modules.items():
            if module is not None and id(module) not in seen:
                seen.add(id(module))
                yield name, module

    def children(self) -> Iterator["Module"]:
        return (module for _, module in self.named_children())

    def _named_members(self, registry: str, prefix: str, recurse: bool,
                       remove_duplicate: bool) -> Iterator[tuple[str, Any]]:
        """The entries of ``registry`` of this module (and its submodules), a shared tensor once."""
        modules = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse else [(prefix, self)]
        seen: set[int] = set()
        for module_prefix, module in modules:
            for name, value in getattr(module, registry).items():
                if value is None or (remove_duplicate and id(value) in seen):
                    continue
                seen.add(id(value))
                yield (f"{module_prefix}.{name}" if module_prefix else name), value

    def named_parameters(self, prefix: str = "", recurse: bool = True,
                         remove_duplicate: bool = True) -> Iterator[tuple[str, Parameter]]:
        return self._named_members("_parameters", prefix, recurse, remove_duplicate)

    def parameters(self, recurse: bool = True) -> Iterator[Parameter]:
        return (param for _, param in self.named_parameters(recurse=recurse))

    def named_buffers(self, prefix: str = "", recurse: bool = True,
                      remove_duplicate: bool = True) -> Iterator[tuple[str, Tensor]]:
        return self._named_members("_buffers", prefix, recurse, remove_duplicate)

    def buffers(self, recurse: bool = True) -> Iterator[Tensor]:
        return (buffer for _, buffer in self.named_buffers(recurse=recurse))

    # -- modes and gradients -------------------------------------------------------------------
    def train(self, mode: bool = True) -> "Module":
        """Set ``training`` on this module and every submodule; returns self."""
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        self.training = mode
        for module in self.children():
            module.train(mode)
        return self

    def eval(self) -> "Module":
        return self.train(False)

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Every parameter's grad to None (the default), or filled with zeros in place."""
        for param in self.parameters():
            if param.grad is None:
                continue
            if set_to_none:
                param.grad = None
            else:
                param.grad.detach_()
                param.grad.zero_()

    # -- state ---------------------------------------------------------------------------------------
    def state_dict(self, destination: Any = None, prefix: str = "", keep_vars: bool = False) -> "OrderedDict[str, Any]":
        """Parameters, then persistent buffers, then the extra state, then each submodule's entries, under
        dotted keys; values are detached and share memory with the module (``keep_vars`` keeps the tensors
        themselves). State-dict pre hooks run before, post hooks (which may edit the result) after."""
        destination = OrderedDict() if destination is None else destination
        for hook in list(self.__dict__.get("_state_dict_pre_hooks", {}).values()):
            hook(self, prefix, keep_vars)
        for name, value in self._own_state():
            destination[prefix + name] = value if keep_vars else value.detach()
        if _overrides(self, "get_extra_state"):
            destination[prefix + EXTRA_STATE] = self.get_extra_state()
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination, prefix + name + ".", keep_vars)
        for hook in list(self.__dict__.get("_state_dict_hooks", {}).values()):
            hook(self, destination, prefix, {})
        return destination

    def _own_state(self) -> Iterator[tuple[str, Tensor]]:
        yield from ((name, p) for name, p in self._parameters.items() if p is not None)
        yield from ((name, b) for name, b in self._buffers.items()
                    if b is not None and name not in self._non_persistent_buffers)

    def get_extra_state(self) -> Any:
        raise RuntimeError("Reached a code path in Module.get_extra_state() that should never be called.")

    def set_extra_state(self, state: Any) -> None:
        raise RuntimeError("Reached a code path in Module.set_extra_state() that should never be called.")

    def _load(self, state_dict: Any, prefix: str, found: set[str], missing: list[str], unexpected: list[str],
              errors: list[str]) -> None:
        """Load pre hooks (which may edit ``state_dict``), this module's entries, then each submodule's."""
        for hook in list(self.__dict__.get("_load_state_dict_pre_hooks", {}).values()):
            hook(self, state_dict, prefix, {}, True, missing, unexpected, errors)
        for name, target in self._own_state():
            key = prefix + name
            if key not in state_dict:
                missing.append(key)
                continue
            found.add(key)
            source = state_dict[key]
            if tuple(source.shape) != tuple(target.shape):
                errors.append(f"size mismatch for {key}: copying a param with shape {tuple(source.shape)} from "
                              f"checkpoint, the shape in current model is {tuple(target.shape)}.")
            else:
                target.copy_(source)
        if _overrides(self, "set_extra_state"):
            key = prefix + EXTRA_STATE
            if key in state_dict:
                found.add(key)
                self.set_extra_state(state_dict[key])
            else:
                missing.append(key)
        for name, module in self._modules.items():
            if module is not None:
                module._load(state_dict, prefix + name + ".", found, missing, unexpected, errors)

    def load_state_dict(self, state_dict: Any, strict: bool = True) -> IncompatibleKeys:
        """Copy the matching entries in (from a copy of ``state_dict`` the load pre hooks may edit); missing or
        unexpected keys, as left by the load post hooks, raise with ``strict`` (after copying), and are returned
        either way. A shape mismatch always raises."""
        state_dict = OrderedDict(state_dict)
        found: set[str] = set()
        missing: list[str] = []
        unexpected: list[str] = []
        errors: list[str] = []
        with grad_mode.no_grad():
            self._load(state_dict, "", found, missing, unexpected, errors)
        unexpected.extend(key for key in state_dict if key not in found)
        result = IncompatibleKeys(missing, unexpected)
        for module in self.modules():
            for hook in list(module.__dict__.get("_load_state_dict_post_hooks", {}).values()):
                hook(module, result)
        if strict and unexpected:
            errors.insert(0, "Unexpected key(s) in state_dict: " + ", ".join(f'"{k}"' for k in unexpected) + ".")
        if strict and missing:
            errors.insert(0, "Missing key(s) in state_dict: " + ", ".join(f'"{k}"' for k in missing) + ".")
        if errors:
            raise RuntimeError(f"Error(s) in loading state_dict for {type(self).__name__}:\n\t" + "\n\t".join(errors))
        return result

    # -- printing ------------------------------------------------------------------------------------
    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        lines = [f"({name}): " + repr(module).replace("\n", "\n  ") for name, module in self._modules.items()]
        if not lines:
            return f"{type(self).__name__}({self.extra_repr()})"
        head = [self.extra_repr()] if self.extra_repr() else []
        return f"{type(self).__name__}(\n  " + "\n  ".join(head + lines) + "\n)"
