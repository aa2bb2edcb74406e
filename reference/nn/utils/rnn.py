"""nn.utils.rnn (nn.utils.rnn.*): padding variable-length sequences and packing them time step
by time step in decreasing length (PackedSequence), and back."""
from __future__ import annotations

from typing import Any, NamedTuple, Sequence

import numpy as np

from reference import _dtype as D
from reference import _ops
from reference._tensor import Tensor

__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence", "pack_sequence", "pad_packed_sequence",
           "pad_sequence", "unpack_sequence", "unpad_sequence"]


class PackedSequence(NamedTuple):
    data: Tensor
    batch_sizes: Tensor
    sorted_indices: Tensor | None = None
    unsorted_indices: Tensor | None = None


def _int64(values: Any, like: Tensor) -> Tensor:
    return _ops.make(np.asarray(values, dtype=np.int64), D.int64, (like,))


def pad_sequence(sequences: Sequence[Tensor], batch_first: bool = False, padding_value: float = 0.0,
                 padding_side: str = "right") -> Tensor:
    """(T, B, *) (or (B, T, *)), each sequence at the start (right padding) or end (left) of its slot."""
    if padding_side not in ("left", "right"):
        raise ValueError(f"Expected padding_side to be one of left or right, but got {padding_side}.")
    longest = max(s.shape[0] for s in sequences)
    first = sequences[0]
    out = np.full((len(sequences), longest, *first._a.shape[1:]), padding_value, dtype=first._a.dtype)
    for i, s in enumerate(sequences):
        n = s.shape[0]
        if padding_side == "left":
            out[i, longest - n:] = s._a
        else:
            out[i, :n] = s._a
    return _ops.make(out if batch_first else out.swapaxes(0, 1), first.dtype, tuple(sequences))


def pack_padded_sequence(input: Tensor, lengths: Any, batch_first: bool = False,
                         enforce_sorted: bool = True) -> PackedSequence:
    lengths = np.asarray(lengths._a if isinstance(lengths, Tensor) else lengths, dtype=np.int64)
    padded = input._a if batch_first else input._a.swapaxes(0, 1)
    if enforce_sorted:
        if np.any(np.diff(lengths) > 0):
            raise RuntimeError("`lengths` array must be sorted in decreasing order when `enforce_sorted` is True.")
        order = np.arange(len(lengths))
    else:
        order = np.argsort(-lengths, kind="stable")
    steps = [padded[i, t] for t in range(int(lengths.max())) for i in order if lengths[i] > t]
    sizes = [int((lengths > t).sum()) for t in range(int(lengths.max()))]
    data = _ops.make(np.stack(steps), input.dtype, (input,))
    if enforce_sorted:
        return PackedSequence(data, _int64(sizes, input))
    return PackedSequence(data, _int64(sizes, input), _int64(order, input), _int64(np.argsort(order), input))


def pack_sequence(sequences: Sequence[Tensor], enforce_sorted: bool = True) -> PackedSequence:
    lengths = [s.shape[0] for s in sequences]
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def pad_packed_sequence(sequence: PackedSequence, batch_first: bool = False, padding_value: float = 0.0,
                        total_length: int | None = None) -> tuple[Tensor, Tensor]:
    """The padded batch in the original order and the lengths (int64)."""
    data, sizes = sequence.data._a, sequence.batch_sizes._a
    steps = len(sizes) if total_length is None else total_length
    if steps < len(sizes):
        raise ValueError(f"Expected total_length to be at least {len(sizes)}, but got {total_length}")
    batch = int(sizes[0])
    out = np.full((batch, steps, *data.shape[1:]), padding_value, dtype=data.dtype)
    lengths = np.zeros(batch, dtype=np.int64)
    start = 0
    for t, size in enumerate(sizes):
        out[:size, t] = data[start:start + size]
        lengths[:size] += 1
        start += size
    if sequence.unsorted_indices is not None:
        out, lengths = out[sequence.unsorted_indices._a], lengths[sequence.unsorted_indices._a]
    padded = _ops.make(out if batch_first else out.swapaxes(0, 1), sequence.data.dtype, (sequence.data,))
    return padded, _ops.make(lengths, D.int64, ())


def unpad_sequence(padded_sequences: Tensor, lengths: Any, batch_first: bool = False) -> list[Tensor]:
    """The i-th batch entry cut to its first lengths[i] steps."""
    batch = padded_sequences if batch_first else padded_sequences.transpose(0, 1)
    return [batch[i, :int(n)] for i, n in enumerate(np.asarray(lengths._a if isinstance(lengths, Tensor) else lengths))]


def unpack_sequence(packed_sequences: PackedSequence) -> list[Tensor]:
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)


def invert_permutation(permutation: Tensor | None) -> Tensor | None:
    """q with q[permutation[i]] = i, or None for None."""
    if permutation is None:
        return None
    return _int64(np.argsort(permutation._a, kind="stable"), permutation)
