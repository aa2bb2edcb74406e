"""Storage bookkeeping (view.storage-offset.*, view.nbytes-itemsize.*, view.as-strided.*,
view.untyped-storage.*): a tensor's storage is the NumPy array at the end of its array's ``base``
chain, and its offset the distance in elements from that array's first byte."""
from __future__ import annotations

import weakref
from typing import Any, Sequence

import numpy as np

from reference._tensor import Tensor
from reference._views import view_of


def _root(array: np.ndarray) -> np.ndarray:
    while isinstance(array.base, np.ndarray):
        array = array.base
    return array


def _address(array: np.ndarray) -> int:
    return array.__array_interface__["data"][0]


class UntypedStorage:
    """The bytes a tensor and its views share."""

    def __init__(self, root: np.ndarray) -> None:
        self._root = root

    def data_ptr(self) -> int:
        return _address(self._root)

    def nbytes(self) -> int:
        return int(self._root.nbytes)

    size = nbytes

    def __len__(self) -> int:
        return self.nbytes()


def storage_offset(self: Tensor) -> int:
    return (_address(self._a) - _address(_root(self._a))) // self._a.itemsize


def untyped_storage(self: Tensor) -> UntypedStorage:
    return UntypedStorage(_root(self._a))


def data_ptr(self: Tensor) -> int:
    return _address(self._a)


def as_strided(x: Tensor, size: Sequence[int], stride: Sequence[int], storage_offset: int | None = None) -> Tensor:
    """Indexes the storage itself from ``storage_offset`` (the input's own offset when None)."""
    offset = x.storage_offset() if storage_offset is None else storage_offset
    item = x._a.itemsize
    array = np.ndarray(tuple(size), dtype=x._a.dtype, buffer=_root(x._a), offset=offset * item,
                       strides=tuple(s * item for s in stride))
    if not x._a.flags.writeable:
        array.flags.writeable = False
    return view_of(x, array, "AsStridedBackward0", lambda g: g)


Tensor.storage_offset = storage_offset
Tensor.untyped_storage = untyped_storage
Tensor.data_ptr = data_ptr
Tensor.as_strided = as_strided
Tensor.itemsize = property(lambda self: self._dtype.itemsize)
Tensor.nbytes = property(lambda self: self.numel() * self._dtype.itemsize)


def as_strided_(self: Tensor, size: Sequence[int], stride: Sequence[int], storage_offset: int | None = None) -> Tensor:
    """In place: self becomes that view of its own storage (the memory is untouched)."""
    self._a = as_strided(self, size, stride, storage_offset)._a
    return self


def new_empty_strided(self: Tensor, size: Sequence[int], stride: Sequence[int], *, dtype: Any = None,
                      device: Any = None, requires_grad: bool = False, **kwargs: Any) -> Tensor:
    from reference._creation_more import empty_strided

    return empty_strided(size, stride, dtype=dtype or self.dtype, device=device or self.device,
                         requires_grad=requires_grad)


_SHARED: "weakref.WeakValueDictionary[int, np.ndarray]" = weakref.WeakValueDictionary()
"""Storages moved to shared memory, by id. NumPy memory is process-local: the move is bookkeeping only."""


def share_memory_(self: Tensor) -> Tensor:
    root = _root(self._a)
    _SHARED[id(root)] = root
    return self


def is_shared(self: Tensor) -> bool:
    root = _root(self._a)
    return _SHARED.get(id(root)) is root


Tensor.as_strided_ = as_strided_
Tensor.new_empty_strided = new_empty_strided
Tensor.share_memory_ = share_memory_
Tensor.is_shared = is_shared
