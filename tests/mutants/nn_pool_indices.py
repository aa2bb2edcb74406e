"""Mutants of the pools with indices and max_unpool: each pool returns zero indices, each unpool scatters with
the indices reversed along the last dim (the MaxUnpool layers call the function, so both break)."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _zero_indices(orig):
    def pool(*args, **kwargs):
        values, indices = orig(*args, **kwargs)
        return values, indices * 0
    return pool


MUTANTS = [
    *(Mutant(f"functional-{kind.replace('_', '-')}{n}d-with-indices-zero", (f"nn.functional.{behaviour}",),
             replace(f"nn.functional.{kind}{n}d_with_indices", _zero_indices))
      for kind, behaviour in (("max_pool", "max-pool-with-indices"),
                              ("adaptive_max_pool", "adaptive-max-pool-with-indices"))
      for n in (1, 2, 3)),
    *(Mutant(f"functional-max-unpool{n}d-indices-reversed", (f"nn.layers.maxunpool{n}d",),
             replace(f"nn.functional.max_unpool{n}d",
                     lambda orig: lambda input, indices, *a, **k: orig(input, indices.flip(-1), *a, **k)))
      for n in (1, 2, 3)),
]
