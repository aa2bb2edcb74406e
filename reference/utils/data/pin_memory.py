"""Pinning a batch's tensors (data.loader.pin-memory).

Page-locked host memory has no NumPy meaning: a pinned tensor is an ordinary CPU copy that
``is_pinned()`` reports as pinned (see ``Tensor.pin_memory`` in ``reference/_methods.py``).
"""
from __future__ import annotations

import collections.abc
from typing import Any

from reference._tensor import Tensor
from reference.utils.data.collate import _is_namedtuple, _rebuilt


def pin_memory(data: Any) -> Any:
    """Pin every tensor in a batch, through mappings, namedtuples and sequences (tuples giving lists)."""
    if isinstance(data, Tensor):
        return data.pin_memory()
    if isinstance(data, (str, bytes)):
        return data
    if isinstance(data, collections.abc.Mapping):
        return _rebuilt(data, {key: pin_memory(value) for key, value in data.items()})
    if _is_namedtuple(data):
        return type(data)(*(pin_memory(value) for value in data))
    if isinstance(data, tuple):
        return [pin_memory(value) for value in data]
    if isinstance(data, collections.abc.Sequence):
        return _rebuilt(data, [pin_memory(value) for value in data])
    if hasattr(data, "pin_memory"):
        return data.pin_memory()
    return data
