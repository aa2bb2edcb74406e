"""The dynamic autograd tape: nodes, hooks and the backward engine.

Every differentiable op records a :class:`Node` whose backward formula is written with
reference Tensor ops (never raw NumPy), with edges (``next_functions``) to its inputs'
nodes; leaves that require grad are reached through :class:`AccumulateGrad`
(autograd.graph.leaves-and-grad-fn, autograd.graph.next-functions).

The engine runs the formulas with grad mode set to ``create_graph``: off, they simply
compute; on, they record the gradient's own graph, which is what higher-order gradients
differentiate (autograd.grad.higher-order). Saved tensors carry the version they had when
saved, so an in-place change before backward is detected
(autograd.in-place.modified-saved-tensor-raises); a graph is freed by a backward without
retain_graph (autograd.backward.second-call-needs-retain-graph).
"""
from __future__ import annotations

import itertools
from typing import Any, Callable, Sequence

from reference import _grad_mode as grad_mode
from reference._tensor import Tensor

Hook = Callable[[Tensor], Any]


class Node:
    """One recorded operation: ``backward(grad_out) -> one gradient (or None) per input``."""

    def __init__(self, name: str, inputs: Sequence[Any], backward: Callable[[Tensor], Sequence[Any]],
                 saved: Sequence[Tensor] = ()) -> None:
        for t in saved:
            if t.is_inference():
                raise RuntimeError("Inference tensors cannot be saved for backward. To work around you can make a "
                                   "clone to get a normal tensor and use it in autograd.")
        self._name = name
        self._backward = backward
        self.next_functions = tuple((edge_of(t), 0) for t in inputs)
        self._inputs = tuple((t.shape, t.dtype, t.device) if isinstance(t, Tensor) else None for t in inputs)
        self._saved = [(t, t._version[0]) for t in saved]
        self._freed = False
        self.pre_hooks: dict[int, Hook] = {}  # hooks of the tensor this node produced (autograd.hooks.*)
        self.retain_hook: Hook | None = None  # retain_grad() of that tensor: runs after the other hooks

    def name(self) -> str:
        return self._name

    def __repr__(self) -> str:
        return f"<{self._name}>"

    def apply(self, grad: Tensor) -> list[Any]:
        """The gradient for each input, fitted to that input's shape, dtype and device."""
        if self._freed:
            raise RuntimeError(
                "Trying to backward through the graph a second time (or directly access saved tensors after they "
                "have already been freed). Specify retain_graph=True if you need to backward through the graph a "
                "second time.")
        for tensor, version in self._saved:
            if tensor._version[0] != version:
                raise RuntimeError(
                    "one of the variables needed for gradient computation has been modified by an inplace operation: "
                    f"its version is {tensor._version[0]}, expected version {version} instead.")
        grads = self._backward(grad)
        return [None if g is None or meta is None else fit_gradient(g, *meta) for g, meta in zip(grads, self._inputs)]


class AccumulateGrad:
    """The edge into a leaf: runs the leaf's hooks, then adds the gradient to ``leaf.grad``."""

    def __init__(self, leaf: Tensor) -> None:
        self.variable = leaf
        self.next_functions = ()
        self.pre_hooks: dict[int, Hook] = {}
        self.retain_hook: Hook | None = None

    def name(self) -> str:
        return "AccumulateGrad"

    def __repr__(self) -> str:
        return "<AccumulateGrad>"


def edge_of(t: Any) -> Any:
    """The node a gradient for ``t`` flows into (None if ``t`` does not require grad)."""
    if not isinstance(t, Tensor) or not t.requires_grad:
        return None
    if t.grad_fn is not None:
        return t.grad_fn
    if t._accumulator is None:
        t._accumulator = AccumulateGrad(t)
    return t._accumulator


def fit_gradient(grad: Tensor, shape: Sequence[int], dtype: Any, device: Any) -> Tensor:
    """A gradient in its input's terms: broadcast dims summed away, a real input gets the real part, then cast."""
    from reference._conversions import to
    from reference._ops import sum_to
    from reference._views import real

    if tuple(grad.shape) != tuple(shape):
        grad = sum_to(grad, tuple(shape))
    if grad.is_complex() and dtype.category < grad.dtype.category:
        grad = real(grad)
    return to(grad, device=device, dtype=dtype)


# -- hooks (autograd.hooks.register-hook, autograd.graph.leaf-grad-only) ---------------------
_hook_ids = itertools.count()


class RemovableHandle:
    """Returned by ``register_hook``; ``remove()`` unregisters the hook."""

    def __init__(self, hooks: dict[int, Hook], key: int) -> None:
        self._hooks, self._key = hooks, key

    def remove(self) -> None:
        self._hooks.pop(self._key, None)


def register_hook(tensor: Tensor, hook: Hook) -> RemovableHandle:
    """``hook(grad)`` runs whenever ``tensor``'s gradient is computed; a returned tensor replaces it."""
    if not tensor.requires_grad:
        raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
    node = edge_of(tensor)
    key = next(_hook_ids)
    node.pre_hooks[key] = hook
    return RemovableHandle(node.pre_hooks, key)


def retain_grad(tensor: Tensor) -> None:
    """A non-leaf keeps its gradient in ``.grad`` (seen after its other hooks); a no-op on leaves."""
    if not tensor.requires_grad:
        raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
    if tensor.grad_fn is None or tensor.grad_fn.retain_hook is not None:
        return

    def keep(grad: Tensor) -> None:
        tensor._grad = grad.detach().clone() if tensor._grad is None else tensor._grad + grad.detach()

    tensor.grad_fn.retain_hook = keep


def _run_hooks(node: Any, grad: Tensor) -> Tensor:
    for hook in list(node.pre_hooks.values()):
        replaced = hook(grad)
        if replaced is not None:
            grad = replaced
    if node.retain_hook is not None:
        node.retain_hook(grad)
    return grad


# -- the engine (autograd.backward.*, autograd.grad.*) -------------------------------------
def _toposort(roots: Sequence[Any]) -> list[Any]:
    """Every node reachable from ``roots``, each before all the nodes it feeds gradients into."""
    order, seen, stack = [], set(), [(root, False) for root in reversed(roots)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child, _ in node.next_functions if child is not None and id(child) not in seen)
    return order[::-1]


def _leading_to(order: list[Any], targets: set[int]) -> set[int]:
    """The nodes from which some target is reachable (the targets included)."""
    reach: set[int] = set()
    for node in reversed(order):
        if id(node) in targets or any(child is not None and id(child) in reach for child, _ in node.next_functions):
            reach.add(id(node))
    return reach


def _accumulate(leaf: Tensor, grad: Tensor, create_graph: bool) -> None:
    """Add into ``leaf.grad``: in place normally, out of place (keeping the graph) under create_graph."""
    if leaf._grad is None:
        leaf._grad = grad if create_graph else grad.detach().clone()
    elif create_graph:
        leaf._grad = leaf._grad + grad
    else:
        leaf._grad.add_(grad.detach())
    for hook in list(leaf.__dict__.get("_post_accumulate_hooks", {}).values()):  # reference.autograd.hooks
        hook(leaf)


def run_backward(roots: Sequence[Tensor], grads: Sequence[Tensor], *, keep_graph: bool, create_graph: bool,
                 inputs: Sequence[Tensor] | None = None, accumulate: bool = True) -> list[Any]:
    """Propagate ``grads`` from ``roots`` through the graph.

    With ``accumulate`` the gradients are added into ``.grad`` of the leaves (only of ``inputs`` when
    given); the gradient reaching each of ``inputs`` is returned either way (None where none arrives).
    Only nodes leading to a gradient's destination run.
    """
    from reference.autograd import anomaly_mode

    root_edges = [edge_of(root) for root in roots]
    for i, edge in enumerate(root_edges):
        if edge is None:
            raise RuntimeError(f"element {i} of tensors does not require grad and does not have a grad_fn")
    order = _toposort(root_edges)
    wanted = {id(edge_of(t)): t for t in inputs} if inputs is not None else None
    needed = _leading_to(order, set(wanted)) if wanted is not None else {id(n) for n in order}
    pending: dict[int, Any] = {}
    captured: dict[int, Any] = {}
    with grad_mode.set_grad_enabled(create_graph):
        for edge, grad in zip(root_edges, grads):
            pending[id(edge)] = pending[id(edge)] + grad if id(edge) in pending else grad
        for node in order:
            grad = pending.pop(id(node), None)
            if grad is None or id(node) not in needed:
                continue
            grad = _run_hooks(node, grad)
            if wanted is not None and id(node) in wanted:
                captured[id(node)] = grad
                if accumulate:
                    _accumulate(wanted[id(node)], grad, create_graph)
            elif isinstance(node, AccumulateGrad) and accumulate:
                _accumulate(node.variable, grad, create_graph)
            if isinstance(node, AccumulateGrad) or not any(
                    child is not None and id(child) in needed for child, _ in node.next_functions):
                continue
            grads = node.apply(grad)
            if anomaly_mode.is_anomaly_enabled():
                anomaly_mode.check_nan(node.name(), grads)
            for (child, _), g in zip(node.next_functions, grads):
                if child is not None and g is not None:
                    pending[id(child)] = pending[id(child)] + g if id(child) in pending else g
            if not keep_graph:
                node._freed = True
    return [captured.get(id(edge_of(t))) for t in inputs] if inputs is not None else []
