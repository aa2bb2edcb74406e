"""backward(), grad() and custom Functions (autograd.backward.*, autograd.function.*)."""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from reference._tensor import Tensor
from reference import _grad_mode as grad_mode
from reference._graph import Node, run_backward


def _grad_array(tensor: Tensor, gradient: Any) -> np.ndarray:
    if gradient is None:
        if tensor.numel() != 1:
            raise RuntimeError("grad can be implicitly created only for scalar outputs")
        return np.ones(tensor._a.shape, dtype=tensor._a.dtype)
    g = gradient._a if isinstance(gradient, Tensor) else np.asarray(gradient)
    if tuple(g.shape) != tuple(tensor.shape):
        raise RuntimeError(f"Mismatch in shape: grad_output[0] has a shape of {tuple(g.shape)} and output[0] has a "
                           f"shape of {tuple(tensor.shape)}.")
    return g


def backward(tensors: Any, grad_tensors: Any = None, retain_graph: bool | None = None, create_graph: bool = False,
             inputs: Any = None) -> None:
    """Accumulate d(tensors)/d(leaf) into every leaf's ``.grad``; frees the graph unless retain_graph."""
    tensors = [tensors] if isinstance(tensors, Tensor) else list(tensors)
    grads = grad_tensors if isinstance(grad_tensors, (list, tuple)) else [grad_tensors] * len(tensors)
    for t in tensors:
        if not t.requires_grad:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")
    arrays = [_grad_array(t, g) for t, g in zip(tensors, grads)]
    with grad_mode.no_grad():
        run_backward(tensors, arrays, retain_graph=bool(retain_graph or create_graph))


def grad(outputs: Any, inputs: Any, grad_outputs: Any = None, retain_graph: bool | None = None,
         create_graph: bool = False, allow_unused: bool = False) -> tuple[Any, ...]:
    """Gradients of outputs w.r.t. inputs, returned instead of accumulated into ``.grad``."""
    inputs = [inputs] if isinstance(inputs, Tensor) else list(inputs)
    saved = [(t, t.grad) for t in inputs]
    for t in inputs:
        t.grad = None
    try:
        backward(outputs, grad_outputs, retain_graph=retain_graph, create_graph=create_graph)
        results = tuple(t.grad for t in inputs)
    finally:
        for t, g in saved:
            t.grad = g
    if not allow_unused and any(r is None for r in results):
        raise RuntimeError("One of the differentiated Tensors appears to not have been used in the graph. Set "
                           "allow_unused=True if this is the desired behavior.")
    return results


class FunctionCtx:
    """The ``ctx`` of a custom Function: tensors saved for backward and any attributes."""

    def __init__(self) -> None:
        self.saved_tensors: tuple[Tensor, ...] = ()
        self.needs_input_grad: tuple[bool, ...] = ()
        self._non_differentiable: set[int] = set()

    def save_for_backward(self, *tensors: Tensor) -> None:
        self.saved_tensors = tensors

    def mark_non_differentiable(self, *tensors: Tensor) -> None:
        self._non_differentiable |= {id(t) for t in tensors}

    def mark_dirty(self, *tensors: Tensor) -> None:
        pass

    def set_materialize_grads(self, value: bool) -> None:
        pass


class Function:
    """Subclass with static ``forward(ctx, *args)`` and ``backward(ctx, *grads)``; call ``apply``."""

    @classmethod
    def apply(cls, *args: Any) -> Any:
        ctx = FunctionCtx()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        with grad_mode.no_grad():
            output = cls.forward(ctx, *args)
        tensor_args = [a for a in args if isinstance(a, Tensor)]
        positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        outputs = output if isinstance(output, tuple) else (output,)
        if grad_mode.is_grad_enabled() and any(t.requires_grad for t in tensor_args):
            def node_backward(g: np.ndarray) -> Sequence[Any]:
                grads = cls.backward(ctx, Tensor(np.asarray(g), outputs[0].dtype, outputs[0].device))
                grads = grads if isinstance(grads, tuple) else (grads,)
                return [None if grads[i] is None else np.asarray(grads[i]._a if isinstance(grads[i], Tensor)
                                                                 else grads[i]) for i in positions]

            node = Node(f"{cls.__name__}Backward", tensor_args, node_backward, ctx.saved_tensors)
            for out in outputs:
                if isinstance(out, Tensor) and id(out) not in ctx._non_differentiable:
                    out.grad_fn = node
                    out._requires_grad = True
        return output

    @staticmethod
    def forward(ctx: FunctionCtx, *args: Any) -> Any:
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx: FunctionCtx, *grads: Any) -> Any:
        raise NotImplementedError("You must implement either the backward or vjp method for your custom "
                                  "autograd.Function to use it with backward mode AD.")
