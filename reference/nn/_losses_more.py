"""TripletMarginWithDistanceLoss (nn.losses.triplet-margin-with-distance): the triplet margin loss under any
distance function, pairwise_distance (p=2, eps=1e-6) by default."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from reference._tensor import Tensor
from reference.nn._function_module import function_module
from reference.nn._loss_functions import _distance, _np, _result

__all__ = ["TripletMarginWithDistanceLoss", "triplet_margin_with_distance_loss"]


def triplet_margin_with_distance_loss(anchor: Tensor, positive: Tensor, negative: Tensor, *,
                                      distance_function: Callable[[Tensor, Tensor], Tensor] | None = None,
                                      margin: float = 1.0, swap: bool = False, reduction: str = "mean") -> Tensor:
    def distance(x: Tensor, y: Tensor) -> np.ndarray:
        return _distance(_np(x), _np(y), 2.0, 1e-6) if distance_function is None else _np(distance_function(x, y))

    d_neg = distance(anchor, negative)
    if swap:
        d_neg = np.minimum(d_neg, distance(positive, negative))
    return _result(np.maximum(distance(anchor, positive) - d_neg + margin, 0), reduction, anchor)


def _keywords_only(anchor: Tensor, positive: Tensor, negative: Tensor, distance_function: Any = None,
                   margin: float = 1.0, swap: bool = False, reduction: str = "mean") -> Tensor:
    return triplet_margin_with_distance_loss(anchor, positive, negative, distance_function=distance_function,
                                             margin=margin, swap=swap, reduction=reduction)


TripletMarginWithDistanceLoss = function_module("TripletMarginWithDistanceLoss", _keywords_only,
                                                ("distance_function", None), ("margin", 1.0), ("swap", False),
                                                ("reduction", "mean"), positional=0)
