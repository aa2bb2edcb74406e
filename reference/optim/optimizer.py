"""The Optimizer base class: parameter groups, per-parameter state, zero_grad, step and state_dict.

An algorithm subclass supplies ``update(p, g, state, group)``, returning the new parameter values
as a NumPy array; ``step()`` calls it for every parameter whose ``.grad`` is set and writes the
result into the parameter in place (the parameter's storage is kept and its version counter
bumped, as an in-place op under no_grad would).

Behaviours: optim.zero-grad.sets-none-by-default, optim.zero-grad.zero-fill,
optim.step.skips-none-grad, optim.step.zero-grad-is-stepped,
optim.training-step.zero-grad-backward-step, optim.param-groups.per-group-options,
optim.param-groups.shared-parameter-raises, optim.param-groups.empty-raises,
optim.param-groups.duplicate-warns, optim.state-dict.structure, optim.state-dict.load-round-trip,
optim.step-hooks.pre-and-post.
"""
from __future__ import annotations

import copy
import warnings
from collections import defaultdict
from typing import Any, Callable, Iterable

import numpy as np

from reference import _dtype as D
from reference._grad_mode import enable_grad
from reference._graph import RemovableHandle, _hook_ids
from reference._ops import store
from reference._tensor import Tensor


class _Required:
    """Marks an option a parameter group must give when the optimizer has no default for it."""

    def __repr__(self) -> str:
        return "<required parameter>"


required = _Required()


class Optimizer:
    """Holds ``param_groups`` (dicts of params plus options) and ``state`` (a dict per parameter)."""

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        if isinstance(params, Tensor):
            raise TypeError("params argument given to the optimizer should be an iterable of Tensors or dicts, "
                            f"but got {type(params).__name__}")
        self.defaults = defaults
        self.state: defaultdict[Tensor, dict[str, Any]] = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []
        self._step_count = 0  # read by lr_scheduler for its call-order warning
        self._step_pre_hooks: dict[int, Callable[..., Any]] = {}
        self._step_post_hooks: dict[int, Callable[..., Any]] = {}
        self._state_dict_pre_hooks: dict[int, Callable[..., Any]] = {}
        self._state_dict_post_hooks: dict[int, Callable[..., Any]] = {}
        self._load_state_dict_pre_hooks: dict[int, Callable[..., Any]] = {}
        self._load_state_dict_post_hooks: dict[int, Callable[..., Any]] = {}
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        for group in groups if isinstance(groups[0], dict) else [{"params": groups}]:
            self.add_param_group(group)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group; options it leaves out take the optimizer's defaults (optim.param-groups.*)."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group).__name__}")
        params = _param_list(param_group["params"])
        if len({id(p) for p in params}) != len(params):
            warnings.warn("optimizer contains a parameter group with duplicate parameters; in future, this will "
                          "cause an error; see github.com/pytorch/pytorch/issues/40967 for more information",
                          UserWarning, stacklevel=3)
        group = {**param_group, "params": params}
        for name, default in self.defaults.items():
            if default is required and name not in group:
                raise ValueError(f"parameter group didn't specify a value of required optimization parameter {name}")
            group.setdefault(name, default)
        taken = {id(p) for g in self.param_groups for p in g["params"]}
        if any(id(p) in taken for p in params):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Each ``.grad`` becomes None, or with ``set_to_none=False`` is filled with zeros in place."""
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                if set_to_none:
                    p.grad = None
                else:
                    grad = p.grad.detach_() if p.grad.grad_fn is not None else p.grad.requires_grad_(False)
                    grad._a[...] = 0
                    grad._version[0] += 1

    def register_step_pre_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(optimizer, args, kwargs)`` runs before every ``step()`` (optim.step-hooks.pre-and-post);
        a returned ``(args, kwargs)`` pair replaces step's arguments."""
        return self._add_hook(self._step_pre_hooks, hook)

    def register_step_post_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(optimizer, args, kwargs)`` runs after every ``step()``."""
        return self._add_hook(self._step_post_hooks, hook)

    def register_state_dict_pre_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(optimizer)`` runs before ``state_dict()`` builds its result (optim.state-dict-hooks.save)."""
        return self._add_hook(self._state_dict_pre_hooks, hook)

    def register_state_dict_post_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(optimizer, state_dict)`` runs after; a returned dict replaces the result."""
        return self._add_hook(self._state_dict_post_hooks, hook)

    def register_load_state_dict_pre_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(optimizer, state_dict)`` runs before loading; a returned dict is loaded instead
        (optim.state-dict-hooks.load)."""
        return self._add_hook(self._load_state_dict_pre_hooks, hook)

    def register_load_state_dict_post_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(optimizer)`` runs after loading."""
        return self._add_hook(self._load_state_dict_post_hooks, hook)

    @staticmethod
    def _add_hook(hooks: dict[int, Callable[..., Any]], hook: Callable[..., Any]) -> RemovableHandle:
        key = next(_hook_ids)
        hooks[key] = hook
        return RemovableHandle(hooks, key)

    def step(self, *args: Any, **kwargs: Any) -> Any:
        """Run the pre-hooks, ``_step`` and the post-hooks."""
        for hook in list(self._step_pre_hooks.values()):
            replaced = hook(self, args, kwargs)
            if replaced is not None:
                args, kwargs = replaced
        loss = self._step(*args, **kwargs)
        for hook in list(self._step_post_hooks.values()):
            hook(self, args, kwargs)
        return loss

    def _step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One update of every parameter that has a ``.grad`` (a zero gradient still steps); returns
        ``closure()``'s loss, the closure being re-evaluated with grad enabled."""
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    new = self.update(p, p.grad._a.astype(p._a.dtype), self.state[p], group)
                    p._a[...] = store(new, p.dtype)
                    p._version[0] += 1
        self._step_count += 1
        return loss

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        """The algorithm: ``p``'s new values from its gradient ``g`` (a private copy), its state and options."""
        raise NotImplementedError

    def state_dict(self) -> dict[str, Any]:
        """``{'state': {index: state}, 'param_groups': [options + 'params': [index, ...]]}``, parameters
        numbered in group order; the state-dict pre hooks run before, the post hooks may replace it."""
        for hook in list(self._state_dict_pre_hooks.values()):
            hook(self)
        index: dict[int, int] = {}
        groups = []
        for group in self.param_groups:
            for p in group["params"]:
                index.setdefault(id(p), len(index))
            groups.append({**group, "params": [index[id(p)] for p in group["params"]]})
        result = {"state": {index[id(p)]: s for p, s in self.state.items()}, "param_groups": groups}
        for hook in list(self._state_dict_post_hooks.values()):
            result = hook(self, result) or result
        return result

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore options and state saved by ``state_dict()`` from an optimizer over same-shaped groups; the
        load pre hooks may replace what is loaded, the post hooks run after."""
        for hook in list(self._load_state_dict_pre_hooks.values()):
            state_dict = hook(self, state_dict) or state_dict
        saved = copy.deepcopy(state_dict)
        groups, saved_groups = self.param_groups, saved["param_groups"]
        if len(groups) != len(saved_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(g["params"]) != len(s["params"]) for g, s in zip(groups, saved_groups)):
            raise ValueError("loaded state dict contains a parameter group that doesn't match the size of "
                             "optimizer's group")
        by_index = {i: p for g, s in zip(groups, saved_groups) for i, p in zip(s["params"], g["params"])}
        self.state = defaultdict(dict)
        for i, entry in saved["state"].items():
            p = by_index[i]
            self.state[p] = {key: _like_param(p, key, value) for key, value in entry.items()}
        self.param_groups = [{**s, "params": g["params"]} for g, s in zip(groups, saved_groups)]
        for hook in list(self._load_state_dict_post_hooks.values()):
            hook(self)


def new_state(p: Tensor, values: Any) -> Tensor:
    """A state tensor shaped, typed and placed like ``p``, holding ``values`` (broadcast)."""
    return Tensor(store(np.broadcast_to(values, p._a.shape).copy(), p.dtype), p.dtype, p.device)


def buffer(state: dict[str, Any], key: str, p: Tensor, initial: Any = 0.0) -> np.ndarray:
    """The array of ``state[key]``, created like ``p`` and filled with ``initial`` on first use."""
    if key not in state:
        state[key] = new_state(p, initial)
    return state[key]._a


def count_step(state: dict[str, Any]) -> int:
    """Add one to ``state['step']``, a float32 scalar tensor (optim.state-dict.adam-state); return t."""
    if "step" not in state:
        state["step"] = Tensor(np.zeros((), np.float32), D.float32)
    state["step"]._a += 1
    return int(state["step"]._a)


def check_non_negative(**options: float) -> None:
    """ValueError for a negative hyperparameter (optim.sgd.negative-hyperparameters-raise)."""
    for name, value in options.items():
        if not value >= 0:
            raise ValueError(f"Invalid {name} value: {value}")


def check_betas(betas: tuple[float, float]) -> None:
    """ValueError unless each beta is in [0, 1)."""
    for i, beta in enumerate(betas):
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"Invalid beta parameter at index {i}: {beta}")


def _param_list(params: Any) -> list[Tensor]:
    if isinstance(params, Tensor):
        return [params]
    if isinstance(params, set):
        raise TypeError("optimizer parameters need to be organized in ordered collections, but the ordering of "
                        "tensors in sets will change between runs. Please use a list instead.")
    params = list(params)
    for p in params:
        if not isinstance(p, Tensor):
            raise TypeError(f"optimizer can only optimize Tensors, but one of the params is {type(p).__name__}")
        if not p.is_leaf:
            raise ValueError("can't optimize a non-leaf Tensor")
    return params


def _like_param(p: Tensor, key: str, value: Any) -> Any:
    """Loaded state follows its parameter's device, and its dtype when floating; ``step`` stays float32."""
    if not isinstance(value, Tensor):
        return value
    dtype = value.dtype if key == "step" or not value.is_floating_point() else p.dtype
    return Tensor(store(value._a, dtype).copy(), dtype, value.device if key == "step" else p.device)
