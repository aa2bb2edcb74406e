"""Activation Modules (nn.activations.*): each stores its options and calls its nn.functional.

Most are made by ``function_module`` from the function and its options in constructor order, so
``LeakyReLU(0.2)`` and ``LeakyReLU(negative_slope=0.2)`` both work. PReLU owns its slope
Parameter: ``num_parameters`` values filled with ``init``.
"""
from __future__ import annotations

from typing import Any

from reference import _creation
from reference._tensor import Tensor
from reference.nn import _activation_functions as A
from reference.nn._function_module import REQUIRED as _REQUIRED
from reference.nn._function_module import function_module as _activation
from reference.nn.module import Module
from reference.nn.parameter import Parameter

__all__ = ["CELU", "ELU", "GELU", "GLU", "Hardshrink", "Hardsigmoid", "Hardswish", "Hardtanh", "LeakyReLU",
           "LogSigmoid", "LogSoftmax", "Mish", "PReLU", "ReLU6", "SELU", "SiLU", "Sigmoid", "Softmax",
           "Softmin", "Softplus", "Softshrink", "Softsign", "Tanh", "Tanhshrink", "Threshold"]

INPLACE = ("inplace", False)
ReLU6 = _activation("ReLU6", A.relu6, INPLACE)
LeakyReLU = _activation("LeakyReLU", A.leaky_relu, ("negative_slope", 0.01), INPLACE)
ELU = _activation("ELU", A.elu, ("alpha", 1.0), INPLACE)
SELU = _activation("SELU", A.selu, INPLACE)
CELU = _activation("CELU", A.celu, ("alpha", 1.0), INPLACE)
GELU = _activation("GELU", A.gelu, ("approximate", "none"))
SiLU = _activation("SiLU", A.silu, INPLACE)
Mish = _activation("Mish", A.mish, INPLACE)
Softplus = _activation("Softplus", A.softplus, ("beta", 1.0), ("threshold", 20.0))
Softsign = _activation("Softsign", A.softsign)
Hardtanh = _activation("Hardtanh", A.hardtanh, ("min_val", -1.0), ("max_val", 1.0), INPLACE)
Hardsigmoid = _activation("Hardsigmoid", A.hardsigmoid, INPLACE)
Hardswish = _activation("Hardswish", A.hardswish, INPLACE)
Tanh = _activation("Tanh", A.tanh)
Sigmoid = _activation("Sigmoid", A.sigmoid)
LogSigmoid = _activation("LogSigmoid", A.logsigmoid)
Softmax = _activation("Softmax", A.softmax, ("dim", None))
LogSoftmax = _activation("LogSoftmax", A.log_softmax, ("dim", None))
Softmin = _activation("Softmin", A.softmin, ("dim", None))
Threshold = _activation("Threshold", A.threshold, ("threshold", _REQUIRED), ("value", _REQUIRED), INPLACE)
GLU = _activation("GLU", A.glu, ("dim", -1))
Tanhshrink = _activation("Tanhshrink", A.tanhshrink)
Softshrink = _activation("Softshrink", A.softshrink, ("lambd", 0.5))
Hardshrink = _activation("Hardshrink", A.hardshrink, ("lambd", 0.5))


class PReLU(Module):
    def __init__(self, num_parameters: int = 1, init: float = 0.25, device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.num_parameters = num_parameters
        self.weight = Parameter(_creation.full((num_parameters,), init, dtype=dtype, device=device))

    def forward(self, input: Tensor) -> Tensor:
        return A.prelu(input, self.weight)

    def extra_repr(self) -> str:
        return f"num_parameters={self.num_parameters}"
