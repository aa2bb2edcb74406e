"""Helpers for the view checks: building backend tensors from NumPy, and the memory-sharing protocol.

Memory sharing is observed only through the public API: write through one tensor with
``copy_`` and read the other back (never storage pointers or ``_is_view``).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from conformance.assertions import assert_values, expect, show
from suites.inputs import tensor_of


def as_list(result: Any) -> list[Any]:
    """An op's result as a list of tensors (split-like ops return a tuple)."""
    return list(result) if isinstance(result, (list, tuple)) else [result]


def assert_shares_memory(xp: Any, base: Any, shape: Sequence[int], views: list[Any],
                         maps: list[np.ndarray], *, call: str, dtype: str = "float64") -> None:
    """``views`` are views of ``base`` (values ``0..n-1`` row-major) reading the base positions ``maps``.

    1. each view holds the base elements its map names;
    2. after ``base.copy_(new)`` each view reads the new base values at those positions;
    3. after ``view.copy_(values)`` (for views whose map has no repeated position) the base
       holds those values at the mapped positions.
    """
    expect(len(views) == len(maps), call=call, expected=f"{len(maps)} tensors", got=f"{len(views)} tensors")
    n = int(np.prod(shape)) if len(shape) else 1
    current = np.arange(n, dtype=np.float64)
    for k, (view, index) in enumerate(zip(views, maps)):
        assert_values(view, current[index], call=f"{call}[{k}]", rtol=0, atol=0)

    current = 1000.0 + np.arange(n, dtype=np.float64)
    base.copy_(tensor_of(xp, current.reshape(shape), dtype))
    for k, (view, index) in enumerate(zip(views, maps)):
        assert_values(view, current[index], call=f"{call}[{k}] read after base.copy_(1000 + base)", rtol=0, atol=0)

    for k, (view, index) in enumerate(zip(views, maps)):
        if index.size == 0 or len(np.unique(index)) != index.size:
            continue  # nothing to write, or a self-overlapping view (writes would race)
        values = -1.0 - index.astype(np.float64) - 100000.0 * k
        view.copy_(tensor_of(xp, values, dtype))
        current[index] = values
        assert_values(base, current.reshape(shape), call=f"{call}[{k}].copy_({show(values)}), then reading the base",
                      rtol=0, atol=0)
