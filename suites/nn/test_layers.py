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
from suites.nn.common import TOL, param, rng, seeds, set_param
from suites.nn.layer_table import COUNTERPARTS, LAYERS
from suites.nn.modulespec import as_seen, call_text, options_text, to_backend


def _construction(row: Any, case: Any) -> str:
    args = ", ".join([*(show(a) for a in case.args), *([options_text(case.kwargs)] if case.kwargs else [])])
    return f"nn.{row.module}({args})"


@pytest.mark.parametrize("row", [
    pytest.param(LAYERS["Conv1d"], id="Conv1d", marks=check("nn.layers.conv1d")),
    pytest.param(LAYERS["Conv3d"], id="Conv3d", marks=check("nn.layers.conv3d")),
    pytest.param(LAYERS["ConvTranspose1d"], id="ConvTranspose1d", marks=check("nn.layers.convtranspose1d")),
    pytest.param(LAYERS["ConvTranspose2d"], id="ConvTranspose2d", marks=check("nn.layers.convtranspose2d")),
    pytest.param(LAYERS["ConvTranspose3d"], id="ConvTranspose3d", marks=check("nn.layers.convtranspose3d")),
    pytest.param(LAYERS["Bilinear"], id="Bilinear", marks=check("nn.layers.bilinear")),
    pytest.param(LAYERS["Identity"], id="Identity", marks=check("nn.layers.identity")),
    pytest.param(LAYERS["Flatten"], id="Flatten", marks=check("nn.layers.flatten")),
    pytest.param(LAYERS["Unflatten"], id="Unflatten", marks=check("nn.layers.unflatten")),
    pytest.param(LAYERS["BatchNorm1d"], id="BatchNorm1d", marks=check("nn.layers.batchnorm1d")),
    pytest.param(LAYERS["BatchNorm3d"], id="BatchNorm3d", marks=check("nn.layers.batchnorm3d")),
    pytest.param(LAYERS["LayerNorm"], id="LayerNorm", marks=check("nn.layers.layernorm")),
    pytest.param(LAYERS["GroupNorm"], id="GroupNorm", marks=check("nn.layers.groupnorm")),
    pytest.param(LAYERS["InstanceNorm1d"], id="InstanceNorm1d", marks=check("nn.layers.instancenorm1d")),
    pytest.param(LAYERS["InstanceNorm2d"], id="InstanceNorm2d", marks=check("nn.layers.instancenorm2d")),
    pytest.param(LAYERS["Embedding"], id="Embedding", marks=check("nn.layers.embedding")),
    pytest.param(LAYERS["PixelShuffle"], id="PixelShuffle", marks=check("nn.layers.pixelshuffle")),
    pytest.param(LAYERS["PixelUnshuffle"], id="PixelUnshuffle", marks=check("nn.layers.pixelunshuffle")),
    pytest.param(LAYERS["ZeroPad2d"], id="ZeroPad2d", marks=check("nn.layers.zeropad2d")),
    pytest.param(LAYERS["ConstantPad1d"], id="ConstantPad1d", marks=check("nn.layers.constantpad1d")),
    pytest.param(LAYERS["ReflectionPad1d"], id="ReflectionPad1d", marks=check("nn.layers.reflectionpad1d")),
    pytest.param(LAYERS["ReplicationPad2d"], id="ReplicationPad2d", marks=check("nn.layers.replicationpad2d")),
    pytest.param(LAYERS["CircularPad1d"], id="CircularPad1d", marks=check("nn.layers.circularpad1d")),
    pytest.param(LAYERS["ZeroPad1d"], id="ZeroPad1d", marks=check("nn.layers.zeropad1d")),
    pytest.param(LAYERS["ZeroPad3d"], id="ZeroPad3d", marks=check("nn.layers.zeropad3d")),
    pytest.param(LAYERS["ConstantPad2d"], id="ConstantPad2d", marks=check("nn.layers.constantpad2d")),
    pytest.param(LAYERS["ConstantPad3d"], id="ConstantPad3d", marks=check("nn.layers.constantpad3d")),
    pytest.param(LAYERS["ReflectionPad2d"], id="ReflectionPad2d", marks=check("nn.layers.reflectionpad2d")),
    pytest.param(LAYERS["ReflectionPad3d"], id="ReflectionPad3d", marks=check("nn.layers.reflectionpad3d")),
    pytest.param(LAYERS["ReplicationPad1d"], id="ReplicationPad1d", marks=check("nn.layers.replicationpad1d")),
    pytest.param(LAYERS["ReplicationPad3d"], id="ReplicationPad3d", marks=check("nn.layers.replicationpad3d")),
    pytest.param(LAYERS["CircularPad2d"], id="CircularPad2d", marks=check("nn.layers.circularpad2d")),
    pytest.param(LAYERS["CircularPad3d"], id="CircularPad3d", marks=check("nn.layers.circularpad3d")),
    pytest.param(LAYERS["CosineSimilarity"], id="CosineSimilarity", marks=check("nn.layers.cosinesimilarity")),
    pytest.param(LAYERS["PairwiseDistance"], id="PairwiseDistance", marks=check("nn.layers.pairwisedistance")),
    pytest.param(LAYERS["Softmax2d"], id="Softmax2d", marks=check("nn.layers.softmax2d")),
    pytest.param(LAYERS["ChannelShuffle"], id="ChannelShuffle", marks=check("nn.layers.channelshuffle")),
    pytest.param(LAYERS["UpsamplingNearest2d"], id="UpsamplingNearest2d", marks=check("nn.layers.upsamplingnearest2d")),
    pytest.param(LAYERS["AvgPool3d"], id="AvgPool3d", marks=check("nn.layers.avgpool3d")),
    pytest.param(LAYERS["LPPool1d"], id="LPPool1d", marks=check("nn.layers.lppool1d")),
    pytest.param(LAYERS["AdaptiveMaxPool1d"], id="AdaptiveMaxPool1d", marks=check("nn.layers.adaptivemaxpool1d")),
    pytest.param(LAYERS["AdaptiveAvgPool3d"], id="AdaptiveAvgPool3d", marks=check("nn.layers.adaptiveavgpool3d")),
    pytest.param(LAYERS["Unfold"], id="Unfold", marks=check("nn.layers.unfold")),
    pytest.param(LAYERS["Fold"], id="Fold", marks=check("nn.layers.fold")),
    pytest.param(LAYERS["LocalResponseNorm"], id="LocalResponseNorm", marks=check("nn.layers.localresponsenorm")),
    pytest.param(LAYERS["RMSNorm"], id="RMSNorm", marks=check("nn.layers.rmsnorm")),
    pytest.param(LAYERS["InstanceNorm3d"], id="InstanceNorm3d", marks=check("nn.layers.instancenorm3d")),
    pytest.param(LAYERS["LPPool2d"], id="LPPool2d", marks=check("nn.layers.lppool2d")),
    pytest.param(LAYERS["AdaptiveMaxPool3d"], id="AdaptiveMaxPool3d", marks=check("nn.layers.adaptivemaxpool3d")),
    pytest.param(LAYERS["UpsamplingBilinear2d"], id="UpsamplingBilinear2d",
                 marks=check("nn.layers.upsamplingbilinear2d")),
    pytest.param(LAYERS["Upsample"], id="Upsample", marks=check("nn.layers.upsample")),
    pytest.param(LAYERS["MaxPool1d"], id="MaxPool1d", marks=check("nn.layers.maxpool1d")),
    pytest.param(LAYERS["AvgPool1d"], id="AvgPool1d", marks=check("nn.layers.avgpool1d")),
    pytest.param(LAYERS["MaxPool3d"], id="MaxPool3d", marks=check("nn.layers.maxpool3d")),
    pytest.param(LAYERS["AdaptiveAvgPool1d"], id="AdaptiveAvgPool1d", marks=check("nn.layers.adaptiveavgpool1d")),
    pytest.param(LAYERS["AdaptiveMaxPool2d"], id="AdaptiveMaxPool2d", marks=check("nn.layers.adaptivemaxpool2d")),
])
@settings(max_examples=1)
@given(seed=seeds)
def test_layer_shapes_parameters_forward(xp, row, seed):
    for case in row.cases:
        built = _construction(row, case)
        module = getattr(xp.nn, row.module)(*case.args, **case.kwargs)
        got = {name: tuple(int(s) for s in p.shape) for name, p in module.named_parameters()}
        want = row.parameters(case)
        expect(list(got.items()) == list(want.items()), call=built + ".named_parameters()",
               expected=f"names and shapes {want}", got=got)
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
        _expect_dropout(xp, lambda x, training, m=layer: m.train(training)(x), f"nn.{name}(p={p})", shape,
                        first_spatial, p, seed)


@check("nn.functional.dropout-family")
@settings(max_examples=4)
@given(seed=seeds, p=st.sampled_from([0.25, 0.5]))
def test_functional_dropout_family(xp, seed, p):
    for name, shape, first_spatial in DROPOUTS:
        function = getattr(xp.nn.functional, name.lower())
        _expect_dropout(xp, lambda x, training, f=function: f(x, p=p, training=training),
                        f"nn.functional.{name.lower()}(x, p={p}, training=...)", shape, first_spatial, p, seed)


@pytest.mark.parametrize("function", [
    pytest.param("conv1d", marks=check("nn.functional.conv1d")),
    pytest.param("conv3d", marks=check("nn.functional.conv3d")),
    pytest.param("conv_transpose1d", marks=check("nn.functional.conv-transpose1d")),
    pytest.param("conv_transpose2d", marks=check("nn.functional.conv-transpose2d")),
    pytest.param("conv_transpose3d", marks=check("nn.functional.conv-transpose3d")),
    pytest.param("bilinear", marks=check("nn.functional.bilinear")),
    pytest.param("layer_norm", marks=check("nn.functional.layer-norm")),
    pytest.param("group_norm", marks=check("nn.functional.group-norm")),
    pytest.param("instance_norm", marks=check("nn.functional.instance-norm")),
    pytest.param("pixel_shuffle", marks=check("nn.functional.pixel-shuffle")),
    pytest.param("pixel_unshuffle", marks=check("nn.functional.pixel-unshuffle")),
    pytest.param("channel_shuffle", marks=check("nn.functional.channel-shuffle")),
    pytest.param("unfold", marks=check("nn.functional.unfold")),
    pytest.param("fold", marks=check("nn.functional.fold")),
    pytest.param("local_response_norm", marks=check("nn.functional.local-response-norm")),
    pytest.param("max_pool1d", marks=check("nn.functional.max-pool1d")),
    pytest.param("avg_pool1d", marks=check("nn.functional.avg-pool1d")),
    pytest.param("max_pool3d", marks=check("nn.functional.max-pool3d")),
    pytest.param("avg_pool3d", marks=check("nn.functional.avg-pool3d")),
    pytest.param("lp_pool1d", marks=check("nn.functional.lp-pool1d")),
    pytest.param("adaptive_avg_pool1d", marks=check("nn.functional.adaptive-avg-pool1d")),
    pytest.param("adaptive_max_pool1d", marks=check("nn.functional.adaptive-max-pool1d")),
    pytest.param("adaptive_max_pool2d", marks=check("nn.functional.adaptive-max-pool2d")),
    pytest.param("adaptive_avg_pool3d", marks=check("nn.functional.adaptive-avg-pool3d")),
    pytest.param("adaptive_max_pool3d", marks=check("nn.functional.adaptive-max-pool3d")),
    pytest.param("lp_pool2d", marks=check("nn.functional.lp-pool2d")),
    pytest.param("rms_norm", marks=check("nn.functional.rms-norm")),
    pytest.param("conv2d", marks=check("nn.functional.conv2d")),
    pytest.param("avg_pool2d", marks=check("nn.functional.avg-pool2d")),
    pytest.param("adaptive_avg_pool2d", marks=check("nn.functional.adaptive-avg-pool2d")),
    pytest.param("batch_norm", marks=check("nn.functional.batch-norm")),
])
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
