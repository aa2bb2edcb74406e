"""default_collate and default_convert: how samples become batches (data.collate.tensors,
data.collate.numpy-arrays, data.collate.numbers, data.collate.strings, data.collate.mappings,
data.collate.namedtuples, data.collate.sequences, data.collate.errors, data.loader.no-auto-batching).
"""
from __future__ import annotations

import collections.abc
from typing import Any, Sequence

import numpy as np

from reference import _dtype as D
from reference._creation import tensor
from reference._joining import stack
from reference._numpy_bridge import from_numpy
from reference._tensor import Tensor

_STRING_KINDS = "SaUO"
"""NumPy dtype kinds (bytes, str, object) that hold no numbers and so cannot become tensors."""


def _is_namedtuple(value: Any) -> bool:
    return isinstance(value, tuple) and hasattr(value, "_fields")


def _rebuilt(like: Any, values: Any) -> Any:
    """``type(like)(values)`` when that type can be built from them, else the plain values."""
    try:
        return type(like)(values)
    except TypeError:
        return values


def _from_array(array: np.ndarray) -> Tensor:
    """A tensor of the array's dtype (copied only when its strides are negative, which tensors cannot have)."""
    return from_numpy(array if all(s >= 0 for s in array.strides) else array.copy())


def _collate_array(batch: Sequence[np.ndarray]) -> Tensor:
    if batch[0].dtype.kind in _STRING_KINDS:
        raise TypeError(f"default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; "
                        f"found arrays of dtype {batch[0].dtype}")
    return stack([_from_array(a) for a in batch])


def _collate_sequences(batch: Sequence[Sequence[Any]]) -> Any:
    """Transpose the batch and collate each position; every sample must have the same length."""
    if len({len(sample) for sample in batch}) > 1:
        raise RuntimeError("each element in list of batch should be of equal size")
    columns = [default_collate(list(column)) for column in zip(*batch)]
    return columns if isinstance(batch[0], tuple) else _rebuilt(batch[0], columns)


def default_collate(batch: Sequence[Any]) -> Any:
    """Merge a list of samples into a batch, by the type of the first sample:

    tensors stack along a new dim 0 (RuntimeError for unequal shapes); NumPy arrays stack into a tensor
    of their dtype; Python ints/floats/bools give int64/float64/bool tensors and NumPy scalars a tensor
    of their dtype; str and bytes stay a list; mappings, namedtuples and other sequences are collated
    field by field (tuples and lists giving a list). Anything else raises TypeError.
    """
    elem = batch[0]
    if isinstance(elem, Tensor):
        return stack(batch)
    if isinstance(elem, np.ndarray):
        return _collate_array(batch)
    if isinstance(elem, (np.number, np.bool_)):
        return from_numpy(np.array(batch))
    if isinstance(elem, bool):
        return tensor(batch, dtype=D.bool_)
    if isinstance(elem, int):
        return tensor(batch, dtype=D.int64)
    if isinstance(elem, float):
        return tensor(batch, dtype=D.float64)
    if isinstance(elem, (str, bytes)):
        return list(batch)
    if isinstance(elem, collections.abc.Mapping):
        return _rebuilt(elem, {key: default_collate([sample[key] for sample in batch]) for key in elem})
    if _is_namedtuple(elem):
        return type(elem)(*(default_collate(list(column)) for column in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        return _collate_sequences(batch)
    raise TypeError(f"default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; "
                    f"found {type(elem)}")


def default_convert(data: Any) -> Any:
    """One sample without batching: NumPy arrays (of numbers) and scalars become tensors of their dtype,
    containers are converted element-wise (tuples giving lists), everything else is returned unchanged."""
    if isinstance(data, np.ndarray):
        return data if data.dtype.kind in _STRING_KINDS else _from_array(data)
    if isinstance(data, (np.number, np.bool_)):
        return from_numpy(np.array(data))
    if isinstance(data, collections.abc.Mapping):
        return _rebuilt(data, {key: default_convert(value) for key, value in data.items()})
    if _is_namedtuple(data):
        return type(data)(*(default_convert(value) for value in data))
    if isinstance(data, tuple):
        return [default_convert(value) for value in data]
    if isinstance(data, collections.abc.Sequence) and not isinstance(data, (str, bytes)):
        return _rebuilt(data, [default_convert(value) for value in data])
    return data

