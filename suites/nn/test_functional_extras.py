"""Stateless nn.functional functions against their documented formulas, one row each
(``functional_table``): one_hot, pad, normalize, linear, embedding, cosine_similarity,
pairwise_distance and scaled_dot_product_attention (dropout off)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings

from conformance import check
from conformance.assertions import assert_dtype, assert_values, show
from suites.nn.common import TOL, rng, seeds
from suites.nn.functional_table import FUNCTIONS
from suites.nn.modulespec import as_seen, call_text, rows, to_backend


@pytest.mark.parametrize("row", rows(
    FUNCTIONS,
    ("one_hot", check("nn.functional.one-hot")),
    ("pad", check("nn.functional.pad")),
    ("normalize", check("nn.functional.normalize")),
    ("linear", check("nn.functional.linear")),
    ("embedding", check("nn.functional.embedding")),
    ("cosine_similarity", check("nn.functional.cosine-similarity")),
    ("pairwise_distance", check("nn.functional.pairwise-distance")),
    ("interpolate", check("nn.functional.interpolate")),
    ("scaled_dot_product_attention", check("nn.functional.scaled-dot-product-attention")),
))
@settings(max_examples=4)
@given(seed=seeds)
def test_functional_formula(xp, row, seed):
    args = row.inputs(rng(seed))
    tensors = [to_backend(xp, a) for a in args]
    for opts in row.options:
        want = row.oracle(*(as_seen(a) for a in args), **{k: as_seen(v) for k, v in opts.items()})
        got = getattr(xp.nn.functional, row.functional)(*tensors, **{k: to_backend(xp, v) for k, v in opts.items()})
        call = call_text(f"nn.functional.{row.functional}", ", ".join(show(a) for a in args), opts)
        if row.dtype is not None:
            assert_dtype(got, row.dtype, call=f"{call} [seed {seed}]")
        assert_values(got, want, call=f"{call} [seed {seed}]", **TOL)
