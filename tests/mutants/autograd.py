"""Mutants of autograd: each patches real torch so that one documented autograd behaviour breaks."""
from __future__ import annotations

from typing import Any, Callable

from tests.mutants import Mutant, combine, replace


def _torch() -> Any:
    import torch

    return torch


def _leaves(t: Any) -> list[Any]:
    """The leaf tensors reachable from ``t``'s graph (through AccumulateGrad nodes' ``variable``)."""
    if t.grad_fn is None:
        return [t] if t.requires_grad else []
    found, seen, stack = [], set(), [t.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        var = getattr(node, "variable", None)
        if var is not None:
            found.append(var)
        stack.extend(n for n, _ in node.next_functions)
    return found


# ---------------------------------------------------------------- factories and flags
def _default_requires_grad(orig):
    def made(*a, **k):
        k.setdefault("requires_grad", True)
        return orig(*a, **k)
    return made


_FACTORIES = combine(*(replace(name, _default_requires_grad) for name in ("zeros", "ones", "full", "rand", "tensor")))


def _requires_grad_copy(orig):
    def requires_grad_(self, requires_grad=True):
        return orig(self.detach().clone(), requires_grad)
    return requires_grad_


def _requires_grad_silent(orig):
    def requires_grad_(self, requires_grad=True):
        if not self.is_leaf and not requires_grad:
            return self
        return orig(self, requires_grad)
    return requires_grad_


class _NoHistory:
    next_functions = ()


def _grad_fn_hidden(orig):
    return property(lambda self: None if orig.__get__(self) is None else _NoHistory())


# ---------------------------------------------------------------- backward variants
def _backward_with(transform):
    """Tensor.backward whose arguments pass through ``transform(orig, self, gradient, kwargs)``."""
    def make(orig):
        def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
            return transform(orig, self, gradient, dict(retain_graph=retain_graph, create_graph=create_graph, inputs=inputs))
        return backward
    return make


def _scaled(orig, self, gradient, kw):
    return orig(self * 1.5, gradient, **kw)


def _ones_gradient(orig, self, gradient, kw):
    torch = _torch()
    return orig(self, None if gradient is None else torch.ones_like(self), **kw)


def _implicit_ones(orig, self, gradient, kw):
    torch = _torch()
    if gradient is None and self.numel() != 1:
        gradient = torch.ones_like(self)
    return orig(self, gradient, **kw)


def _overwrite(orig, self, gradient, kw):
    for leaf in _leaves(self):
        leaf.grad = None
    return orig(self, gradient, **kw)


def _always_retain(orig, self, gradient, kw):
    kw["retain_graph"] = True
    return orig(self, gradient, **kw)


def _never_retain(orig, self, gradient, kw):
    if kw["retain_graph"] is None:
        kw["retain_graph"] = False
    return orig(self, gradient, **kw)


def _noop_without_grad(orig, self, gradient, kw):
    if not self.requires_grad:
        return None
    return orig(self, gradient, **kw)


def _ignore_inputs(orig, self, gradient, kw):
    kw["inputs"] = None
    return orig(self, gradient, **kw)


def _conjugated(orig, self, gradient, kw):
    result = orig(self, gradient, **kw)
    for leaf in _leaves(self):
        if leaf.grad is not None and leaf.is_complex():
            leaf.grad = leaf.grad.conj().resolve_conj()
    return result


def _returns_self(orig, self, gradient, kw):
    orig(self, gradient, **kw)
    return self


def _replaying(patch_torch: Any) -> Callable[[], None]:
    """A backend that records the graph once per set of leaves and replays the first gradients."""
    cache: dict[tuple[int, ...], list[Any]] = {}

    def make(orig):
        def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
            leaves = _leaves(self)
            key = tuple(id(leaf) for leaf in leaves)
            if key in cache:
                for leaf, grad in zip(leaves, cache[key]):
                    leaf.grad = None if grad is None else grad.clone()
                return None
            orig(self, gradient, retain_graph, create_graph, inputs)
            cache[key] = [None if leaf.grad is None else leaf.grad.clone() for leaf in leaves]
            return None
        return backward

    return replace("Tensor.backward", make)(patch_torch)


def _mean_with_sum_grad(orig):
    def mean(self, *a, **k):
        value = orig(self, *a, **k)
        total = self.sum(*a, **{key: v for key, v in k.items() if key != "dtype"})
        return value.detach() + (total - total.detach())  # mean's value, sum's gradient
    return mean


def _exp_with_double_grad(orig):
    def exp(x, *a, **k):
        y = orig(x, *a, **k)
        return y + (y - y.detach())  # exp's value, twice its gradient
    return exp


# ---------------------------------------------------------------- grad modes
class _NullMode:
    """A grad-mode context manager (and decorator) that changes nothing."""

    def __init__(self, *a: Any, **k: Any) -> None:
        pass

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> bool:
        return False

    def __call__(self, fn):
        return fn


class _LazySetGradEnabled:
    """set_grad_enabled that only acts as a context manager: the plain call changes nothing."""

    def __init__(self, mode: bool) -> None:
        self.mode = mode

    def __enter__(self) -> None:
        torch = _torch()
        self.prev = torch.is_grad_enabled()
        torch._C._set_grad_enabled(self.mode)

    def __exit__(self, *exc: Any) -> bool:
        _torch()._C._set_grad_enabled(self.prev)
        return False


def _eval_disables_grad(orig):
    def eval(self):
        out = orig(self)
        _torch()._C._set_grad_enabled(False)
        return out
    return eval


# ---------------------------------------------------------------- in-place
def _add_on_leaf_allowed(orig):
    def add_(self, *a, **k):
        if self.is_leaf and self.requires_grad:
            with _torch().no_grad():
                return orig(self, *a, **k)
        return orig(self, *a, **k)
    return add_


def _mul_without_version_bump(orig):
    def mul_(self, *a, **k):
        self.data.mul_(*a, **k)  # .data has its own version counter: the saved tensor's is not bumped
        return self
    return mul_


def _add_on_non_leaf_raises(orig):
    def add_(self, *a, **k):
        if self.grad_fn is not None:
            raise RuntimeError("mutant: in-place op on an intermediate refused")
        return orig(self, *a, **k)
    return add_


# ---------------------------------------------------------------- custom Function
class _Ctx:
    def save_for_backward(self, *tensors: Any) -> None:
        self.saved_tensors = tensors


def _apply_ignores_backward(original):
    def apply(cls, *args):
        ctx = _Ctx()
        ctx.needs_input_grad = tuple(bool(getattr(a, "requires_grad", False)) for a in args)
        return cls.forward(ctx, *args)  # forward traced by autograd: the custom backward is never used
    return classmethod(apply)


def _apply_pads_gradients(original):
    def apply(cls, *args):
        n = len(args)
        user_backward = cls.backward

        def backward(ctx, *grads):
            result = user_backward(ctx, *grads)
            result = result if isinstance(result, tuple) else (result,)
            return tuple(result) + (None,) * (n - len(result))

        padded = type(cls.__name__, (cls,), {"backward": staticmethod(backward)})
        return original.__func__(padded, *args)
    return classmethod(apply)


def _saved_tensors_doubled(orig):
    return property(lambda self: tuple(t * 2 for t in orig.__get__(self)))


# ---------------------------------------------------------------- hooks, autograd.grad
def _hook_result_ignored(orig):
    def register_hook(self, hook):
        return orig(self, lambda grad: (hook(grad), None)[1])
    return register_hook


def _grad_fills_dot_grad(orig):
    def grad(outputs, inputs, *a, **k):
        result = orig(outputs, inputs, *a, **k)
        for t, g in zip(inputs if isinstance(inputs, (tuple, list)) else (inputs,), result):
            t.grad = g.detach()
        return result
    return grad


def _grad_no_create_graph(orig):
    def grad(outputs, inputs, *a, create_graph=False, **k):
        return orig(outputs, inputs, *a, **k)
    return grad


MUTANTS = [
    Mutant("factories-require-grad-by-default", ("autograd.requires-grad.factory-default",), _FACTORIES),
    Mutant("exp-method-drops-graph", ("autograd.requires-grad.propagation",),
           replace("Tensor.exp", lambda orig: lambda self, *a, **k: orig(self, *a, **k).detach())),
    Mutant("requires-grad-underscore-copies", ("autograd.requires-grad.in-place-setter",),
           replace("Tensor.requires_grad_", _requires_grad_copy)),
    Mutant("non-leaf-requires-grad-unset-silently", ("autograd.requires-grad.non-leaf-cannot-unset",),
           replace("Tensor.requires_grad_", _requires_grad_silent)),
    Mutant("is-leaf-always-true", ("autograd.graph.leaves-and-grad-fn",),
           replace("Tensor.is_leaf", lambda orig: property(lambda self: True))),
    Mutant("grad-fn-hides-history", ("autograd.graph.next-functions",), replace("Tensor.grad_fn", _grad_fn_hidden)),
    Mutant("retain-grad-ignored", ("autograd.graph.leaf-grad-only",),
           replace("Tensor.retain_grad", lambda orig: lambda self: None)),
    Mutant("backward-replays-first-graph", ("autograd.graph.rebuilt-each-forward",), _replaying),
    Mutant("mean-grad-as-sum", ("autograd.backward.tutorial-example",), replace("Tensor.mean", _mean_with_sum_grad)),
    Mutant("backward-returns-self", ("autograd.backward.tutorial-example",),
           replace("Tensor.backward", _backward_with(_returns_self)),
           spares=("autograd.backward.matches-finite-differences",)),
    Mutant("exp-grad-doubled", ("autograd.backward.matches-finite-differences", "autograd.backward.vector-jacobian-product"),
           replace("exp", _exp_with_double_grad)),
    Mutant("backward-scales-gradient", ("autograd.backward.matches-finite-differences",
                                        "autograd.backward.vector-jacobian-product", "autograd.backward.tutorial-example"),
           replace("Tensor.backward", _backward_with(_scaled))),
    Mutant("vjp-ignores-gradient", ("autograd.backward.vector-jacobian-product",),
           replace("Tensor.backward", _backward_with(_ones_gradient))),
    Mutant("implicit-ones-gradient", ("autograd.backward.non-scalar-needs-gradient",),
           replace("Tensor.backward", _backward_with(_implicit_ones))),
    Mutant("backward-overwrites-grad", ("autograd.backward.accumulates",),
           replace("Tensor.backward", _backward_with(_overwrite))),
    Mutant("backward-always-retains-graph", ("autograd.backward.second-call-needs-retain-graph",),
           replace("Tensor.backward", _backward_with(_always_retain))),
    Mutant("create-graph-frees-graph", ("autograd.backward.retain-graph-follows-create-graph",),
           replace("Tensor.backward", _backward_with(_never_retain))),
    Mutant("backward-without-grad-is-noop", ("autograd.backward.needs-requires-grad",),
           replace("Tensor.backward", _backward_with(_noop_without_grad))),
    Mutant("backward-ignores-inputs", ("autograd.backward.inputs-restricts",),
           replace("Tensor.backward", _backward_with(_ignore_inputs))),
    Mutant("complex-grad-conjugated", ("autograd.backward.complex-conjugate-wirtinger",),
           replace("Tensor.backward", _backward_with(_conjugated))),
    Mutant("no-grad-does-nothing", ("autograd.grad-mode.no-grad",), replace("no_grad", lambda orig: _NullMode)),
    Mutant("enable-grad-does-nothing", ("autograd.grad-mode.enable-grad",), replace("enable_grad", lambda orig: _NullMode)),
    Mutant("set-grad-enabled-call-ignored", ("autograd.grad-mode.set-grad-enabled",),
           replace("set_grad_enabled", lambda orig: _LazySetGradEnabled)),
    Mutant("inference-mode-is-no-grad", ("autograd.grad-mode.inference-mode",),
           replace("inference_mode", lambda orig: lambda *a, **k: _torch().no_grad())),
    Mutant("eval-disables-grad", ("autograd.grad-mode.independent-of-eval",),
           replace("nn.Module.eval", _eval_disables_grad)),
    Mutant("detach-copies", ("autograd.detach.stops-gradient-shares-data",),
           replace("Tensor.detach", lambda orig: lambda self: orig(self).clone())),
    Mutant("add-on-leaf-allowed", ("autograd.in-place.leaf-requiring-grad-raises",),
           replace("Tensor.add_", _add_on_leaf_allowed)),
    Mutant("mul-in-place-skips-version", ("autograd.in-place.modified-saved-tensor-raises",),
           replace("Tensor.mul_", _mul_without_version_bump)),
    Mutant("add-on-intermediate-raises", ("autograd.in-place.unsaved-intermediate-ok",),
           replace("Tensor.add_", _add_on_non_leaf_raises)),
    Mutant("function-backward-ignored", ("autograd.function.custom-backward-used",),
           replace("autograd.Function.apply", _apply_ignores_backward)),
    Mutant("saved-tensors-doubled", ("autograd.function.ctx-saving", "autograd.function.exp-example"),
           replace("autograd.function.BackwardCFunction.saved_tensors", _saved_tensors_doubled)),
    Mutant("backward-gradients-padded", ("autograd.function.gradient-count",),
           replace("autograd.Function.apply", _apply_pads_gradients)),
    Mutant("function-init-silent", ("autograd.function.instantiation-deprecated",),
           replace("autograd.Function.__init__", lambda orig: lambda self, *a, **k: None)),
    Mutant("hook-result-ignored", ("autograd.hooks.register-hook",), replace("Tensor.register_hook", _hook_result_ignored)),
    Mutant("autograd-grad-fills-dot-grad", ("autograd.grad.functional",), replace("autograd.grad", _grad_fills_dot_grad)),
    Mutant("autograd-grad-ignores-create-graph", ("autograd.grad.higher-order",),
           replace("autograd.grad", _grad_no_create_graph)),
]
