"""nn.init: calculate_gain's table, the deterministic initialisers exactly, orthogonal_'s
orthonormality, the random ones' documented support and spread (fixed seed, wide tolerances) and
their determinism under manual_seed. Rows in ``init_table``."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_same_object, assert_values, describe, expect, to_numpy
from suites.inputs import tensor_of
from suites.nn.common import ORTHONORMAL_TOL, seeds
from suites.nn.init_table import GAINS, INITS, InitSpec, Spread
from suites.nn.modulespec import Options, call_text, rows


def _init(xp: Any, row: InitSpec, opts: Options) -> tuple[Any, Any, str]:
    """A zero float32 tensor of the row's shape, the initialiser's return value, and the call."""
    tensor = xp.zeros(row.shape, dtype=xp.float32)
    returned = getattr(xp.nn.init, row.function)(tensor, **opts)
    return tensor, returned, call_text(f"nn.init.{row.function}", f"zeros{row.shape}", opts)


def _check_spread(values: np.ndarray, law: Spread, call: str) -> None:
    bounds = [b for b in (law.low, law.high) if b is not None]
    span = law.std * 4 if len(bounds) < 2 else law.high - law.low
    low, high = float(values.min()), float(values.max())
    if law.low is not None:
        expect(low >= law.low and low <= law.low + 0.05 * span, call=call, expected=f"minimum in [{law.low}, "
               f"{law.low + 0.05 * span:.4g}] (support starts at {law.low})", got=f"minimum {low:.6g}")
    if law.high is not None:
        expect(high <= law.high and high >= law.high - 0.05 * span, call=call, expected=f"maximum in "
               f"[{law.high - 0.05 * span:.4g}, {law.high}] (support ends at {law.high})", got=f"maximum {high:.6g}")
    mean, std = float(values.mean()), float(values.std())
    expect(abs(mean - law.mean) <= 0.1 * law.std, call=call, expected=f"mean {law.mean:.4g} +- {0.1 * law.std:.3g}",
           got=f"mean {mean:.6g}")
    expect(abs(std - law.std) <= 0.1 * law.std, call=call, expected=f"std {law.std:.4g} +- 10%", got=f"std {std:.6g}")


@check("nn.init.calculate-gain")
def test_calculate_gain(xp):
    for name, param, want in GAINS:
        args = (name,) if param is None else (name, param)
        got = xp.nn.init.calculate_gain(*args)
        expect(abs(got - want) <= 1e-12 * want, call=describe("nn.init.calculate_gain", *args), expected=want, got=got)


@pytest.mark.parametrize("row", rows(
    INITS,
    ("zeros_", check("nn.init.zeros")),
    ("ones_", check("nn.init.ones")),
    ("constant_", check("nn.init.constant")),
    ("eye_", check("nn.init.eye")),
    ("dirac_", check("nn.init.dirac")),
    ("uniform_", check("nn.init.uniform")),
    ("normal_", check("nn.init.normal")),
    ("xavier_uniform_", check("nn.init.xavier-uniform")),
    ("xavier_normal_", check("nn.init.xavier-normal")),
    ("kaiming_uniform_", check("nn.init.kaiming-uniform")),
    ("kaiming_normal_", check("nn.init.kaiming-normal")),
    ("trunc_normal_", check("nn.init.trunc-normal")),
))
def test_init_fills_in_place(xp, row):
    """Each option set, under a fixed seed: the tensor itself is filled (and returned) with the exact
    result or values following the documented law."""
    for opts in row.options:
        xp.manual_seed(0)
        tensor, returned, call = _init(xp, row, opts)
        assert_same_object(returned, tensor, call=call)
        want = row.expect(row.shape, **opts)
        if isinstance(want, Spread):
            _check_spread(to_numpy(tensor).astype(np.float64), want, call + " [manual_seed(0)]")
        else:
            assert_values(tensor, want, call=call)


@check("nn.init.orthogonal")
@settings(max_examples=6)
@given(shape=st.sampled_from([(3, 5), (5, 3), (4, 4), (2, 3, 2)]), gain=st.sampled_from([1.0, 2.5]), seed=seeds)
@example(shape=(5, 3), gain=2.5, seed=0)
def test_orthogonal(xp, shape, gain, seed):
    """Flattened to (rows, cols), the smaller side is orthonormal times gain: W W^T = gain^2 I or W^T W."""
    xp.manual_seed(seed)
    tensor = xp.zeros(shape, dtype=xp.float32)
    call = call_text("nn.init.orthogonal_", f"zeros{shape}", {"gain": gain})
    assert_same_object(xp.nn.init.orthogonal_(tensor, gain=gain), tensor, call=call)
    w = to_numpy(tensor).astype(np.float64).reshape(shape[0], -1)
    gram = w @ w.T if w.shape[0] <= w.shape[1] else w.T @ w
    got = tensor_of(xp, gram)
    assert_values(got, gain ** 2 * np.eye(len(gram)), call=f"{call}; the Gram matrix of the smaller side [seed {seed}]",
                  **ORTHONORMAL_TOL)


@check("nn.init.seeded")
def test_random_inits_repeat_under_manual_seed(xp):
    for name in ("uniform_", "normal_", "xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_",
                 "trunc_normal_", "orthogonal_"):
        row = INITS.get(name, InitSpec(name, (4, 6), lambda shape: None))
        runs = []
        for _ in range(2):
            xp.manual_seed(1234)
            runs.append(to_numpy(_init(xp, row, {})[0]))
        call = f"manual_seed(1234); nn.init.{name}(zeros{row.shape}) twice"
        expect(np.array_equal(runs[0], runs[1]), call=call, expected="the same values both times",
               got="different values")
