"""EmbeddingBag and functional.embedding_bag (nn.layers.embedding-bag): each bag's weight rows reduced by sum,
mean or max (sum scaled by per_sample_weights); an empty bag gives zeros."""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import _creation
from reference import _grad_mode as grad_mode
from reference import _ops
from reference._tensor import Tensor
from reference.nn.module import Module
from reference.nn.parameter import Parameter

__all__ = ["EmbeddingBag", "embedding_bag"]

_REDUCE = {"sum": np.sum, "mean": np.mean, "max": np.max}


def embedding_bag(input: Tensor, weight: Tensor, offsets: Tensor | None = None, max_norm: float | None = None,
                  norm_type: float = 2, scale_grad_by_freq: bool = False, mode: str = "mean", sparse: bool = False,
                  per_sample_weights: Tensor | None = None, include_last_offset: bool = False,
                  padding_idx: int | None = None) -> Tensor:
    if per_sample_weights is not None and mode != "sum":
        raise NotImplementedError("embedding_bag: per_sample_weights was not None. per_sample_weights is only "
                                  f"supported for mode='sum' (got mode='{mode}').")
    index, w = input._a, weight._a
    scales = None if per_sample_weights is None else per_sample_weights._a
    if index.ndim == 2:
        bags = list(index)
        scale_bags = None if scales is None else list(scales)
    else:
        cuts = [int(o) for o in offsets._a][1:]
        if include_last_offset:
            cuts = cuts[:-1]
        bags = np.split(index, cuts)
        scale_bags = None if scales is None else np.split(scales, cuts)
    out = np.zeros((len(bags), w.shape[1]), dtype=w.dtype)
    for i, bag in enumerate(bags):
        if len(bag):
            rows = w[bag] * (scale_bags[i][:, None] if scale_bags is not None else 1)
            out[i] = _REDUCE[mode](rows, axis=0)
    return _ops.make(out, weight.dtype, (weight,))


class EmbeddingBag(Module):
    def __init__(self, num_embeddings: int, embedding_dim: int, max_norm: float | None = None,
                 norm_type: float = 2.0, scale_grad_by_freq: bool = False, mode: str = "mean", sparse: bool = False,
                 _weight: Tensor | None = None, include_last_offset: bool = False, padding_idx: int | None = None,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.num_embeddings, self.embedding_dim, self.mode = num_embeddings, embedding_dim, mode
        self.include_last_offset = include_last_offset
        weight = _creation.empty((num_embeddings, embedding_dim), dtype=dtype, device=device)
        with grad_mode.no_grad():
            weight.normal_()
        self.weight = Parameter(weight if _weight is None else _weight)

    def forward(self, input: Tensor, offsets: Tensor | None = None,
                per_sample_weights: Tensor | None = None) -> Tensor:
        return embedding_bag(input, self.weight, offsets, mode=self.mode, per_sample_weights=per_sample_weights,
                             include_last_offset=self.include_last_offset)
