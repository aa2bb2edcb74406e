"""Mutants of nn.init: a wrong gain, a swapped fan, an ignored option, an unseeded draw."""
from __future__ import annotations

import math

import torch

from tests.mutants import Mutant, replace

init = torch.nn.init


def _mutant(name: str, behaviour: str, target: str, make) -> Mutant:
    return Mutant(f"init-{name}", (f"nn.init.{behaviour}",), replace(f"nn.init.{target}", make))


def _unseeded(orig):
    """Reseeds the global generator from the OS before drawing: repeats differ under one manual_seed."""
    def init_(tensor, *args, **kwargs):
        torch.seed()
        return orig(tensor, *args, **kwargs)
    return init_


def _constant_twice(orig):
    return lambda tensor, val: orig(tensor, 2 * val)


def _dirac_ignores_groups(orig):
    return lambda tensor, groups=1: orig(tensor)


MUTANTS = [
    _mutant("tanh-gain-one", "calculate-gain", "calculate_gain", lambda orig: lambda nonlinearity, param=None:
            1.0 if nonlinearity == "tanh" else orig(nonlinearity, param)),
    _mutant("zeros-fills-ones", "zeros", "zeros_", lambda orig: lambda tensor: init.ones_(tensor)),
    _mutant("ones-returns-copy", "ones", "ones_", lambda orig: lambda tensor: orig(tensor.clone())),
    _mutant("constant-doubles", "constant", "constant_", _constant_twice),
    _mutant("eye-transposed-fill", "eye", "eye_", lambda orig: lambda tensor: tensor.copy_(torch.ones_like(tensor)
                                                                                          .triu())),
    _mutant("dirac-ignores-groups", "dirac", "dirac_", _dirac_ignores_groups),
    _mutant("uniform-ignores-bounds", "uniform", "uniform_", lambda orig: lambda tensor, a=0.0, b=1.0, generator=None:
            orig(tensor)),
    _mutant("normal-ignores-std", "normal", "normal_", lambda orig: lambda tensor, mean=0.0, std=1.0, generator=None:
            orig(tensor, mean)),
    _mutant("xavier-uniform-ignores-gain", "xavier-uniform", "xavier_uniform_",
            lambda orig: lambda tensor, gain=1.0, generator=None: orig(tensor)),
    _mutant("xavier-normal-fan-in-only", "xavier-normal", "xavier_normal_",
            lambda orig: lambda tensor, gain=1.0, generator=None: init.normal_(
                tensor, 0.0, gain * math.sqrt(1.0 / tensor[0].numel()))),
    _mutant("kaiming-uniform-ignores-mode", "kaiming-uniform", "kaiming_uniform_",
            lambda orig: lambda tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None:
            orig(tensor, a, "fan_in", nonlinearity)),
    _mutant("kaiming-normal-ignores-nonlinearity", "kaiming-normal", "kaiming_normal_",
            lambda orig: lambda tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None:
            orig(tensor, a, mode)),
    _mutant("trunc-normal-relative-bounds", "trunc-normal", "trunc_normal_",
            lambda orig: lambda tensor, mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None:
            orig(tensor, mean, std, mean + a * std, mean + b * std)),
    _mutant("orthogonal-ignores-gain", "orthogonal", "orthogonal_",
            lambda orig: lambda tensor, gain=1, generator=None: orig(tensor)),
    _mutant("normal-unseeded", "seeded", "normal_", _unseeded),
]
