"""Mutants of the lazy modules: one lazy class of each behaviour stays lazy instead of becoming the regular class."""
from __future__ import annotations

from tests.mutants import Mutant, replace

MUTANTS = [
    Mutant(f"lazy-{name.lower()}-stays-lazy", (f"nn.layers.{behaviour}",),
           replace(f"nn.{name}.cls_to_become", lambda orig: None))
    for name, behaviour in (("LazyLinear", "lazy-linear"), ("LazyConvTranspose2d", "lazy-conv"),
                            ("LazyBatchNorm2d", "lazy-batchnorm"), ("LazyInstanceNorm3d", "lazy-instancenorm"))
]
