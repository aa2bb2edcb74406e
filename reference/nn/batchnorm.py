"""BatchNorm2d: per-channel normalisation of (N, C, H, W) input.

gamma (weight) starts at 1 and beta (bias) at 0; eps=1e-5, momentum=0.1; running_mean starts at 0
and running_var at 1, num_batches_tracked at 0 (nn.batchnorm2d.defaults, nn.batchnorm2d.parameters,
nn.batchnorm2d.state-dict-keys). Training uses and tracks the batch statistics, momentum=None
meaning a cumulative average (nn.batchnorm2d.train-normalises, nn.batchnorm2d.running-stats,
nn.batchnorm2d.cumulative-momentum); eval uses the running statistics, or the batch's when
track_running_stats=False (nn.batchnorm2d.eval-mode); a non-4-D input raises ValueError
(nn.batchnorm2d.input-errors).
"""
from __future__ import annotations

from typing import Any

from reference import _creation
from reference import _dtype as D
from reference import _grad_mode as grad_mode
from reference._tensor import Tensor
from reference.nn import functional as F
from reference.nn.module import Module
from reference.nn.parameter import Parameter


class BatchNorm2d(Module):
    INPUT_DIMS = (4,)  # BatchNorm1d and BatchNorm3d (layers_nd) accept other ranks

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1, affine: bool = True,
                 track_running_stats: bool = True, device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.affine, self.track_running_stats = affine, track_running_stats
        like = {"dtype": dtype, "device": device}
        self.weight = Parameter(_creation.ones(num_features, **like)) if affine else None
        self.bias = Parameter(_creation.zeros(num_features, **like)) if affine else None
        if track_running_stats:
            self.register_buffer("running_mean", _creation.zeros(num_features, **like))
            self.register_buffer("running_var", _creation.ones(num_features, **like))
            self.register_buffer("num_batches_tracked", _creation.tensor(0, dtype=D.int64, device=device))
        else:
            for name in ("running_mean", "running_var", "num_batches_tracked"):
                self.register_buffer(name, None)

    def forward(self, input: Tensor) -> Tensor:
        if input.ndim not in self.INPUT_DIMS:
            ranks = " or ".join(f"{d}D" for d in self.INPUT_DIMS)
            raise ValueError(f"expected {ranks} input (got {input.ndim}D input)")
        use_batch_stats = self.training or self.running_mean is None
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            F.check_batch_size(input)
            with grad_mode.no_grad():
                self.num_batches_tracked.add_(1)
            if self.momentum is None:  # the cumulative average: batch k gets weight 1/k
                factor = 1.0 / int(self.num_batches_tracked)
        return F.batch_norm(input, self.running_mean if self.track_running_stats else None,
                            self.running_var if self.track_running_stats else None, self.weight, self.bias,
                            use_batch_stats, factor, self.eps)

    def extra_repr(self) -> str:
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
                f"track_running_stats={self.track_running_stats}")
