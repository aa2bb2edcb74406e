"""Mutants of nn.utils and nn.utils.rnn: an ignored option, a one-sided clamp, a wrong order."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _mutant(name: str, behaviour: str, target: str, make) -> Mutant:
    return Mutant(f"utils-{name}", (f"nn.utils.{behaviour}",), replace(f"nn.utils.{target}", make))


MUTANTS = [
    _mutant("clip-norm-ignores-norm-type", "clip-grad-norm", "clip_grad_norm_",
            lambda orig: lambda parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None:
            orig(parameters, max_norm)),
    _mutant("clip-norm-never-raises", "clip-grad-norm-nonfinite", "clip_grad_norm_",
            lambda orig: lambda parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None:
            orig(parameters, max_norm, norm_type)),
    _mutant("clip-value-upper-only", "clip-grad-value", "clip_grad_value_",
            lambda orig: lambda parameters, clip_value, foreach=None:
            [p.grad.clamp_(max=clip_value) for p in parameters if p.grad is not None] and None),
    _mutant("parameters-to-vector-reversed", "parameters-vector", "parameters_to_vector",
            lambda orig: lambda parameters: orig(list(parameters)[::-1])),
    _mutant("pad-sequence-ignores-side", "rnn.pad-sequence", "rnn.pad_sequence",
            lambda orig: lambda sequences, batch_first=False, padding_value=0.0, padding_side="right":
            orig(sequences, batch_first, padding_value)),
    _mutant("pack-padded-ignores-batch-first", "rnn.pack-padded-sequence", "rnn.pack_padded_sequence",
            lambda orig: lambda input, lengths, batch_first=False, enforce_sorted=True:
            orig(input, lengths, False, enforce_sorted)),
    _mutant("pack-sequence-reversed", "rnn.pack-sequence", "rnn.pack_sequence",
            lambda orig: lambda sequences, enforce_sorted=True: orig(list(sequences)[::-1], enforce_sorted)),
    _mutant("pad-packed-ignores-total-length", "rnn.pad-packed-sequence", "rnn.pad_packed_sequence",
            lambda orig: lambda sequence, batch_first=False, padding_value=0.0, total_length=None:
            orig(sequence, batch_first, padding_value)),
]
