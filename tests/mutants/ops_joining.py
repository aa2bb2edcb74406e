"""Mutants of the joining and rearranging family: each row's function off by one, and the
arguments a row relies on (dim, dims, diagonal, indexing) ignored."""
from __future__ import annotations

from tests.mutants._family import ignores, rewrites, wrong_values

WRONG = {
    "ops.join.cat": ("cat",), "ops.join.cat-promotion": ("cat",), "ops.join.cat-empty": ("cat",),
    "ops.join.hstack": ("hstack",), "ops.join.vstack": ("vstack",), "ops.join.dstack": ("dstack",),
    "ops.join.column-stack": ("column_stack",), "ops.rearrange.flip": ("flip",),
    "ops.rearrange.fliplr": ("fliplr",), "ops.rearrange.flipud": ("Tensor.flipud",), "ops.rearrange.roll": ("roll",),
    "ops.rearrange.rot90": ("rot90",), "ops.rearrange.repeat": ("Tensor.repeat",), "ops.rearrange.tile": ("tile",),
    "ops.rearrange.repeat-interleave": ("repeat_interleave",), "ops.rearrange.tril": ("Tensor.tril_",),
    "ops.rearrange.triu": ("triu",), "ops.rearrange.diag": ("diag",), "ops.rearrange.diag-embed": ("diag_embed",),
    "ops.rearrange.diagflat": ("diagflat",), "ops.rearrange.broadcast-to": ("Tensor.broadcast_to",),
    "ops.rearrange.broadcast-tensors": ("broadcast_tensors",), "ops.rearrange.broadcast-shapes": ("broadcast_shapes",),
    "ops.rearrange.atleast-1d": ("atleast_1d",), "ops.rearrange.atleast-2d": ("atleast_2d",),
    "ops.rearrange.atleast-3d": ("atleast_3d",), "ops.rearrange.ravel": ("ravel",),
    "ops.rearrange.meshgrid": ("meshgrid",),
    "ops.rearrange.movedim": ("moveaxis",),
}


def _first_dtype(args: tuple, kwargs: dict) -> tuple[tuple, dict]:
    tensors = list(args[0])
    return ([t.to(tensors[0].dtype) for t in tensors], *args[1:]), kwargs


MUTANTS = [wrong_values(bid, *targets) for bid, targets in WRONG.items()] + [
    ignores("ops.join.cat", "cat", "dim", 1),
    rewrites("ops.join.cat-promotion", "cat", "keeps-first-dtype", _first_dtype),
    ignores("ops.rearrange.tril", "tril", "diagonal", 1),
    ignores("ops.rearrange.meshgrid", "meshgrid", "indexing"),
    ignores("ops.rearrange.roll", "Tensor.roll", "dims", 2),
]
