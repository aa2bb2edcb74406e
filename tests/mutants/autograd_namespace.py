"""Mutants of the torch.autograd spellings (the torch.* names stay intact): each breaks one of them."""
from __future__ import annotations

import contextlib

from tests.mutants import Mutant, replace


def _mutant(name: str, behaviour: str, target: str, make) -> Mutant:
    return Mutant(f"autograd-namespace-{name}", (f"autograd.namespace.{behaviour}",), replace(f"autograd.{target}", make))


MUTANTS = [
    _mutant("no-grad-no-op", "no-grad", "no_grad", lambda orig: contextlib.nullcontext),
    _mutant("enable-grad-no-op", "enable-grad", "enable_grad", lambda orig: contextlib.nullcontext),
    _mutant("set-grad-enabled-always-on", "set-grad-enabled", "set_grad_enabled", lambda orig: lambda mode: orig(True)),
    _mutant("inference-mode-off", "inference-mode", "inference_mode", lambda orig: lambda mode=True: orig(False)),
    _mutant("backward-first-only", "backward", "backward",
            lambda orig: lambda tensors, grad_tensors=None, **kw: orig(tensors[:1], grad_tensors[:1], **kw)),
    _mutant("set-detect-anomaly-off", "set-detect-anomaly", "set_detect_anomaly",
            lambda orig: lambda mode, check_nan=True: orig(False)),
]
