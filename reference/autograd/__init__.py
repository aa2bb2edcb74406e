"""Autograd: a dynamic tape recorded by every differentiable op (autograd.* behaviours)."""
from reference.autograd import functional
from reference.autograd.function import Function, FunctionCtx, backward, grad
from reference._grad_mode import (enable_grad, inference_mode, is_grad_enabled,
                                          is_inference_mode_enabled, no_grad, set_grad_enabled)

__all__ = ["Function", "FunctionCtx", "backward", "functional", "grad", "enable_grad", "inference_mode", "is_grad_enabled",
           "is_inference_mode_enabled", "no_grad", "set_grad_enabled"]
