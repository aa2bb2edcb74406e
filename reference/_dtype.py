"""Dtypes, their legacy tensor-type names, the default float dtype and the documented
type-promotion rules (ops.promotion.*, creation.dtypes.*, creation.default-dtype.*).

A dtype is a named object wrapping the NumPy dtype that stores its values. bfloat16 has
no NumPy dtype: it is stored as float32 and rounded to bfloat16's 8-bit mantissa on write.
"""
from __future__ import annotations

import numpy as np


class dtype:
    """A tensor element type: ``reference.float32``."""

    __slots__ = ("name", "np", "category", "bits", "is_signed")

    def __init__(self, name: str, np_name: str, category: int, bits: int, is_signed: bool) -> None:
        self.name, self.np, self.category, self.bits, self.is_signed = name, np.dtype(np_name), category, bits, is_signed

    @property
    def is_floating_point(self) -> bool:
        return self.category == FLOAT

    @property
    def is_complex(self) -> bool:
        return self.category == COMPLEX

    @property
    def itemsize(self) -> int:
        return self.bits // 8 * (2 if self.category == COMPLEX else 1) if self.name != "bool" else 1

    def __repr__(self) -> str:
        return f"reference.{self.name}"

    def __reduce__(self) -> str:
        return self.name  # pickles as the module-level singleton


BOOL, INT, FLOAT, COMPLEX = 0, 1, 2, 3

bool_ = dtype("bool", "bool", BOOL, 8, False)
uint8 = dtype("uint8", "uint8", INT, 8, False)
int8 = dtype("int8", "int8", INT, 8, True)
int16 = dtype("int16", "int16", INT, 16, True)
int32 = dtype("int32", "int32", INT, 32, True)
int64 = dtype("int64", "int64", INT, 64, True)
float16 = dtype("float16", "float16", FLOAT, 16, True)
bfloat16 = dtype("bfloat16", "float32", FLOAT, 16, True)
float32 = dtype("float32", "float32", FLOAT, 32, True)
float64 = dtype("float64", "float64", FLOAT, 64, True)
complex64 = dtype("complex64", "complex64", COMPLEX, 32, True)
complex128 = dtype("complex128", "complex128", COMPLEX, 64, True)

ALL = (bool_, uint8, int8, int16, int32, int64, float16, bfloat16, float32, float64, complex64, complex128)
BY_NAME = {d.name: d for d in ALL}
ALIASES = {"float": float32, "double": float64, "half": float16, "long": int64, "int": int32, "short": int16,
           "cfloat": complex64, "cdouble": complex128}
_FROM_NUMPY = {d.np: d for d in ALL if d is not bfloat16}
LEGACY_NAMES = {bool_: "BoolTensor", uint8: "ByteTensor", int8: "CharTensor", int16: "ShortTensor",
                int32: "IntTensor", int64: "LongTensor", float16: "HalfTensor", bfloat16: "BFloat16Tensor",
                float32: "FloatTensor", float64: "DoubleTensor", complex64: "ComplexFloatTensor",
                complex128: "ComplexDoubleTensor"}
"""The legacy CPU tensor type of each dtype, as ``Tensor.type()`` names it (creation.dtypes.legacy-type-names)."""

_default_float = [float32]


def get_default_dtype() -> dtype:
    return _default_float[0]


def set_default_dtype(d: dtype) -> None:
    """Only floating dtypes may be the default (creation.default-dtype.*)."""
    if not isinstance(d, dtype) or d.category != FLOAT:
        raise TypeError(f"only floating-point types are supported as the default type, got {d}")
    _default_float[0] = d


def default_complex() -> dtype:
    return complex128 if get_default_dtype() is float64 else complex64


def from_numpy_dtype(np_dtype: np.dtype) -> dtype:
    try:
        return _FROM_NUMPY[np.dtype(np_dtype)]
    except KeyError:
        raise TypeError(f"can't convert np.ndarray of type {np.dtype(np_dtype)}; the supported types are: "
                        + ", ".join(sorted(d.name for d in _FROM_NUMPY.values()))) from None


def round_bfloat16(values: np.ndarray) -> np.ndarray:
    """Round float32 values to the nearest bfloat16 (round half to even on the dropped 16 bits)."""
    bits = np.ascontiguousarray(values, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return rounded.astype(np.uint32).view(np.float32).reshape(np.shape(values))


def promote_types(a: dtype, b: dtype) -> dtype:
    """The smallest dtype holding both (ops.promotion.promote-types)."""
    if a is b:
        return a
    if a.category != b.category:
        hi, lo = (a, b) if a.category > b.category else (b, a)
        if hi.category == COMPLEX and lo.category == FLOAT:
            return complex128 if max(hi.bits, lo.bits) == 64 else complex64
        return hi
    if a.category == INT and a.is_signed != b.is_signed:
        unsigned, signed = (a, b) if not a.is_signed else (b, a)
        return signed if signed.bits > unsigned.bits else int16
    if {a.name, b.name} == {"float16", "bfloat16"}:
        return float32
    return a if a.bits >= b.bits else b


def scalar_dtype(value: object) -> dtype:
    """The dtype a Python scalar counts as: bool, int64, the default float, the default complex."""
    if isinstance(value, (bool, np.bool_)):
        return bool_
    if isinstance(value, (int, np.integer)):
        return int64
    if isinstance(value, (float, np.floating)):
        return get_default_dtype()
    if isinstance(value, (complex, np.complexfloating)):
        return default_complex()
    raise TypeError(f"unsupported scalar {value!r}")


def _combine(higher: dtype | None, lower: dtype | None) -> dtype | None:
    """Let a lower-priority group matter only when its category is higher (ops.promotion.*). A complex
    lower group meeting a float keeps the float's precision; float16 would give complex32, which this backend
    lacks, so complex64 stands in."""
    if higher is None:
        return lower
    if lower is None or higher.category == COMPLEX:
        return higher
    if lower.category == COMPLEX:
        return (complex128 if higher.bits == 64 else complex64) if higher.category == FLOAT else lower
    if higher.category == FLOAT:
        return higher
    if higher.category == BOOL or lower.category == FLOAT:
        return promote_types(higher, lower)
    return higher


def result_type(*operands: object) -> dtype:
    """Promotion over dimensioned tensors, then 0-dim tensors, then Python scalars."""
    dims: dtype | None = None
    zeros: dtype | None = None
    scalars: dtype | None = None
    for op in operands:
        if hasattr(op, "dtype") and hasattr(op, "ndim") and isinstance(op.dtype, dtype):
            if op.ndim > 0:
                dims = op.dtype if dims is None else promote_types(dims, op.dtype)
            else:
                zeros = op.dtype if zeros is None else promote_types(zeros, op.dtype)
        else:
            d = scalar_dtype(op)
            scalars = d if scalars is None else promote_types(scalars, d)
    result = _combine(dims, _combine(zeros, scalars))
    assert result is not None
    return result


def can_cast(from_: dtype, to: dtype) -> bool:
    """Casting never lowers the category (bool < int < float < complex)."""
    return from_.category <= to.category
