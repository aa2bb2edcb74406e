"""Declarative spec tables for element-wise ops: one small ``OpSpec`` row per op, one generic
protocol per aspect (values against a NumPy oracle, result dtype, in-place, ``out=``,
broadcasting, 0-d and empty inputs).

A row says only what the documentation says of its op: the NumPy oracle, the input dtypes
it accepts, the result-dtype rule, the value domain of each operand, the call forms it
documents. The protocols are the same for every row, so a new op is one row; the behaviour
a row verifies is attached where the table is parametrized
(``pytest.param(row, id=row.name, marks=check("ops.unary.sqrt"))``), and every failure names
the row's call and its inputs. Oracles compute on NumPy arrays in float64 (or, for ops with
integer results, in the result's own dtype) and never touch the backend.
"""
from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np
from hypothesis import Phase, settings, strategies as st

from conformance import dtypes
from conformance.dtypes import DEFAULT_FLOAT, REAL_DTYPES
from conformance.assertions import (assert_dtype, assert_same_object, assert_shape, assert_values, describe,
                                    expect, is_tensor)
from conformance.strategies import broadcastable_pair, shapes
from suites.inputs import tensor_of
from suites.ops.oracles import broadcast_shape, category, result_type

DRAWN = settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate))
"""Settings of the drawn protocols: a few examples per row (the rows' pinned values carry the edge cases),
and no shrinking: a failure already names the row, the call and its small inputs."""

ALL_VARIANTS = frozenset({"function", "method", "inplace", "out"})
"""The call forms a row can document: ``torch.f(x)``, ``x.f()``, ``x.f_()``, ``torch.f(x, out=o)``."""


# -- result-dtype rules (from the documented promotion rules, suites/ops/oracles.py) -----------
def promoted(*dtypes: str) -> str:
    """The promoted dtype of the tensor operands (same-ndim operands: ``promote_types``)."""
    return result_type(dimensioned=dtypes)


def float_result(*dtypes: str) -> str:
    """Float-valued ops: the promoted dtype, with bool and integers promoted to the default float."""
    d = promoted(*dtypes)
    return d if category(d) >= 2 else DEFAULT_FLOAT


def bool_result(*dtypes: str) -> str:
    return "bool"


def first_operand(*dtypes: str) -> str:
    """The dtype of ``input`` whatever the other operands (e.g. the shift ops' documented result)."""
    return dtypes[0]


# -- the row ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OpSpec:
    """One element-wise op as its documentation states it."""

    name: str
    """The function's dotted name under the namespace: ``"sqrt"``, ``"special.erfcx"``."""
    oracle: Callable[..., Any]
    """NumPy expectation from the operands' arrays (and the row's ``kwargs``)."""
    dtypes: tuple[str, ...] = REAL_DTYPES
    """Input dtypes the docs accept (every tensor operand takes each in turn)."""
    result: Callable[..., str] = float_result
    """The result dtype from the operands' dtypes."""
    domain: tuple[tuple[float, float], ...] = ((-4.0, 4.0),)
    """Per tensor operand, the closed range values are drawn from (its length is the arity)."""
    pinned: tuple[tuple[float, ...], ...] = ()
    """Per operand, values always checked (edge cases: NaN, -0.0, ties...); the operands broadcast."""
    kwargs: dict[str, Any] = field(default_factory=dict)
    """Extra keyword arguments of every call (``decimals=1``, ``rounding_mode="floor"``)."""
    variants: frozenset[str] = ALL_VARIANTS
    aliases: tuple[str, ...] = ()
    """Documented aliases, called as functions: ``"arccos"``, ``"special.expit"``."""
    operator: Callable[..., Any] | None = None
    """The Python operator documented for the op (``operator.invert``), if any."""
    operand_dtypes: tuple[str | None, ...] = ()
    """Per operand, a fixed dtype (``where``'s bool condition) instead of the row dtype; None keeps it."""
    label: str = ""
    """Test id when one op has several rows (``"round(decimals)"``); defaults to ``name``."""
    mixed: bool = True
    """Operands of two different accepted dtypes promote (False: the docs require one dtype)."""
    native: bool = False
    """The oracle computes in the operands' own dtype, not float64 (nextafter steps by that dtype's spacing)."""
    nonzero: tuple[int, ...] = ()
    """Operands that never hold 0 (integer division by zero raises): a drawn 0 becomes 1."""
    tolerance: dict[str, tuple[float, float]] = field(default_factory=dict)
    """(rtol, atol) per result dtype where the docs promise less than assert_close's defaults."""

    @property
    def id(self) -> str:
        return self.label or self.name

    @property
    def arity(self) -> int:
        return len(self.domain)

    def operand_dtype(self, i: int, dtype: str) -> str:
        fixed = self.operand_dtypes[i] if i < len(self.operand_dtypes) else None
        return fixed or dtype

    def dtypes_of(self, dtype: str) -> tuple[str, ...]:
        return tuple(self.operand_dtype(i, dtype) for i in range(self.arity))

    def result_dtype(self, dtype: str) -> str:
        return self.result(*self.dtypes_of(dtype))


def unary(name: str, oracle: Callable[..., Any], **fields: Any) -> OpSpec:
    return OpSpec(name, oracle, **fields)


def binary(name: str, oracle: Callable[..., Any], domain: tuple[float, float] = (-4.0, 4.0), **fields: Any) -> OpSpec:
    return OpSpec(name, oracle, domain=fields.pop("domains", (domain, domain)), **fields)


def having(table: list[Any], variant: str) -> list[Any]:
    """The table's rows (``pytest.param``s of OpSpecs) that document ``variant``."""
    return [row for row in table if variant in row.values[0].variants]


def broadcasting(table: list[Any]) -> list[Any]:
    """The table's rows with two or more tensor operands."""
    return [row for row in table if row.values[0].arity > 1]


def mixing(table: list[Any]) -> list[Any]:
    """The table's two-operand rows whose operands may differ in dtype."""
    return [row for row in table if row.values[0].arity == 2 and row.values[0].mixed and len(row.values[0].dtypes) > 1]


# -- inputs ----------------------------------------------------------------------------------------
def _int_range(dtype: str, low: float, high: float) -> tuple[int, int]:
    """The integers of ``dtype`` in [low, high], the range widened outward to whole numbers (so an
    open domain such as logit's (0, 1) gives its end points)."""
    lo, hi = int(np.floor(low)), int(np.ceil(high))
    if dtype == "bool":
        return max(lo, 0), min(hi, 1)
    info = np.iinfo(dtypes.numpy_dtype(dtype))
    return max(lo, int(info.min)), min(hi, int(info.max))


def grid(dtype: str, low: float, high: float, n: int = 7) -> np.ndarray:
    """A fixed spread of values of ``dtype`` across [low, high] (the deterministic protocols' input)."""
    if category(dtype) <= 1:
        lo, hi = _int_range(dtype, low, high)
        return np.unique(np.linspace(lo, hi, n).round()).astype(dtypes.numpy_dtype(dtype))
    return np.linspace(low, high, n).astype(dtypes.numpy_dtype(dtype))


def draw_operands(data: Any, op: OpSpec, shape: tuple[int, ...] | None = None) -> Callable[[str], list[np.ndarray]]:
    """Draw once, per operand, positions in [0, 1] of one drawn shape; the result maps them into each
    operand's domain for a given row dtype (rounded for integral dtypes), so one draw serves every dtype."""
    shape = shape if shape is not None else data.draw(shapes(0, 3, 0, 4), label="shape")
    size = int(np.prod(shape)) if shape else 1
    unit = st.lists(st.floats(0, 1), min_size=size, max_size=size)
    positions = [np.array(data.draw(unit, label=f"operand{i}"), dtype=np.float64).reshape(shape)
                 for i in range(op.arity)]

    def arrays(dtype: str) -> list[np.ndarray]:
        found = []
        for i, (u, (low, high), d) in enumerate(zip(positions, op.domain, op.dtypes_of(dtype))):
            if category(d) <= 1:
                lo, hi = _int_range(d, low, high)
                values = np.round(lo + u * (hi - lo))
            else:
                values = low + u * (high - low)
            found.append(_avoid_zero(op, i, values).astype(dtypes.numpy_dtype(d)))
        return found

    return arrays


def _avoid_zero(op: OpSpec, i: int, values: np.ndarray) -> np.ndarray:
    return np.where(values == 0, 1, values) if i in op.nonzero else values


def sample_operands(op: OpSpec, dtype: str) -> list[np.ndarray]:
    """Deterministic operands of one common 1-D shape: each operand's grid, then its pinned values."""
    columns = []
    for i, ((low, high), d) in enumerate(zip(op.domain, op.dtypes_of(dtype))):
        values = np.roll(_avoid_zero(op, i, grid(d, low, high)), 3 * i)  # operands pair off the diagonal
        if i < len(op.pinned) and category(d) >= 2:
            values = np.concatenate([values, np.array(op.pinned[i], dtype=np.float64).astype(dtypes.numpy_dtype(d))])
        columns.append(values)
    n = max(len(c) for c in columns)
    return [np.resize(c, n) for c in columns]


def pinned_operands(op: OpSpec, dtype: str) -> list[np.ndarray] | None:
    """The row's pinned edge values in ``dtype`` (None where the row pins none or the dtype is integral)."""
    if not op.pinned or any(category(d) < 2 for d in op.dtypes_of(dtype)):
        return None
    n = max(len(p) for p in op.pinned)
    return [np.resize(np.array(p, dtype=np.float64), n).astype(dtypes.numpy_dtype(d))
            for p, d in zip(op.pinned, op.dtypes_of(dtype))]


# -- calls -----------------------------------------------------------------------------------------
def resolve(xp: Any, dotted: str) -> Callable[..., Any]:
    target = xp
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


def method_names(op: OpSpec) -> list[str]:
    """The row's name and its plain aliases (``arccos``, not ``special.expit``): the documented Tensor
    methods (and, with an in-place variant, ``name_`` methods) of the row."""
    return [name for name in (op.name, *op.aliases) if "." not in name]


def forms(xp: Any, op: OpSpec) -> list[tuple[str, Callable[..., Any]]]:
    """(label, callable on the operand tensors) for every out-of-place form the row documents."""
    found = []
    if "function" in op.variants:
        for name in (op.name, *op.aliases):
            found.append((f"torch.{name}", lambda *t, _n=name: resolve(xp, _n)(*t, **op.kwargs)))
    if "method" in op.variants:
        for name in method_names(op):
            found.append((f"Tensor.{name}", lambda first, *rest, _n=name: getattr(first, _n)(*rest, **op.kwargs)))
    if op.operator is not None:
        found.append((f"operator.{op.operator.__name__}", op.operator))
        reflected = _reflected(op)
        if reflected is not None:
            found.append((f"Tensor.{reflected}", lambda first, second, _r=reflected: getattr(second, _r)(first)))
    return found


def _augmented(op: OpSpec) -> Callable[..., Any] | None:
    """The augmented-assignment operator of the row's binary operator (``operator.ipow`` for ``**``), if
    Python has one: exactly the arithmetic and bitwise operators, which also have reflected forms."""
    return getattr(operator, "i" + op.operator.__name__.rstrip("_"), None) if op.operator is not None else None


def _reflected(op: OpSpec) -> str | None:
    """The reflected dunder of the row's binary operator (``__rpow__``, called on the right operand)."""
    return f"__r{op.operator.__name__.rstrip('_')}__" if _augmented(op) is not None else None


def _tensors(xp: Any, op: OpSpec, arrays: Sequence[np.ndarray], dtype: str) -> list[Any]:
    return [tensor_of(xp, a, d) for a, d in zip(arrays, op.dtypes_of(dtype))]


def expected(op: OpSpec, arrays: Sequence[np.ndarray], dtype: str) -> np.ndarray:
    """The oracle on the operands, computed in float64 for float results (exact dtype otherwise)."""
    want = op.result_dtype(dtype)
    floating = category(want) >= 2 or any(category(d) >= 2 for d in op.dtypes_of(dtype))
    compute = np.float64 if floating and not op.native else None
    inputs = [a.astype(compute) if compute else a for a in arrays]
    with np.errstate(all="ignore"):
        result = np.asarray(op.oracle(*inputs, **op.kwargs))
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    if want == "bfloat16":
        return np.broadcast_to(result, shape).astype(np.float32)
    with np.errstate(all="ignore"):
        return np.broadcast_to(result, shape).astype(dtypes.numpy_dtype(want))


def _compare(got: Any, op: OpSpec, arrays: Sequence[np.ndarray], dtype: str, call: str) -> None:
    want = expected(op, arrays, dtype)
    expect(is_tensor(got), call=call, expected="a tensor", got=type(got).__name__)
    result = op.result_dtype(dtype)
    rtol, atol = op.tolerance.get(result, dtypes.HALF_MATH_TOLERANCE if result == "float16" else (None, None))
    assert_values(got, want, call=call, rtol=rtol, atol=atol, equal_nan=True)


# -- the protocols ---------------------------------------------------------------------------------
def row_dtypes(op: OpSpec) -> tuple[str, ...]:
    """The row's accepted dtypes the backend supports (the others, and a fixed operand dtype it lacks,
    are recorded as not run: the check is then reported unsupported)."""
    fixed = tuple(d for d in op.operand_dtypes if d is not None)
    if fixed:
        dtypes.supported(fixed)
    return dtypes.supported(op.dtypes)


def _one_dtype(op: OpSpec) -> str:
    """The dtype of the single-dtype protocols: float64 where the row accepts it, else its last dtype (one the
    backend lacks makes the check unsupported: the protocols' values are chosen for that dtype)."""
    return _supported_one(op, "float64" if "float64" in op.dtypes else op.dtypes[-1])


def _supported_one(op: OpSpec, dtype: str) -> str:
    """``dtype``, raising :class:`dtypes.Unsupported` (recorded) where the backend lacks it or a fixed operand dtype."""
    needed = tuple(d for d in op.operand_dtypes if d is not None) + (dtype,)
    if dtypes.supported(needed) != needed:
        raise dtypes.Unsupported(f"row {op.id} is checked in {', '.join(needed)}: {', '.join(dtypes.dropped())} declared unsupported")
    return dtype


def check_values(xp: Any, op: OpSpec, data: Any) -> None:
    """Every documented form, in every accepted dtype, on drawn values and the row's pinned ones."""
    drawn = draw_operands(data, op)
    for dtype in row_dtypes(op):
        cases = [drawn(dtype)]
        pinned = pinned_operands(op, dtype)
        if pinned is not None:
            cases.append(pinned)
        for arrays in cases:
            tensors = _tensors(xp, op, arrays, dtype)
            for label, fn in forms(xp, op):
                _compare(fn(*tensors), op, arrays, dtype, describe(label, *tensors, **op.kwargs))


def check_result_dtype(xp: Any, op: OpSpec) -> None:
    """The documented result dtype for each accepted input dtype, in every documented form."""
    for dtype in row_dtypes(op):
        arrays = sample_operands(op, dtype)
        for label, fn in forms(xp, op):
            tensors = _tensors(xp, op, arrays, dtype)
            assert_dtype(fn(*tensors), op.result_dtype(dtype), call=describe(label, *tensors, **op.kwargs))


def check_mixed_result_dtype(xp: Any, op: OpSpec) -> None:
    """Two operands of different accepted dtypes give the documented result dtype of the pair."""
    for first, second in itertools.permutations(row_dtypes(op), 2):
        arrays = [sample_operands(op, first)[0], sample_operands(op, second)[1]]
        n = min(len(a) for a in arrays)
        tensors = [tensor_of(xp, a[:n], d) for a, d in zip(arrays, (first, second))]
        call = describe(f"torch.{op.name}", *tensors, **op.kwargs)
        assert_dtype(resolve(xp, op.name)(*tensors, **op.kwargs), op.result(first, second), call=call)


def _own_dtype(op: OpSpec) -> str | None:
    """An accepted dtype whose result dtype is the input's own (in-place writes need one): float64 first."""
    for dtype in sorted(op.dtypes, key=lambda d: d != "float64"):
        if op.result_dtype(dtype) == op.operand_dtype(0, dtype):
            return _supported_one(op, dtype)
    return None


def check_inplace(xp: Any, op: OpSpec) -> None:
    """``x.f_(...)`` writes the result into x and returns x itself."""
    dtype = _own_dtype(op)
    if dtype is None:
        raise AssertionError(f"row {op.id} documents an in-place form but no dtype keeps its own dtype")
    arrays = sample_operands(op, dtype)
    for name in method_names(op):
        tensors = _tensors(xp, op, arrays, dtype)
        call = describe(f"Tensor.{name}_", *tensors, **op.kwargs)
        got = getattr(tensors[0], name + "_")(*tensors[1:], **op.kwargs)
        assert_same_object(got, tensors[0], call=call)
        _compare(tensors[0], op, arrays, dtype, call + "; then self")
    augmented = _augmented(op)
    if augmented is not None:
        tensors = _tensors(xp, op, arrays, dtype)
        call = describe(f"operator.{augmented.__name__}", *tensors)
        assert_same_object(augmented(*tensors), tensors[0], call=call)
        _compare(tensors[0], op, arrays, dtype, call + "; then self")


def check_out(xp: Any, op: OpSpec) -> None:
    """``f(..., out=o)`` writes the result into o and returns o itself."""
    dtype = _one_dtype(op)
    arrays = sample_operands(op, dtype)
    tensors = _tensors(xp, op, arrays, dtype)
    want = op.result_dtype(dtype)
    out = xp.zeros(arrays[0].shape, dtype=getattr(xp, want))
    call = describe(f"torch.{op.name}", *tensors, **op.kwargs) + f" with out=zeros({arrays[0].shape}, dtype={want})"
    got = resolve(xp, op.name)(*tensors, **op.kwargs, out=out)
    assert_same_object(got, out, call=call)
    _compare(out, op, arrays, dtype, call + "; then out")


def check_broadcasting(xp: Any, op: OpSpec, data: Any) -> None:
    """Operands of different, broadcastable shapes give the broadcast shape and values."""
    dtype = _one_dtype(op)
    first, second = data.draw(broadcastable_pair(max_dims=3, max_side=3), label="shapes")
    arrays = draw_operands(data, op, first)(dtype)
    other = draw_operands(data, op, second)(dtype)
    arrays[1:] = other[1:]  # input keeps the first shape, the other operands take the second
    tensors = _tensors(xp, op, arrays, dtype)
    call = describe(f"torch.{op.name}", *tensors, **op.kwargs)
    got = resolve(xp, op.name)(*tensors, **op.kwargs)
    shape = first
    for a in arrays[1:]:
        shape = broadcast_shape(shape, a.shape)
    assert_shape(got, shape, call=call)
    _compare(got, op, arrays, dtype, call)


def check_zero_dim_and_empty(xp: Any, op: OpSpec) -> None:
    """A 0-d input gives a 0-d result; an empty input an empty result of the same shape."""
    dtype = _one_dtype(op)
    sample = [a[:1] for a in sample_operands(op, dtype)]
    for shape in ((), (0, 2)):
        arrays = [np.resize(a, shape) if shape else a.reshape(()) for a in sample]
        tensors = _tensors(xp, op, arrays, dtype)
        call = describe(f"torch.{op.name}", *tensors, **op.kwargs)
        got = resolve(xp, op.name)(*tensors, **op.kwargs)
        _compare(got, op, arrays, dtype, call)
