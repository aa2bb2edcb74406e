"""The adapter a mutant run loads: the patched module named by $CONFORMANCE_MUTANT_BACKEND.

The runner has already patched it; $CONFORMANCE_MUTANT names the mutant for the report.
"""
from __future__ import annotations

import importlib
import os

from conformance.backend import Adapter

DEVICES = {"torch": ("cpu",), "reference": ("cpu", "fake")}


def adapter() -> Adapter:
    backend = os.environ.get("CONFORMANCE_MUTANT_BACKEND", "torch")
    module = importlib.import_module(backend)
    devices = DEVICES[backend]
    return Adapter(name=f"mutant:{os.environ.get('CONFORMANCE_MUTANT', '?')}", namespace=module,
                   version=module.__version__, devices=devices, device_available=lambda d: d in devices)
