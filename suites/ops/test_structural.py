"""Structural ops as spec rows (``structural_spec`` holds the inputs and NumPy oracles): stack, block_diag,
cartesian_prod, combinations, unravel_index, the ``*_scatter`` ops and clone; one generic check runs every
row's call forms (suites/ops/family.py)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from suites.ops import structural_spec as S
from suites.ops.family import case, check_row, row


@pytest.mark.parametrize("spec", [
    row("stack", ("stack",), S.stack_in, S.stack, check("ops.join.stack"),
        pinned=[case([np.array(1), np.array(2)], dim=-1)]),
    row("block_diag", ("block_diag",), S.block_diag_in, S.block_diag, check("ops.rearrange.block-diag"),
        pinned=[case(np.array(3), np.array([1, 2]), np.ones((2, 1), "int64"))]),
    row("cartesian_prod", ("cartesian_prod",), S.vectors_in, S.cartesian_prod, check("ops.rearrange.cartesian-prod"),
        pinned=[case(np.array([1, 2]), np.array([3, 4, 5]))]),
    row("combinations", ("combinations",), S.combinations_in, S.combinations, check("ops.rearrange.combinations"),
        pinned=[case(np.array([1, 2, 3]), r=2, with_replacement=True)]),
    row("unravel_index", ("unravel_index",), S.unravel_index_in, S.unravel_index, check("ops.index.unravel-index"),
        pinned=[case(np.array([4, 1]), (2, 3))]),
    row("diagonal_scatter", ("diagonal_scatter", ".diagonal_scatter"), S.diagonal_scatter_in, S.diagonal_scatter,
        check("ops.index.diagonal-scatter"), pinned=[case(np.zeros((3, 4)), np.ones(3), 1)]),
    row("select_scatter", ("select_scatter", ".select_scatter"), S.select_scatter_in, S.select_scatter,
        check("ops.index.select-scatter"), pinned=[case(np.zeros((2, 3)), np.ones(2), 1, -1)]),
    row("slice_scatter", ("slice_scatter", ".slice_scatter"), S.slice_scatter_in, S.slice_scatter,
        check("ops.index.slice-scatter"), pinned=[case(np.zeros((5, 2)), np.ones((2, 2)), dim=0, start=1, end=5, step=2)]),
    row("clone", ("clone", ".clone"), S.clone_in, lambda a: a, check("ops.rearrange.clone")),
])
@settings(max_examples=12)
@given(data=st.data())
@example(data=None)  # every row's pinned cases
def test_structural_rows(xp, spec, data):
    check_row(xp, spec, data)
