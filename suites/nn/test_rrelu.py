"""RReLU (module, functional and in-place functional): in eval the negative slope is (lower + upper) / 2; in
training each negative element gets its own slope drawn from U(lower, upper); positives pass unchanged."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_same_object, assert_values, expect, to_numpy
from suites.nn.common import F32_TOL, TOL, in_mode, rng, seeds
from suites.inputs import tensor_of
from suites.nn.modulespec import as_seen

LOWER, UPPER = 0.1, 0.4


@check("nn.activations.rrelu")
@settings(max_examples=3)
@given(seed=seeds, lower=st.sampled_from([LOWER, 0.125]), upper=st.sampled_from([UPPER, 1 / 3]))
def test_rrelu_eval_and_training(xp, seed, lower, upper):
    x = as_seen(rng(seed).standard_normal((40, 10)))
    want = np.where(x >= 0, x, x * (lower + upper) / 2)
    module = in_mode(xp.nn.RReLU(lower, upper), False)
    assert_values(module(tensor_of(xp, x, "float32")), want, call=f"nn.RReLU({lower}, {upper}).eval()(randn(40, 10)) [seed {seed}]",
                  **TOL)
    call = f"nn.functional.rrelu(randn(40, 10), {lower}, {upper}, training=False) [seed {seed}]"
    assert_values(xp.nn.functional.rrelu(tensor_of(xp, x, "float32"), lower, upper, training=False), want, call=call, **TOL)
    t = tensor_of(xp, x, "float32")
    call = f"nn.functional.rrelu_(t = randn(40, 10), {lower}, {upper}, training=False) [seed {seed}]"
    assert_same_object(xp.nn.functional.rrelu_(t, lower, upper, training=False), t, call=call)
    assert_values(t, want, call=call + "; t afterwards", **TOL)
    for name, out in (("nn.RReLU(...).train()", in_mode(module, True)(tensor_of(xp, x, "float32"))),
                      ("nn.functional.rrelu(..., training=True)",
                       xp.nn.functional.rrelu(tensor_of(xp, x, "float32"), lower, upper, training=True))):
        got = to_numpy(out).astype(np.float64)
        call = f"{name} with lower={lower}, upper={upper} on randn(40, 10) [seed {seed}]"
        kept = bool(np.allclose(got[x >= 0], x[x >= 0], **F32_TOL))
        expect(kept, call=call, expected="the non-negative elements unchanged", got="some changed")
        slopes = got[x < 0] / x[x < 0]
        expect(bool(np.all((slopes >= lower - 1e-6) & (slopes <= upper + 1e-6))), call=call,
               expected=f"every negative element times a slope in [{lower}, {upper}]",
               got=f"slopes in [{slopes.min():.4f}, {slopes.max():.4f}]")
        expect(bool(np.ptp(slopes) > (upper - lower) / 2), call=call, expected="slopes drawn per element (spread out)",
               got=f"slopes spread {np.ptp(slopes):.4f}")
