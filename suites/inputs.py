"""Building check inputs on the backend, shared by every topic.

Inputs are made from plain Python lists, so no check's input depends on the feature it
tests (the NumPy bridge, views, ...).
"""
from __future__ import annotations

from typing import Any

import numpy as np


def tensor_of(xp: Any, array: Any, dtype: str | None = None) -> Any:
    """A fresh, contiguous backend tensor with ``array``'s shape and values, in ``dtype``
    (by default the array's own dtype name)."""
    array = np.asarray(array)
    dtype = dtype or array.dtype.name
    if array.size == 0:
        return xp.zeros(array.shape, dtype=getattr(xp, dtype))
    return xp.tensor(array.tolist(), dtype=getattr(xp, dtype))
