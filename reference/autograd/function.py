"""backward(), grad() and custom Functions.

backward: autograd.backward.* (implicit gradient only for one-element outputs, shape-checked
explicit gradients, retain_graph defaulting to create_graph, inputs=). grad:
autograd.grad.functional, autograd.grad.higher-order. Function: autograd.function.*.
"""
from __future__ import annotations

import functools
import warnings
from typing import Any, Callable, Sequence

from reference._graph import Node, run_backward
from reference._tensor import Tensor


def _as_list(tensors: Any) -> list[Any]:
    return [tensors] if isinstance(tensors, Tensor) or tensors is None else list(tensors)


def _root_gradients(outputs: list[Tensor], grads: Any) -> list[Tensor]:
    """The gradient for each output: ones for a one-element output when none is given, else v shaped like it."""
    from reference._creation import ones_like, tensor

    grads = _as_list(grads)
    grads = grads + [None] * (len(outputs) - len(grads)) if len(grads) < len(outputs) else grads
    result = []
    for i, (out, grad) in enumerate(zip(outputs, grads)):
        if grad is None:
            if out.numel() != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            grad = ones_like(out)
        grad = grad if isinstance(grad, Tensor) else tensor(grad, dtype=out.dtype, device=out.device)
        if tuple(grad.shape) != tuple(out.shape):
            raise RuntimeError(f"Mismatch in shape: grad_output[{i}] has a shape of {tuple(grad.shape)} and "
                               f"output[{i}] has a shape of {tuple(out.shape)}.")
        result.append(grad)
    return result


def _checked_inputs(inputs: Any, where: str) -> list[Tensor]:
    inputs = _as_list(inputs)
    if not inputs:
        raise RuntimeError(f"'inputs' argument to {where}() cannot be empty.")
    for t in inputs:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    return inputs


def backward(tensors: Any, grad_tensors: Any = None, retain_graph: bool | None = None, create_graph: bool = False,
             inputs: Any = None) -> None:
    """Accumulate d(tensors)/d(leaf) into the leaves' ``.grad`` (only ``inputs``' when given)."""
    outputs = _as_list(tensors)
    grads = _root_gradients(outputs, grad_tensors)
    chosen = None if inputs is None else _checked_inputs(inputs, "backward")
    keep = create_graph if retain_graph is None else retain_graph
    run_backward(outputs, grads, keep_graph=keep, create_graph=create_graph, inputs=chosen)


def grad(outputs: Any, inputs: Any, grad_outputs: Any = None, retain_graph: bool | None = None,
         create_graph: bool = False, allow_unused: bool | None = None, materialize_grads: bool = False
         ) -> tuple[Any, ...]:
    """The gradients of ``outputs`` with respect to each of ``inputs``, returned (``.grad`` is untouched)."""
    from reference._creation import zeros_like

    roots = _as_list(outputs)
    grads = _root_gradients(roots, grad_outputs)
    chosen = _checked_inputs(inputs, "grad")
    keep = create_graph if retain_graph is None else retain_graph
    found = run_backward(roots, grads, keep_graph=keep, create_graph=create_graph, inputs=chosen, accumulate=False)
    if not (allow_unused or materialize_grads) and any(g is None for g in found):
        raise RuntimeError("One of the differentiated Tensors appears to not have been used in the graph. Set "
                           "allow_unused=True if this is the desired behavior.")
    if materialize_grads:
        found = [zeros_like(t) if g is None else g for t, g in zip(chosen, found)]
    return tuple(found)


class FunctionCtx:
    """The ``ctx`` of a custom Function: tensors saved for backward, needs_input_grad and any attributes."""

    def __init__(self) -> None:
        self.to_save: tuple[Tensor, ...] = ()
        self.needs_input_grad: tuple[bool, ...] = ()
        self._non_differentiable: set[int] = set()

    def save_for_backward(self, *tensors: Tensor) -> None:
        self.to_save = tensors

    @property
    def saved_tensors(self) -> tuple[Tensor, ...]:
        return self.to_save

    def mark_non_differentiable(self, *tensors: Tensor) -> None:
        self._non_differentiable |= {id(t) for t in tensors}

    def mark_dirty(self, *tensors: Tensor) -> None:
        """Inputs forward modified in place (autograd.function.mark-dirty): returned as they are, the very
        objects, with this Function's grad_fn, as every output of ``apply`` is."""
        self.dirty_tensors = tensors


class Function:
    """Subclass with static ``forward(ctx, *args)`` and ``backward(ctx, *grads)``; call ``Cls.apply``.

    backward must return one gradient per forward argument (None for non-tensors); fewer is an
    error (autograd.function.gradient-count). Instantiating the class is deprecated
    (autograd.function.instantiation-deprecated).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        warnings.warn(f"{type(self).__name__} should not be instantiated. Methods on autograd functions are all "
                      "static, so you should invoke them on the class itself. Instantiating an autograd function "
                      "will raise an error in a future version of PyTorch.", DeprecationWarning, stacklevel=2)

    @classmethod
    def apply(cls, *args: Any) -> Any:
        """Run forward without recording; its tensor outputs get one node whose backward is ``cls.backward``."""
        from reference import _grad_mode as grad_mode

        ctx = FunctionCtx()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        with grad_mode.no_grad():
            if cls.setup_context is Function.setup_context:
                output = cls.forward(ctx, *args)
            else:  # forward(*args) without ctx; setup_context(ctx, inputs, output) fills ctx
                output = cls.forward(*args)
                cls.setup_context(ctx, args, output)
        if not (grad_mode.is_grad_enabled() and any(ctx.needs_input_grad)):
            return output
        outputs = output if isinstance(output, tuple) else (output,)
        differentiable = [o for o in outputs if isinstance(o, Tensor) and id(o) not in ctx._non_differentiable]
        if len(differentiable) > 1:
            raise NotImplementedError("the reference custom Function supports one differentiable output")

        def per_output(g: Tensor) -> tuple[Any, ...]:
            """backward's arguments: g for the differentiable output, zeros for the others (materialized)."""
            from reference._creation import zeros_like

            return tuple(g if o is differentiable[0] else zeros_like(o) if isinstance(o, Tensor) else None
                         for o in outputs)

        node = Node(f"{cls.__name__}Backward", args, lambda g: cls._gradients(ctx, per_output(g), len(args)),
                    ctx.to_save)
        for out in differentiable:
            out.grad_fn = node
            out._requires_grad = True
        return output

    @classmethod
    def _gradients(cls, ctx: FunctionCtx, output_grads: tuple[Any, ...], count: int) -> Sequence[Any]:
        grads = cls.backward(ctx, *output_grads)
        grads = grads if isinstance(grads, tuple) else (grads,)
        if len(grads) < count or any(g is not None for g in grads[count:]):
            raise RuntimeError(f"function {cls.__name__}Backward returned an incorrect number of gradients "
                               f"(expected {count}, got {len(grads)})")
        return grads[:count]

    @staticmethod
    def forward(ctx: FunctionCtx, *args: Any) -> Any:
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx: FunctionCtx, *grads: Any) -> Any:
        raise NotImplementedError("You must implement either the backward or vjp method for your custom "
                                  "autograd.Function to use it with backward mode AD.")

    @staticmethod
    def setup_context(ctx: FunctionCtx, inputs: tuple[Any, ...], output: Any) -> None:
        """Overridden, it makes ``forward`` take the inputs alone (autograd.function.setup-context)."""
        raise NotImplementedError("setup_context is not implemented.")


def once_differentiable(backward: Callable[..., Any]) -> Callable[..., Any]:
    """A backward run without recording, so its gradients cannot be differentiated again
    (autograd.function.once-differentiable: differentiating them raises RuntimeError)."""
    @functools.wraps(backward)
    def wrapper(ctx: FunctionCtx, *grads: Any) -> Any:
        from reference import _grad_mode as grad_mode

        with grad_mode.no_grad():
            return backward(ctx, *grads)
    return wrapper
