"""Sorting and searching: sort (descending, stable), argsort, msort, topk (largest), kthvalue,
unique (inverse, counts, dim), unique_consecutive, searchsorted (right, side), bucketize, isin,
histc, bincount. One spec row per behaviour (``sorting_spec`` holds the inputs and NumPy oracles)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from suites.ops import sorting_spec as S
from suites.ops.family import case, check_row, row


# Bound by assignment, not inline: hypothesis digests the check's source, decorators included, per row.
ROWS = [
    row("sort", ("sort", ".sort"), S.sort_in(False), S.sort, check("ops.sort.sort")),
    row("sort-descending", ("sort", ".sort"), S.sort_in(True), S.sort, check("ops.sort.descending"),
        pinned=[case(np.array([3.0, 1.0, 2.0]), dim=0, descending=True)]),
    row("sort-stable", ("sort", ".sort"), S.stable_in, S.sort, check("ops.sort.stable"),
        pinned=[case(np.array([1, 0, 1, 0, 1] * 4), dim=0, descending=d, stable=True) for d in (False, True)]),
    row("argsort", ("argsort", ".argsort"), S.stable_in, S.argsort, check("ops.sort.argsort"),
        pinned=[case(np.array([1, 0, 2]), dim=0, descending=True, stable=True)]),
    row("msort", ("msort", ".msort"), S.msort_in, S.msort, check("ops.sort.msort")),
    row("topk", ("topk", ".topk"), S.topk_in(True), S.topk, check("ops.sort.topk")),
    row("topk-smallest", ("topk", ".topk"), S.topk_in(False), S.topk, check("ops.sort.topk-smallest"),
        pinned=[case(np.array([3, 1, 2]), 2, dim=0, largest=False)]),
    row("kthvalue", ("kthvalue", ".kthvalue"), S.kthvalue_in, S.kthvalue, check("ops.sort.kthvalue"),
        pinned=[case(np.array([[3, 1, 2]]), 2, dim=1, keepdim=True)]),
    row("unique", ("unique", ".unique"), S.unique_in, S.unique, check("ops.sort.unique")),
    row("unique-inverse-counts", ("unique", ".unique"), S.unique_all_in, S.unique_all,
        check("ops.sort.unique-inverse-counts")),
    row("unique-dim", ("unique", ".unique"), S.unique_dim_in, S.unique_dim, check("ops.sort.unique-dim"),
        pinned=[case(np.array([[1, 0], [0, 1], [1, 0]]), dim=0)]),
    row("unique_consecutive", ("unique_consecutive", ".unique_consecutive"), S.unique_consecutive_in,
        S.unique_consecutive, check("ops.sort.unique-consecutive")),
    row("searchsorted", ("searchsorted",), S.searchsorted_in(False), S.searchsorted, check("ops.sort.searchsorted")),
    row("searchsorted-right", ("searchsorted",), S.searchsorted_in(True), S.searchsorted,
        check("ops.sort.searchsorted-right"),
        pinned=[case(np.array([1, 2, 2, 3]), np.array([2]), **kw) for kw in ({"right": True}, {"side": "right"})]),
    row("bucketize", ("bucketize",), S.bucketize_in, S.bucketize, check("ops.sort.bucketize"),
        pinned=[case(np.array([2]), np.array([1, 2, 3]), right=r) for r in (False, True)]),
    row("isin", ("isin",), S.isin_in, S.isin, check("ops.sort.isin"),
        pinned=[case(np.array([1, 2]), np.array([2]), invert=True)]),
    row("histc", ("histc", ".histc"), S.histc_in, S.histc, check("ops.sort.histc")),
    row("bincount", ("bincount", ".bincount"), S.bincount_in, S.bincount, check("ops.sort.bincount"),
        pinned=[case(np.array([0, 1]), minlength=5)]),
]


@pytest.mark.parametrize("spec", ROWS)
@settings(max_examples=12)
@given(data=st.data())
@example(data=None)  # every row's pinned cases
def test_sorting_rows(xp, spec, data):
    check_row(xp, spec, data)
