"""BatchNorm2d: training normalisation with the biased variance, running statistics with
the unbiased one and momentum, cumulative averaging, eval mode, defaults, parameters,
state_dict keys and input errors. Expected values come from NumPy (oracles.batch_norm_*)."""
import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_values, expect, show
from suites.nn import oracles
from suites.nn.common import NORM_TOL, TINY_SPREAD_TOL, TOL, as_f32, rng, seeds, set_param
from suites.inputs import tensor_of

batch_shapes = st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(1, 3)).filter(
    lambda s: s[0] * s[2] * s[3] >= 2)


def batch(seed, shape, scale=1.0):
    r = rng(seed)
    return r.standard_normal(shape) * scale + r.standard_normal((1, shape[1], 1, 1))


@check("nn.batchnorm2d.train-normalises")
@given(seed=seeds, shape=batch_shapes, eps=st.sampled_from([1e-5, 1e-3, 0.1, 1.0]))
def test_batchnorm2d_train_output(xp, seed, shape, eps):
    c = shape[1]
    bn = xp.nn.BatchNorm2d(c, eps=eps)
    r = rng(seed + 1)
    gamma, beta = r.uniform(0.5, 2, c), r.standard_normal(c)
    set_param(xp, bn.weight, gamma)
    set_param(xp, bn.bias, beta)
    x = batch(seed, shape)
    got = bn(tensor_of(xp, x, "float32"))
    want = oracles.batch_norm_train(as_f32(x), as_f32(gamma), as_f32(beta), eps)
    assert_values(got, want, call=f"BatchNorm2d({c}, eps={eps}) with weight={gamma.round(3).tolist()}, "
                                  f"bias={beta.round(3).tolist()} (train)(randn{shape}) [seed {seed}]", **NORM_TOL)


@check("nn.batchnorm2d.defaults")
@given(seed=seeds, shape=batch_shapes)
def test_batchnorm2d_defaults(xp, seed, shape):
    c = shape[1]
    bn = xp.nn.BatchNorm2d(c)
    call = f"BatchNorm2d({c})"
    assert_values(bn.weight, np.ones(c), call=call + ".weight (gamma starts at 1)")
    assert_values(bn.bias, np.zeros(c), call=call + ".bias (beta starts at 0)")
    expect(bn.running_mean is not None and bn.running_var is not None, call=call + ".running_mean / running_var",
           expected="tensors (track_running_stats=True)", got=f"{show(bn.running_mean)}, {show(bn.running_var)}")
    # a tiny spread (variance about 1e-5) makes eps=1e-5 change the output by tens of percent
    x = batch(seed, shape, scale=3e-3)
    got = bn(tensor_of(xp, x, "float32"))
    want = oracles.batch_norm_train(as_f32(x), np.ones(c), np.zeros(c), 1e-5)
    assert_values(got, want, call=f"{call}(randn{shape} * 3e-3) [seed {seed}]", **TINY_SPREAD_TOL)
    xs = as_f32(x)
    assert_values(bn.running_mean, 0.1 * xs.mean(axis=(0, 2, 3)), call=call + ".running_mean after one batch (momentum 0.1)", **TOL)


@check("nn.batchnorm2d.running-stats")
@given(seed=seeds, shape=batch_shapes, momentum=st.sampled_from([0.1, 0.3, 0.5, 0.9, 1.0]))
def test_batchnorm2d_running_stats(xp, seed, shape, momentum):
    c = shape[1]
    bn = xp.nn.BatchNorm2d(c, momentum=momentum)
    call = f"BatchNorm2d({c}, momentum={momentum})"
    assert_values(bn.running_mean, np.zeros(c), call=call + ".running_mean (initial)")
    assert_values(bn.running_var, np.ones(c), call=call + ".running_var (initial)")
    mean, var = np.zeros(c), np.ones(c)
    for step in range(2):
        x = as_f32(batch(seed + step, shape))
        bn(tensor_of(xp, x, "float32"))
        mean = (1 - momentum) * mean + momentum * x.mean(axis=(0, 2, 3))
        var = (1 - momentum) * var + momentum * x.var(axis=(0, 2, 3), ddof=1)  # unbiased
        where = f"{call} after {step + 1} training batch(es) of shape {shape} [seed {seed}]"
        assert_values(bn.running_mean, mean, call=where + ": running_mean", **TOL)
        assert_values(bn.running_var, var, call=where + ": running_var (unbiased batch variance)", **TOL)
        tracked = int(bn.num_batches_tracked)
        expect(tracked == step + 1, call=where + ": num_batches_tracked", expected=step + 1, got=tracked)


@check("nn.batchnorm2d.cumulative-momentum")
@given(seed=seeds, shape=batch_shapes)
def test_batchnorm2d_cumulative_average(xp, seed, shape):
    c = shape[1]
    bn = xp.nn.BatchNorm2d(c, momentum=None)
    x1, x2 = as_f32(batch(seed, shape)), as_f32(batch(seed + 7, shape, scale=2.0))
    bn(tensor_of(xp, x1, "float32"))
    bn(tensor_of(xp, x2, "float32"))
    call = f"BatchNorm2d({c}, momentum=None) after two batches of shape {shape} [seed {seed}]"
    assert_values(bn.running_mean, (x1.mean(axis=(0, 2, 3)) + x2.mean(axis=(0, 2, 3))) / 2, call=call + ": running_mean", **TOL)
    assert_values(bn.running_var, (x1.var(axis=(0, 2, 3), ddof=1) + x2.var(axis=(0, 2, 3), ddof=1)) / 2,
                  call=call + ": running_var", **TOL)


@check("nn.batchnorm2d.eval-mode")
@given(seed=seeds, shape=batch_shapes, eps=st.sampled_from([1e-5, 0.1]))
def test_batchnorm2d_eval_uses_running_stats(xp, seed, shape, eps):
    c = shape[1]
    bn = xp.nn.BatchNorm2d(c, eps=eps)
    r = rng(seed + 3)
    mean, var = r.standard_normal(c), r.uniform(0.5, 3, c)
    gamma, beta = r.uniform(0.5, 2, c), r.standard_normal(c)
    for p, v in ((bn.running_mean, mean), (bn.running_var, var), (bn.weight, gamma), (bn.bias, beta)):
        set_param(xp, p, v)
    bn.eval()
    x = batch(seed, shape)
    got = bn(tensor_of(xp, x, "float32"))
    call = f"BatchNorm2d({c}, eps={eps}).eval() with running_mean={mean.round(3).tolist()}, running_var={var.round(3).tolist()}"
    want = oracles.batch_norm_eval(as_f32(x), as_f32(mean), as_f32(var), as_f32(gamma), as_f32(beta), eps)
    assert_values(got, want, call=f"{call}(randn{shape}) [seed {seed}]", **NORM_TOL)
    assert_values(bn.running_mean, as_f32(mean), call=call + ": running_mean after an eval forward (unchanged)")
    assert_values(bn.running_var, as_f32(var), call=call + ": running_var after an eval forward (unchanged)")
    tracked = int(bn.num_batches_tracked)
    expect(tracked == 0, call=call + ": num_batches_tracked after an eval forward", expected=0, got=tracked)


@check("nn.batchnorm2d.eval-mode")
@given(seed=seeds, shape=batch_shapes)
def test_batchnorm2d_without_running_stats(xp, seed, shape):
    c = shape[1]
    bn = xp.nn.BatchNorm2d(c, track_running_stats=False)
    call = f"BatchNorm2d({c}, track_running_stats=False)"
    expect(bn.running_mean is None and bn.running_var is None, call=call + ".running_mean / running_var",
           expected="None", got=f"{show(bn.running_mean)}, {show(bn.running_var)}")
    bn.eval()
    x = batch(seed, shape)
    got = bn(tensor_of(xp, x, "float32"))
    want = oracles.batch_norm_train(as_f32(x), np.ones(c), np.zeros(c), 1e-5)
    assert_values(got, want, call=f"{call}.eval()(randn{shape}) [seed {seed}]", **NORM_TOL)


@check("nn.batchnorm2d.parameters")
@given(c=st.integers(1, 8), affine=st.sampled_from([None, True, False]))
def test_batchnorm2d_parameters(xp, c, affine):
    bn = xp.nn.BatchNorm2d(c) if affine is None else xp.nn.BatchNorm2d(c, affine=affine)
    call = f"BatchNorm2d({c})" if affine is None else f"BatchNorm2d({c}, affine={affine})"
    params = list(bn.parameters())
    total = sum(int(p.numel()) for p in params)
    want = 0 if affine is False else 2 * c
    expect(total == want, call=call + ": parameter count", expected=want, got=total)
    if affine is not False:
        shapes = [tuple(int(s) for s in p.shape) for p in params]
        expect(shapes == [(c,), (c,)], call=call + ".parameters() shapes", expected=[(c,), (c,)], got=shapes)
    expect(bn.running_mean is not None and bn.running_var is not None, call=call + ".running_mean / running_var",
           expected="tensors (buffers kept)", got=f"{show(bn.running_mean)}, {show(bn.running_var)}")


@check("nn.batchnorm2d.state-dict-keys")
@given(c=st.integers(1, 4))
def test_batchnorm2d_state_dict_keys(xp, c):
    keys = set(xp.nn.BatchNorm2d(c).state_dict().keys())
    want = {"weight", "bias", "running_mean", "running_var", "num_batches_tracked"}
    expect(keys == want, call=f"BatchNorm2d({c}).state_dict().keys()", expected=sorted(want), got=sorted(keys))
    keys = set(xp.nn.BatchNorm2d(c, affine=False).state_dict().keys())
    want = {"running_mean", "running_var", "num_batches_tracked"}
    expect(keys == want, call=f"BatchNorm2d({c}, affine=False).state_dict().keys()", expected=sorted(want), got=sorted(keys))


@check("nn.batchnorm2d.input-errors")
@given(shape=st.sampled_from([(3,), (2, 3), (2, 3, 4), (1, 2, 3, 4, 5)]))
def test_batchnorm2d_needs_4d_input(xp, shape):
    bn = xp.nn.BatchNorm2d(3)
    assert_raises(ValueError, bn, xp.zeros(shape), call=f"BatchNorm2d(3)(zeros{shape})")


@check("nn.batchnorm2d.input-errors")
@given(c=st.integers(1, 4))
def test_batchnorm2d_one_value_per_channel_in_training_raises(xp, c):
    assert_raises(ValueError, xp.nn.BatchNorm2d(c), xp.ones(1, c, 1, 1), call=f"BatchNorm2d({c}) (train)(ones(1, {c}, 1, 1))")
