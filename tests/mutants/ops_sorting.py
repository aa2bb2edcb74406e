"""Mutants of the sorting and searching family: each row's function off by one, and the
arguments a row relies on (descending, largest, keepdim, right/side, invert, minlength) ignored."""
from __future__ import annotations

from tests.mutants._family import ignores, rewrites, wrong_values

WRONG = {
    "ops.sort.sort": ("sort",), "ops.sort.descending": ("Tensor.sort",), "ops.sort.stable": ("sort",),
    "ops.sort.argsort": ("argsort",), "ops.sort.msort": ("msort",), "ops.sort.topk": ("topk",),
    "ops.sort.topk-smallest": ("Tensor.topk",), "ops.sort.kthvalue": ("kthvalue",), "ops.sort.unique": ("unique",),
    "ops.sort.unique-inverse-counts": ("Tensor.unique",), "ops.sort.unique-dim": ("unique",),
    "ops.sort.unique-consecutive": ("unique_consecutive",), "ops.sort.searchsorted": ("searchsorted",),
    "ops.sort.searchsorted-right": ("searchsorted",), "ops.sort.bucketize": ("bucketize",), "ops.sort.isin": ("isin",),
    "ops.sort.histc": ("histc",), "ops.sort.bincount": ("bincount",),
}


def _left(args: tuple, kwargs: dict) -> tuple[tuple, dict]:
    return args, {k: v for k, v in kwargs.items() if k not in ("right", "side")}


MUTANTS = [wrong_values(bid, *targets) for bid, targets in WRONG.items()] + [
    ignores("ops.sort.descending", "sort", "descending", 2),
    ignores("ops.sort.argsort", "Tensor.argsort", "descending", 2),
    ignores("ops.sort.topk-smallest", "topk", "largest", 3),
    ignores("ops.sort.kthvalue", "Tensor.kthvalue", "keepdim", 3),
    rewrites("ops.sort.searchsorted-right", "searchsorted", "always-left", _left),
    ignores("ops.sort.bucketize", "bucketize", "right"),
    ignores("ops.sort.isin", "isin", "invert"),
    ignores("ops.sort.bincount", "Tensor.bincount", "minlength", 2),
    ignores("ops.sort.unique-dim", "Tensor.unique", "dim"),
]
