"""Conv2d: the output-size formula, values against a NumPy cross-correlation, defaults,
parameter shapes and counts, groups, initialisation bounds, 'same'/'valid' padding, errors."""
import math
import warnings

import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_shape, assert_values, describe, expect, show
from suites.nn import oracles
from suites.nn.common import TOL, as_f32, param, rng, seeds
from suites.inputs import tensor_of


@st.composite
def conv_configs(draw, allow_strings=True):
    """A small valid Conv2d configuration: args in int or (H, W) form, and an input shape."""
    groups = draw(st.integers(1, 3))
    cin, cout = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    k = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    s = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    d = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    p = (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    padding_kind = draw(st.sampled_from(["int", "tuple", "valid", "same"] if allow_strings else ["int", "tuple"]))
    if padding_kind == "same":
        s = (1, 1)
    if padding_kind == "int":
        p = (p[0], p[0])
    square = draw(st.booleans())
    if square:
        k, s, d, p = (k[0],) * 2, (s[0],) * 2, (d[0],) * 2, (p[0],) * 2
    eff = [d[i] * (k[i] - 1) + 1 for i in range(2)]
    pad_num = (0, 0) if padding_kind in ("valid", "same") else p
    h = draw(st.integers(max(1, eff[0] - 2 * pad_num[0]), max(1, eff[0] - 2 * pad_num[0]) + 4))
    w = draw(st.integers(max(1, eff[1] - 2 * pad_num[1]), max(1, eff[1] - 2 * pad_num[1]) + 4))
    if padding_kind == "same":
        h, w = max(h, 1), max(w, 1)
    n = draw(st.integers(1, 2))
    args = {"kernel_size": k[0] if square else k, "stride": s[0] if square else s,
            "dilation": d[0] if square else d, "groups": groups}
    if padding_kind in ("valid", "same"):
        args["padding"] = padding_kind
    else:
        args["padding"] = p[0] if padding_kind == "int" else p
    return {"cin": cin, "cout": cout, "args": args, "k": k, "s": s, "d": d, "p": p,
            "padding": padding_kind, "input": (n, cin, h, w)}


def fixed_config(cin, cout, groups, k, s, d, p, shape):
    """An explicit configuration in conv_configs' format (tuple arguments), so that every run
    also tries padded, strided, dilated and grouped cases whatever hypothesis draws."""
    return {"cin": cin, "cout": cout, "args": {"kernel_size": k, "stride": s, "dilation": d, "groups": groups,
                                               "padding": p},
            "k": k, "s": s, "d": d, "p": p, "padding": "tuple", "input": shape}


FIXED_CONFIGS = [
    fixed_config(2, 4, 2, (3, 2), (2, 1), (1, 2), (2, 1), (1, 2, 5, 6)),
    fixed_config(3, 3, 3, (2, 3), (1, 3), (2, 1), (1, 2), (2, 3, 4, 3)),
]


def explicit_padding(cfg):
    """(top, bottom, left, right) of zeros the documented rule adds."""
    if cfg["padding"] == "valid":
        return (0, 0, 0, 0)
    if cfg["padding"] == "same":
        return oracles.same_padding(cfg["k"][0], cfg["d"][0]) + oracles.same_padding(cfg["k"][1], cfg["d"][1])
    return (cfg["p"][0], cfg["p"][0], cfg["p"][1], cfg["p"][1])


def expected_shape(cfg):
    n, _, h, w = cfg["input"]
    top, bottom, left, right = explicit_padding(cfg)
    # the documented floor((H + 2p - d(k-1) - 1)/s + 1) with 2p = the total padding
    oh = math.floor((h + top + bottom - cfg["d"][0] * (cfg["k"][0] - 1) - 1) / cfg["s"][0] + 1)
    ow = math.floor((w + left + right - cfg["d"][1] * (cfg["k"][1] - 1) - 1) / cfg["s"][1] + 1)
    return (n, cfg["cout"], oh, ow)


def run_conv(xp, cfg, x):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 'same' with an even kernel may warn about a padded copy
        conv = xp.nn.Conv2d(cfg["cin"], cfg["cout"], **cfg["args"])
        return conv, conv(tensor_of(xp, x, "float32"))


@check("nn.conv2d.output-shape")
@given(cfg=conv_configs())
@example(cfg=FIXED_CONFIGS[0])
@example(cfg=FIXED_CONFIGS[1])
def test_conv2d_output_shape(xp, cfg):
    _, got = run_conv(xp, cfg, np.zeros(cfg["input"]))
    call = describe("Conv2d", cfg["cin"], cfg["cout"], **cfg["args"]) + f"(zeros{cfg['input']})"
    assert_shape(got, expected_shape(cfg), call=call)


@check("nn.conv2d.values")
@given(cfg=conv_configs(), seed=seeds)
@example(cfg=FIXED_CONFIGS[0], seed=1)
@example(cfg=FIXED_CONFIGS[1], seed=2)
def test_conv2d_values(xp, cfg, seed):
    x = rng(seed).standard_normal(cfg["input"])
    conv, got = run_conv(xp, cfg, x)
    want = oracles.conv2d(as_f32(x), param(conv.weight), param(conv.bias), cfg["s"], explicit_padding(cfg),
                          cfg["d"], cfg["args"]["groups"])
    call = describe("Conv2d", cfg["cin"], cfg["cout"], **cfg["args"]) + f"(randn{cfg['input']})"
    assert_values(got, want, call=call + f" [seed {seed}]", **TOL)


@check("nn.conv2d.doc-example")
def test_conv2d_doc_example(xp):
    conv = xp.nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1))
    got = conv(xp.zeros(20, 16, 50, 100))
    assert_shape(got, (20, 33, 26, 100),
                 call="Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1))(zeros(20, 16, 50, 100))")


@check("nn.conv2d.defaults")
@given(seed=seeds, cin=st.integers(1, 3), cout=st.integers(1, 3), k=st.integers(1, 3), h=st.integers(3, 6))
@example(seed=0, cin=2, cout=2, k=3, h=5)
def test_conv2d_defaults(xp, seed, cin, cout, k, h):
    conv = xp.nn.Conv2d(cin, cout, k)
    call = f"Conv2d({cin}, {cout}, {k})"
    expect(conv.bias is not None, call=call + ".bias", expected="a bias parameter (bias=True)", got="None")
    x = rng(seed).standard_normal((1, cin, h, h + 1))
    got = conv(tensor_of(xp, x, "float32"))
    want = oracles.conv2d(as_f32(x), param(conv.weight), param(conv.bias), stride=1, padding=0, dilation=1, groups=1)
    assert_values(got, want, call=call + f"(randn(1, {cin}, {h}, {h + 1}))", **TOL)


conv_shapes = st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.integers(1, 4), st.integers(1, 4))


def _conv_with_parameters(xp, shape, bias):
    """Conv2d(groups * a, groups * b, (kh, kw), groups=groups, bias=bias), its description and documented weight shape."""
    groups, a, b, kh, kw = shape
    cin, cout = groups * a, groups * b
    conv = xp.nn.Conv2d(cin, cout, (kh, kw), groups=groups, bias=bias)
    return conv, describe("Conv2d", cin, cout, (kh, kw), groups=groups, bias=bias), (cout, cin // groups, kh, kw)


def _expect_parameter_count(conv, want, call):
    total = sum(int(p.numel()) for p in conv.parameters())
    expect(total == want, call=f"parameter count of {call}", expected=want, got=total)


@check("nn.conv2d.parameters")
@given(shape=conv_shapes)
def test_conv2d_parameter_shapes(xp, shape):
    conv, call, weight = _conv_with_parameters(xp, shape, bias=True)
    assert_shape(conv.weight, weight, call=call + ".weight")
    assert_shape(conv.bias, weight[:1], call=call + ".bias")
    _expect_parameter_count(conv, math.prod(weight) + weight[0], call)


@check("nn.conv2d.no-bias")
@given(shape=conv_shapes)
def test_conv2d_without_bias(xp, shape):
    conv, call, weight = _conv_with_parameters(xp, shape, bias=False)
    expect(conv.bias is None, call=call + ".bias", expected="None", got=show(conv.bias))
    _expect_parameter_count(conv, math.prod(weight), call)


@check("nn.conv2d.parameters")
def test_conv2d_parameter_count_examples(xp):
    for args, kwargs, want in [((3, 16, 3), {}, 448), ((4, 8, 3), {"groups": 2}, 152)]:
        total = sum(int(p.numel()) for p in xp.nn.Conv2d(*args, **kwargs).parameters())
        expect(total == want, call=describe("parameter count of Conv2d", *args, **kwargs), expected=want, got=total)


@check("nn.conv2d.groups-divisibility")
@given(groups=st.integers(2, 4), cin=st.integers(1, 8), cout=st.integers(1, 8))
def test_conv2d_groups_must_divide(xp, groups, cin, cout):
    if cin % groups == 0 and cout % groups == 0:
        cin += 1  # make it indivisible
    assert_raises(ValueError, xp.nn.Conv2d, cin, cout, 1, groups=groups,
                  call=describe("Conv2d", cin, cout, 1, groups=groups))


@check("nn.conv2d.init-bounds")
@given(groups=st.integers(1, 2), a=st.integers(1, 4), b=st.integers(1, 4), k=st.integers(1, 3))
def test_conv2d_init_bounds(xp, groups, a, b, k):
    cin, cout = groups * a, groups * b
    conv = xp.nn.Conv2d(cin, cout, k, groups=groups)
    bound = math.sqrt(groups / (cin * k * k))
    call = f"Conv2d({cin}, {cout}, {k}, groups={groups})"
    for name in ("weight", "bias"):
        vals = param(getattr(conv, name))
        worst = float(np.abs(vals).max())
        expect(worst <= bound * (1 + 1e-6), call=call + f".{name}", expected=f"all values in [-{bound:.6g}, {bound:.6g}]",
               got=f"max |value| {worst:.6g}")


@check("nn.conv2d.init-bounds")
def test_conv2d_init_spreads_over_the_interval(xp):
    xp.manual_seed(0)
    conv = xp.nn.Conv2d(8, 32, 3)  # 2304 weights
    bound = math.sqrt(1 / (8 * 9))
    vals = param(conv.weight)
    call = "Conv2d(8, 32, 3).weight (manual_seed(0))"
    lo, hi, mean = float(vals.min()), float(vals.max()), float(vals.mean())
    expect(lo < -0.9 * bound and hi > 0.9 * bound and abs(mean) < 0.1 * bound, call=call,
           expected=f"values spread over U(-{bound:.4g}, {bound:.4g})", got=f"min {lo:.4g}, max {hi:.4g}, mean {mean:.4g}")


@check("nn.conv2d.padding-strings")
@given(seed=seeds, k=st.integers(1, 4), d=st.integers(1, 2), h=st.integers(1, 5), w=st.integers(1, 5))
@example(seed=0, k=3, d=1, h=4, w=5)
@example(seed=0, k=4, d=2, h=3, w=2)
def test_conv2d_same_keeps_size(xp, seed, k, d, h, w):
    x = rng(seed).standard_normal((1, 2, h, w))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = xp.nn.Conv2d(2, 3, k, padding="same", dilation=d)(tensor_of(xp, x, "float32"))
    assert_shape(got, (1, 3, h, w), call=f"Conv2d(2, 3, {k}, padding='same', dilation={d})(randn(1, 2, {h}, {w}))")


@check("nn.conv2d.padding-strings")
@given(seed=seeds, k=st.integers(1, 3), h=st.integers(3, 6))
def test_conv2d_valid_is_no_padding(xp, seed, k, h):
    x = rng(seed).standard_normal((2, 1, h, h))
    conv = xp.nn.Conv2d(1, 2, k, padding="valid")
    want = oracles.conv2d(as_f32(x), param(conv.weight), param(conv.bias), padding=0)
    assert_values(conv(tensor_of(xp, x, "float32")), want, call=f"Conv2d(1, 2, {k}, padding='valid')(randn(2, 1, {h}, {h}))", **TOL)


@check("nn.conv2d.padding-strings")
@given(stride=st.sampled_from([2, 3, (1, 2), (2, 1)]))
def test_conv2d_same_with_stride_raises(xp, stride):
    x = xp.zeros(1, 1, 6, 6)
    assert_raises(ValueError, lambda: xp.nn.Conv2d(1, 1, 3, stride=stride, padding="same")(x),
                  call=describe("Conv2d", 1, 1, 3, stride=stride, padding="same") + "(zeros(1, 1, 6, 6))")


@check("nn.conv2d.padding-strings")
@given(padding=st.sampled_from(["full", "SAME", "causal", ""]))
def test_conv2d_unknown_padding_string_raises(xp, padding):
    x = xp.zeros(1, 1, 6, 6)
    assert_raises(ValueError, lambda: xp.nn.Conv2d(1, 1, 3, padding=padding)(x),
                  call=describe("Conv2d", 1, 1, 3, padding=padding) + "(zeros(1, 1, 6, 6))")


@check("nn.conv2d.same-even-kernel")
@given(seed=seeds, kh=st.sampled_from([2, 4]), kw=st.sampled_from([2, 3, 4]), h=st.integers(2, 5), w=st.integers(2, 5))
def test_conv2d_same_even_kernel_pads_at_the_end(xp, seed, kh, kw, h, w):
    x = rng(seed).standard_normal((1, 1, h, w))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        conv = xp.nn.Conv2d(1, 2, (kh, kw), padding="same")
        got = conv(tensor_of(xp, x, "float32"))
    want = oracles.conv2d(as_f32(x), param(conv.weight), param(conv.bias),
                          padding=oracles.same_padding(kh) + oracles.same_padding(kw))
    assert_values(got, want, call=f"Conv2d(1, 2, ({kh}, {kw}), padding='same')(randn(1, 1, {h}, {w}))", **TOL)


@check("nn.conv2d.input-errors")
@given(cin=st.integers(1, 4), extra=st.integers(1, 2))
def test_conv2d_channel_mismatch_raises(xp, cin, extra):
    conv = xp.nn.Conv2d(cin, 2, 3)
    x = xp.zeros(1, cin + extra, 5, 5)
    assert_raises(RuntimeError, conv, x, call=f"Conv2d({cin}, 2, 3)(zeros(1, {cin + extra}, 5, 5))")


@check("nn.conv2d.input-errors")
@given(k=st.integers(4, 6), p=st.integers(0, 1))
def test_conv2d_kernel_larger_than_input_raises(xp, k, p):
    h = k - 2 * p - 1
    conv = xp.nn.Conv2d(1, 1, k, padding=p)
    assert_raises(RuntimeError, conv, xp.zeros(1, 1, h, h), call=f"Conv2d(1, 1, {k}, padding={p})(zeros(1, 1, {h}, {h}))")
