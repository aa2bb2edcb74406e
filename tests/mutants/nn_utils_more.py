"""Mutants of the rnn unpacking helpers (unpack_sequence, unpad_sequence, invert_permutation)."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _mutant(name: str, behaviour: str, target: str, make) -> Mutant:
    return Mutant(f"utils-{name}", (f"nn.utils.{behaviour}",), replace(f"nn.utils.rnn.{target}", make))


MUTANTS = [
    _mutant("unpack-sorted-order", "rnn.unpack-sequence", "unpack_sequence",
            lambda orig: lambda packed: sorted(orig(packed), key=len, reverse=True)),
    _mutant("unpad-keeps-padding", "rnn.unpad-sequence", "unpad_sequence",
            lambda orig: lambda padded, lengths, batch_first=False: list(padded if batch_first else padded.transpose(0, 1))),
    _mutant("invert-permutation-identity", "rnn.invert-permutation", "invert_permutation",
            lambda orig: lambda permutation: None if permutation is None else permutation.clone()),
]
