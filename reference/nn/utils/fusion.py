"""nn.utils: get_total_norm, clip_grads_with_norm_, batch-norm fusion and skip_init (nn.utils.get-total-norm,
nn.utils.clip-grads-with-norm, nn.utils.fuse-bn-weights, nn.utils.fuse-bn-eval, nn.utils.skip-init)."""
from __future__ import annotations

import copy
import inspect
import math
from typing import Any, Iterable

import numpy as np

from reference import _grad_mode as grad_mode
from reference import _ops
from reference._conversions import copy_
from reference._tensor import Tensor
from reference.nn.parameter import Parameter

__all__ = ["clip_grads_with_norm_", "fuse_conv_bn_eval", "fuse_conv_bn_weights", "fuse_linear_bn_eval",
           "fuse_linear_bn_weights", "get_total_norm", "skip_init"]


def _listed(tensors: Tensor | Iterable[Tensor]) -> list[Tensor]:
    return [tensors] if isinstance(tensors, Tensor) else list(tensors)


def get_total_norm(tensors: Tensor | Iterable[Tensor], norm_type: float = 2.0, error_if_nonfinite: bool = False,
                   foreach: bool | None = None) -> Tensor:
    tensors = _listed(tensors)
    flat = np.concatenate([t._a.astype(np.float64).ravel() for t in tensors])
    norm_type = float(norm_type)
    total = float(np.abs(flat).max()) if math.isinf(norm_type) else float((np.abs(flat) ** norm_type).sum()
                                                                          ** (1 / norm_type))
    if error_if_nonfinite and not math.isfinite(total):
        raise RuntimeError(f"The total norm of order {norm_type} for gradients from `parameters` is non-finite")
    return _ops.make(np.asarray(total), tensors[0].dtype, ())


def clip_grads_with_norm_(parameters: Tensor | Iterable[Tensor], max_norm: float, total_norm: Tensor,
                          foreach: bool | None = None) -> None:
    coefficient = min(max_norm / (float(total_norm._a) + 1e-6), 1.0)
    with grad_mode.no_grad():
        for p in _listed(parameters):
            if p.grad is not None:
                copy_(p.grad, p.grad._a * coefficient)


def _fuse(w: Tensor, b: Tensor | None, rm: Tensor, rv: Tensor, eps: float, bn_w: Tensor | None,
          bn_b: Tensor | None, channel_axis: int = 0) -> tuple[Parameter, Parameter]:
    """w * g and (b - mean) * g + beta, g = bn_w / sqrt(var + eps) per output channel."""
    scale = (np.ones_like(rm._a) if bn_w is None else bn_w._a) / np.sqrt(rv._a + eps)
    shape = [1] * w._a.ndim
    shape[channel_axis] = -1
    bias = np.zeros_like(rm._a) if b is None else b._a
    fused_w = w._a * scale.reshape(shape)
    fused_b = (bias - rm._a) * scale + (np.zeros_like(rm._a) if bn_b is None else bn_b._a)
    return (Parameter(_ops.make(fused_w.astype(w._a.dtype), w.dtype, ())),
            Parameter(_ops.make(fused_b.astype(rm._a.dtype), rm.dtype, ())))


def fuse_conv_bn_weights(conv_w: Tensor, conv_b: Tensor | None, bn_rm: Tensor, bn_rv: Tensor, bn_eps: float,
                         bn_w: Tensor | None, bn_b: Tensor | None, transpose: bool = False) -> tuple[Parameter, Parameter]:
    return _fuse(conv_w, conv_b, bn_rm, bn_rv, bn_eps, bn_w, bn_b, 1 if transpose else 0)


def fuse_linear_bn_weights(linear_w: Tensor, linear_b: Tensor | None, bn_rm: Tensor, bn_rv: Tensor, bn_eps: float,
                           bn_w: Tensor, bn_b: Tensor) -> tuple[Parameter, Parameter]:
    return _fuse(linear_w, linear_b, bn_rm, bn_rv, bn_eps, bn_w, bn_b)


def _fused_module(layer: Any, bn: Any, channel_axis: int = 0) -> Any:
    if layer.training or bn.training:
        raise AssertionError("Fusion only for eval!")
    fused = copy.deepcopy(layer)
    fused.weight, fused.bias = _fuse(fused.weight, fused.bias, bn.running_mean, bn.running_var, bn.eps, bn.weight,
                                     bn.bias, channel_axis)
    return fused


def fuse_conv_bn_eval(conv: Any, bn: Any, transpose: bool = False) -> Any:
    return _fused_module(conv, bn, 1 if transpose else 0)


def fuse_linear_bn_eval(linear: Any, bn: Any) -> Any:
    return _fused_module(linear, bn)


def skip_init(module_cls: type, *args: Any, **kwargs: Any) -> Any:
    """The module built with those arguments (its initial values are unspecified)."""
    if "device" not in inspect.signature(module_cls).parameters:
        raise RuntimeError("Module must support a 'device' arg to skip initialization")
    return module_cls(*args, **kwargs)
