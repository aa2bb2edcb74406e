"""Shared plumbing of the op-family modules (_rearranging, _indexing, _sorting, _reductions):
results built from NumPy arrays, and Tensor methods bound to the functions of the same name."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from reference import _dtype as D
from reference._ops import inplace, make
from reference._tensor import Tensor


def like(array: Any, x: Tensor, dtype: D.dtype | None = None) -> Tensor:
    """A result on x's device in ``dtype`` (x's dtype by default); no autograd history."""
    return make(np.asarray(array), dtype or x.dtype, (x,))


def index_result(array: Any, x: Tensor) -> Tensor:
    """An int64 result (indices, counts) on x's device."""
    return make(np.asarray(array, dtype=np.int64), D.int64, (x,))


def bind_methods(functions: dict[str, Callable[..., Any]], names: str, inplace_names: str = "") -> None:
    """Tensor.<name> routes to the function; Tensor.<name>_ writes its result into self."""
    for name in names.split():
        setattr(Tensor, name, functions[name])
    for name in inplace_names.split():
        fn = functions[name]
        setattr(Tensor, name + "_", lambda self, *args, _fn=fn, **kwargs: inplace(self, _fn(self, *args, **kwargs)))
