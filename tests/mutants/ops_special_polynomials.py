"""Mutants of torch.special's orthogonal polynomials (suites/ops/test_special_polynomials.py): each polynomial
off by one, one that drops its out= argument, and one evaluated one degree too low."""
from __future__ import annotations

from typing import Any, Callable

from tests.mutants import Mutant, replace
from tests.mutants.ops_elementwise import _ignores_out, _wrong_values

NAMES = [f"{prefix}chebyshev_polynomial_{kind}" for prefix in ("", "shifted_") for kind in "tuvw"] + [
    "hermite_polynomial_h", "hermite_polynomial_he", "laguerre_polynomial_l", "legendre_polynomial_p"]
BID = ("ops.binary.special-polynomials",)


def _degree_too_low(orig: Callable[..., Any]) -> Callable[..., Any]:
    return lambda x, n, **k: orig(x, (n - 1).clamp(min=0), **k)


MUTANTS = [Mutant(f"special-{name.replace('_', '-')}-wrong-values", BID, replace(f"special.{name}", _wrong_values))
           for name in NAMES] + [
    Mutant("special-legendre-ignores-out", BID, replace("special.legendre_polynomial_p", _ignores_out)),
    Mutant("special-hermite-he-degree-too-low", BID, replace("special.hermite_polynomial_he", _degree_too_low)),
]
