"""Plain-Python oracles for the ops topic: PyTorch's documented type-promotion rules.

Written from ``docs/source/tensor_attributes.rst`` ("Type promotion") and the docstrings of
``promote_types`` / ``result_type`` / ``can_cast`` (spec facts 2.13-2.21), not from NumPy:
NumPy's rules differ for 0-dim arrays and Python scalars.

Dtypes are names (``"int32"``). The rule, as documented:

* categories, lowest to highest: bool < integral < floating < complex (2.13);
* operands fall in three priority groups: dimensioned tensors, 0-dim tensors, Python scalars.
  Within a group the result is the smallest dtype holding every member (``promote_types``, 2.16,
  2.17); a lower-priority group only matters when its category is *strictly higher* than the
  result of the groups above it (2.14, 2.15);
* a Python scalar counts as ``bool``, ``int64``, the default float dtype (``float32``) or the
  matching complex dtype (``complex64``) (2.14);
* a float result meeting a higher complex group keeps its own precision: ``float64`` + ``1j``
  is ``complex128`` (2.14).

Cases the documentation leaves open return ``None`` (:data:`UNSPECIFIED`) and checks skip them:
a half-precision float meeting a complex operand (PyTorch answers with the experimental
``complex32``), and a float meeting a 0-dim/scalar complex of *larger* precision (the general
sentence "hold all zero-dim operands of that category" and PyTorch's result disagree).
"""
from __future__ import annotations

from typing import Iterable, Sequence

from conformance import dtypes
from conformance.dtypes import DEFAULT_COMPLEX, DEFAULT_FLOAT, REDUCED_FLOAT_DTYPES, component_bits

UNSPECIFIED = None


def _complex_with(bits: int) -> str:
    """The complex dtype whose components have ``bits`` bits."""
    return dtypes.COMPLEX_OF_FLOAT[f"float{bits}"]


def category(dtype: str) -> int:
    """0 bool, 1 integral, 2 floating, 3 complex."""
    return dtypes.category_rank(dtype)


def promote_types(a: str, b: str) -> str:
    """The smallest dtype that holds both (documented ``torch.promote_types``; 2.16, 2.17)."""
    if a == b:
        return a
    ca, cb = category(a), category(b)
    if ca != cb:
        hi, lo = (a, b) if ca > cb else (b, a)
        if category(hi) == 3 and category(lo) == 2:
            return _complex_with(max(component_bits(hi), component_bits(lo), 32))
        return hi  # a higher category needs only its own size (long + float -> float32)
    if ca == 1:
        if "uint8" in (a, b):
            other = b if a == "uint8" else a
            return "int16" if other == "int8" else other  # uint8 + int8 needs 16 signed bits
        return a if component_bits(a) > component_bits(b) else b
    if ca == 2:
        if {a, b} == set(REDUCED_FLOAT_DTYPES):
            return "float32"  # neither holds the other
        return a if component_bits(a) > component_bits(b) else b
    return a if component_bits(a) > component_bits(b) else b


def promote_all(dtypes: Iterable[str]) -> str | None:
    result = None
    for d in dtypes:
        result = d if result is None else promote_types(result, d)
    return result


def scalar_dtype(value: object) -> str:
    """The dtype a Python scalar counts as (2.14)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return DEFAULT_FLOAT
    if isinstance(value, complex):
        return DEFAULT_COMPLEX
    raise TypeError(f"not a Python scalar: {value!r}")


def _combine(higher: str | None, lower: str | None) -> str | None:
    """``higher`` is the result of the higher-priority groups; ``lower`` of the next group."""
    if higher is None:
        return lower
    if lower is None:
        return higher
    if category(lower) <= category(higher):
        return higher  # the lower-priority group does not matter
    if category(lower) == 3 and category(higher) == 2:
        if higher in REDUCED_FLOAT_DTYPES or component_bits(higher) < component_bits(lower):
            return UNSPECIFIED
        return _complex_with(component_bits(higher))  # float64 + 1j -> complex128
    return lower


def result_type(dimensioned: Sequence[str] = (), zero_dim: Sequence[str] = (), scalars: Sequence[object] = ()) -> str | None:
    """The documented result dtype of an elementwise op on these operands (2.14-2.17).

    ``dimensioned`` / ``zero_dim``: dtype names of tensor operands with >= 1 dim / 0 dims;
    ``scalars``: Python scalars. ``None`` where the docs leave the case open.
    """
    lower = _combine(promote_all(zero_dim), promote_all(scalar_dtype(s) for s in scalars))
    if promote_all(zero_dim) is not None and scalars and lower is UNSPECIFIED:
        return UNSPECIFIED
    return _combine(promote_all(dimensioned), lower)


def can_cast(from_: str, to: str) -> bool:
    """Documented ``torch.can_cast`` / safe copy into ``out=`` and in-place: never to a lower category (2.6, 2.19, 2.21)."""
    return category(from_) <= category(to)


def broadcast_shape(a: Sequence[int], b: Sequence[int]) -> tuple[int, ...] | None:
    """The documented broadcast shape (2.8, 2.9), or ``None`` where the shapes are incompatible (2.10)."""
    n = max(len(a), len(b))
    pa, pb = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(pa, pb):
        if x != y and 1 not in (x, y):
            return None
        out.append(y if x == 1 else x)
    return tuple(out)
