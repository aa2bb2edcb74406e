"""Mutants of the activations: each breaks one row's formula (a wrong slope, an ignored option,
an off-by-one branch) in nn.functional, which the modules call too."""
from __future__ import annotations

import torch

from tests.mutants import Mutant, replace


def _functional(name: str, broken):
    """Replace ``nn.functional.<name>`` by ``broken(orig)``; the row's behaviour must then fail."""
    return replace(f"nn.functional.{name}", broken)


def _mutant(row: str, name: str, broken) -> Mutant:
    return Mutant(f"activation-{row}-{name}", (f"nn.activations.{row}",), _functional(row_functional(row), broken))


def row_functional(row: str) -> str:
    return {"leakyrelu": "leaky_relu", "logsoftmax": "log_softmax"}.get(row, row)


MUTANTS = [
    _mutant("relu", "leaks", lambda orig: lambda input, inplace=False: torch.where(input > 0, input, 0.01 * input)),
    _mutant("relu6", "no-cap", lambda orig: lambda input, inplace=False: torch.relu(input)),
    _mutant("leakyrelu", "ignores-slope", lambda orig: lambda input, negative_slope=0.01, inplace=False: orig(input)),
    _mutant("prelu", "ignores-weight", lambda orig: lambda input, weight: orig(input, torch.full_like(weight, 0.25))),
    _mutant("elu", "ignores-alpha", lambda orig: lambda input, alpha=1.0, inplace=False: orig(input)),
    _mutant("selu", "no-scale", lambda orig: lambda input, inplace=False: orig(input) / 1.0507009873554805),
    _mutant("celu", "unscaled-exp", lambda orig: lambda input, alpha=1.0, inplace=False:
            torch.where(input > 0, input, alpha * torch.expm1(input))),
    _mutant("gelu", "ignores-approximate", lambda orig: lambda input, approximate="none": orig(input)),
    _mutant("silu", "is-sigmoid", lambda orig: lambda input, inplace=False: torch.sigmoid(input)),
    _mutant("mish", "tanh-of-x", lambda orig: lambda input, inplace=False: input * torch.tanh(input)),
    _mutant("softplus", "ignores-beta", lambda orig: lambda input, beta=1.0, threshold=20.0:
            orig(input, 1.0, threshold)),
    Mutant("activation-softplus-ignores-threshold", ("nn.activations.softplus",),
           _functional("softplus", lambda orig: lambda input, beta=1.0, threshold=20.0: orig(input, beta, 1e9))),
    _mutant("softsign", "squares", lambda orig: lambda input: input / (1 + input * input)),
    _mutant("hardtanh", "ignores-bounds", lambda orig: lambda input, min_val=-1.0, max_val=1.0, inplace=False:
            orig(input)),
    _mutant("hardsigmoid", "unclamped", lambda orig: lambda input, inplace=False: input / 6 + 0.5),
    _mutant("hardswish", "no-upper-branch", lambda orig: lambda input, inplace=False:
            input * torch.clamp(input + 3, min=0) / 6),
    _mutant("tanh", "halved", lambda orig: lambda input: orig(input / 2)),
    _mutant("sigmoid", "no-negation", lambda orig: lambda input: 1 / (1 + torch.exp(input))),
    _mutant("logsigmoid", "is-sigmoid", lambda orig: lambda input: torch.sigmoid(input)),
    _mutant("softmax", "ignores-dim", lambda orig: lambda input, dim=None, _stacklevel=3, dtype=None:
            orig(input, -1)),
    _mutant("logsoftmax", "unnormalised", lambda orig: lambda input, dim=None, _stacklevel=3, dtype=None: input),
    _mutant("softmin", "is-softmax", lambda orig: lambda input, dim=None, _stacklevel=3, dtype=None:
            torch.softmax(input, dim)),
    _mutant("threshold", "keeps-equal", lambda orig: lambda input, threshold, value, inplace=False:
            torch.where(input >= threshold, input, torch.full_like(input, value))),
    _mutant("glu", "swaps-halves", lambda orig: lambda input, dim=-1:
            orig(torch.cat(input.chunk(2, dim)[::-1], dim), dim)),
    _mutant("tanhshrink", "is-tanh", lambda orig: lambda input: torch.tanh(input)),
    _mutant("softshrink", "ignores-lambd", lambda orig: lambda input, lambd=0.5: orig(input)),
    _mutant("hardshrink", "keeps-equal", lambda orig: lambda input, lambd=0.5:
            torch.where(input.abs() >= lambd, input, 0.0)),
]
MUTANTS.append(Mutant("activation-leakyrelu-inplace-copies", ("nn.activations.inplace",), _functional(
    "leaky_relu", lambda orig: lambda input, negative_slope=0.01, inplace=False: orig(input, negative_slope))))
MUTANTS.append(Mutant("activation-elu-inplace-ignores-alpha", ("nn.activations.functional-inplace",), _functional(
    "elu_", lambda orig: lambda input, alpha=1.0: orig(input))))
