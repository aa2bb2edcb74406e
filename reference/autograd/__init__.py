"""Autograd: a dynamic tape recorded by every differentiable op (autograd.* behaviours)."""
from reference.autograd import functional, hooks
from reference.autograd.anomaly_mode import detect_anomaly, set_detect_anomaly
from reference.autograd.function import Function, FunctionCtx, backward, grad
from reference.autograd.gradcheck import gradcheck, gradgradcheck
from reference._grad_mode import (enable_grad, inference_mode, is_grad_enabled,
                                          is_inference_mode_enabled, no_grad, set_grad_enabled)

__all__ = ["Function", "FunctionCtx", "backward", "detect_anomaly", "functional", "grad", "gradcheck", "gradgradcheck",
           "hooks", "enable_grad", "inference_mode", "is_grad_enabled", "is_inference_mode_enabled", "no_grad",
           "set_detect_anomaly", "set_grad_enabled"]
