"""Mutants of the element-wise ops' extra call forms: alias methods and their in-place versions, the
augmented-assignment dunders (returning a copy instead of self) and the reflected dunders (wrong values).
The per-row wrong-values mutants of the new rows (add, sub, mul, floor_divide, positive) come from
tests/mutants/ops_elementwise.py."""
from __future__ import annotations

from tests.mutants import Mutant, replace
from tests.mutants.ops_elementwise import _alias_missing, _inplace_returns_copy, _method_wrong

INPLACE_COPIES = {
    "Tensor.arccos_": "ops.unary.acos", "Tensor.fix_": "ops.unary.trunc", "Tensor.clip_": "ops.binary.clamp",
    "Tensor.less_equal_": "ops.compare.bool-result", "Tensor.multiply_": "ops.binary.mul-forms",
    "Tensor.__iadd__": "ops.binary.add-forms", "Tensor.__isub__": "ops.binary.sub-forms",
    "Tensor.__itruediv__": "ops.binary.true-divide", "Tensor.__ifloordiv__": "ops.div.floor-divide-forms",
    "Tensor.__imod__": "ops.div.remainder-and-fmod", "Tensor.__ipow__": "ops.binary.pow",
    "Tensor.__ixor__": "ops.binary.bitwise-and-or-xor", "Tensor.__irshift__": "ops.binary.bitwise-shifts",
    "Tensor.igammac_": "ops.binary.igamma",
}
WRONG_METHODS = {
    "Tensor.greater": "ops.compare.bool-result", "Tensor.absolute": "ops.unary.abs", "Tensor.arctan2": "ops.binary.atan2",
    "Tensor.__rpow__": "ops.binary.pow", "Tensor.__rand__": "ops.binary.bitwise-and-or-xor",
    "Tensor.__rlshift__": "ops.binary.bitwise-shifts", "Tensor.__rmod__": "ops.div.remainder-and-fmod",
    "Tensor.__rtruediv__": "ops.binary.true-divide", "Tensor.__rfloordiv__": "ops.div.floor-divide-forms",
    "Tensor.__rsub__": "ops.binary.sub-forms", "Tensor.__pos__": "ops.unary.positive",
    "special.modified_bessel_i1": "ops.unary.special-i1", "special.gammaincc": "ops.binary.igamma",
}


def _slug(target: str) -> str:
    return target.removeprefix("Tensor.").strip("_").replace("_", "-").replace(".", "-")


MUTANTS: list[Mutant] = (
    [Mutant(f"forms-{_slug(t)}-inplace-returns-copy", (bid,), replace(t, _inplace_returns_copy))
     for t, bid in INPLACE_COPIES.items()]
    + [Mutant(f"forms-{_slug(t)}-wrong", (bid,), replace(t, _method_wrong)) for t, bid in WRONG_METHODS.items()]
    + [Mutant("forms-subtract-alias-missing", ("ops.binary.sub-forms",), replace("subtract", _alias_missing)),
       Mutant("forms-special-gammainc-missing", ("ops.binary.igamma",), replace("special.gammainc", _alias_missing)),
       Mutant("forms-tensor-positive-missing", ("ops.unary.positive",), replace("Tensor.positive", _alias_missing))]
)
