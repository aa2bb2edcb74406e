"""RNN, LSTM, GRU and their cells: parameter names and shapes, output and state shapes (batch_first,
bidirectional, num_layers, given h0/c0) and values against the documented equations in NumPy,
with the module's parameters set to random values."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings

from conformance import check
from conformance.assertions import assert_values
from suites.nn.common import TOL, as_f32, expect_parameter_shapes, param, rng, seeds, set_param
from suites.inputs import tensor_of
from suites.nn.modulespec import names, options_text
from suites.nn.recurrent_oracle import cell_params, recurrent, recurrent_params, step

INPUT, HIDDEN, STEPS, BATCH = 3, 4, 5, 2
CASES = ({}, {"num_layers": 2, "batch_first": True}, {"bidirectional": True, "with_state": True},
         {"num_layers": 2, "bidirectional": True, "batch_first": True})


def _randomise(xp: Any, module: Any, r: np.random.Generator) -> dict[str, np.ndarray]:
    """Every parameter set to N(0, 0.5^2) values; returns them by name (as float64)."""
    for p in module.parameters():
        set_param(xp, p, (r.standard_normal(tuple(int(s) for s in p.shape)) * 0.5).astype(np.float32))
    return {name: param(p) for name, p in module.named_parameters()}


def _check_recurrent(xp: Any, kind: str, seed: int, extra: dict[str, Any]) -> None:
    opts = {k: v for k, v in extra.items() if k != "with_state"}
    call = f"nn.{kind}({INPUT}, {HIDDEN}{', ' + options_text(opts) if opts else ''})"
    module = getattr(xp.nn, kind)(INPUT, HIDDEN, **opts)
    layers, bidirectional = opts.get("num_layers", 1), opts.get("bidirectional", False)
    expect_parameter_shapes(module, recurrent_params(kind, INPUT, HIDDEN, layers, bidirectional), call)
    r = rng(seed)
    params = _randomise(xp, module, r)
    shape = (BATCH, STEPS, INPUT) if opts.get("batch_first") else (STEPS, BATCH, INPUT)
    x = as_f32(r.standard_normal(shape))
    states = {}
    args = [tensor_of(xp, x, "float32")]
    if extra.get("with_state"):
        count = layers * (2 if bidirectional else 1)
        states = {"h0": as_f32(r.standard_normal((count, BATCH, HIDDEN)))}
        if kind == "LSTM":
            states["c0"] = as_f32(r.standard_normal((count, BATCH, HIDDEN)))
            args.append((tensor_of(xp, states["h0"], "float32"), tensor_of(xp, states["c0"], "float32")))
        else:
            args.append(tensor_of(xp, states["h0"], "float32"))
    want = recurrent(kind, x, params, HIDDEN, **opts, **states)
    output, state = module(*args)
    got = [output, *(state if kind == "LSTM" else (state,))]
    run = f"{call} with N(0, 0.25) parameters, applied to randn{shape}{' and random h0/c0' if states else ''}" \
          f" [seed {seed}]"
    for name, tensor, expected in zip(("output", "h_n", "c_n"), got, want):
        assert_values(tensor, expected, call=f"{run}; {name}", **TOL)


def _check_cell(xp: Any, kind: str, seed: int) -> None:
    call = f"nn.{kind}Cell({INPUT}, {HIDDEN})"
    module = getattr(xp.nn, f"{kind}Cell")(INPUT, HIDDEN)
    expect_parameter_shapes(module, cell_params(kind, INPUT, HIDDEN), call)
    r = rng(seed)
    p = _randomise(xp, module, r)
    x, h, c = (as_f32(r.standard_normal(s)) for s in ((BATCH, INPUT), (BATCH, HIDDEN), (BATCH, HIDDEN)))
    weights = [p[name] for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    want_h, want_c = step(kind, x, h, c if kind == "LSTM" else None, *weights)
    run = f"{call} with N(0, 0.25) parameters, applied to randn({BATCH}, {INPUT}) and random state [seed {seed}]"
    if kind == "LSTM":
        got_h, got_c = module(tensor_of(xp, x, "float32"), (tensor_of(xp, h, "float32"), tensor_of(xp, c, "float32")))
        assert_values(got_c, want_c, call=run + "; c'", **TOL)
    else:
        got_h = module(tensor_of(xp, x, "float32"), tensor_of(xp, h, "float32"))
    assert_values(got_h, want_h, call=run + "; h'", **TOL)
    zero_h, _ = step(kind, x, np.zeros_like(h), np.zeros_like(c) if kind == "LSTM" else None, *weights)
    got = module(tensor_of(xp, x, "float32"))
    assert_values(got[0] if kind == "LSTM" else got, zero_h, call=run.replace("random state", "no state (zeros)"),
                  **TOL)


@pytest.mark.parametrize("kind", names(
    ("RNN", check("nn.layers.rnn")),
    ("LSTM", check("nn.layers.lstm")),
    ("GRU", check("nn.layers.gru")),
))
@settings(max_examples=1)
@given(seed=seeds)
def test_recurrent_layers(xp, kind, seed):
    for extra in CASES + (({"nonlinearity": "relu"},) if kind == "RNN" else ()):
        _check_recurrent(xp, kind, seed, extra)


@pytest.mark.parametrize("kind", names(
    ("RNN", check("nn.layers.rnncell")),
    ("LSTM", check("nn.layers.lstmcell")),
    ("GRU", check("nn.layers.grucell")),
))
@settings(max_examples=2)
@given(seed=seeds)
def test_recurrent_cells(xp, kind, seed):
    _check_cell(xp, kind, seed)
