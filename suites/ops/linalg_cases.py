"""Spec tables for the linear-algebra checks: a row names a call, draws its NumPy inputs and
states what its outputs must satisfy (ops.matmul.*, ops.mm.* ... ops.linalg.*).

Inputs are small integer-valued matrices, built to the conditioning a row needs (diagonally
dominant for inverses, M M^T + I for Cholesky), so float32 and float64 both have one answer
up to a tolerance per dtype. Expectations are NumPy computations of the documented rule, or
documented properties of the outputs (Q R = A, orthonormal Q, triangular R...), computed in
float64 from the backend's outputs and compared with the inputs, never with another output
of the backend taken as truth.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
from hypothesis import strategies as st

from conformance import dtypes
from conformance.dtypes import FULL_FLOAT_DTYPES, LINALG_ATOL
from conformance.assertions import assert_dtype, describe, expect, to_numpy
from suites.inputs import tensor_of
from suites.ops.helpers import arrays

# Relative tolerance per dtype; the absolute one is it times the largest expected magnitude (at least 1).

Check = tuple[str, Any, Any]  # (what, got as NumPy, expected as NumPy)


@dataclass(frozen=True)
class Case:
    """One call of a table: ``inputs`` draws float64 (or complex) arrays, ``apply`` makes the call on
    the backend, ``expect(arrays, *outputs)`` lists (what, got, expected) pairs from NumPy."""

    name: str
    inputs: Callable[[Any], Sequence[np.ndarray]]
    apply: Callable[..., Any]
    expect: Callable[..., list[Check]]
    dtypes: tuple[str, ...] = FULL_FLOAT_DTYPES
    result_dtype: Callable[[str], str | tuple[str, ...]] = lambda dtype: dtype
    """The first output's dtype, or a tuple naming every output's."""


def values(oracle: Callable[..., Any]) -> Callable[..., list[Check]]:
    """The single output equals ``oracle(*arrays)``."""
    return lambda arrays, got, *rest: [("", got, oracle(*arrays))]


def run(xp: Any, case: Case, data: Any) -> None:
    """Draw the row's inputs once and check the call in each of its dtypes."""
    arrays = case.inputs(data)
    for dtype in dtypes.supported(case.dtypes):
        tensors = [tensor_of(xp, a, dtype) for a in arrays]
        call = describe(case.name, *tensors)
        result = case.apply(xp, *tensors)
        outputs = list(result) if isinstance(result, tuple) else [result]
        wanted = case.result_dtype(dtype)
        for k, want in enumerate(wanted if isinstance(wanted, tuple) else (wanted,)):
            assert_dtype(outputs[k], want, call=f"{call}[{k}]" if len(outputs) > 1 else call)
        got = [_as_float64(to_numpy(o)) for o in outputs]
        for what, have, want in case.expect(arrays, *got):
            assert_close(have, want, dtype, call=f"{call}{what}")


def _as_float64(array: np.ndarray) -> np.ndarray:
    return array.astype(np.complex128 if np.iscomplexobj(array) else np.float64)


def assert_close(got: Any, want: Any, dtype: str, *, call: str) -> None:
    """Equal up to the dtype's tolerance, nan where nan is expected."""
    got, want = np.asarray(got), np.asarray(want)
    expect(got.shape == want.shape, call=call, expected=f"shape {want.shape}", got=f"shape {got.shape}")
    tol = LINALG_ATOL[dtype]
    finite = np.abs(want[np.isfinite(want)])
    scale = max(1.0, float(finite.max(initial=0)))
    ok = np.isclose(got, want, rtol=tol, atol=tol * scale, equal_nan=True)
    expect(bool(ok.all()), call=call, expected=np.round(want, 6).tolist(), got=np.round(got, 6).tolist(),
           detail=f"{int((~ok).sum())} of {ok.size} elements differ beyond rtol={tol}")


# ------------------------------------------------------------------ inputs
def side(data: Any, low: int = 1, high: int = 4, label: str = "n") -> int:
    return data.draw(st.integers(low, high), label=label)


def ints(data: Any, shape: tuple[int, ...], low: int = -9, high: int = 9, dtype: str = "float64") -> np.ndarray:
    return data.draw(arrays(dtype, shape, low, high), label=f"array{shape}")


def batch(data: Any) -> tuple[int, ...]:
    return data.draw(st.sampled_from([(), (2,)]), label="batch")


def dominant(data: Any, shape: tuple[int, ...]) -> np.ndarray:
    """A strictly diagonally dominant matrix (batch): invertible and well conditioned."""
    m = ints(data, shape, -3, 3)
    n = shape[-1]
    return m + np.eye(n) * (np.abs(m).sum(axis=-1, keepdims=True) + 1)


def spd(data: Any, shape: tuple[int, ...]) -> np.ndarray:
    """M M^T + I: symmetric positive definite."""
    m = ints(data, shape, -3, 3)
    return m @ np.swapaxes(m, -1, -2) + np.eye(shape[-1])


def symmetric(data: Any, shape: tuple[int, ...]) -> np.ndarray:
    m = ints(data, shape, -5, 5)
    return m + np.swapaxes(m, -1, -2)


def tall(data: Any) -> np.ndarray:
    """An (m, n) matrix, m >= n, of full column rank (its top n rows are diagonally dominant)."""
    n = side(data, 1, 3)
    return np.concatenate([dominant(data, (n, n)), ints(data, (side(data, 0, 2, "extra"), n), -3, 3)])


# ------------------------------------------------------------------ property helpers
def mT(a: np.ndarray) -> np.ndarray:
    return np.conj(np.swapaxes(a, -1, -2))


def identity_like(q: np.ndarray, columns: bool = True) -> np.ndarray:
    """The identity that Q^H Q (columns) or Q Q^H (rows) must equal."""
    k = q.shape[-1] if columns else q.shape[-2]
    return np.broadcast_to(np.eye(k), q.shape[:-2] + (k, k))


def below_diagonal(r: np.ndarray) -> np.ndarray:
    return np.tril(r, -1)


def above_diagonal(r: np.ndarray) -> np.ndarray:
    return np.triu(r, 1)
