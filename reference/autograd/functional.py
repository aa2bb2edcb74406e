"""torch.autograd.functional on reference tensors (autograd.functional.*): vjp and jacobian by reverse mode
(one ``grad`` per output element for the Jacobian), hessian as the Jacobian of a create_graph gradient, and
jvp, hvp, vhp as those Jacobians contracted with v in NumPy (no graph: create_graph=True is not supported).

Inputs are a tensor or a tuple of tensors; results follow the same structure (a tuple for tuple inputs).
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from reference._creation import zeros_like
from reference._grad_mode import enable_grad
from reference._numpy_bridge import from_numpy
from reference._tensor import Tensor
from reference.autograd.function import grad


def _as_tuple(x: Any) -> tuple[bool, tuple[Any, ...]]:
    """(was it a tuple, the tensors as a tuple)."""
    return (False, (x,)) if isinstance(x, Tensor) else (True, tuple(x))


def _leaves(inputs: Any) -> tuple[bool, tuple[Tensor, ...]]:
    is_tuple, ins = _as_tuple(inputs)
    return is_tuple, tuple(t.detach().requires_grad_(True) for t in ins)


def _shape(values: tuple[Any, ...], is_tuple: bool) -> Any:
    return values if is_tuple else values[0]


def _grads(outputs: Any, inputs: tuple[Tensor, ...], grad_outputs: Any, create_graph: bool) -> tuple[Tensor, ...]:
    found = grad(outputs, inputs, grad_outputs, retain_graph=True, create_graph=create_graph, allow_unused=True)
    return tuple(zeros_like(i) if g is None else g for i, g in zip(inputs, found))


def _no_graph(create_graph: bool) -> None:
    if create_graph:
        raise NotImplementedError("the reference autograd.functional supports create_graph=True only in vjp and "
                                  "jacobian")


def vjp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(*inputs), v^T J): the vector-Jacobian product, v defaulting to 1 for a one-element output."""
    is_tuple, ins = _leaves(inputs)
    with enable_grad():
        out = func(*ins)
        out_tuple, outs = _as_tuple(out)
        if v is None:
            if any(o.numel() != 1 for o in outs):
                raise RuntimeError("The vector v can only be None if the user-provided function returns a single "
                                   "Tensor with a single element.")
            v = tuple(o.new_ones(o.shape) for o in outs)
        _, vs = _as_tuple(v)
        products = _grads(outs, ins, vs, create_graph)
    keep = (lambda t: t) if create_graph else (lambda t: t.detach())
    return _shape(tuple(keep(o) for o in outs), out_tuple), _shape(tuple(keep(g) for g in products), is_tuple)


def _jacobian_blocks(func: Callable[..., Any], ins: tuple[Tensor, ...], create_graph: bool) -> tuple[Any, ...]:
    """Per output, per input, the block d out / d in of shape out.shape + in.shape, and the outputs."""
    with enable_grad():
        out = func(*ins)
        out_tuple, outs = _as_tuple(out)
        blocks = []
        for o in outs:
            flat = o.reshape(-1)
            rows = [_grads(flat[k], ins, None, create_graph) for k in range(flat.numel())]
            blocks.append(tuple(_stack_rows([r[j] for r in rows], o.shape, i) for j, i in enumerate(ins)))
    return out_tuple, outs, blocks


def _stack_rows(rows: list[Tensor], out_shape: Any, inp: Tensor) -> Tensor:
    from reference._joining import stack

    if not rows:
        return zeros_like(inp).reshape(*out_shape, *inp.shape)
    return stack(rows).reshape(*out_shape, *inp.shape)


def jacobian(func: Callable[..., Any], inputs: Any, create_graph: bool = False, strict: bool = False,
             vectorize: bool = False, strategy: str = "reverse-mode") -> Any:
    """d func / d inputs: a tensor out.shape + in.shape, a tuple over inputs and/or outputs for tuples."""
    is_tuple, ins = _leaves(inputs)
    out_tuple, _, blocks = _jacobian_blocks(func, ins, create_graph)
    if not create_graph:
        blocks = [tuple(b.detach() for b in row) for row in blocks]
    rows = [_shape(row, is_tuple) for row in blocks]
    return tuple(rows) if out_tuple else rows[0]


def hessian(func: Callable[..., Any], inputs: Any, create_graph: bool = False, strict: bool = False,
            vectorize: bool = False, outer_jacobian_strategy: str = "reverse-mode") -> Any:
    """The Jacobian of the gradient of a scalar func: in.shape + in.shape (tuple of tuples for tuple inputs)."""
    is_tuple, ins = _leaves(inputs)

    def gradient(*xs: Tensor) -> tuple[Tensor, ...]:
        out = func(*xs)
        if not isinstance(out, Tensor) or out.numel() != 1:
            raise RuntimeError("The Tensor returned by the function given to hessian should contain a single element")
        return _grads(out.reshape(-1)[0], xs, None, True)

    _, _, blocks = _jacobian_blocks(gradient, ins, create_graph)
    blocks = [tuple(b if create_graph else b.detach() for b in row) for row in blocks]
    return tuple(blocks) if is_tuple else blocks[0][0]


def _contract(blocks: list[tuple[Tensor, ...]], outs: tuple[Tensor, ...], ins: tuple[Tensor, ...], vs: tuple[Any, ...],
              transpose: bool) -> tuple[Tensor, ...]:
    """J v (transpose=False: one result per output) or v^T J (transpose=True: one result per input), in NumPy."""
    def array(t: Tensor) -> np.ndarray:
        return t.detach()._a

    if transpose:
        return tuple(from_numpy(sum(np.tensordot(array(v), array(blocks[k][j]), axes=v.dim())
                                    for k, v in enumerate(vs)) + np.zeros(ins[j].shape)).to(ins[j].dtype)
                     for j in range(len(ins)))
    return tuple(from_numpy(sum(np.tensordot(array(blocks[k][j]), array(v), axes=v.dim()) for j, v in enumerate(vs))
                            + np.zeros(outs[k].shape)).to(outs[k].dtype) for k in range(len(outs)))


def jvp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(*inputs), J v)."""
    _no_graph(create_graph)
    is_tuple, ins = _leaves(inputs)
    out_tuple, outs, blocks = _jacobian_blocks(func, ins, False)
    vs = _as_tuple(v)[1] if v is not None else tuple(i.new_ones(i.shape) for i in ins)
    return _shape(tuple(o.detach() for o in outs), out_tuple), _shape(_contract(blocks, outs, ins, vs, False), out_tuple)


def _second_order(func: Callable[..., Any], inputs: Any, v: Any, transpose: bool) -> tuple[Any, Any]:
    is_tuple, ins = _leaves(inputs)
    with enable_grad():
        value = func(*ins)
    blocks = hessian(func, ins)
    blocks = [tuple(row) for row in blocks]
    vs = _as_tuple(v)[1] if v is not None else tuple(i.new_ones(i.shape) for i in ins)
    return value.detach(), _shape(_contract(blocks, ins, ins, vs, transpose), is_tuple)


def hvp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(*inputs), H v) for a scalar func."""
    _no_graph(create_graph)
    return _second_order(func, inputs, v, transpose=False)


def vhp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(*inputs), v^T H) for a scalar func."""
    _no_graph(create_graph)
    return _second_order(func, inputs, v, transpose=True)
