"""Pools that return indices and their partial inverse (nn.functional.max-pool-with-indices,
nn.functional.adaptive-max-pool-with-indices, nn.layers.maxunpool*): each output position takes the first
maximum of its window, its index counted in the flattened input plane; max_unpool scatters back."""
from __future__ import annotations

import itertools
from typing import Any, Callable, Sequence

import numpy as np

from reference import _dtype as D
from reference import _ops
from reference._tensor import Tensor
from reference.nn._layer_functions import as_tuple
from reference.nn.module import Module

Spans = Callable[[int, int, int], tuple[int, int]]  # (output position, dim, input size) -> [start, end)


def _argmax_windows(input: Tensor, out: Sequence[int], span: Spans) -> tuple[Tensor, Tensor]:
    n = len(out)
    x = input._a
    sizes = x.shape[-n:]
    values = np.zeros(x.shape[:-n] + tuple(out), dtype=x.dtype)
    indices = np.zeros(values.shape, dtype=np.int64)
    for pos in itertools.product(*(range(o) for o in out)):
        ranges = [range(*span(p, d, sizes[d])) for d, p in enumerate(pos)]
        flat = np.array([np.ravel_multi_index(c, sizes) for c in itertools.product(*ranges)])
        window = x.reshape(*x.shape[:-n], -1)[..., flat]
        best = np.argmax(window, axis=-1)
        values[(Ellipsis, *pos)] = np.take_along_axis(window, best[..., None], axis=-1)[..., 0]
        indices[(Ellipsis, *pos)] = flat[best]
    return _ops.make(values, input.dtype, (input,)), _ops.make(indices, D.int64, (input,))


def _max_pool(n: int) -> Callable[..., tuple[Tensor, Tensor]]:
    def max_pool_with_indices(input: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
                              dilation: Any = 1, ceil_mode: bool = False,
                              return_indices: bool = False) -> tuple[Tensor, Tensor]:
        k, p = as_tuple(kernel_size, n), as_tuple(padding, n)
        s = as_tuple(kernel_size if stride is None else stride, n)
        if as_tuple(dilation, n) != (1,) * n or ceil_mode:
            raise NotImplementedError("the reference pools with indices support dilation=1, ceil_mode=False")
        sizes = input.shape[-n:]
        out = [(size + 2 * p[d] - k[d]) // s[d] + 1 for d, size in enumerate(sizes)]
        return _argmax_windows(input, out, lambda o, d, size: (max(o * s[d] - p[d], 0),
                                                              min(o * s[d] - p[d] + k[d], size)))
    max_pool_with_indices.__name__ = f"max_pool{n}d_with_indices"
    return max_pool_with_indices


def _adaptive(n: int) -> Callable[..., tuple[Tensor, Tensor]]:
    def adaptive_max_pool_with_indices(input: Tensor, output_size: Any,
                                       return_indices: bool = False) -> tuple[Tensor, Tensor]:
        sizes = input.shape[-n:]
        out = [size if o is None else o for o, size in zip(as_tuple(output_size, n), sizes)]
        return _argmax_windows(input, out, lambda i, d, size: (i * size // out[d], -(-(i + 1) * size // out[d])))
    adaptive_max_pool_with_indices.__name__ = f"adaptive_max_pool{n}d_with_indices"
    return adaptive_max_pool_with_indices


def _unpool(n: int) -> Callable[..., Tensor]:
    def max_unpool(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any = None, padding: Any = 0,
                   output_size: Any = None) -> Tensor:
        """Each value at its flat index of an output of (in - 1) * stride - 2 padding + kernel per dim."""
        k, p = as_tuple(kernel_size, n), as_tuple(padding, n)
        s = as_tuple(kernel_size if stride is None else stride, n)
        if output_size is None:
            out = tuple((m - 1) * s[d] - 2 * p[d] + k[d] for d, m in enumerate(input.shape[-n:]))
        else:
            out = tuple(output_size)[-n:]
        lead = input.shape[:-n]
        result = np.zeros((*lead, int(np.prod(out))), dtype=input._a.dtype)
        np.put_along_axis(result, indices._a.reshape(*lead, -1), input._a.reshape(*lead, -1), axis=-1)
        return _ops.make(result.reshape(*lead, *out), input.dtype, (input,))
    max_unpool.__name__ = f"max_unpool{n}d"
    return max_unpool


max_pool1d_with_indices, max_pool2d_with_indices, max_pool3d_with_indices = (_max_pool(n) for n in (1, 2, 3))
adaptive_max_pool1d_with_indices, adaptive_max_pool2d_with_indices, adaptive_max_pool3d_with_indices = (
    _adaptive(n) for n in (1, 2, 3))
max_unpool1d, max_unpool2d, max_unpool3d = (_unpool(n) for n in (1, 2, 3))


class _MaxUnpoolNd(Module):
    n = 0

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0) -> None:
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding

    def forward(self, input: Tensor, indices: Tensor, output_size: Any = None) -> Tensor:
        return _unpool(self.n)(input, indices, self.kernel_size, self.stride, self.padding, output_size)


class MaxUnpool1d(_MaxUnpoolNd):
    n = 1


class MaxUnpool2d(_MaxUnpoolNd):
    n = 2


class MaxUnpool3d(_MaxUnpoolNd):
    n = 3
