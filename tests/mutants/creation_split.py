"""Mutants of the creation behaviours split out by the one-check-one-behaviour audit: fills and randn's dtype."""
from __future__ import annotations

import torch

from tests.mutants import Mutant, replace


def _zeroed(orig):
    def zeroed(*args, **kwargs):
        out = orig(*args, **kwargs)
        with torch.no_grad():  # results asked to require grad are leaves: zero them outside autograd
            out.zero_()
        return out
    return zeroed


def _without_dtype(orig):
    return lambda *args, dtype=None, **kwargs: orig(*args, **kwargs)


MUTANTS = [
    Mutant("ones-like-zero-filled", ("creation.like.fill-values",), replace("ones_like", _zeroed),
           spares=("creation.like.inherits",)),
    Mutant("new-ones-zero-filled", ("creation.new.fill-values",), replace("Tensor.new_ones", _zeroed),
           spares=("creation.new.inherits",)),
    Mutant("randn-ignores-dtype", ("creation.randn.shape-dtype",), replace("randn", _without_dtype)),
]
