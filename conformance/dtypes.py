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

TOLERANCES: dict[str, tuple[float, float]] = {
    "float16": (1e-3, 1e-5),
    "bfloat16": (1.6e-2, 1e-5),
    "float32": (1.3e-6, 1e-5),
    "float64": (1e-7, 1e-7),
    "complex64": (1.3e-6, 1e-5),
    "complex128": (1e-7, 1e-7),
}
"""torch.testing.assert_close's default (rtol, atol) per dtype name; integers and bool are exact."""


def info(name: str) -> DtypeInfo:
    return INFO[name]


def numpy_dtype(name: str) -> np.dtype[Any]:
    """The NumPy dtype that computes expectations for ``name``."""
    return np.dtype(INFO[name].numpy)


def is_integral(name: str) -> bool:
    return INFO[name].category in ("uint", "int")


def is_floating(name: str) -> bool:
    return INFO[name].category == "float"


def is_complex(name: str) -> bool:
    return INFO[name].category == "complex"


def tolerance(name: str) -> tuple[float, float]:
    """(rtol, atol) for comparing values of dtype ``name``; (0, 0) means exact."""
    return TOLERANCES.get(name, (0.0, 0.0))


class Unsupported(Exception):
    """Every dtype a check asked for is declared unsupported: the check is reported ``unsupported``."""


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


def start_check() -> None:
    """Forget the dtypes dropped by the previous check (the plugin calls this before each check)."""
    _dropped.clear()


def dropped() -> tuple[str, ...]:
    """The dtypes :func:`supported` dropped in the running check, in the order first asked for."""
    return tuple(_dropped)
