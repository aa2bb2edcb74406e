"""EmbeddingBag and functional.embedding_bag: each bag (a row of a 2-D input, or the slice of a 1-D input
between consecutive offsets) reduces its rows of the weight by sum, mean or max; per_sample_weights scale
the rows in 'sum' mode; an empty bag gives zeros."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from conformance import check
from conformance.assertions import assert_values
from suites.nn.common import TOL, as_f32, rng, seeds, set_param
from suites.inputs import tensor_of

REDUCE = {"sum": lambda rows: rows.sum(0), "mean": lambda rows: rows.mean(0), "max": lambda rows: rows.max(0)}
FLAT = np.array([1, 2, 4, 0, 3, 3])
OFFSETS = [0, 3, 3]  # bags [1, 2, 4], [], [0, 3, 3]


def _bags(weight: np.ndarray, bags: list[np.ndarray], mode: str, scales: list[np.ndarray] | None = None) -> np.ndarray:
    out = []
    for i, bag in enumerate(bags):
        rows = weight[bag] * (scales[i][:, None] if scales is not None else 1)
        out.append(REDUCE[mode](rows) if len(bag) else np.zeros(weight.shape[1]))
    return np.array(out)


@check("nn.layers.embedding-bag")
@settings(max_examples=3)
@given(seed=seeds)
def test_embedding_bag(xp, seed):
    r = rng(seed)
    weight = as_f32(r.standard_normal((5, 3)))
    two_d = np.array([[0, 2], [4, 4], [1, 3]])
    flat_bags = np.split(FLAT, OFFSETS[1:])
    flat, offsets, weights = tensor_of(xp, FLAT), tensor_of(xp, OFFSETS), tensor_of(xp, weight, "float32")
    for mode in REDUCE:
        layer = xp.nn.EmbeddingBag(5, 3, mode=mode)
        set_param(xp, layer.weight, weight)
        built = f"nn.EmbeddingBag(5, 3, mode={mode!r}) with weight randn(5, 3) [seed {seed}]"
        assert_values(layer(tensor_of(xp, two_d)), _bags(weight, list(two_d), mode),
                      call=f"{built}(input {two_d.tolist()})", **TOL)
        want = _bags(weight, flat_bags, mode)
        assert_values(layer(flat, offsets), want, call=f"{built}(input {FLAT.tolist()}, offsets {OFFSETS})", **TOL)
        assert_values(xp.nn.functional.embedding_bag(flat, weights, offsets, mode=mode), want,
                      call=f"nn.functional.embedding_bag(input {FLAT.tolist()}, weight randn(5, 3), offsets {OFFSETS}, "
                           f"mode={mode!r}) [seed {seed}]", **TOL)
    scales = as_f32(r.uniform(-2, 2, len(FLAT)))
    got = xp.nn.functional.embedding_bag(flat, weights, offsets, mode="sum", per_sample_weights=tensor_of(xp, scales, "float32"))
    assert_values(got, _bags(weight, flat_bags, "sum", np.split(scales, OFFSETS[1:])),
                  call=f"nn.functional.embedding_bag(input {FLAT.tolist()}, weight randn(5, 3), offsets {OFFSETS}, "
                       f"mode='sum', per_sample_weights uniform(-2, 2)) [seed {seed}]", **TOL)
