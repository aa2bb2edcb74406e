"""The single home of dtype knowledge: names, categories, NumPy mapping, bit widths, ranges,
tolerances and named dtype sets (array-api-tests' ``dtype_helpers.py`` is the model).

Dtypes are handled by *name* (``"int32"``): a check resolves a name on the backend with
``getattr(xp, name)`` and on NumPy with :func:`numpy_dtype`, so neither side is the oracle.

Checks that loop over or draw dtypes take them from :func:`supported`, which drops those the
adapter declares unsupported (``Adapter.unsupported_dtypes``) and records them: the plugin then
reports the check ``unsupported`` instead of ``passed``, naming what was not run.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import numpy as np
from _pytest.outcomes import Skipped  # pytest.skip.Exception, as a class type checkers accept as a base


@dataclass(frozen=True)
class DtypeInfo:
    """One dtype: ``category`` is bool, uint, int, float or complex; ``numpy`` the NumPy dtype name
    used to compute expectations (bfloat16 has none: float32 holds each of its values exactly)."""

    name: str
    category: str
    bits: int
    numpy: str

    @property
    def itemsize(self) -> int:
        """Bytes per element (``Tensor.element_size()``)."""
        return self.bits // 8

    @property
    def min(self) -> int | float:
        """The smallest finite value (integers exactly; floats as NumPy's finfo, bfloat16 by its format)."""
        if self.name == "bfloat16":
            return -BFLOAT16_MAX
        if self.category in ("uint", "int"):
            return int(np.iinfo(self.numpy).min)
        return False if self.category == "bool" else float(np.finfo(self.numpy).min)

    @property
    def max(self) -> int | float:
        if self.name == "bfloat16":
            return BFLOAT16_MAX
        if self.category in ("uint", "int"):
            return int(np.iinfo(self.numpy).max)
        return True if self.category == "bool" else float(np.finfo(self.numpy).max)


BFLOAT16_MAX = 3.3895313892515355e38

INFO: dict[str, DtypeInfo] = {d.name: d for d in (
    DtypeInfo("bool", "bool", 8, "bool"),
    DtypeInfo("uint8", "uint", 8, "uint8"),
    DtypeInfo("int8", "int", 8, "int8"),
    DtypeInfo("int16", "int", 16, "int16"),
    DtypeInfo("int32", "int", 32, "int32"),
    DtypeInfo("int64", "int", 64, "int64"),
    DtypeInfo("float16", "float", 16, "float16"),
    DtypeInfo("bfloat16", "float", 16, "float32"),
    DtypeInfo("float32", "float", 32, "float32"),
    DtypeInfo("float64", "float", 64, "float64"),
    DtypeInfo("complex64", "complex", 64, "complex64"),
    DtypeInfo("complex128", "complex", 128, "complex128"),
)}
"""Every dtype the suite knows, by name."""

INT_DTYPES = ("uint8", "int8", "int16", "int32", "int64")
FLOAT_DTYPES = ("float16", "float32", "float64")
"""Floating dtypes with a NumPy equivalent (bfloat16 is named separately: it has none)."""
COMPLEX_DTYPES = ("complex64", "complex128")
NUMERIC_DTYPES = INT_DTYPES + FLOAT_DTYPES
ALL_DTYPES = ("bool",) + NUMERIC_DTYPES + COMPLEX_DTYPES
"""Every dtype with a NumPy equivalent."""
REDUCED_FLOAT_DTYPES = ("float16", "bfloat16")
"""The half-precision floats: neither holds the other, so they promote to float32 (``promote_types``)."""
SIGNED_INT_DTYPES = ("int8", "int16", "int32", "int64")
"""Signed integers: the dtypes whose negative values and truncating/floor division the docs describe."""
INTEGRAL_DTYPES = ("bool",) + INT_DTYPES
"""bool and the integers: the inputs of bitwise ops, and the dtypes whose reductions accumulate in int64."""
FULL_FLOAT_DTYPES = ("float32", "float64")
"""Single and double precision: the floats every documented float op takes on the CPU (half-precision
support varies by op and is stated separately where documented)."""
REAL_DTYPES = ("bool",) + NUMERIC_DTYPES
"""Every non-complex dtype with a NumPy equivalent."""
GENERIC_DTYPES = ("int64",) + FULL_FLOAT_DTYPES
"""The default integer and the full floats: what a check of an op the docs give no dtype rule draws its
inputs in (one integer and one float path; the op's own dtype rules are checked separately)."""
SIGNED_DTYPES = SIGNED_INT_DTYPES + FULL_FLOAT_DTYPES
"""Signed integers and the full floats: dtypes holding negative values, where order and sign matter."""
CORE_DTYPES = INTEGRAL_DTYPES + FULL_FLOAT_DTYPES
"""bool, the integers and the full floats: the dtypes dtype-preserving ops (joining, reshaping, copying) are
drawn in; half precision and complex are left to the checks of their own documented rules."""
PROMOTION_DTYPES = tuple(INFO)
"""Every dtype of the documented type-promotion table (tensor_attributes.html), bfloat16 included."""
COMPLEX_OF_FLOAT = {"float16": "complex32", "float32": "complex64", "float64": "complex128"}
"""The complex dtype whose components are the given float (set_default_dtype's default complex dtype)."""
DEFAULT_FLOAT = "float32"
"""The initial default floating dtype (``torch.get_default_dtype``)."""
DEFAULT_COMPLEX = COMPLEX_OF_FLOAT[DEFAULT_FLOAT]
DEFAULT_INT = "int64"
"""The dtype of integer data given no dtype (``torch.tensor([1, 2])``, ``torch.arange(3)``)."""

TOLERANCES: dict[str, tuple[float, float]] = {
    "float16": (1e-3, 1e-5),
    "bfloat16": (1.6e-2, 1e-5),
    "float32": (1.3e-6, 1e-5),
    "float64": (1e-7, 1e-7),
    "complex64": (1.3e-6, 1e-5),
    "complex128": (1e-7, 1e-7),
}
"""torch.testing.assert_close's default (rtol, atol) per dtype name; integers and bool are exact."""
HALF_MATH_TOLERANCE = (4e-3, 1e-4)
"""float16 results of math functions within 4 units in the last place: PyTorch promises no rounding of
half-precision math functions, and computes some in float32, some in half."""


ALIASES = {"float": "float32", "double": "float64", "half": "float16", "long": "int64", "int": "int32",
           "short": "int16", "cfloat": "complex64", "cdouble": "complex128"}
"""The documented alternative names of dtypes (``torch.double is torch.float64``), from tensor_attributes.html."""
CAST_METHODS = {"float": "float32", "double": "float64", "half": "float16", "bfloat16": "bfloat16", "long": "int64",
                "int": "int32", "short": "int16", "char": "int8", "byte": "uint8", "bool": "bool",
                "cfloat": "complex64", "cdouble": "complex128"}
"""``Tensor.<method>()`` shorthand casts and the dtype each returns (``self.to(torch.<dtype>)``)."""
LEGACY_TENSOR_TYPES = {"float32": "FloatTensor", "float64": "DoubleTensor", "float16": "HalfTensor",
                       "int64": "LongTensor", "int32": "IntTensor", "int16": "ShortTensor", "int8": "CharTensor",
                       "uint8": "ByteTensor", "bool": "BoolTensor"}
"""The legacy CPU tensor type of each dtype (``Tensor.type()``), from the dtype table of tensors.html."""
LINALG_ATOL = {"float32": 3e-4, "float64": 1e-9, "complex128": 1e-9, "int64": 0.0}
"""Absolute tolerance of linear-algebra results per dtype: factorizations accumulate rounding over the matrix
(their outputs are compared as float64; integer results are exact)."""


def info(name: str) -> DtypeInfo:
    return INFO[name]


def numpy_dtype(name: str) -> np.dtype[Any]:
    """The NumPy dtype that computes expectations for ``name``."""
    return np.dtype(INFO[name].numpy)


def itemsize(name: str) -> int:
    """Bytes per element of ``name`` (``Tensor.element_size()``, ``Tensor.itemsize``)."""
    return INFO[name].itemsize


def is_integral(name: str) -> bool:
    return INFO[name].category in ("uint", "int")


def is_floating(name: str) -> bool:
    return INFO[name].category == "float"


def is_complex(name: str) -> bool:
    return INFO[name].category == "complex"


CATEGORY_RANK = {"bool": 0, "uint": 1, "int": 1, "float": 2, "complex": 3}
"""The documented order of categories for type promotion: bool < integral < floating < complex."""


def category_rank(name: str) -> int:
    """0 bool, 1 integral, 2 floating, 3 complex."""
    return CATEGORY_RANK[INFO[name].category]


def component_bits(name: str) -> int:
    """Bits of one component: a complex dtype's real part, any other dtype's whole value."""
    return INFO[name].bits // 2 if is_complex(name) else INFO[name].bits


def is_signed(name: str) -> bool:
    """``Tensor.is_signed()``: every dtype but bool and the unsigned integers."""
    return INFO[name].category not in ("bool", "uint")


def python_type(name: str) -> type:
    """The Python type ``Tensor.item()`` / ``tolist()`` give for elements of ``name``."""
    return {"bool": bool, "uint": int, "int": int, "float": float, "complex": complex}[INFO[name].category]


def default_for_kind(kind: str) -> str:
    """The dtype a check gives data of NumPy kind ``kind`` when it follows torch's defaults: bool for "b",
    int64 for signed integers ("i"), the default float for anything else."""
    return {"b": "bool", "i": DEFAULT_INT}.get(kind, DEFAULT_FLOAT)


def tolerance(name: str) -> tuple[float, float]:
    """(rtol, atol) for comparing values of dtype ``name``; (0, 0) means exact."""
    return TOLERANCES.get(name, (0.0, 0.0))


class Unsupported(Skipped):
    """Every dtype a check asked for is declared unsupported: the check is reported ``unsupported``.

    A skip exception to hypothesis, which then stops at once instead of shrinking an example that cannot
    run (the plugin reports it ``unsupported``, never ``skipped``)."""


_dropped: list[str] = []


def supported(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` without the dtypes the bound adapter declares unsupported; the dropped ones are
    recorded for the running check (so it cannot pass), and :class:`Unsupported` is raised if none is left."""
    from conformance.assertions import adapter  # the adapter is bound by the plugin at configure time

    wanted = tuple(names)
    missing = frozenset(adapter().unsupported_dtypes)
    kept = tuple(n for n in wanted if n not in missing)
    _dropped.extend(n for n in wanted if n in missing and n not in _dropped)
    if not kept:
        raise Unsupported(f"{adapter().name} declares every dtype this check needs unsupported: {', '.join(wanted)}")
    return kept


def require(*names: str) -> None:
    """Inside a hypothesis check, first thing: skip this example where it needs a dtype the adapter declares
    unsupported, recording it as not run (``@example`` pins bypass :func:`supported`'s drawing strategies)."""
    from hypothesis import reject

    from conformance.assertions import adapter

    missing = [n for n in names if n in adapter().unsupported_dtypes]
    if missing:
        _dropped.extend(n for n in missing if n not in _dropped)
        reject()


def start_check() -> None:
    """Forget the dtypes dropped by the previous check (the plugin calls this before each check)."""
    _dropped.clear()


def dropped() -> tuple[str, ...]:
    """The dtypes :func:`supported` dropped in the running check, in the order first asked for."""
    return tuple(_dropped)
