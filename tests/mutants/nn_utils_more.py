"""Mutants of the rnn unpacking helpers (unpack_sequence, unpad_sequence, invert_permutation), get_total_norm,
clip_grads_with_norm_, the batch-norm fusion helpers and skip_init."""
from __future__ import annotations

import copy

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


def _utils(name: str, behaviour: str, target: str, make) -> Mutant:
    return Mutant(f"utils-{name}", (f"nn.utils.{behaviour}",), replace(f"nn.utils.{target}", make))


def _bn_bias_dropped(orig):
    return lambda w, b, rm, rv, eps, bn_w, bn_b, *a, **k: orig(w, b, rm, rv, eps, bn_w, bn_b * 0, *a, **k)


MUTANTS += [
    _utils("total-norm-always-l2", "get-total-norm", "get_total_norm",
           lambda orig: lambda tensors, norm_type=2.0, *a, **k: orig(tensors, 2.0, *a, **k)),
    _utils("clip-with-norm-doubles-total", "clip-grads-with-norm", "clip_grads_with_norm_",
           lambda orig: lambda parameters, max_norm, total_norm, **k: orig(parameters, max_norm, total_norm * 2, **k)),
    _utils("fuse-conv-weights-no-bn-bias", "fuse-bn-weights", "fuse_conv_bn_weights", _bn_bias_dropped),
    _utils("fuse-linear-weights-no-bn-bias", "fuse-bn-weights", "fuse_linear_bn_weights", _bn_bias_dropped),
    _utils("fuse-conv-eval-unfused-copy", "fuse-bn-eval", "fuse_conv_bn_eval",
           lambda orig: lambda conv, bn, *a, **k: copy.deepcopy(conv)),
    _utils("fuse-linear-eval-unfused-copy", "fuse-bn-eval", "fuse_linear_bn_eval",
           lambda orig: lambda linear, bn: copy.deepcopy(linear)),
    _utils("skip-init-drops-kwargs", "skip-init", "skip_init",
           lambda orig: lambda module_cls, *args, **kwargs: orig(module_cls, *args)),
]
