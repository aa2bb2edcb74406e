"""RReLU (nn.activations.rrelu): negative inputs times (lower + upper) / 2 in eval, times a slope drawn per
element from U(lower, upper) in training."""
from __future__ import annotations

import numpy as np

from reference import _grad_mode as grad_mode
from reference import _ops
from reference import _random
from reference._conversions import copy_
from reference._tensor import Tensor
from reference.nn.module import Module

__all__ = ["RReLU", "rrelu", "rrelu_"]


def _slopes(input: Tensor, lower: float, upper: float, training: bool) -> np.ndarray:
    if training:
        return lower + (upper - lower) * _random.rng(None).random(tuple(input.shape))
    return np.full(tuple(input.shape), (lower + upper) / 2)


def rrelu(input: Tensor, lower: float = 1 / 8, upper: float = 1 / 3, training: bool = False,
          inplace: bool = False) -> Tensor:
    if inplace:
        return rrelu_(input, lower, upper, training)
    x = input._a
    return _ops.make(np.where(x >= 0, x, x * _slopes(input, lower, upper, training)).astype(x.dtype), input.dtype,
                     (input,))


def rrelu_(input: Tensor, lower: float = 1 / 8, upper: float = 1 / 3, training: bool = False) -> Tensor:
    result = rrelu(input, lower, upper, training)
    with grad_mode.no_grad():
        copy_(input, result._a)
    return input


class RReLU(Module):
    def __init__(self, lower: float = 1 / 8, upper: float = 1 / 3, inplace: bool = False) -> None:
        super().__init__()
        self.lower, self.upper, self.inplace = lower, upper, inplace

    def forward(self, input: Tensor) -> Tensor:
        return rrelu(input, self.lower, self.upper, self.training, self.inplace)
