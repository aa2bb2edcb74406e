"""Indexing, gather and scatter: gather, scatter (src, value, value with reduce), scatter_add,
scatter_reduce (include_self), index_select/add/copy/fill/put (accumulate), masked_fill/select/
scatter, take, take_along_dim, put (accumulate), nonzero (as_tuple), argwhere. One spec row per
behaviour (``indexing_spec`` holds the inputs and NumPy oracles); in-place forms must return self."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from suites.ops import indexing_spec as S
from suites.ops.family import case, check_row, row


# Bound by assignment, not inline: hypothesis digests the check's source, decorators included, per row.
ROWS = [
    row("gather", ("gather", ".gather"), S.gather_in, S.gather, check("ops.indexing.gather")),
    row("scatter", ("scatter", ".scatter", ".scatter_"), S.scatter_in, S.scatter, check("ops.indexing.scatter")),
    row("scatter-value", ("scatter", ".scatter", ".scatter_"), S.scatter_value_in, S.scatter,
        check("ops.indexing.scatter-value")),
    row("scatter-value-reduce", ("scatter", ".scatter", ".scatter_"), S.scatter_value_reduce_in, S.scatter_value_reduce,
        check("ops.indexing.scatter-value-reduce"),
        pinned=[case(np.ones(3), 0, np.array([0, 0]), 2, reduce="multiply")]),
    row("scatter_add", ("scatter_add", ".scatter_add", ".scatter_add_"), S.scatter_add_in, S.scatter_add,
        check("ops.indexing.scatter-add")),
    row("scatter_reduce", ("scatter_reduce", ".scatter_reduce", ".scatter_reduce_"), S.scatter_reduce_in(True),
        S.scatter_reduce, check("ops.indexing.scatter-reduce")),
    row("scatter_reduce-exclude-self", ("scatter_reduce", ".scatter_reduce_"), S.scatter_reduce_in(False),
        S.scatter_reduce, check("ops.indexing.scatter-reduce-exclude-self"),
        pinned=[case(np.full(3, 10.0), 0, np.array([0, 0]), np.array([1.0, 2.0]), "sum", include_self=False)]),
    row("index_select", ("index_select", ".index_select"), S.index_select_in, S.index_select,
        check("ops.indexing.index-select")),
    row("index_add", ("index_add", ".index_add", ".index_add_"), S.index_add_in, S.index_add,
        check("ops.indexing.index-add"),
        pinned=[case(np.zeros(3), 0, np.array([1, 1]), np.array([1.0, 2.0]), alpha=2)]),
    row("index_copy", ("index_copy", ".index_copy", ".index_copy_"), S.index_copy_in, S.index_copy,
        check("ops.indexing.index-copy")),
    row("index_fill", ("index_fill", ".index_fill", ".index_fill_"), S.index_fill_in, S.index_fill,
        check("ops.indexing.index-fill")),
    row("index_put", ("index_put", "index_put_", ".index_put", ".index_put_"), S.index_put_in(False), S.index_put,
        check("ops.indexing.index-put")),
    row("index_put-accumulate", ("index_put", "index_put_", ".index_put", ".index_put_"), S.index_put_in(True), S.index_put,
        check("ops.indexing.index-put-accumulate"),
        pinned=[case(np.zeros(3), (np.array([0, 0, 2]),), np.array([1.0, 2.0, 3.0]), accumulate=True)]),
    row("masked_fill", ("masked_fill", ".masked_fill", ".masked_fill_"), S.masked_fill_in, S.masked_fill,
        check("ops.indexing.masked-fill")),
    row("masked_select", ("masked_select", ".masked_select"), S.masked_select_in, S.masked_select,
        check("ops.indexing.masked-select")),
    row("masked_scatter", ("masked_scatter", ".masked_scatter", ".masked_scatter_"), S.masked_scatter_in,
        S.masked_scatter, check("ops.indexing.masked-scatter")),
    row("take", ("take", ".take"), S.take_in, S.take, check("ops.indexing.take")),
    row("take_along_dim", ("take_along_dim", ".take_along_dim"), S.take_along_dim_in, S.take_along_dim,
        check("ops.indexing.take-along-dim")),
    row("put", ("put", ".put", ".put_"), S.put_in(False), S.put, check("ops.indexing.put")),
    row("put-accumulate", ("put", ".put", ".put_"), S.put_in(True), S.put, check("ops.indexing.put-accumulate"),
        pinned=[case(np.zeros((2, 2)), np.array([3, 3]), np.array([1.0, 2.0]), accumulate=True)]),
    row("nonzero", ("nonzero", ".nonzero"), S.nonzero_in, S.nonzero, check("ops.indexing.nonzero")),
    row("nonzero-as-tuple", ("nonzero", ".nonzero"), S.as_tuple_in, S.nonzero_tuple,
        check("ops.indexing.nonzero-as-tuple")),
    row("argwhere", ("argwhere", ".argwhere"), S.nonzero_in, S.nonzero, check("ops.indexing.argwhere")),
]


@pytest.mark.parametrize("spec", ROWS)
@settings(max_examples=12)
@given(data=st.data())
@example(data=None)  # every row's pinned cases
def test_indexing_rows(xp, spec, data):
    check_row(xp, spec, data)
