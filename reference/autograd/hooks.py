"""Tensor.register_post_accumulate_grad_hook (autograd.hooks.post-accumulate-grad): ``hook(tensor)`` runs
after a backward has accumulated into a leaf's ``.grad``; leaves only."""
from __future__ import annotations

from typing import Any, Callable

from reference._graph import RemovableHandle, _hook_ids
from reference._tensor import Tensor


def register_post_accumulate_grad_hook(self: Tensor, hook: Callable[[Tensor], Any]) -> RemovableHandle:
    if not self.is_leaf:
        raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors")
    if not self.requires_grad:
        raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
    hooks = self.__dict__.setdefault("_post_accumulate_hooks", {})
    key = next(_hook_ids)
    hooks[key] = hook
    return RemovableHandle(hooks, key)


setattr(Tensor, "register_post_accumulate_grad_hook", register_post_accumulate_grad_hook)
