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
from suites.nn.common import TOL, as_f32, expect_parameter_shapes, param, rng, seeds, set_param
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
@settings(max_examples=2)
@given(seed=seeds)
def test_multihead_attention(xp, seed):
    r = rng(seed)
    for batch_first in (False, True):
        module = xp.nn.MultiheadAttention(E, HEADS, batch_first=batch_first)
        call = f"nn.MultiheadAttention({E}, {HEADS}, batch_first={batch_first})"
        expect_parameter_shapes(module, PARAMETERS, call)
        for t in module.parameters():
            set_param(xp, t, (r.standard_normal(tuple(int(s) for s in t.shape)) * 0.5).astype(np.float32))
        p = {name: param(t) for name, t in module.named_parameters()}
        q, k, v = (as_f32(r.standard_normal(shape)) for shape in ((L, N, E), (S, N, E), (S, N, E)))
        padding = np.zeros((N, S), dtype=bool)
        padding[1, -2:] = True
        causal = np.triu(np.ones((L, S), dtype=bool), k=1)
        for masks in ({}, {"key_padding_mask": padding}, {"attn_mask": causal}):
            want_out, want_weights = attention(q, k, v, p, HEADS, **masks)
            args = [tensor_of(xp, a.swapaxes(0, 1) if batch_first else a, "float32") for a in (q, k, v)]
            kwargs = {name: tensor_of(xp, m) for name, m in masks.items()}
            run = f"{call} with N(0, 0.25) parameters (query {L}, key/value {S}, batch {N}" \
                  f"{', ' + ', '.join(masks) if masks else ''}) [seed {seed}]"
            out, weights = module(*args, **kwargs)
            assert_values(out, want_out.swapaxes(0, 1) if batch_first else want_out, call=run + "; output", **TOL)
            assert_values(weights, want_weights, call=run + "; attention weights averaged over heads", **TOL)
        out, weights = module(*args, need_weights=False)
        expect(weights is None, call=call + "(..., need_weights=False)[1]", expected="None", got=type(weights).__name__)


FF = 6


def _prefixed(p: dict[str, np.ndarray], prefix: str) -> dict[str, np.ndarray]:
    return {name[len(prefix):]: v for name, v in p.items() if name.startswith(prefix)}


def _layer_norm(x: np.ndarray, p: dict[str, np.ndarray], name: str) -> np.ndarray:
    normed = (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-5)
    return normed * p[f"{name}.weight"] + p[f"{name}.bias"]


def _feed_forward(x: np.ndarray, p: dict[str, np.ndarray]) -> np.ndarray:
    hidden = np.maximum(x @ p["linear1.weight"].T + p["linear1.bias"], 0)
    return hidden @ p["linear2.weight"].T + p["linear2.bias"]


def encoder_layer(x: np.ndarray, p: dict[str, np.ndarray], norm_first: bool = False) -> np.ndarray:
    """Post-norm: x = norm1(x + sa(x)); x = norm2(x + ff(x)). Pre-norm: x = x + sa(norm1(x)); x = x + ff(norm2(x))."""
    def sa(y: np.ndarray) -> np.ndarray:
        return attention(y, y, y, _prefixed(p, "self_attn."), HEADS)[0]
    if norm_first:
        x = x + sa(_layer_norm(x, p, "norm1"))
        return x + _feed_forward(_layer_norm(x, p, "norm2"), p)
    x = _layer_norm(x + sa(x), p, "norm1")
    return _layer_norm(x + _feed_forward(x, p), p, "norm2")


def decoder_layer(x: np.ndarray, memory: np.ndarray, p: dict[str, np.ndarray]) -> np.ndarray:
    """x = norm1(x + sa(x)); x = norm2(x + mha(x, memory, memory)); x = norm3(x + ff(x))."""
    x = _layer_norm(x + attention(x, x, x, _prefixed(p, "self_attn."), HEADS)[0], p, "norm1")
    x = _layer_norm(x + attention(x, memory, memory, _prefixed(p, "multihead_attn."), HEADS)[0], p, "norm2")
    return _layer_norm(x + _feed_forward(x, p), p, "norm3")


def _transformer_parameters(decoder: bool) -> dict[str, tuple[int, ...]]:
    attn = {f"{block}.{name}": shape for block in (["self_attn", "multihead_attn"] if decoder else ["self_attn"])
            for name, shape in PARAMETERS.items()}
    norms = {f"norm{i}.{w}": (E,) for i in range(1, 4 if decoder else 3) for w in ("weight", "bias")}
    return {**attn, "linear1.weight": (FF, E), "linear1.bias": (FF,), "linear2.weight": (E, FF), "linear2.bias": (E,),
            **norms}


def _randomised(xp: Any, module: Any, r: np.random.Generator) -> dict[str, np.ndarray]:
    for t in module.parameters():
        set_param(xp, t, (r.standard_normal(tuple(int(s) for s in t.shape)) * 0.5).astype(np.float32))
    return {name: param(t) for name, t in module.named_parameters()}


@check("nn.layers.transformer-encoder-layer")
@settings(max_examples=2)
@given(seed=seeds)
def test_transformer_encoder_layer(xp, seed):
    r = rng(seed)
    for options in ({}, {"norm_first": True}, {"batch_first": True}):
        call = f"nn.TransformerEncoderLayer({E}, {HEADS}, dim_feedforward={FF}, " \
               f"{''.join(f'{k}={v}, ' for k, v in options.items())}dropout=0.0)"
        module = xp.nn.TransformerEncoderLayer(E, HEADS, dim_feedforward=FF, dropout=0.0, **options)
        expect_parameter_shapes(module, _transformer_parameters(False), call)
        p = _randomised(xp, module, r)
        x = as_f32(r.standard_normal((L, N, E)))
        out = encoder_layer(x, p, options.get("norm_first", False))
        batch_first = options.get("batch_first", False)
        got_out = module(tensor_of(xp, x.swapaxes(0, 1) if batch_first else x, "float32"))
        assert_values(got_out, out.swapaxes(0, 1) if batch_first else out,
                      call=f"{call} with N(0, 0.25) parameters, applied to randn{(L, N, E)} [seed {seed}]", **TOL)


@check("nn.layers.transformer-decoder-layer")
@settings(max_examples=2)
@given(seed=seeds)
def test_transformer_decoder_layer(xp, seed):
    r = rng(seed)
    call = f"nn.TransformerDecoderLayer({E}, {HEADS}, dim_feedforward={FF}, dropout=0.0)"
    module = xp.nn.TransformerDecoderLayer(E, HEADS, dim_feedforward=FF, dropout=0.0)
    expect_parameter_shapes(module, _transformer_parameters(True), call)
    p = _randomised(xp, module, r)
    x, memory = as_f32(r.standard_normal((L, N, E))), as_f32(r.standard_normal((S, N, E)))
    assert_values(module(tensor_of(xp, x, "float32"), tensor_of(xp, memory, "float32")), decoder_layer(x, memory, p),
                  call=f"{call} with N(0, 0.25) parameters, applied to randn{(L, N, E)}, memory randn{(S, N, E)} "
                  f"[seed {seed}]", **TOL)
