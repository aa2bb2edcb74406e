"""AlphaDropout and FeatureAlphaDropout (nn.layers.alpha-dropout, nn.layers.feature-alpha-dropout): in training,
dropped elements (or channels) take the SELU negative saturation -alpha', then everything is scaled by a and
shifted by b, a = ((1 - p)(1 + p alpha'^2))^(-1/2) and b = alpha' a p, which keeps mean 0 and variance 1."""
from __future__ import annotations

import math

import numpy as np

from reference import _ops
from reference import _random
from reference._tensor import Tensor
from reference.nn.module import Module

__all__ = ["AlphaDropout", "FeatureAlphaDropout", "alpha_dropout", "feature_alpha_dropout"]

_ALPHA = 1.7580993408473766  # SELU's scale * alpha


def _alpha_dropout(input: Tensor, p: float, training: bool, per_channel: bool) -> Tensor:
    if not 0 <= p <= 1:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0:
        return input
    shape = tuple(input.shape[:2]) + (1,) * (input.ndim - 2) if per_channel else tuple(input.shape)
    keep = _random.rng(None).random(shape) >= p
    a = 1 / math.sqrt((_ALPHA * _ALPHA * p + 1) * (1 - p))
    out = np.where(keep, input._a * a, -_ALPHA * a) + _ALPHA * a * p
    return _ops.make(out.astype(input._a.dtype), input.dtype, (input,))


def alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False) -> Tensor:
    return _alpha_dropout(input, p, training, per_channel=False)


def feature_alpha_dropout(input: Tensor, p: float = 0.5, training: bool = False, inplace: bool = False) -> Tensor:
    return _alpha_dropout(input, p, training, per_channel=True)


class AlphaDropout(Module):
    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        self.p, self.inplace = p, inplace

    def forward(self, input: Tensor) -> Tensor:
        return alpha_dropout(input, self.p, self.training)


class FeatureAlphaDropout(AlphaDropout):
    def forward(self, input: Tensor) -> Tensor:
        return feature_alpha_dropout(input, self.p, self.training)
