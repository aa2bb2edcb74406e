"""Storage bookkeeping (view.storage-offset.*, view.nbytes-itemsize.*, view.as-strided.*,
view.untyped-storage.*): a tensor's storage is the NumPy array at the end of its array's ``base``
chain, and its offset the distance in elements from that array's first byte."""
from __future__ import annotations

from typing import Sequence

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
