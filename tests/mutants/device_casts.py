"""Mutants of the remaining shorthand casts (suites/device/test_casts_more.py): a cast to the wrong dtype, and
a cast that copies when the dtype already matches."""
from __future__ import annotations

from tests.mutants import Mutant, replace

BID = ("device.casts.shorthand-more",)

MUTANTS = [
    Mutant("casts-char-gives-uint8", BID, replace("Tensor.char", lambda orig: lambda self, *a, **k: self.byte())),
    Mutant("casts-cdouble-always-copies", BID,
           replace("Tensor.cdouble", lambda orig: lambda self, *a, **k: orig(self, *a, **k).clone())),
]
