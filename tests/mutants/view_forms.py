"""Mutants of the view ops' function forms (a function returning a copy instead of the view) and of the
``*_copy`` functions (returning the aliasing view, or the wrong elements)."""
from __future__ import annotations

from typing import Any, Callable

from tests.mutants import Mutant, replace
from tests.mutants._family import _off


def _copies(orig: Callable[..., Any]) -> Callable[..., Any]:
    def mutant(*args: Any, **kwargs: Any) -> Any:
        result = orig(*args, **kwargs)
        return tuple(t.clone() for t in result) if isinstance(result, (tuple, list)) else result.clone()
    return mutant


def _aliases(view: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def make(orig: Callable[..., Any]) -> Callable[..., Any]:
        import torch

        return getattr(torch, view)
    return make


def _wrong(orig: Callable[..., Any]) -> Callable[..., Any]:
    return lambda *a, **k: _off(orig(*a, **k))


MUTANTS = [
    Mutant("view-forms-transpose-copies", ("view.forms.functions",), replace("transpose", _copies)),
    Mutant("view-forms-unbind-copies", ("view.forms.functions",), replace("unbind", _copies)),
    Mutant("view-copy-permute-aliases", ("view.forms.copies",), replace("permute_copy", _aliases("permute"))),
    Mutant("view-copy-split-wrong-values", ("view.forms.copies",), replace("split_copy", _wrong)),
    Mutant("view-copy-narrow-method-aliases", ("view.forms.copies",),
           replace("Tensor.narrow_copy", lambda orig: lambda self, *a: self.narrow(*a))),
]
