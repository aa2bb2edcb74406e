"""Mutants of the Module API and containers: each breaks one documented method."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _mutant(name: str, behaviour: str, target: str, make) -> Mutant:
    return Mutant(f"module-api-{name}", (f"nn.module-api.{behaviour}",), replace(f"nn.{target}", make))


def _apply_parent_first(orig):
    def apply(self, fn):
        fn(self)
        for child in self.children():
            child.apply(fn)
        return self
    return apply


def _hook_result_ignored(orig):
    return lambda self, hook, *args, **kwargs: orig(self, lambda *a: (hook(*a), None)[1], *args, **kwargs)


def _prefix_ignored(orig):
    return lambda self, *args, destination=None, prefix="", keep_vars=False: orig(
        self, destination=destination, keep_vars=keep_vars)


def _submodule_first_part(orig):
    return lambda self, target: self if target == "" else orig(self, target.split(".")[0])


MUTANTS = [
    _mutant("to-no-op", "to-dtype", "Module.to", lambda orig: lambda self, *args, **kwargs: self),
    _mutant("apply-parent-first", "apply", "Module.apply", _apply_parent_first),
    _mutant("buffers-all-persistent", "buffers", "Module.register_buffer",
            lambda orig: lambda self, name, tensor, persistent=True: orig(self, name, tensor)),
    _mutant("named-modules-without-self", "children-modules", "Module.named_modules",
            lambda orig: lambda self, *args, **kwargs: ((n, m) for n, m in orig(self, *args, **kwargs)
                                                        if m is not self)),
    _mutant("requires-grad-returns-none", "requires-grad", "Module.requires_grad_",
            lambda orig: lambda self, requires_grad=True: orig(self, requires_grad) and None),
    _mutant("forward-hook-result-ignored", "forward-hook", "Module.register_forward_hook", _hook_result_ignored),
    _mutant("forward-pre-hook-result-ignored", "forward-pre-hook", "Module.register_forward_pre_hook",
            _hook_result_ignored),
    _mutant("state-dict-ignores-prefix", "state-dict-keys", "Module.state_dict", _prefix_ignored),
    _mutant("add-module-unchecked", "add-module", "Module.add_module",
            lambda orig: lambda self, name, module: self._modules.__setitem__(name, module)),
    _mutant("get-submodule-first-part", "get-submodule-parameter", "Module.get_submodule", _submodule_first_part),
    _mutant("modulelist-insert-appends", "modulelist", "ModuleList.insert",
            lambda orig: lambda self, index, module: self.append(module)),
    _mutant("moduledict-pop-keeps", "moduledict", "ModuleDict.pop", lambda orig: lambda self, key: self[key]),
    _mutant("parameterlist-append-drops", "parameterlist", "ParameterList.append",
            lambda orig: lambda self, value: self),
    _mutant("parameterdict-keys-reversed", "parameterdict", "ParameterDict.keys",
            lambda orig: lambda self: list(orig(self))[::-1]),
    _mutant("sequential-insert-appends", "sequential", "Sequential.insert",
            lambda orig: lambda self, index, module: self.append(module)),
]
