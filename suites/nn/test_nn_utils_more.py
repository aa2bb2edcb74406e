"""nn.utils beyond clipping by parameters: get_total_norm, clip_grads_with_norm_, batch-norm fusion (the
fused weights by the documented formula) and skip_init."""
from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import example, given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_shape, assert_values, expect, show
from suites.nn.common import TOL, as_f32, in_mode, param, rng, seeds, set_param
from suites.inputs import tensor_of


@check("nn.utils.get-total-norm")
@settings(max_examples=6)
@given(seed=seeds, norm_type=st.sampled_from([2.0, 1.0, 3.0, float("inf")]))
@example(seed=0, norm_type=float("inf"))
def test_get_total_norm(xp, seed, norm_type):
    r = rng(seed)
    arrays = [as_f32(r.standard_normal((2, 3))), as_f32(r.standard_normal(4))]
    flat = np.concatenate([a.ravel() for a in arrays])
    want = np.abs(flat).max() if np.isinf(norm_type) else (np.abs(flat) ** norm_type).sum() ** (1 / norm_type)
    got = xp.nn.utils.get_total_norm([tensor_of(xp, a, "float32") for a in arrays], norm_type=norm_type)
    assert_values(got, want, call=f"nn.utils.get_total_norm([randn(2, 3), randn(4)], norm_type={norm_type}) "
                                  f"[seed {seed}]", **TOL)


@check("nn.utils.clip-grads-with-norm")
@settings(max_examples=6)
@given(seed=seeds, max_norm=st.sampled_from([0.5, 2.0, 50.0]), total=st.sampled_from([1.0, 4.0]))
@example(seed=0, max_norm=0.5, total=4.0)
def test_clip_grads_with_norm(xp, seed, max_norm, total):
    r = rng(seed)
    grads = [as_f32(r.standard_normal((2, 2))), as_f32(r.standard_normal(3))]
    params = []
    for g in grads:
        p = xp.nn.Parameter(tensor_of(xp, np.zeros(g.shape), "float32"))
        p.grad = tensor_of(xp, g, "float32")
        params.append(p)
    xp.nn.utils.clip_grads_with_norm_(params, max_norm, tensor_of(xp, total, "float32"))
    coefficient = min(max_norm / (total + 1e-6), 1.0)
    call = f"nn.utils.clip_grads_with_norm_(params with grads randn, max_norm={max_norm}, " \
           f"total_norm=tensor({total})) [seed {seed}]"
    for i, (p, g) in enumerate(zip(params, grads)):
        assert_values(p.grad, g * coefficient, call=f"{call}; params[{i}].grad", **TOL)


def _batch_norm(r: np.random.Generator, channels: int) -> dict[str, np.ndarray]:
    return {"mean": as_f32(r.standard_normal(channels)), "var": as_f32(r.uniform(0.5, 2.0, channels)),
            "weight": as_f32(r.standard_normal(channels)), "bias": as_f32(r.standard_normal(channels))}


def _fused(w: np.ndarray, b: np.ndarray | None, bn: dict[str, np.ndarray], eps: float = 1e-5):
    scale = bn["weight"] / np.sqrt(bn["var"] + eps)
    bias = np.zeros(len(scale)) if b is None else b
    return w * scale.reshape(-1, *([1] * (w.ndim - 1))), (bias - bn["mean"]) * scale + bn["bias"]


@check("nn.utils.fuse-bn-weights")
@settings(max_examples=4)
@given(seed=seeds)
def test_fuse_bn_weights(xp, seed):
    r = rng(seed)
    bn = _batch_norm(r, 3)
    mean, var, weight, bias = (tensor_of(xp, bn[k], "float32") for k in ("mean", "var", "weight", "bias"))
    bn_args = [mean, var, 1e-5, weight, bias]
    for name, w, b in (("fuse_conv_bn_weights", as_f32(r.standard_normal((3, 2, 2, 2))), None),
                       ("fuse_linear_bn_weights", as_f32(r.standard_normal((3, 4))), as_f32(r.standard_normal(3)))):
        call = f"nn.utils.{name}(w randn{w.shape}, b {'None' if b is None else 'randn(3)'}, running mean/var, " \
               f"eps=1e-5, bn weight/bias) [seed {seed}]"
        bias_in = None if b is None else tensor_of(xp, b, "float32")
        got_w, got_b = getattr(xp.nn.utils, name)(tensor_of(xp, w, "float32"), bias_in, *bn_args)
        want_w, want_b = _fused(w, b, bn)
        for label, got in (("[0]", got_w), ("[1]", got_b)):
            expect(isinstance(got, xp.nn.Parameter), call=call + label, expected="a Parameter", got=type(got).__name__)
        assert_values(got_w, want_w, call=call + "[0]", **TOL)
        assert_values(got_b, want_b, call=call + "[1]", **TOL)


def _eval_bn(xp: Any, bn: dict[str, np.ndarray]) -> Any:
    module = xp.nn.BatchNorm1d(3)
    for key, target in (("mean", module.running_mean), ("var", module.running_var), ("weight", module.weight),
                        ("bias", module.bias)):
        set_param(xp, target, bn[key].astype(np.float32))
    return in_mode(module, False)


@check("nn.utils.fuse-bn-eval")
@settings(max_examples=3)
@given(seed=seeds)
def test_fuse_bn_eval(xp, seed):
    r = rng(seed)
    for name, layer in (("fuse_conv_bn_eval", xp.nn.Conv2d(2, 3, 2)), ("fuse_linear_bn_eval", xp.nn.Linear(4, 3))):
        bn = _batch_norm(r, 3)
        w, b = param(layer.weight), param(layer.bias)
        layer.eval()
        call = f"nn.utils.{name}({type(layer).__name__} in eval, BatchNorm in eval with set statistics) [seed {seed}]"
        fused = getattr(xp.nn.utils, name)(layer, _eval_bn(xp, bn))
        expect(type(fused) is type(layer) and fused is not layer, call=call,
               expected=f"a new {type(layer).__name__}", got=f"{type(fused).__name__}, same object: {fused is layer}")
        want_w, want_b = _fused(w, b, bn)
        assert_values(fused.weight, want_w, call=call + ".weight", **TOL)
        assert_values(fused.bias, want_b, call=call + ".bias", **TOL)
        assert_values(layer.weight, w, call=call + "; the original layer's weight, untouched")


@check("nn.utils.skip-init")
def test_skip_init(xp):
    layer = xp.nn.utils.skip_init(xp.nn.Linear, 2, 3, bias=False)
    call = "nn.utils.skip_init(nn.Linear, 2, 3, bias=False)"
    expect(type(layer) is xp.nn.Linear and layer.bias is None, call=call, expected="a Linear without bias",
           got=f"{type(layer).__name__}, bias {show(layer.bias)}")
    assert_shape(layer.weight, (3, 2), call=call + ".weight")

    class NoDevice(xp.nn.Module):
        def __init__(self, n: int) -> None:
            super().__init__()

    assert_raises(RuntimeError, lambda: xp.nn.utils.skip_init(NoDevice, 2),
                  call="nn.utils.skip_init(NoDevice, 2) with NoDevice.__init__(self, n) taking no device")
