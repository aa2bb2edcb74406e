"""gradcheck and gradgradcheck (autograd.gradcheck.*): the analytic Jacobian (one reverse pass per output
element) against central finite differences, for every float64 input that requires grad; gradgradcheck
runs gradcheck on the function x -> grad(func(x), x, v, create_graph=True) for fixed random v."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from reference._grad_mode import enable_grad, no_grad
from reference._numpy_bridge import from_numpy
from reference._tensor import Tensor
from reference.autograd.function import grad


class GradcheckError(RuntimeError):
    """Analytic and numerical gradients differ."""


def _as_tuple(x: Any) -> tuple[Any, ...]:
    return (x,) if isinstance(x, Tensor) else tuple(x)


def _outputs(func: Callable[..., Any], inputs: tuple[Any, ...]) -> tuple[Tensor, ...]:
    return _as_tuple(func(*inputs))


def _numerical(func: Callable[..., Any], inputs: tuple[Any, ...], i: int, eps: float) -> list[np.ndarray]:
    """Per output, d out / d inputs[i] flattened to (out.numel(), in.numel()), by central differences."""
    x = inputs[i]
    columns: list[list[np.ndarray]] = []
    with no_grad():
        for k in range(x.numel()):
            flat = x._a.reshape(-1)
            saved = flat[k]
            values = []
            for delta in (eps, -eps):
                flat[k] = saved + delta
                values.append([o.detach()._a.astype(np.float64).reshape(-1).copy() for o in _outputs(func, inputs)])
            flat[k] = saved
            columns.append([(a - b) / (2 * eps) for a, b in zip(*values)])
    return [np.stack([col[j] for col in columns], axis=1) if columns else np.zeros((0, 0))
            for j in range(len(columns[0]) if columns else 0)]


def _analytic(func: Callable[..., Any], inputs: tuple[Any, ...], i: int) -> list[np.ndarray]:
    with enable_grad():
        outs = _outputs(func, inputs)
        blocks = []
        for o in outs:
            flat = o.reshape(-1)
            rows = []
            for k in range(flat.numel()):
                (g,) = grad(flat[k], (inputs[i],), retain_graph=True, allow_unused=True)
                rows.append(np.zeros(inputs[i].numel()) if g is None else g.detach()._a.reshape(-1).astype(np.float64))
            blocks.append(np.stack(rows) if rows else np.zeros((0, inputs[i].numel())))
    return blocks


def gradcheck(func: Callable[..., Any], inputs: Any, *, eps: float = 1e-6, atol: float = 1e-5, rtol: float = 1e-3,
              raise_exception: bool = True, **_: Any) -> bool:
    """True when every analytic Jacobian block matches finite differences; else GradcheckError or False."""
    inputs = _as_tuple(inputs)
    for i, x in enumerate(inputs):
        if not (isinstance(x, Tensor) and x.requires_grad):
            continue
        for j, (num, ana) in enumerate(zip(_numerical(func, inputs, i, eps), _analytic(func, inputs, i))):
            if not np.allclose(ana, num, rtol=rtol, atol=atol):
                if raise_exception:
                    raise GradcheckError(f"Jacobian mismatch for output {j} with respect to input {i},\n"
                                         f"numerical:{num}\nanalytical:{ana}\n")
                return False
    return True


def gradgradcheck(func: Callable[..., Any], inputs: Any, grad_outputs: Any = None, *, eps: float = 1e-6,
                  atol: float = 1e-5, rtol: float = 1e-3, raise_exception: bool = True, **_: Any) -> bool:
    """gradcheck of the first derivatives' vector-Jacobian product with grad_outputs (random when None)."""
    inputs = _as_tuple(inputs)
    with enable_grad():
        outs = _outputs(func, inputs)
    rng = np.random.default_rng(0)
    vs = (_as_tuple(grad_outputs) if grad_outputs is not None
          else tuple(from_numpy(rng.standard_normal(tuple(o.shape))).to(o.dtype) for o in outs))

    def first_derivatives(*xs: Any) -> tuple[Tensor, ...]:
        with enable_grad():
            found = grad(_outputs(func, xs), tuple(x for x in xs if isinstance(x, Tensor) and x.requires_grad), vs,
                         create_graph=True, allow_unused=True)
        return tuple(g for g in found if g is not None)

    return gradcheck(first_derivatives, inputs, eps=eps, atol=atol, rtol=rtol, raise_exception=raise_exception)
