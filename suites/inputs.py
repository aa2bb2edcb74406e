"""Building check inputs on the backend, shared by every topic: the one tensor builder.

Inputs are made from plain Python lists, so no check's input depends on the feature it
tests (the NumPy bridge, views, ...). Three kinds: plain tensors (``tensor_of``), leaves that
require grad (``leaf``) and the float64 parameters an optimizer steps (``parameter``).
"""
from __future__ import annotations

from typing import Any

import numpy as np


def tensor_of(xp: Any, array: Any, dtype: str | None = None, *, device: str | None = None,
              requires_grad: bool = False) -> Any:
    """A fresh, contiguous backend tensor with ``array``'s shape and values, in ``dtype``
    (by default the array's own dtype name), on ``device`` (by default the backend's)."""
    array = np.asarray(array)
    dtype = dtype or array.dtype.name
    kwargs: dict[str, Any] = {"dtype": getattr(xp, dtype)}
    if device is not None:
        kwargs["device"] = device
    if requires_grad:
        kwargs["requires_grad"] = True
    if array.size == 0:
        return xp.zeros(array.shape, **kwargs)
    return xp.tensor(array.tolist(), **kwargs)


def leaf(xp: Any, array: Any, requires_grad: bool = True, dtype: str = "float64") -> Any:
    """A user-created backend tensor with ``array``'s values (a leaf), requiring grad by default."""
    return tensor_of(xp, array, dtype, requires_grad=requires_grad)


def parameter(xp: Any, values: Any, device: str = "cpu") -> Any:
    """A float64 leaf tensor that requires grad on ``device``: what an optimizer optimizes."""
    return tensor_of(xp, values, "float64", device=device, requires_grad=True)
