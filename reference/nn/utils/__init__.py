"""nn.utils (nn.utils.*): gradient clipping and parameters <-> one vector; ``rnn`` packs sequences."""
from __future__ import annotations

import math
from typing import Iterable

import numpy as np

from reference import _creation
from reference import _grad_mode as grad_mode
from reference import _ops
from reference._conversions import copy_
from reference._tensor import Tensor
from reference.nn.utils import rnn
from reference.nn.utils.fusion import *  # noqa: F401,F403 - get_total_norm, fuse_*, skip_init (nn.utils.*)

__all__ = ["clip_grad_norm_", "clip_grad_value_", "parameters_to_vector", "rnn", "vector_to_parameters"]


def _listed(parameters: Tensor | Iterable[Tensor]) -> list[Tensor]:
    return [parameters] if isinstance(parameters, Tensor) else list(parameters)


def clip_grad_norm_(parameters: Tensor | Iterable[Tensor], max_norm: float, norm_type: float = 2.0,
                    error_if_nonfinite: bool = False, foreach: bool | None = None) -> Tensor:
    """The total norm of every gradient together; gradients scaled by min(max_norm / (total + 1e-6), 1)."""
    grads = [p.grad for p in _listed(parameters) if p.grad is not None]
    if not grads:
        return _creation.tensor(0.0)
    flat = np.concatenate([g._a.astype(np.float64).ravel() for g in grads])
    norm_type = float(norm_type)
    total = float(np.abs(flat).max()) if math.isinf(norm_type) else float((np.abs(flat) ** norm_type).sum()
                                                                          ** (1 / norm_type))
    if error_if_nonfinite and not math.isfinite(total):
        raise RuntimeError(f"The total norm of order {norm_type} for gradients from `parameters` is non-finite, so it "
                           "cannot be clipped. To disable this error and scale the gradients by the non-finite norm "
                           "anyway, set `error_if_nonfinite=False`")
    coefficient = min(max_norm / (total + 1e-6), 1.0)  # nan stays nan, as torch's clamp keeps it
    with grad_mode.no_grad(), np.errstate(invalid="ignore"):
        for g in grads:
            copy_(g, g._a * coefficient)
    return _ops.make(np.asarray(total), grads[0].dtype, ())


def clip_grad_value_(parameters: Tensor | Iterable[Tensor], clip_value: float, foreach: bool | None = None) -> None:
    with grad_mode.no_grad():
        for p in _listed(parameters):
            if p.grad is not None:
                copy_(p.grad, np.clip(p.grad._a, -clip_value, clip_value))


def parameters_to_vector(parameters: Iterable[Tensor]) -> Tensor:
    params = list(parameters)
    return _ops.make(np.concatenate([p._a.ravel() for p in params]), params[0].dtype, params)


def vector_to_parameters(vec: Tensor, parameters: Iterable[Tensor]) -> None:
    """Consecutive slices of vec, reshaped, become each parameter's values."""
    if not isinstance(vec, Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {type(vec).__name__}")
    start = 0
    with grad_mode.no_grad():
        for p in parameters:
            size = p.numel()
            copy_(p, vec._a[start:start + size].reshape(p._a.shape))
            start += size
