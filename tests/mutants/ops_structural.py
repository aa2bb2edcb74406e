"""Mutants of the structural rows (suites/ops/test_structural.py): each row's function off by one, and the
arguments a row relies on ignored."""
from __future__ import annotations

from tests.mutants._family import ignores, wrong_values

WRONG = {
    "ops.join.stack": ("stack",), "ops.rearrange.block-diag": ("block_diag",),
    "ops.rearrange.cartesian-prod": ("cartesian_prod",), "ops.rearrange.combinations": ("combinations",),
    "ops.index.unravel-index": ("unravel_index",), "ops.index.diagonal-scatter": ("Tensor.diagonal_scatter",),
    "ops.index.select-scatter": ("select_scatter",), "ops.index.slice-scatter": ("Tensor.slice_scatter",),
    "ops.rearrange.clone": ("Tensor.clone",),
}

MUTANTS = [wrong_values(bid, *targets) for bid, targets in WRONG.items()] + [
    ignores("ops.join.stack", "stack", "dim"),
    ignores("ops.rearrange.combinations", "combinations", "with_replacement"),
    ignores("ops.index.slice-scatter", "slice_scatter", "step"),
    ignores("ops.index.diagonal-scatter", "diagonal_scatter", "offset", 2),
]
