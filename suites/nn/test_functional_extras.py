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
from suites.nn.modulespec import as_seen, call_text, to_backend


@pytest.mark.parametrize("row", [
    pytest.param(FUNCTIONS["one_hot"], id="one_hot", marks=check("nn.functional.one-hot")),
    pytest.param(FUNCTIONS["pad"], id="pad", marks=check("nn.functional.pad")),
    pytest.param(FUNCTIONS["normalize"], id="normalize", marks=check("nn.functional.normalize")),
    pytest.param(FUNCTIONS["linear"], id="linear", marks=check("nn.functional.linear")),
    pytest.param(FUNCTIONS["embedding"], id="embedding", marks=check("nn.functional.embedding")),
    pytest.param(FUNCTIONS["cosine_similarity"], id="cosine_similarity",
                 marks=check("nn.functional.cosine-similarity")),
    pytest.param(FUNCTIONS["pairwise_distance"], id="pairwise_distance",
                 marks=check("nn.functional.pairwise-distance")),
    pytest.param(FUNCTIONS["interpolate"], id="interpolate", marks=check("nn.functional.interpolate")),
    pytest.param(FUNCTIONS["scaled_dot_product_attention"], id="scaled_dot_product_attention",
                 marks=check("nn.functional.scaled-dot-product-attention")),
])
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
