"""Mutants of torch.autograd.functional (catalogue autograd/functional.toml)."""
from __future__ import annotations

from typing import Any

from tests.mutants import Mutant, replace


def _product_scaled(orig: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        value, product = orig(*args, **kwargs)
        return value, product * 2
    return wrapper


def _swapped(other: str) -> Any:
    """vjp answering as jvp, or the reverse (the Jacobians of the checks are not symmetric)."""
    def make(orig: Any) -> Any:
        import torch.autograd.functional as F
        return lambda func, inputs, v=None, **kwargs: getattr(F, other)(func, inputs, v, **kwargs)
    return make


MUTANTS = [
    Mutant("jacobian-transposed", ("autograd.functional.jacobian",),
           replace("autograd.functional.jacobian", lambda orig: lambda *a, **k: orig(*a, **k).mT)),
    Mutant("hessian-halved", ("autograd.functional.hessian",),
           replace("autograd.functional.hessian", lambda orig: lambda *a, **k: orig(*a, **k) / 2)),
    Mutant("vjp-is-jvp", ("autograd.functional.vjp",), replace("autograd.functional.vjp", _swapped("jvp"))),
    Mutant("jvp-is-vjp", ("autograd.functional.jvp",), replace("autograd.functional.jvp", _swapped("vjp"))),
    Mutant("hvp-product-doubled", ("autograd.functional.hvp",), replace("autograd.functional.hvp", _product_scaled)),
    Mutant("vhp-product-doubled", ("autograd.functional.vhp",), replace("autograd.functional.vhp", _product_scaled)),
]
