"""from_numpy and Tensor.numpy share memory both ways (numpy.* behaviours; Tensor.numpy lives in
``_tensor.py``). Memory borrowed from NumPy stays NumPy's: resize_ cannot grow it
(numpy.from-numpy.not-resizable)."""
from __future__ import annotations

import weakref
from typing import Any

import numpy as np

from reference import _dtype as D
from reference._tensor import Tensor
from reference._warnings import warn_once

_BORROWED: "weakref.WeakValueDictionary[int, np.ndarray]" = weakref.WeakValueDictionary()
"""The arrays owning memory that from_numpy borrowed, by id (so their views are found too)."""


def _owner(array: np.ndarray) -> Any:
    """The object at the end of the array's ``base`` chain: the owner of the memory its views share."""
    while isinstance(array, np.ndarray) and array.base is not None:
        array = array.base
    return array


def _borrowed(array: np.ndarray) -> bool:
    """Memory the backend did not allocate: borrowed by from_numpy, or not owned by an ndarray at all."""
    owner = _owner(array)
    return not isinstance(owner, np.ndarray) or _BORROWED.get(id(owner)) is owner


def from_numpy(array: np.ndarray) -> Tensor:
    """The tensor views the array itself (numpy.from-numpy.shares-memory, numpy.from-numpy.keeps-strides);
    negative strides raise ValueError (numpy.from-numpy.negative-strides-raise), unsupported dtypes TypeError
    (numpy.from-numpy.unsupported-dtype-raises), a read-only array warns (numpy.from-numpy.read-only-warns)."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    if any(s < 0 for s in array.strides):
        raise ValueError("At least one stride in the given numpy array is negative, and tensors with negative "
                         "strides are not currently supported. (You can probably work around this by making a copy "
                         "of your array with array.copy().) ")
    if not array.flags.writeable:
        warn_once("The given NumPy array is not writable, and PyTorch does not support non-writable tensors.")
    tensor = Tensor(array.view(), D.from_numpy_dtype(array.dtype))
    owner = _owner(array)
    if isinstance(owner, np.ndarray):
        _BORROWED[id(owner)] = owner
    return tensor


def resize_(x: Tensor, *size: Any, memory_format: Any = None) -> Tensor:
    """x becomes a contiguous tensor of ``size`` keeping its leading values (in row-major order). A contiguous
    x shrinks within its memory; otherwise new memory is needed, which memory borrowed from NumPy cannot get:
    growing a from_numpy tensor raises RuntimeError (numpy.from-numpy.not-resizable)."""
    shape = tuple(int(n) for n in (size[0] if len(size) == 1 and isinstance(size[0], (tuple, list)) else size))
    if any(n < 0 for n in shape):
        raise RuntimeError(f"Trying to create tensor with negative dimension: {list(shape)}")
    if x.requires_grad:
        raise RuntimeError("cannot resize variables that require grad")
    count = int(np.prod(shape, dtype=np.int64))
    if count <= x.numel() and x.is_contiguous():
        x._a = x._a.reshape(-1)[:count].reshape(shape)
    elif _borrowed(x._a) and count > x.numel():
        raise RuntimeError("Trying to resize storage that is not resizable")
    else:
        fresh = np.zeros(count, dtype=x._a.dtype)
        kept = min(count, x.numel())
        fresh[:kept] = x._a.reshape(-1)[:kept]
        x._a = fresh.reshape(shape)
    return x
