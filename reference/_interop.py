"""NumPy interop: DLPack exchange both ways (numpy.dlpack.*): a tensor exports its NumPy memory's
capsule, and from_dlpack views whatever a producer exports (a NumPy array, a tensor, or a bare
capsule); CPU only, the device reported is DLPack's kDLCPU (1, 0). And ndarray operands of the
arithmetic operators, taken as the tensors viewing them (numpy.array-priority.tensor-operand-wins):
``Tensor.__array_priority__`` makes NumPy defer ``ndarray OP tensor`` to the reflected operator."""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import _dtype as D
from reference._device import check_readable
from reference._tensor import Tensor

KDL_CPU = 1


class _Capsule:
    """A bare (legacy) capsule presented as a producer, so NumPy can consume it."""

    def __init__(self, capsule: Any) -> None:
        self.capsule = capsule

    def __dlpack__(self, **kwargs: Any) -> Any:
        return self.capsule

    def __dlpack_device__(self) -> tuple[int, int]:
        return (KDL_CPU, 0)


def from_dlpack(ext_tensor: Any) -> Tensor:
    """A tensor viewing the producer's memory, its dtype mapped from the exported one."""
    producer = ext_tensor if hasattr(ext_tensor, "__dlpack__") else _Capsule(ext_tensor)
    array = np.from_dlpack(producer)
    return Tensor(array, D.from_numpy_dtype(array.dtype))


def _dlpack(self: Tensor, **kwargs: Any) -> Any:
    check_readable(self._device)
    if self.requires_grad:
        raise RuntimeError("Can't export tensors that require gradient, use tensor.detach()")
    if self._device.type != "cpu":
        raise BufferError(f"DLPack export from device {self._device} is not supported")
    kwargs.setdefault("max_version", (1, 0))  # a versioned capsule: its consumers may write (legacy ones are read-only)
    return self._a.__dlpack__(**kwargs)


def to_dlpack(tensor: Tensor) -> Any:
    """The tensor's DLPack capsule (torch.to_dlpack: the same as tensor.__dlpack__())."""
    return _dlpack(tensor)


def _dlpack_device(self: Tensor) -> tuple[int, int]:
    return (KDL_CPU, 0)


Tensor.__dlpack__ = _dlpack
Tensor.__dlpack_device__ = _dlpack_device


def _array_operand(method: Any) -> Any:
    def operator(self: Tensor, other: Any) -> Any:
        if isinstance(other, np.ndarray):
            other = Tensor(other, D.from_numpy_dtype(other.dtype))
        return method(self, other)
    return operator


for _op in ("add", "sub", "mul", "truediv"):
    for _name in (f"__{_op}__", f"__r{_op}__"):
        setattr(Tensor, _name, _array_operand(getattr(Tensor, _name)))
