"""Lazy modules (nn.layers.lazy-*): the first constructor argument (in_features, in_channels or num_features)
is read from the first input, after which the module is an instance of the regular class."""
from __future__ import annotations

from typing import Any, Callable

from reference._tensor import Tensor
from reference.nn.module import Module

__all__ = ["LazyLinear", "LazyConv1d", "LazyConv2d", "LazyConv3d", "LazyConvTranspose1d", "LazyConvTranspose2d",
           "LazyConvTranspose3d", "LazyBatchNorm1d", "LazyBatchNorm2d", "LazyBatchNorm3d", "LazyInstanceNorm1d",
           "LazyInstanceNorm2d", "LazyInstanceNorm3d"]


def _lazy(target: str, size_of: Callable[[Tensor], int], **defaults: Any) -> type:
    class Lazy(Module):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__()
            object.__setattr__(self, "_lazy_arguments", (args, {**defaults, **kwargs}))

        def forward(self, input: Tensor, *rest: Any) -> Any:
            """Build the regular module from the input's size, become it, and run it."""
            from reference import nn

            args, kwargs = self._lazy_arguments
            cls = getattr(nn, target)
            real = cls(size_of(input), *args, **kwargs).train(self.training)
            self.__dict__.clear()
            self.__dict__.update(real.__dict__)
            self.__class__ = cls
            return self.forward(input, *rest)

    Lazy.__name__ = Lazy.__qualname__ = f"Lazy{target}"
    return Lazy


def _channels(input: Tensor) -> int:
    return int(input.shape[1])


LazyLinear = _lazy("Linear", lambda input: int(input.shape[-1]))
LazyConv1d, LazyConv2d, LazyConv3d = (_lazy(f"Conv{n}d", _channels) for n in (1, 2, 3))
LazyConvTranspose1d, LazyConvTranspose2d, LazyConvTranspose3d = (_lazy(f"ConvTranspose{n}d", _channels)
                                                                 for n in (1, 2, 3))
LazyBatchNorm1d, LazyBatchNorm2d, LazyBatchNorm3d = (_lazy(f"BatchNorm{n}d", _channels) for n in (1, 2, 3))
LazyInstanceNorm1d, LazyInstanceNorm2d, LazyInstanceNorm3d = (
    _lazy(f"InstanceNorm{n}d", _channels, affine=True, track_running_stats=True) for n in (1, 2, 3))
