"""Mutants of the creation behaviours split out by the one-check-one-behaviour audit: fills and randn's dtype."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _zeroed(orig):
    return lambda *args, **kwargs: orig(*args, **kwargs).zero_()


def _without_dtype(orig):
    return lambda *args, dtype=None, **kwargs: orig(*args, **kwargs)


MUTANTS = [
    Mutant("ones-like-zero-filled", ("creation.like.fill-values",), replace("ones_like", _zeroed)),
    Mutant("new-ones-zero-filled", ("creation.new.fill-values",), replace("Tensor.new_ones", _zeroed)),
    Mutant("randn-ignores-dtype", ("creation.randn.shape-dtype",), replace("randn", _without_dtype)),
]
