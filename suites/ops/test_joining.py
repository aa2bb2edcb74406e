"""Joining and rearranging: cat and its aliases (promotion, empty inputs), the *stack helpers,
flips, roll, rot90, repeat/tile/repeat_interleave, triangles and diagonals, broadcasting helpers,
atleast_*d, ravel, meshgrid, movedim. One spec row per behaviour (``joining_spec`` holds the
inputs and NumPy oracles); one generic check runs every row's call forms."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from suites.ops import joining_spec as S
from suites.ops.family import case, check_row, row


# Bound by assignment, not inline: hypothesis digests the check's source, decorators included, per row.
ROWS = [
    row("cat", ("cat", "concat", "concatenate"), S.cat_in, S.cat, check("ops.join.cat"),
        pinned=[case([np.ones((2, 1), "int64"), np.arange(4).reshape(2, 2)], dim=1)]),
    row("cat-promotion", ("cat", "concat"), S.cat_mixed_in, S.cat, check("ops.join.cat-promotion"),
        pinned=[case([np.array([1, 2], "int32"), np.array([3.0])], dim=0)]),
    row("cat-empty", ("cat",), S.cat_empty_in, S.cat, check("ops.join.cat-empty"),
        pinned=[case([np.zeros((0,), "int64"), np.arange(6).reshape(2, 3)], dim=1)]),
    row("hstack", ("hstack",), S.stack_in, np.hstack, check("ops.join.hstack")),
    row("vstack", ("vstack", "row_stack"), S.stack_in, np.vstack, check("ops.join.vstack")),
    row("dstack", ("dstack",), S.stack_in, np.dstack, check("ops.join.dstack")),
    row("column_stack", ("column_stack",), S.column_stack_in, np.column_stack, check("ops.join.column-stack")),
    row("flip", ("flip", ".flip"), S.flip_in, S.flip, check("ops.rearrange.flip")),
    row("fliplr", ("fliplr", ".fliplr"), S.at_least(2), np.fliplr, check("ops.rearrange.fliplr")),
    row("flipud", ("flipud", ".flipud"), S.at_least(1), np.flipud, check("ops.rearrange.flipud")),
    row("roll", ("roll", ".roll"), S.roll_in, S.roll, check("ops.rearrange.roll"),
        pinned=[case(np.arange(6).reshape(2, 3), (1,), (1,))]),
    row("rot90", ("rot90", ".rot90"), S.rot90_in, S.rot90, check("ops.rearrange.rot90")),
    row("repeat", (".repeat",), S.repeats_in(True), S.tile, check("ops.rearrange.repeat")),
    row("tile", ("tile", ".tile"), S.repeats_in(False), S.tile, check("ops.rearrange.tile")),
    row("repeat_interleave", ("repeat_interleave", ".repeat_interleave"), S.repeat_interleave_in, S.repeat_interleave,
        check("ops.rearrange.repeat-interleave")),
    row("tril", ("tril", ".tril", ".tril_"), S.triangle_in, S.tril, check("ops.rearrange.tril"),
        pinned=[case(np.arange(9).reshape(3, 3), 1)]),
    row("triu", ("triu", ".triu", ".triu_"), S.triangle_in, S.triu, check("ops.rearrange.triu")),
    row("diag", ("diag", ".diag"), S.diag_in, S.diag, check("ops.rearrange.diag")),
    row("diag_embed", ("diag_embed", ".diag_embed"), S.diag_embed_in, S.diag_embed, check("ops.rearrange.diag-embed")),
    row("diagflat", ("diagflat", ".diagflat"), S.diag_in, S.diagflat, check("ops.rearrange.diagflat")),
    row("broadcast_to", ("broadcast_to", ".broadcast_to"), S.broadcast_to_in, S.broadcast_to,
        check("ops.rearrange.broadcast-to")),
    row("broadcast_tensors", ("broadcast_tensors",), S.broadcast_tensors_in, S.broadcast_tensors,
        check("ops.rearrange.broadcast-tensors")),
    row("broadcast_shapes", ("broadcast_shapes",), S.broadcast_shapes_in, S.broadcast_shapes,
        check("ops.rearrange.broadcast-shapes")),
    row("atleast_1d", ("atleast_1d",), S.atleast_in, S.atleast(np.atleast_1d), check("ops.rearrange.atleast-1d")),
    row("atleast_2d", ("atleast_2d",), S.atleast_in, S.atleast(np.atleast_2d), check("ops.rearrange.atleast-2d")),
    row("atleast_3d", ("atleast_3d",), S.atleast_in, S.atleast(np.atleast_3d), check("ops.rearrange.atleast-3d")),
    row("ravel", ("ravel", ".ravel"), S.at_least(0), S.ravel, check("ops.rearrange.ravel")),
    row("meshgrid", ("meshgrid",), S.meshgrid_in, S.meshgrid, check("ops.rearrange.meshgrid"),
        pinned=[case(np.arange(2), np.arange(3), indexing="xy")]),
    row("movedim", ("movedim", ".movedim", "moveaxis", ".moveaxis"), S.movedim_in, S.movedim,
        check("ops.rearrange.movedim")),
]


@pytest.mark.parametrize("spec", ROWS)
@settings(max_examples=12)
@given(data=st.data())
@example(data=None)  # every row's pinned cases
def test_joining_rows(xp, spec, data):
    check_row(xp, spec, data)
