"""SparseAdam (optim.sparseadam.defaults, optim.sparseadam.dense-grad-raises). The reference backend has no
sparse tensors, so every gradient it can hold is dense and step() refuses it, as SparseAdam documents."""
from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from reference._tensor import Tensor
from reference.optim.optimizer import Optimizer, check_betas, check_non_negative


class SparseAdam(Optimizer):
    def __init__(self, params: Iterable[Any], lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, maximize: bool = False) -> None:
        check_non_negative(lr=lr, eps=eps)
        check_betas(betas)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, maximize=maximize))

    def update(self, p: Tensor, g: np.ndarray, state: dict[str, Any], group: dict[str, Any]) -> np.ndarray:
        raise RuntimeError("SparseAdam does not support dense gradients, please consider Adam instead")
