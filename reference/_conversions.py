"""Copies and moves: to(), cpu(), clone(), contiguous(), copy_(), type casts, conj() and resolve_conj()
(device.*, view.contiguous.*, numpy.numpy.conj-raises).

``to`` and ``contiguous`` return the very same object when nothing changes.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from reference import _dtype as D
from reference._device import as_device, canonical, check_readable, device
from reference import _ops
from reference._ops import check_writable, make, store, values
from reference._tensor import Tensor


def _parse_to(args: tuple[Any, ...], kwargs: dict[str, Any], x: Tensor) -> tuple[Any, Any]:
    target_device, target_dtype = kwargs.pop("device", None), kwargs.pop("dtype", None)
    for arg in args:
        if isinstance(arg, Tensor):
            target_device, target_dtype = arg.device, arg.dtype
        elif isinstance(arg, D.dtype):
            target_dtype = arg
        elif isinstance(arg, (str, device)):
            target_device = arg
        else:
            raise TypeError(f"to() received an invalid combination of arguments: {arg!r}")
    return target_device, target_dtype


def to(x: Tensor, *args: Any, non_blocking: bool = False, copy: bool = False, memory_format: Any = None,
       **kwargs: Any) -> Tensor:
    """Same object when device and dtype already match (and copy=False); else a converted copy."""
    target_device, target_dtype = _parse_to(args, dict(kwargs), x)
    new_device = canonical(as_device(target_device)) if target_device is not None else x.device
    new_dtype = target_dtype or x.dtype
    if new_device == x.device and new_dtype is x.dtype and not copy:
        return x
    return _moved(x, new_device, new_dtype)


def _moved(x: Tensor, dev: device, dtype: D.dtype) -> Tensor:
    """A copy on ``dev`` in ``dtype``, differentiable: the gradient goes back to x's device (the engine casts
    it to x's dtype, keeping the real part for a real x)."""
    if dev.type != x.device.type:
        check_readable(x.device)
    result = make(np.array(values(x, dtype), copy=True), dtype, (x,), "ToCopyBackward0",
                  lambda g: (to(g, x.device),))
    result._device = canonical(dev)
    return result


def cpu(x: Tensor) -> Tensor:
    return to(x, "cpu")


def clone(x: Tensor, *, memory_format: Any = None) -> Tensor:
    return make(x._a.copy(), x.dtype, (x,), "CloneBackward0", lambda g: (g,))


def contiguous(x: Tensor, memory_format: Any = None) -> Tensor:
    return x if x.is_contiguous() else make(np.ascontiguousarray(x._a), x.dtype, (x,), "CloneBackward0",
                                            lambda g: (g,))


def copy_(x: Tensor, src: Any, non_blocking: bool = False) -> Tensor:
    """Copy src's values (broadcast) into x, casting to x's dtype; x keeps its device. A src that does not
    broadcast to x's shape raises RuntimeError (ops.inplace.copy-and-t, ops.inplace.self-cannot-grow)."""
    check_writable(x)
    source = src._a if isinstance(src, Tensor) else np.asarray(src)
    full = _ops.broadcast_shape(x._a.shape, source.shape)
    if full != x._a.shape:
        raise RuntimeError(f"output with shape {list(x._a.shape)} doesn't match the broadcast shape {list(full)}")
    x._a[...] = store(np.broadcast_to(source, x._a.shape), x.dtype)
    x._version[0] += 1
    return x


def conj(x: Tensor) -> Tensor:
    """The complex conjugate with the conjugate bit set, which numpy() refuses (numpy.numpy.conj-raises); a
    real x is returned as it is. PyTorch's result is a lazy view of x; NumPy has no conjugating view, so here
    the conjugated values are materialised and the bit only records where they came from."""
    if not x.is_complex():
        return x
    result = _ops.conj(x)
    result._conj = True
    return result


def resolve_conj(x: Tensor) -> Tensor:
    """x itself without the conjugate bit, else a copy of its values without it."""
    return clone(x) if x.is_conj() else x


def type_as(x: Tensor, other: Tensor) -> Tensor:
    return to(x, other.dtype)


def _cast(dtype: D.dtype) -> Any:
    def cast(x: Tensor, memory_format: Any = None) -> Tensor:
        return to(x, dtype)

    return cast


CASTS = {"float": D.float32, "double": D.float64, "half": D.float16, "bfloat16": D.bfloat16, "long": D.int64,
         "int": D.int32, "short": D.int16, "char": D.int8, "byte": D.uint8, "bool": D.bool_,
         "cfloat": D.complex64, "cdouble": D.complex128}
