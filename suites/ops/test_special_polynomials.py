"""torch.special's orthogonal polynomials (ops.binary.special-polynomials) as OpSpec rows run through the
element-wise protocols of suites/ops/opspec.py: ``x`` floating in [-1, 1], ``n`` an int64 degree in [0, 5];
oracles from the families' recurrences (suites/ops/polynomial_oracles.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from conformance import check
from conformance.dtypes import FULL_FLOAT_DTYPES
from suites.ops import opspec
from suites.ops.opspec import binary, first_operand
from suites.ops.polynomial_oracles import POLYNOMIALS

POLYNOMIAL_ROWS = [
    pytest.param(binary(f"special.{name}", oracle, dtypes=FULL_FLOAT_DTYPES, result=first_operand,
                        operand_dtypes=(None, "int64"), variants=frozenset({"function", "out"}),
                        domains=((-1, 1), (0, 5)), mixed=False),
                 id=name, marks=check("ops.binary.special-polynomials"))
    for name, oracle in POLYNOMIALS.items()
]


@pytest.mark.parametrize("op", POLYNOMIAL_ROWS)
@opspec.DRAWN
@given(data=st.data())
def test_polynomial_values_match_recurrence(xp, op, data):
    opspec.check_values(xp, op, data)


@pytest.mark.parametrize("op", POLYNOMIAL_ROWS)
def test_polynomial_result_dtype(xp, op):
    opspec.check_result_dtype(xp, op)


@pytest.mark.parametrize("op", POLYNOMIAL_ROWS)
def test_polynomial_out_writes_out(xp, op):
    opspec.check_out(xp, op)


@pytest.mark.parametrize("op", POLYNOMIAL_ROWS)
@opspec.DRAWN
@given(data=st.data())
def test_polynomial_broadcasts(xp, op, data):
    opspec.check_broadcasting(xp, op, data)


@pytest.mark.parametrize("op", POLYNOMIAL_ROWS)
def test_polynomial_zero_dim_and_empty(xp, op):
    opspec.check_zero_dim_and_empty(xp, op)
