"""Linear (affine map, parameters, initialisation, bias=False, errors), Flatten and Dropout."""
import math

import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_shape, assert_values, describe, expect, show, to_numpy
from conformance.dtypes import INT_DTYPES
from conformance.strategies import dtype_names, shapes
from suites.nn import oracles
from suites.nn.common import EXACT, F32_TOL, TOL, as_f32, param, rng, seeds
from suites.inputs import tensor_of


@check("nn.linear.affine-map")
@given(seed=seeds, lead=shapes(0, 3, 0, 3), n_in=st.integers(1, 6), n_out=st.integers(1, 6))
def test_linear_affine_map(xp, seed, lead, n_in, n_out):
    x = rng(seed).standard_normal(lead + (n_in,))
    lin = xp.nn.Linear(n_in, n_out)
    got = lin(tensor_of(xp, x, "float32"))
    want = oracles.linear(as_f32(x), param(lin.weight), param(lin.bias))
    assert_values(got, want, call=f"Linear({n_in}, {n_out})(randn{lead + (n_in,)}) [seed {seed}]", **TOL)


@check("nn.linear.parameters")
@given(n_in=st.integers(1, 40), n_out=st.integers(1, 40))
def test_linear_parameter_shapes(xp, n_in, n_out):
    lin = xp.nn.Linear(n_in, n_out)
    call = f"Linear({n_in}, {n_out})"
    assert_shape(lin.weight, (n_out, n_in), call=call + ".weight")
    assert_shape(lin.bias, (n_out,), call=call + ".bias")
    total = sum(int(p.numel()) for p in lin.parameters())
    expect(total == n_in * n_out + n_out, call=call + ": parameter count", expected=n_in * n_out + n_out, got=total)


@check("nn.linear.parameters")
def test_linear_parameter_count_example(xp):
    total = sum(int(p.numel()) for p in xp.nn.Linear(20, 30).parameters())
    expect(total == 630, call="sum(p.numel() for p in Linear(20, 30).parameters())", expected=630, got=total)


@check("nn.linear.init-and-no-bias")
@given(n_in=st.integers(1, 30), n_out=st.integers(1, 30))
def test_linear_init_bounds(xp, n_in, n_out):
    lin = xp.nn.Linear(n_in, n_out)
    bound = 1 / math.sqrt(n_in)
    for name in ("weight", "bias"):
        worst = float(np.abs(param(getattr(lin, name))).max())
        expect(worst <= bound * (1 + 1e-6), call=f"Linear({n_in}, {n_out}).{name}",
               expected=f"all values in [-{bound:.6g}, {bound:.6g}]", got=f"max |value| {worst:.6g}")


@check("nn.linear.init-and-no-bias")
def test_linear_init_spreads_over_the_interval(xp):
    xp.manual_seed(0)
    vals = param(xp.nn.Linear(16, 128).weight)  # 2048 weights
    bound = 1 / 4
    lo, hi = float(vals.min()), float(vals.max())
    expect(lo < -0.9 * bound and hi > 0.9 * bound, call="Linear(16, 128).weight (manual_seed(0))",
           expected=f"values spread over U(-{bound}, {bound})", got=f"min {lo:.4g}, max {hi:.4g}")


@check("nn.linear.init-and-no-bias")
@given(seed=seeds, n_in=st.integers(1, 5), n_out=st.integers(1, 5))
def test_linear_without_bias(xp, seed, n_in, n_out):
    lin = xp.nn.Linear(n_in, n_out, bias=False)
    call = f"Linear({n_in}, {n_out}, bias=False)"
    expect(lin.bias is None, call=call + ".bias", expected="None", got=show(lin.bias))
    x = rng(seed).standard_normal((2, n_in))
    assert_values(lin(tensor_of(xp, x, "float32")), oracles.linear(as_f32(x), param(lin.weight)), call=f"{call}(randn(2, {n_in}))", **TOL)


@check("nn.linear.input-errors")
@given(n_in=st.integers(1, 5), delta=st.sampled_from([-1, 1, 2]))
def test_linear_wrong_last_dim_raises(xp, n_in, delta):
    if n_in + delta < 1:
        delta = 1
    lin = xp.nn.Linear(n_in, 3)
    assert_raises(RuntimeError, lin, xp.zeros(2, n_in + delta), call=f"Linear({n_in}, 3)(zeros(2, {n_in + delta}))")


@check("nn.linear.input-errors")
@given(dtype=dtype_names(INT_DTYPES))
def test_linear_integer_input_raises(xp, dtype):
    x = xp.ones(2, 3, dtype=getattr(xp, dtype))
    assert_raises(RuntimeError, xp.nn.Linear(3, 2), x, call=f"Linear(3, 2)(ones(2, 3, dtype={dtype}))")


@check("nn.flatten.dims")
@given(shape=shapes(1, 5, 1, 3), data=st.data())
def test_flatten_dims(xp, shape, data):
    nd = len(shape)
    start = data.draw(st.integers(-nd, nd - 1), label="start_dim")
    s = start % nd
    end = data.draw(st.integers(s, nd - 1), label="end_dim (non-negative)")
    if data.draw(st.booleans(), label="negative end_dim"):
        end -= nd
    e = end % nd
    want = shape[:s] + (int(np.prod(shape[s:e + 1])),) + shape[e + 1:]
    x = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape)
    got = xp.nn.Flatten(start, end)(tensor_of(xp, x, "float32"))
    assert_values(got, x.reshape(want), call=describe("Flatten", start, end) + f"(arange.view{shape})")


@check("nn.flatten.dims")
@given(shape=shapes(2, 5, 1, 3))
def test_flatten_defaults(xp, shape):
    want = (shape[0], int(np.prod(shape[1:])))
    assert_shape(xp.nn.Flatten()(xp.zeros(shape)), want, call=f"Flatten()(zeros{shape})")


@check("nn.flatten.dims")
def test_flatten_doc_examples(xp):
    x = xp.zeros(32, 1, 5, 5)
    assert_shape(xp.nn.Flatten()(x), (32, 25), call="Flatten()(zeros(32, 1, 5, 5))")
    assert_shape(xp.nn.Flatten(0, 2)(x), (160, 5), call="Flatten(0, 2)(zeros(32, 1, 5, 5))")


@check("nn.dropout.train-eval")
@given(p=st.sampled_from([0.2, 0.5, 0.75]))
def test_dropout_training(xp, p):
    xp.manual_seed(0)
    n = 4000
    got = to_numpy(xp.nn.Dropout(p)(xp.ones(n))).astype(np.float64)
    call = f"Dropout({p}) (train)(ones({n}))"
    scale = 1 / (1 - p)
    kept = np.isclose(got, scale, rtol=F32_TOL["rtol"])
    dropped = got == 0
    expect(bool((kept | dropped).all()), call=call, expected=f"every value 0 or {scale:.6g}",
           got=f"other values: {np.unique(got[~(kept | dropped)])[:5].tolist()}")
    frac = float(dropped.mean())
    expect(abs(frac - p) < 0.06, call=call, expected=f"about {p:.0%} zeros (within 6 points)", got=f"{frac:.1%} zeros")


@check("nn.dropout.train-eval")
@given(seed=seeds, p=st.sampled_from([0.0, 0.3, 0.5, 0.9]), shape=shapes(1, 3, 1, 4))
def test_dropout_eval_is_identity(xp, seed, p, shape):
    x = rng(seed).standard_normal(shape)
    layer = xp.nn.Dropout(p)
    layer.eval()
    assert_values(layer(tensor_of(xp, x, "float32")), as_f32(x), call=f"Dropout({p}).eval()(randn{shape})", **EXACT)
