"""Numeric ops as spec rows (``numeric_spec`` holds the inputs and NumPy oracles): cov, corrcoef, trapezoid
and cumulative_trapezoid, frexp, mvlgamma, renorm, softmax and histogram, each in its documented function,
method, alias and in-place forms; one generic check runs every row (suites/ops/family.py)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from suites.ops import numeric_spec as S
from suites.ops.family import case, check_row, row


@pytest.mark.parametrize("spec", [
    row("cov", ("cov", ".cov"), S.corrected_in, S.cov, check("ops.reduce.cov"),
        pinned=[case(np.array([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]), correction=0)]),
    row("corrcoef", ("corrcoef", ".corrcoef"), S.observations_in, S.corrcoef, check("ops.reduce.corrcoef"),
        pinned=[case(np.array([[0.0, 1.0, 2.0], [2.0, 1.0, 1.0]]))]),
    row("trapezoid", ("trapezoid", "trapz"), S.samples_in, S.trapezoid, check("ops.scan.trapezoid"),
        pinned=[case(np.array([1.0, 2.0, 4.0]), dim=0)]),
    row("cumulative_trapezoid", ("cumulative_trapezoid",), S.samples_in, S.cumulative_trapezoid,
        check("ops.scan.cumulative-trapezoid"), pinned=[case(np.array([1.0, 2.0, 4.0]), dim=0)]),
    row("frexp", ("frexp", ".frexp"), S.floats_in, S.frexp, check("ops.unary.frexp"),
        pinned=[case(np.array([0.0, 8.0, -3.0, 0.75]))]),
    row("mvlgamma", ("mvlgamma", ".mvlgamma", ".mvlgamma_", "special.multigammaln"), S.mvlgamma_in, S.mvlgamma,
        check("ops.unary.mvlgamma"), pinned=[case(np.array([2.5, 3.0]), p=3)]),
    row("renorm", ("renorm", ".renorm", ".renorm_"), S.renorm_in, S.renorm, check("ops.reduce.renorm"),
        pinned=[case(np.array([[3.0, 4.0], [0.3, 0.4]]), 2, 0, 1.0)]),
    row("softmax", ("softmax", ".softmax", "special.softmax"), S.softmax_in, S.softmax, check("ops.reduce.softmax"),
        pinned=[case(np.array([[1.0, 2.0, 3.0]]), 1)]),
    row("special.log_softmax", ("special.log_softmax",), S.softmax_in, S.log_softmax,
        check("ops.reduce.special-log-softmax"), pinned=[case(np.array([[1.0, 2.0, 3.0]]), 1)]),
    row("histogram", ("histogram", ".histogram"), S.histogram_in, S.histogram, check("ops.sort.histogram"),
        pinned=[case(np.array([0.0, 1.0, 2.0, 3.0, 9.0]), 4)]),
])
@settings(max_examples=10)
@given(data=st.data())
@example(data=None)  # every row's pinned cases
def test_numeric_rows(xp, spec, data):
    check_row(xp, spec, data)
