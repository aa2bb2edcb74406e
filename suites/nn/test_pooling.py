"""MaxPool2d, AvgPool2d and AdaptiveAvgPool2d: output sizes (floor and the ceil_mode
last-window rule), values against NumPy windows, padding limits, indices, divisors, bins."""

import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_shape, assert_values, describe
from suites.nn import oracles
from suites.nn.common import TOL, as_f32, rng, seeds
from suites.inputs import tensor_of
from suites.nn.modulespec import names


@st.composite
def pool_configs(draw, dilation=True):
    """Kernel, stride (None: the default), padding <= half the kernel, dilation, ceil_mode."""
    k = draw(st.integers(1, 3))
    d = draw(st.integers(1, 2)) if dilation else 1
    eff = d * (k - 1) + 1
    # padding at most half the kernel: within every documented reading of the limit
    p = draw(st.integers(0, k // 2))
    s = draw(st.one_of(st.none(), st.integers(1, 3)))
    ceil_mode = draw(st.booleans())
    h = draw(st.integers(max(1, eff - 2 * p), max(1, eff - 2 * p) + 5))
    w = draw(st.integers(max(1, eff - 2 * p), max(1, eff - 2 * p) + 5))
    stride = k if s is None else s
    # a window made only of padding has no documented value or index: leave such cases out
    assume(all(oracles._windows(x, k, stride, p, d, ceil_mode)[i] for x in (h, w)
               for i in range(oracles.pool_out(x, k, stride, p, d, ceil_mode))))
    return {"k": k, "s": s, "p": p, "d": d, "ceil_mode": ceil_mode, "input": (draw(st.integers(1, 2)), draw(st.integers(1, 2)), h, w)}


def distinct_values(seed, shape):
    """Distinct values (a shuffled range centred on 0), so maxima have no ties."""
    n = int(np.prod(shape))
    return (rng(seed).permutation(n) - n // 2).reshape(shape).astype(np.float64)


def maxpool(xp, cfg, **extra):
    kwargs = {"padding": cfg["p"], "dilation": cfg["d"], "ceil_mode": cfg["ceil_mode"], **extra}
    if cfg["s"] is not None:
        kwargs["stride"] = cfg["s"]
    return xp.nn.MaxPool2d(cfg["k"], **kwargs), describe("MaxPool2d", cfg["k"], **kwargs)


def expect_output_shape(xp, pool, cfg):
    """``pool(xp, cfg)``'s layer maps cfg's input to the documented size (stride defaulting to the kernel)."""
    layer, name = pool(xp, cfg)
    n, c, h, w = cfg["input"]
    s = cfg["k"] if cfg["s"] is None else cfg["s"]
    want = [oracles.pool_out(x, cfg["k"], s, cfg["p"], cfg["d"], cfg["ceil_mode"]) for x in (h, w)]
    assert_shape(layer(xp.zeros(cfg["input"])), (n, c, *want), call=f"{name}(zeros{cfg['input']})")


@pytest.mark.parametrize("layer", names(("MaxPool2d", check("nn.maxpool2d.output-shape")),
                                         ("AvgPool2d", check("nn.avgpool2d.output-shape"))))
def test_pool2d_ceil_mode_example(xp, layer):
    """On a 5x5 input, kernel 2 and stride 2 give 2 outputs per dim, 3 with ceil_mode; with padding 1 the
    4th window would start at 3*2 - 1 = 5 = H, in the right padding: dropped, so 3 (ceil alone gives 4)."""
    for padding, ceil_mode, want in [(0, False, 2), (0, True, 3), (1, True, 3)]:
        got = getattr(xp.nn, layer)(2, 2, padding=padding, ceil_mode=ceil_mode)(xp.zeros(1, 1, 5, 5))
        assert_shape(got, (1, 1, want, want),
                     call=describe(layer, 2, 2, padding=padding, ceil_mode=ceil_mode) + "(zeros(1, 1, 5, 5))")


@check("nn.maxpool2d.output-shape")
@given(cfg=pool_configs())
def test_maxpool2d_output_shape(xp, cfg):
    expect_output_shape(xp, maxpool, cfg)


@check("nn.maxpool2d.values")
@given(cfg=pool_configs(), seed=seeds)
def test_maxpool2d_values(xp, cfg, seed):
    x = distinct_values(seed, cfg["input"])
    layer, name = maxpool(xp, cfg)
    want, _ = oracles.max_pool2d(x, cfg["k"], cfg["s"], cfg["p"], cfg["d"], cfg["ceil_mode"])
    assert_values(layer(tensor_of(xp, x, "float32")), want, call=f"{name}(shuffled range{cfg['input']}) [seed {seed}]")


@check("nn.maxpool2d.values")
def test_maxpool2d_pads_with_minus_infinity(xp):
    x = -np.arange(1.0, 10.0).reshape(1, 1, 3, 3)  # all negative: a zero pad would win
    got = xp.nn.MaxPool2d(3, stride=1, padding=1)(tensor_of(xp, x, "float32"))
    want = np.array([[-1, -1, -2], [-1, -1, -2], [-4, -4, -5]], dtype=np.float64)[None, None]
    assert_values(got, want, call="MaxPool2d(3, stride=1, padding=1)(-arange(1, 10).view(1, 1, 3, 3))")


@check("nn.maxpool2d.padding-limit")
@given(k=st.integers(1, 4), d=st.integers(1, 2), extra=st.integers(1, 2))
def test_maxpool2d_padding_over_half_kernel_raises(xp, k, d, extra):
    p = (d * (k - 1) + 1) // 2 + extra
    x = xp.zeros(1, 1, 8, 8)
    assert_raises(RuntimeError, lambda: xp.nn.MaxPool2d(k, padding=p, dilation=d)(x),
                  call=f"MaxPool2d({k}, padding={p}, dilation={d})(zeros(1, 1, 8, 8))")


@check("nn.maxpool2d.padding-limit")
@given(k=st.integers(1, 4), extra=st.integers(1, 2))
def test_avgpool2d_padding_over_half_kernel_raises(xp, k, extra):
    p = k // 2 + extra
    x = xp.zeros(1, 1, 8, 8)
    assert_raises(RuntimeError, lambda: xp.nn.AvgPool2d(k, padding=p)(x),
                  call=f"AvgPool2d({k}, padding={p})(zeros(1, 1, 8, 8))")


@check("nn.maxpool2d.return-indices")
def test_maxpool2d_indices_example(xp):
    values, indices = xp.nn.MaxPool2d(2, return_indices=True)(tensor_of(xp, [[[[1, 2], [3, 4]]]], "float32"))
    call = "MaxPool2d(2, return_indices=True)(tensor([[[[1, 2], [3, 4]]]]))"
    assert_values(values, np.array([[[[4.0]]]]), call=call + "[0]")
    assert_values(indices, np.array([[[[3]]]]), call=call + "[1]")


@check("nn.maxpool2d.return-indices")
@given(cfg=pool_configs(), seed=seeds)
def test_maxpool2d_indices_are_flat_plane_positions(xp, cfg, seed):
    x = distinct_values(seed, cfg["input"])
    layer, name = maxpool(xp, cfg, return_indices=True)
    values, indices = layer(tensor_of(xp, x, "float32"))
    want_v, want_i = oracles.max_pool2d(x, cfg["k"], cfg["s"], cfg["p"], cfg["d"], cfg["ceil_mode"])
    assert_values(values, want_v, call=f"{name}(shuffled range{cfg['input']})[0] [seed {seed}]")
    assert_values(indices, want_i, call=f"{name}(shuffled range{cfg['input']})[1] [seed {seed}]")


def avgpool(xp, cfg, **extra):
    kwargs = {"padding": cfg["p"], "ceil_mode": cfg["ceil_mode"], **extra}
    if cfg["s"] is not None:
        kwargs["stride"] = cfg["s"]
    return xp.nn.AvgPool2d(cfg["k"], **kwargs), describe("AvgPool2d", cfg["k"], **kwargs)


@check("nn.avgpool2d.output-shape")
@given(cfg=pool_configs(dilation=False))
def test_avgpool2d_output_shape(xp, cfg):
    expect_output_shape(xp, avgpool, cfg)


@check("nn.avgpool2d.values")
@given(cfg=pool_configs(dilation=False), seed=seeds, count_include_pad=st.sampled_from([None, True, False]),
       divisor_override=st.sampled_from([None, None, 1, 3]))
def test_avgpool2d_values(xp, cfg, seed, count_include_pad, divisor_override):
    if cfg["ceil_mode"] and count_include_pad is not False and divisor_override is None:
        # the divisor of a window running past the padding (ceil_mode) is not documented
        cfg = {**cfg, "ceil_mode": False}
    extra = {}
    if count_include_pad is not None:
        extra["count_include_pad"] = count_include_pad
    if divisor_override is not None:
        extra["divisor_override"] = divisor_override
    x = rng(seed).standard_normal(cfg["input"])
    layer, name = avgpool(xp, cfg, **extra)
    want = oracles.avg_pool2d(as_f32(x), cfg["k"], cfg["s"], cfg["p"], cfg["ceil_mode"],
                              count_include_pad is not False, divisor_override)
    assert_values(layer(tensor_of(xp, x, "float32")), want, call=f"{name}(randn{cfg['input']}) [seed {seed}]", **TOL)


@check("nn.avgpool2d.values")
@given(seed=seeds, k=st.integers(2, 3), count_include_pad=st.sampled_from([None, True, False]))
def test_avgpool2d_padded_borders(xp, seed, k, count_include_pad):
    x = rng(seed).standard_normal((1, 2, 4, 5))
    extra = {} if count_include_pad is None else {"count_include_pad": count_include_pad}
    got = xp.nn.AvgPool2d(k, stride=1, padding=1, **extra)(tensor_of(xp, x, "float32"))
    want = oracles.avg_pool2d(as_f32(x), k, 1, 1, False, count_include_pad is not False)
    assert_values(got, want, call=describe("AvgPool2d", k, stride=1, padding=1, **extra) + f"(randn(1, 2, 4, 5)) [seed {seed}]", **TOL)


@check("nn.avgpool2d.doc-example")
def test_avgpool2d_doc_example(xp):
    x = tensor_of(xp, [[[[1, 2], [3, 4]]]], "float32")
    got = xp.nn.AvgPool2d(2, stride=1, padding=1)(x)
    assert_values(got[0, 0, 0, 0], np.float64(0.25), call="AvgPool2d(2, stride=1, padding=1)([[1,2],[3,4]])[top left]")
    got = xp.nn.AvgPool2d(2, stride=1, padding=1, count_include_pad=False)(x)
    assert_values(got[0, 0, 0, 0], np.float64(1.0),
                  call="AvgPool2d(2, stride=1, padding=1, count_include_pad=False)([[1,2],[3,4]])[top left]")
    got = xp.nn.AvgPool2d(2, divisor_override=1)(x)
    assert_values(got, np.array([[[[10.0]]]]), call="AvgPool2d(2, divisor_override=1)([[1,2],[3,4]])")


size_entries = st.one_of(st.none(), st.integers(1, 4))


@check("nn.adaptiveavgpool2d.output-size")
@given(n=st.integers(1, 2), c=st.integers(1, 3), h=st.integers(1, 9), w=st.integers(1, 9),
       size=st.one_of(st.integers(1, 4), st.tuples(size_entries, size_entries)))
def test_adaptiveavgpool2d_output_size(xp, n, c, h, w, size):
    got = xp.nn.AdaptiveAvgPool2d(size)(xp.zeros(n, c, h, w))
    oh, ow = (size, size) if isinstance(size, int) else (h if size[0] is None else size[0], w if size[1] is None else size[1])
    assert_shape(got, (n, c, oh, ow), call=describe("AdaptiveAvgPool2d", size) + f"(zeros({n}, {c}, {h}, {w}))")


@check("nn.adaptiveavgpool2d.output-size")
def test_adaptiveavgpool2d_doc_example(xp):
    got = xp.nn.AdaptiveAvgPool2d((None, 7))(xp.zeros(1, 64, 10, 9))
    assert_shape(got, (1, 64, 10, 7), call="AdaptiveAvgPool2d((None, 7))(zeros(1, 64, 10, 9))")


@check("nn.adaptiveavgpool2d.bins")
@given(seed=seeds, h=st.integers(1, 9), w=st.integers(1, 9), oh=st.integers(1, 4), ow=st.integers(1, 4))
def test_adaptiveavgpool2d_bins(xp, seed, h, w, oh, ow):
    x = rng(seed).standard_normal((1, 2, h, w))
    got = xp.nn.AdaptiveAvgPool2d((oh, ow))(tensor_of(xp, x, "float32"))
    assert_values(got, oracles.adaptive_avg_pool2d(as_f32(x), (oh, ow)),
                  call=f"AdaptiveAvgPool2d(({oh}, {ow}))(randn(1, 2, {h}, {w})) [seed {seed}]", **TOL)


@check("nn.adaptiveavgpool2d.bins")
def test_adaptiveavgpool2d_five_to_three_and_global_mean(xp):
    x = np.arange(5.0).reshape(1, 1, 5, 1)
    got = xp.nn.AdaptiveAvgPool2d((3, 1))(tensor_of(xp, x, "float32"))
    # bins [0,2), [1,4), [3,5)
    assert_values(got, np.array([0.5, 2.0, 3.5]).reshape(1, 1, 3, 1), call="AdaptiveAvgPool2d((3, 1))(arange(5).view(1, 1, 5, 1))")
    y = rng(3).standard_normal((2, 3, 4, 5))
    got = xp.nn.AdaptiveAvgPool2d(1)(tensor_of(xp, y, "float32"))
    assert_values(got, as_f32(y).mean(axis=(2, 3), keepdims=True), call="AdaptiveAvgPool2d(1)(randn(2, 3, 4, 5))", **TOL)
