"""Mutants of torch.autograd.functional and the autograd APIs of catalogue autograd/more.toml."""
from __future__ import annotations

import contextlib
from typing import Any

from tests.mutants import Mutant, replace


def _product_scaled(orig: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        value, product = orig(*args, **kwargs)
        return value, product * 2
    return wrapper


def _swapped(other: str) -> Any:
    """vjp answering as jvp, or the reverse (the Jacobians of the checks are not symmetric)."""
    def make(orig: Any) -> Any:
        import torch.autograd.functional as F
        return lambda func, inputs, v=None, **kwargs: getattr(F, other)(func, inputs, v, **kwargs)
    return make


def _hook_before_accumulation(orig: Any) -> Any:
    """The post-accumulate hook registered as an ordinary gradient hook: it runs before .grad is set."""
    def register(self, hook):
        return self.register_hook(lambda grad: hook(self))
    return register


def _setup_context_inputs_reversed(orig: Any) -> Any:
    import torch

    raw = vars(torch.autograd.Function)["apply"].__func__

    def apply(cls, *args, **kwargs):
        setup = vars(cls).get("setup_context")
        if setup is None:
            return raw(cls, *args, **kwargs)
        fn = setup.__func__ if isinstance(setup, staticmethod) else setup
        cls.setup_context = staticmethod(lambda ctx, inputs, output: fn(ctx, tuple(reversed(inputs)), output))
        try:
            return raw(cls, *args, **kwargs)
        finally:
            cls.setup_context = setup
    return classmethod(apply)


def _first_order_only(orig: Any) -> Any:
    """gradgradcheck checking first derivatives only."""
    import torch

    return lambda func, inputs, *args, **kwargs: torch.autograd.gradcheck(func, inputs)


class _AllNeeded:
    """A ctx whose needs_input_grad claims every input needs a gradient."""

    def __init__(self, ctx: Any) -> None:
        self._ctx = ctx

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)

    @property
    def needs_input_grad(self) -> tuple[bool, ...]:
        return tuple(True for _ in self._ctx.needs_input_grad)


def _backward_with_all_needed(orig: Any) -> Any:
    return lambda self, *args: self._forward_cls.backward(_AllNeeded(self), *args)


MUTANTS = [
    Mutant("jacobian-transposed", ("autograd.functional.jacobian",),
           replace("autograd.functional.jacobian", lambda orig: lambda *a, **k: orig(*a, **k).mT)),
    Mutant("hessian-halved", ("autograd.functional.hessian",),
           replace("autograd.functional.hessian", lambda orig: lambda *a, **k: orig(*a, **k) / 2)),
    Mutant("vjp-is-jvp", ("autograd.functional.vjp",), replace("autograd.functional.vjp", _swapped("jvp"))),
    Mutant("jvp-is-vjp", ("autograd.functional.jvp",), replace("autograd.functional.jvp", _swapped("vjp"))),
    Mutant("hvp-product-doubled", ("autograd.functional.hvp",), replace("autograd.functional.hvp", _product_scaled)),
    Mutant("vhp-product-doubled", ("autograd.functional.vhp",), replace("autograd.functional.vhp", _product_scaled)),
    Mutant("post-accumulate-hook-runs-first", ("autograd.hooks.post-accumulate-grad",),
           replace("Tensor.register_post_accumulate_grad_hook", _hook_before_accumulation)),
    Mutant("gradcheck-always-passes", ("autograd.gradcheck.api",),
           replace("autograd.gradcheck", lambda orig: lambda *a, **k: True)),
    Mutant("gradgradcheck-only-first-order", ("autograd.gradcheck.gradgradcheck",),
           replace("autograd.gradgradcheck", _first_order_only)),
    Mutant("detect-anomaly-noop", ("autograd.anomaly.nan-raises",),
           replace("autograd.detect_anomaly", lambda orig: lambda *a, **k: contextlib.nullcontext())),
    Mutant("setup-context-inputs-reversed", ("autograd.function.setup-context",),
           replace("autograd.Function.apply", _setup_context_inputs_reversed)),
    Mutant("needs-input-grad-all-true", ("autograd.function.needs-input-grad",),
           replace("autograd.function.BackwardCFunction.apply", _backward_with_all_needed)),
    Mutant("mark-non-differentiable-ignored", ("autograd.function.mark-non-differentiable",),
           replace("autograd.function.FunctionCtx.mark_non_differentiable", lambda orig: lambda self, *args: None)),
    Mutant("once-differentiable-noop", ("autograd.function.once-differentiable",),
           replace("autograd.function.once_differentiable", lambda orig: lambda fn: fn)),
    Mutant("checkpoint-detaches", ("autograd.checkpoint.same-gradients",),
           replace("utils.checkpoint.checkpoint", lambda orig: lambda fn, *a, **k: orig(fn, *a, **k).detach())),
    Mutant("mark-dirty-ignored", ("autograd.function.mark-dirty",),
           replace("autograd.function.FunctionCtx.mark_dirty", lambda orig: lambda self, *args: None)),
]
