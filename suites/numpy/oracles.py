"""Helpers for the NumPy-bridge checks: building tensors without the bridge, and the in-place
"bump" whose expected effect is computed in NumPy (add 1; logical not for bool).

Memory sharing is tested by writing through one object and reading through the other,
never through backend internals.
"""
from __future__ import annotations

from typing import Any

import numpy as np


def bumped(arr: np.ndarray) -> np.ndarray:
    """What ``bump`` leaves in an array holding ``arr`` (a new array; ``arr`` is untouched)."""
    return np.logical_not(arr) if arr.dtype == np.bool_ else arr + arr.dtype.type(1)


def bump_tensor(t: Any, dtype: str) -> None:
    """The in-place write through a tensor: ``add_(1)``, or ``logical_not_()`` for bool."""
    if dtype == "bool":
        t.logical_not_()
    else:
        t.add_(1)


def bump_array(a: np.ndarray) -> None:
    """The in-place write through an array: ``np.add(a, 1, out=a)`` (tutorial T21), or logical not for bool."""
    if a.dtype == np.bool_:
        np.logical_not(a, out=a)
    else:
        np.add(a, a.dtype.type(1), out=a)


def view_of(obj: Any, kind: str) -> Any:
    """The same non-contiguous view of a tensor or an array: first and last axes swapped, or every
    second element of the last axis."""
    if kind == "swap":
        return obj.transpose(0, obj.ndim - 1) if not isinstance(obj, np.ndarray) else np.swapaxes(obj, 0, obj.ndim - 1)
    return obj[..., ::2]
