"""Layers as ModuleSpec rows (``layer_table``): for each constructor case the output has the
documented shape, the parameters have the documented names and shapes, and the output equals the
NumPy forward computed from the module's own parameters. Dropout layers: identity in eval, and in
training each element (or whole channel) is zeroed or scaled by 1 / (1 - p)."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_shape, assert_values, expect, show, to_numpy
from suites.nn.common import TOL, expect_parameter_shapes, in_mode, param, rng, seeds, set_param
from suites.nn.layer_table import COUNTERPARTS, LAYERS
from suites.nn.modulespec import as_seen, call_text, names, options_text, rows, to_backend


def _construction(row: Any, case: Any) -> str:
    args = ", ".join([*(show(a) for a in case.args), *([options_text(case.kwargs)] if case.kwargs else [])])
    return f"nn.{row.module}({args})"


# Bound by assignment, not inline: hypothesis digests the check's source, decorators included, per row.
LAYER_ROWS = rows(
    LAYERS,
    ("Conv1d", check("nn.layers.conv1d")),
    ("Conv3d", check("nn.layers.conv3d")),
    ("ConvTranspose1d", check("nn.layers.convtranspose1d")),
    ("ConvTranspose2d", check("nn.layers.convtranspose2d")),
    ("ConvTranspose3d", check("nn.layers.convtranspose3d")),
    ("Bilinear", check("nn.layers.bilinear")),
    ("Identity", check("nn.layers.identity")),
    ("Flatten", check("nn.layers.flatten")),
    ("Unflatten", check("nn.layers.unflatten")),
    ("BatchNorm1d", check("nn.layers.batchnorm1d")),
    ("BatchNorm3d", check("nn.layers.batchnorm3d")),
    ("LayerNorm", check("nn.layers.layernorm")),
    ("GroupNorm", check("nn.layers.groupnorm")),
    ("InstanceNorm1d", check("nn.layers.instancenorm1d")),
    ("InstanceNorm2d", check("nn.layers.instancenorm2d")),
    ("Embedding", check("nn.layers.embedding")),
    ("PixelShuffle", check("nn.layers.pixelshuffle")),
    ("PixelUnshuffle", check("nn.layers.pixelunshuffle")),
    ("ZeroPad2d", check("nn.layers.zeropad2d")),
    ("ConstantPad1d", check("nn.layers.constantpad1d")),
    ("ReflectionPad1d", check("nn.layers.reflectionpad1d")),
    ("ReplicationPad2d", check("nn.layers.replicationpad2d")),
    ("CircularPad1d", check("nn.layers.circularpad1d")),
    ("ZeroPad1d", check("nn.layers.zeropad1d")),
    ("ZeroPad3d", check("nn.layers.zeropad3d")),
    ("ConstantPad2d", check("nn.layers.constantpad2d")),
    ("ConstantPad3d", check("nn.layers.constantpad3d")),
    ("ReflectionPad2d", check("nn.layers.reflectionpad2d")),
    ("ReflectionPad3d", check("nn.layers.reflectionpad3d")),
    ("ReplicationPad1d", check("nn.layers.replicationpad1d")),
    ("ReplicationPad3d", check("nn.layers.replicationpad3d")),
    ("CircularPad2d", check("nn.layers.circularpad2d")),
    ("CircularPad3d", check("nn.layers.circularpad3d")),
    ("CosineSimilarity", check("nn.layers.cosinesimilarity")),
    ("PairwiseDistance", check("nn.layers.pairwisedistance")),
    ("Softmax2d", check("nn.layers.softmax2d")),
    ("ChannelShuffle", check("nn.layers.channelshuffle")),
    ("UpsamplingNearest2d", check("nn.layers.upsamplingnearest2d")),
    ("AvgPool3d", check("nn.layers.avgpool3d")),
    ("LPPool1d", check("nn.layers.lppool1d")),
    ("AdaptiveMaxPool1d", check("nn.layers.adaptivemaxpool1d")),
    ("AdaptiveAvgPool3d", check("nn.layers.adaptiveavgpool3d")),
    ("Unfold", check("nn.layers.unfold")),
    ("Fold", check("nn.layers.fold")),
    ("LocalResponseNorm", check("nn.layers.localresponsenorm")),
    ("RMSNorm", check("nn.layers.rmsnorm")),
    ("InstanceNorm3d", check("nn.layers.instancenorm3d")),
    ("LPPool2d", check("nn.layers.lppool2d")),
    ("AdaptiveMaxPool3d", check("nn.layers.adaptivemaxpool3d")),
    ("UpsamplingBilinear2d", check("nn.layers.upsamplingbilinear2d")),
    ("Upsample", check("nn.layers.upsample")),
    ("MaxPool1d", check("nn.layers.maxpool1d")),
    ("AvgPool1d", check("nn.layers.avgpool1d")),
    ("MaxPool3d", check("nn.layers.maxpool3d")),
    ("AdaptiveAvgPool1d", check("nn.layers.adaptiveavgpool1d")),
    ("AdaptiveMaxPool2d", check("nn.layers.adaptivemaxpool2d")),
)


@pytest.mark.parametrize("row", LAYER_ROWS)
@settings(max_examples=1)
@given(seed=seeds)
def test_layer_shapes_parameters_forward(xp, row, seed):
    for case in row.cases:
        built = _construction(row, case)
        module = getattr(xp.nn, row.module)(*case.args, **case.kwargs)
        expect_parameter_shapes(module, row.parameters(case), built)
        draw = rng(seed)
        for p in module.parameters():  # random values make every parameter's role visible (e.g. the affine part)
            set_param(xp, p, draw.standard_normal(tuple(int(s) for s in p.shape)).astype(np.float32))
        inputs = row.make_input(draw, case.input_shape)
        call = f"{built} with N(0, 1) parameters, applied to ({', '.join(show(x) for x in inputs)}) [seed {seed}]"
        out = module(*(to_backend(xp, x) for x in inputs))
        assert_shape(out, row.output_shape(case), call=call)
        params = {name: param(p) for name, p in module.named_parameters()}
        assert_values(out, row.forward(*(as_seen(x) for x in inputs), params, case), call=call, **TOL)


DROPOUTS = [("Dropout", (4, 6), 0), ("Dropout1d", (2, 3, 5), 2), ("Dropout2d", (2, 3, 2, 3), 2),
            ("Dropout3d", (2, 3, 2, 2, 2), 2)]


def _expect_dropout(xp: Any, apply: Any, call: str, shape: tuple[int, ...], first_spatial: int, p: float,
                    seed: int) -> None:
    """Eval (``apply(x, False)``): the input itself. Training: each element (first_spatial 0) or each (sample,
    channel) slice is either all zero or all input / (1 - p), and over many slices both happen."""
    x = rng(seed).uniform(1, 2, shape)
    assert_values(apply(to_backend(xp, x), False), as_seen(x), call=f"{call} in eval (uniform(1, 2, {shape}))")
    tiled = as_seen(np.tile(x, (20,) + (1,) * (len(shape) - 1)))
    got = to_numpy(apply(to_backend(xp, tiled), True)).astype(np.float64)
    unit = got.reshape(*got.shape[:first_spatial], -1) if first_spatial else got.reshape(-1, 1)
    base = tiled.reshape(unit.shape)
    zero = np.all(unit == 0, axis=-1)
    scaled = np.all(np.isclose(unit, base / (1 - p), rtol=1e-5), axis=-1)
    train_call = f"{call} in training (uniform(1, 2) of shape {got.shape}) [seed {seed}]"
    expect(bool(np.all(zero | scaled)), call=train_call, expected="every " + ("channel" if first_spatial else
           "element") + " all zero or all scaled by 1/(1-p)", got=f"{int((~(zero | scaled)).sum())} mixed or "
           "wrongly scaled")
    expect(bool(zero.any() and scaled.any()), call=train_call, expected="some dropped and some kept",
           got=f"{int(zero.sum())} dropped, {int(scaled.sum())} kept")


@check("nn.layers.dropout-family")
@settings(max_examples=4)
@given(seed=seeds, p=st.sampled_from([0.25, 0.5]))
def test_dropout_family_train_and_eval(xp, seed, p):
    for name, shape, first_spatial in DROPOUTS:
        layer = getattr(xp.nn, name)(p=p)
        _expect_dropout(xp, lambda x, training, m=layer: in_mode(m, training)(x), f"nn.{name}(p={p})", shape,
                        first_spatial, p, seed)


@check("nn.functional.dropout-family")
@settings(max_examples=4)
@given(seed=seeds, p=st.sampled_from([0.25, 0.5]))
def test_functional_dropout_family(xp, seed, p):
    for name, shape, first_spatial in DROPOUTS:
        function = getattr(xp.nn.functional, name.lower())
        _expect_dropout(xp, lambda x, training, f=function: f(x, p=p, training=training),
                        f"nn.functional.{name.lower()}(x, p={p}, training=...)", shape, first_spatial, p, seed)


# Bound by assignment, not inline: hypothesis digests the check's source, decorators included, per row.
FUNCTION_ROWS = names(
    ("conv1d", check("nn.functional.conv1d")),
    ("conv3d", check("nn.functional.conv3d")),
    ("conv_transpose1d", check("nn.functional.conv-transpose1d")),
    ("conv_transpose2d", check("nn.functional.conv-transpose2d")),
    ("conv_transpose3d", check("nn.functional.conv-transpose3d")),
    ("bilinear", check("nn.functional.bilinear")),
    ("layer_norm", check("nn.functional.layer-norm")),
    ("group_norm", check("nn.functional.group-norm")),
    ("instance_norm", check("nn.functional.instance-norm")),
    ("pixel_shuffle", check("nn.functional.pixel-shuffle")),
    ("pixel_unshuffle", check("nn.functional.pixel-unshuffle")),
    ("channel_shuffle", check("nn.functional.channel-shuffle")),
    ("unfold", check("nn.functional.unfold")),
    ("fold", check("nn.functional.fold")),
    ("local_response_norm", check("nn.functional.local-response-norm")),
    ("max_pool1d", check("nn.functional.max-pool1d")),
    ("avg_pool1d", check("nn.functional.avg-pool1d")),
    ("max_pool3d", check("nn.functional.max-pool3d")),
    ("avg_pool3d", check("nn.functional.avg-pool3d")),
    ("lp_pool1d", check("nn.functional.lp-pool1d")),
    ("adaptive_avg_pool1d", check("nn.functional.adaptive-avg-pool1d")),
    ("adaptive_max_pool1d", check("nn.functional.adaptive-max-pool1d")),
    ("adaptive_max_pool2d", check("nn.functional.adaptive-max-pool2d")),
    ("adaptive_avg_pool3d", check("nn.functional.adaptive-avg-pool3d")),
    ("adaptive_max_pool3d", check("nn.functional.adaptive-max-pool3d")),
    ("lp_pool2d", check("nn.functional.lp-pool2d")),
    ("rms_norm", check("nn.functional.rms-norm")),
    ("conv2d", check("nn.functional.conv2d")),
    ("avg_pool2d", check("nn.functional.avg-pool2d")),
    ("adaptive_avg_pool2d", check("nn.functional.adaptive-avg-pool2d")),
    ("batch_norm", check("nn.functional.batch-norm")),
)


@pytest.mark.parametrize("function", FUNCTION_ROWS)
@settings(max_examples=1)
@given(seed=seeds)
def test_functional_counterpart(xp, function, seed):
    """nn.functional.<function>(input, **the layer's arguments and parameters) computes the layer's forward."""
    layer, arguments = COUNTERPARTS[function]
    row = LAYERS[layer]
    for case in row.cases:
        draw = rng(seed)
        shapes = row.parameters(case)
        values = {name: draw.standard_normal(shape).astype(np.float32) for name, shape in shapes.items()}
        inputs = row.make_input(draw, case.input_shape)
        kwargs = arguments(case, {name: to_backend(xp, v) for name, v in values.items()})
        call = call_text(f"nn.functional.{function}", ", ".join(show(x) for x in inputs),
                         {k: (f"N(0, 1) {k}" if k in values else v) for k, v in kwargs.items()})
        got = getattr(xp.nn.functional, function)(*(to_backend(xp, x) for x in inputs), **kwargs)
        want = row.forward(*(as_seen(x) for x in inputs), {k: v.astype(np.float64) for k, v in values.items()}, case)
        assert_values(got, want, call=f"{call} [seed {seed}]", **TOL)


@check("nn.layers.embedding-padding-max-norm")
@settings(max_examples=4)
@given(seed=seeds)
def test_embedding_padding_idx_and_max_norm(xp, seed):
    """padding_idx's row starts at zero (a negative index counts from the end); with max_norm, each row an input
    refers to whose norm exceeds max_norm is rescaled in place to that norm, the other rows untouched."""
    for padding_idx, row in ((2, 2), (-1, 5)):
        layer = xp.nn.Embedding(6, 3, padding_idx=padding_idx)
        assert_values(layer.weight[row], np.zeros(3),
                      call=f"nn.Embedding(6, 3, padding_idx={padding_idx}).weight[{row}]")
    r = rng(seed)
    weight = as_seen(r.standard_normal((6, 3)) * 2)
    layer = xp.nn.Embedding(6, 3, max_norm=1.0)
    set_param(xp, layer.weight, weight.astype(np.float32))
    idx = np.array([[0, 2], [2, 4]])
    call = f"nn.Embedding(6, 3, max_norm=1.0) with weight 2 * randn(6, 3), applied to {idx.tolist()} [seed {seed}]"
    norms = np.linalg.norm(weight, axis=1, keepdims=True)
    used = np.isin(np.arange(6), idx)[:, None]
    want = np.where(used & (norms > 1.0), weight / (norms + 1e-7), weight)
    assert_values(layer(to_backend(xp, idx)), want[idx], call=call, **TOL)
    assert_values(layer.weight, want, call=call + "; the weight afterwards", **TOL)
