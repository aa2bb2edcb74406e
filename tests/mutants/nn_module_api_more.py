"""Mutants of the casting methods, register_parameter, get_buffer, extra state and the state_dict hooks:
each breaks one documented method."""
from __future__ import annotations

import functools

from tests.mutants import Mutant, replace


def _mutant(name: str, behaviour: str, target: str, make) -> Mutant:
    return Mutant(f"module-api-{name}", (f"nn.module-api.{behaviour}",), replace(f"nn.{target}", make))


def _hook_dropped(orig):
    return lambda self, hook, *args, **kwargs: orig(self, lambda *a, **k: None, *args, **kwargs)


def _without_extra_state(orig):
    def state_dict(self, *args, **kwargs):
        result = orig(self, *args, **kwargs)
        for key in [k for k in result if k.endswith("_extra_state")]:
            del result[key]
        return result
    return state_dict


MUTANTS = [
    _mutant("half-no-op", "cast-floating", "Module.half", lambda orig: lambda self: self),
    _mutant("type-floating-only", "type", "Module.type", lambda orig: lambda self, dst_type: self.to(dst_type)),
    _mutant("cpu-returns-none", "cpu", "Module.cpu", lambda orig: lambda self, *a: (orig(self, *a), None)[1]),
    _mutant("register-parameter-unchecked", "register-parameter", "Module.register_parameter",
            lambda orig: lambda self, name, param: self._parameters.__setitem__(name, param)),
    _mutant("get-buffer-any-attribute", "get-buffer", "Module.get_buffer",
            lambda orig: lambda self, target: functools.reduce(getattr, target.split("."), self)),
    _mutant("set-submodule-top-level", "set-submodule", "Module.set_submodule",
            lambda orig: lambda self, target, module, strict=False: orig(self, target.split(".")[-1], module, strict)),
    _mutant("extra-state-not-saved", "extra-state", "Module.state_dict", _without_extra_state),
    _mutant("state-dict-post-hook-dropped", "state-dict-hooks", "Module.register_state_dict_post_hook",
            _hook_dropped),
    _mutant("load-pre-hook-dropped", "load-state-dict-hooks", "Module.register_load_state_dict_pre_hook",
            _hook_dropped),
]
