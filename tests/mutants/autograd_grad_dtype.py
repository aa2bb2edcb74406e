"""Mutants of the gradient dtype: one that changes only the dtype of .grad, proving the value checks of
backward no longer assert it (they must pass) while the gradient-dtype check fails."""
from __future__ import annotations

from typing import Any

from tests.mutants import Mutant, replace


def _grad_in_double(descriptor: Any) -> property:
    """``.grad`` read back in float64 when it is float32: the same values, exactly, in another dtype."""

    def get(self: Any) -> Any:
        grad = descriptor.__get__(self)
        return grad.double() if grad is not None and str(grad.dtype) == "torch.float32" else grad

    return property(get, descriptor.__set__, descriptor.__delete__)


MUTANTS = [
    Mutant("float32-grad-read-as-float64", ("autograd.backward.grad-has-leaf-dtype",),
           replace("Tensor.grad", _grad_in_double),
           spares=("autograd.backward.tutorial-example", "autograd.backward.vector-jacobian-product",
                   "autograd.backward.accumulates", "autograd.hooks.register-hook")),
]
