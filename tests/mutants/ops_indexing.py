"""Mutants of the indexing, gather and scatter family: each row's function off by one, and the
arguments a row relies on (accumulate, include_self, reduce, as_tuple, alpha) ignored."""
from __future__ import annotations

from tests.mutants._family import ignores, wrong_values

WRONG = {
    "ops.indexing.gather": ("gather",), "ops.indexing.scatter": ("scatter",),
    "ops.indexing.scatter-value": ("scatter",),
    "ops.indexing.scatter-value-reduce": ("Tensor.scatter_",), "ops.indexing.scatter-add": ("scatter_add",),
    "ops.indexing.scatter-reduce": ("scatter_reduce",), "ops.indexing.scatter-reduce-exclude-self": ("scatter_reduce",),
    "ops.indexing.index-select": ("index_select",), "ops.indexing.index-add": ("Tensor.index_add",),
    "ops.indexing.index-copy": ("index_copy",), "ops.indexing.index-fill": ("index_fill",),
    "ops.indexing.index-put": ("index_put",), "ops.indexing.index-put-accumulate": ("Tensor.index_put",),
    "ops.indexing.masked-fill": ("masked_fill",), "ops.indexing.masked-select": ("masked_select",),
    "ops.indexing.masked-scatter": ("masked_scatter",), "ops.indexing.take": ("take",),
    "ops.indexing.take-along-dim": ("take_along_dim",), "ops.indexing.put": ("put",),
    "ops.indexing.put-accumulate": ("Tensor.put_",), "ops.indexing.nonzero": ("nonzero",),
    "ops.indexing.nonzero-as-tuple": ("Tensor.nonzero",), "ops.indexing.argwhere": ("argwhere",),
}

MUTANTS = [wrong_values(bid, *targets) for bid, targets in WRONG.items()] + [
    ignores("ops.indexing.index-put-accumulate", "Tensor.index_put_", "accumulate", 2),
    ignores("ops.indexing.put-accumulate", "put", "accumulate", 3),
    ignores("ops.indexing.scatter-reduce-exclude-self", "Tensor.scatter_reduce_", "include_self"),
    ignores("ops.indexing.scatter-value-reduce", "scatter", "reduce"),
    ignores("ops.indexing.index-add", "index_add", "alpha"),
    ignores("ops.indexing.nonzero-as-tuple", "nonzero", "as_tuple"),
]
