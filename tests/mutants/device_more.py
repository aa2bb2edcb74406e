"""Mutants of the devices-across-the-API family (device/more.toml). These behaviours need a second
device, which this CPU-only torch lacks: the mutants patch the reference backend (fake device)."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _ignores_device(orig):
    def bad(*a, device=None, **k):
        return orig(*a, **k)
    return bad


MUTANTS = [
    Mutant("ref-randperm-ignores-device", ("device.factory.device-everywhere",), replace("randperm", _ignores_device),
           backend="reference"),
    Mutant("ref-pin-memory-plain-copy", ("device.pin-memory.method",),
           replace("Tensor.pin_memory", lambda orig: lambda self: self.clone()), backend="reference"),
    Mutant("ref-set-default-device-ignored", ("device.default-device.accelerator",),
           replace("set_default_device", lambda orig: lambda device: None), backend="reference"),
]
