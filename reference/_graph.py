"""The dynamic autograd tape: nodes, the backward engine (autograd.* behaviours).

Every differentiable op records a :class:`Node` holding a NumPy backward function and
edges (``next_functions``) to its inputs' nodes; leaves that require grad are reached
through :class:`AccumulateGrad`. ``backward`` walks the graph in dependency order.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np

if TYPE_CHECKING:
    from reference._tensor import Tensor


class Node:
    """One recorded operation: ``backward(grad_out) -> grads for each input``."""

    def __init__(self, name: str, inputs: Sequence[Any], backward: Callable[[np.ndarray], Sequence[Any]],
                 saved: Sequence["Tensor"] = ()) -> None:
        self._name = name
        self._backward = backward
        self.next_functions = tuple((edge_of(t), 0) for t in inputs)
        self._saved = [(t, t._version[0]) for t in saved]
        self._freed = False

    def name(self) -> str:
        return self._name

    def __repr__(self) -> str:
        return f"<{self._name}>"

    def apply(self, grad: np.ndarray) -> Sequence[Any]:
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
        return self._backward(grad)


class AccumulateGrad:
    """The edge into a leaf: adds the incoming gradient to ``leaf.grad``."""

    def __init__(self, leaf: "Tensor") -> None:
        self.variable = leaf
        self.next_functions = ()

    def name(self) -> str:
        return "AccumulateGrad"


def edge_of(t: Any) -> Any:
    """The node a gradient for ``t`` flows into (None if ``t`` does not require grad)."""
    from reference._tensor import Tensor

    if not isinstance(t, Tensor) or not t.requires_grad:
        return None
    if t.grad_fn is not None:
        return t.grad_fn
    if t._accumulator is None:
        t._accumulator = AccumulateGrad(t)
    return t._accumulator


def _toposort(root: Any) -> list[Any]:
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for child, _ in node.next_functions:
            if child is not None and id(child) not in seen:
                stack.append((child, False))
    return order[::-1]


def run_backward(roots: Sequence["Tensor"], grads: Sequence[np.ndarray], retain_graph: bool) -> None:
    """Propagate ``grads`` from ``roots`` to the leaves, accumulating into ``.grad``."""
    from reference._tensor import Tensor

    pending: dict[int, np.ndarray] = {}
    nodes: list[Any] = []
    for root, grad in zip(roots, grads):
        edge = edge_of(root)
        if edge is None:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")
        pending[id(edge)] = pending.get(id(edge), 0) + grad
        nodes.extend(n for n in _toposort(edge) if id(n) not in {id(m) for m in nodes})
    retained = {id(t.grad_fn): t for t in Tensor._retaining if t.grad_fn is not None}
    for node in nodes:
        grad = pending.pop(id(node), None)
        if grad is None:
            continue
        if isinstance(node, AccumulateGrad):
            node.variable._accumulate(grad)
            continue
        if id(node) in retained:
            retained[id(node)]._accumulate(grad)
        for (child, _), g in zip(node.next_functions, node.apply(grad)):
            if child is not None and g is not None:
                pending[id(child)] = pending[id(child)] + g if id(child) in pending else g
        if not retain_graph:
            node._freed = True
