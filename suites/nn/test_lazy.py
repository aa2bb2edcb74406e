"""Lazy modules: constructed without their input size, they infer it from the first input (in_features,
in_channels or num_features), become the regular class (LazyLinear a Linear, ...) with the parameter shapes
of that class, and compute its forward. Rows pair each lazy class with the layer row it becomes."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings

from conformance import check
from conformance.assertions import assert_values, expect, show
from suites.nn.common import TOL, expect_parameter_shapes, param, rng, seeds
from suites.nn.layer_table import LAYERS
from suites.nn.modulespec import as_seen, to_backend


@dataclass(frozen=True)
class Lazy:
    """``Lazy<layer>(*case.args[1:], **case.kwargs)``: the first constructor argument is inferred. ``affine``: the
    lazy class defaults to affine=True where the regular one does not (the instance norms), so a per-channel
    weight and bias come on top of the row's forward."""

    layer: str
    inferred: str
    affine: bool = False


LAZY = [
    pytest.param(Lazy("Linear", "in_features"), id="LazyLinear", marks=check("nn.layers.lazy-linear")),
    pytest.param(Lazy("Conv1d", "in_channels"), id="LazyConv1d", marks=check("nn.layers.lazy-conv")),
    pytest.param(Lazy("Conv2d", "in_channels"), id="LazyConv2d", marks=check("nn.layers.lazy-conv")),
    pytest.param(Lazy("Conv3d", "in_channels"), id="LazyConv3d", marks=check("nn.layers.lazy-conv")),
    pytest.param(Lazy("ConvTranspose1d", "in_channels"), id="LazyConvTranspose1d", marks=check("nn.layers.lazy-conv")),
    pytest.param(Lazy("ConvTranspose2d", "in_channels"), id="LazyConvTranspose2d", marks=check("nn.layers.lazy-conv")),
    pytest.param(Lazy("ConvTranspose3d", "in_channels"), id="LazyConvTranspose3d", marks=check("nn.layers.lazy-conv")),
    pytest.param(Lazy("BatchNorm1d", "num_features"), id="LazyBatchNorm1d", marks=check("nn.layers.lazy-batchnorm")),
    pytest.param(Lazy("BatchNorm2d", "num_features"), id="LazyBatchNorm2d", marks=check("nn.layers.lazy-batchnorm")),
    pytest.param(Lazy("BatchNorm3d", "num_features"), id="LazyBatchNorm3d", marks=check("nn.layers.lazy-batchnorm")),
    pytest.param(Lazy("InstanceNorm1d", "num_features", affine=True), id="LazyInstanceNorm1d",
                 marks=check("nn.layers.lazy-instancenorm")),
    pytest.param(Lazy("InstanceNorm2d", "num_features", affine=True), id="LazyInstanceNorm2d",
                 marks=check("nn.layers.lazy-instancenorm")),
    pytest.param(Lazy("InstanceNorm3d", "num_features", affine=True), id="LazyInstanceNorm3d",
                 marks=check("nn.layers.lazy-instancenorm")),
]


@pytest.mark.parametrize("lazy", LAZY)
@settings(max_examples=1)
@given(seed=seeds)
def test_lazy_module_infers_and_becomes(xp, lazy, seed):
    row = LAYERS[lazy.layer]
    for case in row.cases:
        kwargs = case.kwargs
        module = getattr(xp.nn, f"Lazy{lazy.layer}")(*case.args[1:], **kwargs)
        inputs = row.make_input(rng(seed), case.input_shape)
        built = f"nn.Lazy{lazy.layer}({', '.join([*(show(a) for a in case.args[1:]), *(f'{k}={v!r}' for k, v in kwargs.items())])})"
        call = f"{built} applied to randn{case.input_shape} [seed {seed}]"
        out = module(*(to_backend(xp, x) for x in inputs))
        expect(type(module) is getattr(xp.nn, lazy.layer), call=call + "; type(module)",
               expected=f"nn.{lazy.layer}", got=type(module).__name__)
        inferred = getattr(module, lazy.inferred, None)
        expect(inferred == case.args[0], call=f"{call}; module.{lazy.inferred}", expected=case.args[0], got=inferred)
        want = {"weight": (case.args[0],), "bias": (case.args[0],)} if lazy.affine else row.parameters(case)
        expect_parameter_shapes(module, want, call + "; module")
        params = {name: param(p) for name, p in module.named_parameters()}
        expected = row.forward(*(as_seen(x) for x in inputs), params, case)
        if lazy.affine:
            channel = (1, -1) + (1,) * (expected.ndim - 2)
            expected = expected * params["weight"].reshape(channel) + params["bias"].reshape(channel)
        assert_values(out, expected, call=call, **TOL)
