"""Mutants of the creation breadth family (creation/more.toml): one per behaviour."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _torch():
    import torch

    return torch


def _drop(name):
    """The call made without keyword ``name`` (its default used instead)."""
    def make(orig):
        def bad(*a, **k):
            k.pop(name, None)
            return orig(*a, **k)
        return bad
    return make


def _copy_false_ignored(orig):
    def bad(obj, **k):
        if k.get("copy") is False:
            k.pop("copy")
        return orig(obj, **k)
    return bad


def _always_copies(orig):
    return lambda obj, **k: orig(obj, **{**k, "copy": True})


def _ignores_stride(orig):
    return lambda size, stride, **k: _torch().empty(size, **k)


def _ignores_std(orig):
    def bad(mean, std=1.0, *a, **k):
        t = _torch()
        return orig(mean, t.ones_like(std) if isinstance(std, t.Tensor) else 1.0, *a, **k)
    return bad


def _uniform_weights(orig):
    return lambda input, *a, **k: orig(_torch().ones_like(input), *a, **k)


MUTANTS = [
    Mutant("logspace-ignores-base", ("creation.logspace.values",), replace("logspace", _drop("base"))),
    Mutant("empty-strided-ignores-stride", ("creation.empty-strided.size-stride",),
           replace("empty_strided", _ignores_stride)),
    Mutant("asarray-always-copies", ("creation.asarray.shares-memory",), replace("asarray", _always_copies)),
    Mutant("asarray-copy-true-ignored", ("creation.asarray.copy-true",), replace("asarray", _drop("copy"))),
    Mutant("asarray-copy-false-copies", ("creation.asarray.copy-false-raises",),
           replace("asarray", _copy_false_ignored)),
    Mutant("frombuffer-copies", ("creation.frombuffer.shares-memory",),
           replace("frombuffer", lambda orig: lambda *a, **k: orig(*a, **k).clone())),
    Mutant("complex-parts-swapped", ("creation.complex.from-parts",),
           replace("complex", lambda orig: lambda real, imag, **k: orig(imag, real, **k))),
    Mutant("polar-angle-negated", ("creation.polar.values",),
           replace("polar", lambda orig: lambda abs, angle, **k: orig(abs, -angle, **k))),
    Mutant("tril-indices-columns-first", ("creation.tril-triu-indices.row-major",),
           replace("tril_indices", lambda orig: lambda *a, **k: orig(*a, **k).flip(0))),
    Mutant("randperm-from-one", ("creation.randperm.permutation",),
           replace("randperm", lambda orig: lambda *a, **k: orig(*a, **k) + 1)),
    Mutant("normal-ignores-std", ("creation.normal.shapes-statistics",), replace("normal", _ignores_std)),
    Mutant("bernoulli-inverted", ("creation.bernoulli.values",),
           replace("bernoulli", lambda orig: lambda p, *a, **k: 1 - orig(p, *a, **k))),
    Mutant("multinomial-ignores-weights", ("creation.multinomial.samples",), replace("multinomial", _uniform_weights)),
    Mutant("poisson-rate-plus-one", ("creation.poisson.values",),
           replace("poisson", lambda orig: lambda rates, *a, **k: orig(rates + 1, *a, **k))),
    Mutant("randperm-ignores-generator", ("creation.random.more-reproducible",), replace("randperm", _drop("generator"))),
    Mutant("set-rng-state-ignored", ("creation.rng-state.restores",),
           replace("set_rng_state", lambda orig: lambda state: None)),
    Mutant("set-default-device-ignored", ("creation.default-device.set",),
           replace("set_default_device", lambda orig: lambda device: None)),
    Mutant("uniform-in-place-ignores-bounds", ("creation.sampling-in-place.fills-self",),
           replace("Tensor.uniform_", lambda orig: lambda self, *a, **k: orig(self))),
    Mutant("initial-seed-forgets", ("creation.random.initial-seed",), replace("initial_seed", lambda orig: lambda: 0)),
    Mutant("empty-permuted-contiguous", ("creation.empty-permuted.layout",),
           replace("empty_permuted", lambda orig: lambda size, layout, **k: _torch().empty(size, **k))),
]
