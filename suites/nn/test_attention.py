"""MultiheadAttention: parameters, output and attention-weight shapes, and values against the
documented computation in NumPy (input projections, per-head scaled dot-product attention with
key_padding_mask and attn_mask, output projection), with batch_first and need_weights."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import given, settings

from conformance import check
from conformance.assertions import assert_values, expect
from suites.nn.activation_table import softmax
from suites.nn.common import TOL, as_f32, f32, param, rng, seeds, set_param
from suites.inputs import tensor_of

E, HEADS, L, S, N = 4, 2, 3, 5, 2
PARAMETERS = {"in_proj_weight": (3 * E, E), "in_proj_bias": (3 * E,), "out_proj.weight": (E, E),
              "out_proj.bias": (E,)}


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, p: dict[str, np.ndarray], heads: int,
              key_padding_mask: np.ndarray | None = None, attn_mask: np.ndarray | None = None) -> tuple[Any, Any]:
    """(L, N, E) inputs: the output (L, N, E) and the head-averaged weights (N, L, S). Masks mark with True
    the keys a query may not attend to."""
    w_q, w_k, w_v = np.split(p["in_proj_weight"], 3)
    b_q, b_k, b_v = np.split(p["in_proj_bias"], 3)
    d = q.shape[-1] // heads

    def split(x: np.ndarray) -> np.ndarray:  # (T, N, E) -> (N, heads, T, d)
        return x.reshape(x.shape[0], x.shape[1], heads, d).transpose(1, 2, 0, 3)

    qh, kh, vh = split(q @ w_q.T + b_q), split(k @ w_k.T + b_k), split(v @ w_v.T + b_v)
    scores = qh @ kh.swapaxes(-1, -2) / math.sqrt(d)
    if attn_mask is not None:
        scores = np.where(attn_mask, -np.inf, scores)
    if key_padding_mask is not None:
        scores = np.where(key_padding_mask[:, None, None, :], -np.inf, scores)
    weights = softmax(scores, -1)
    out = (weights @ vh).transpose(2, 0, 1, 3).reshape(q.shape[0], q.shape[1], -1)
    return out @ p["out_proj.weight"].T + p["out_proj.bias"], weights.mean(axis=1)


@check("nn.layers.multiheadattention")
@settings(max_examples=4)
@given(seed=seeds)
def test_multihead_attention(xp, seed):
    r = rng(seed)
    for batch_first in (False, True):
        module = xp.nn.MultiheadAttention(E, HEADS, batch_first=batch_first)
        call = f"nn.MultiheadAttention({E}, {HEADS}, batch_first={batch_first})"
        got = {name: tuple(int(s) for s in t.shape) for name, t in module.named_parameters()}
        expect(list(got.items()) == list(PARAMETERS.items()), call=call + ".named_parameters()", expected=PARAMETERS,
               got=got)
        for t in module.parameters():
            set_param(xp, t, (r.standard_normal(tuple(int(s) for s in t.shape)) * 0.5).astype(np.float32))
        p = {name: param(t) for name, t in module.named_parameters()}
        q, k, v = (as_f32(r.standard_normal(shape)) for shape in ((L, N, E), (S, N, E), (S, N, E)))
        padding = np.zeros((N, S), dtype=bool)
        padding[1, -2:] = True
        causal = np.triu(np.ones((L, S), dtype=bool), k=1)
        for masks in ({}, {"key_padding_mask": padding}, {"attn_mask": causal}):
            want_out, want_weights = attention(q, k, v, p, HEADS, **masks)
            args = [f32(xp, a.swapaxes(0, 1) if batch_first else a) for a in (q, k, v)]
            kwargs = {name: tensor_of(xp, m) for name, m in masks.items()}
            run = f"{call} with N(0, 0.25) parameters (query {L}, key/value {S}, batch {N}" \
                  f"{', ' + ', '.join(masks) if masks else ''}) [seed {seed}]"
            out, weights = module(*args, **kwargs)
            assert_values(out, want_out.swapaxes(0, 1) if batch_first else want_out, call=run + "; output", **TOL)
            assert_values(weights, want_weights, call=run + "; attention weights averaged over heads", **TOL)
        out, weights = module(*args, need_weights=False)
        expect(weights is None, call=call + "(..., need_weights=False)[1]", expected="None", got=type(weights).__name__)
