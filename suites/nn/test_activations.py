"""Activations: each module, its nn.functional counterpart and the documented formula agree.

One generic check driven by the rows of ``activation_table``; each row cites its own behaviour.
Inputs are random float32 tensors whose sides are 2 or 4 (GLU halves a dim; softmax needs one to
normalise over), plus the row's edge points where the formula changes branch.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_same_object, assert_values
from suites.nn.activation_table import ACTIVATIONS
from suites.nn.common import TOL, as_f32, rng, seeds
from suites.inputs import tensor_of
from suites.nn.modulespec import ActivationSpec, call_text, options_text

even_shapes = st.lists(st.sampled_from([2, 4]), min_size=1, max_size=3).map(tuple)


def _check_input(xp: Any, row: ActivationSpec, x: np.ndarray, what: str) -> None:
    """Module and function on ``x`` under every option set, each against the oracle."""
    for opts in row.options:
        want = row.oracle(as_f32(x), **opts)
        got = getattr(xp.nn, row.module)(**opts)(tensor_of(xp, x, "float32"))
        assert_values(got, want, call=f"nn.{row.module}({options_text(opts)})({what})", **TOL)
        kwargs = row.function_kwargs(xp, opts)
        got = getattr(xp.nn.functional, row.functional)(tensor_of(xp, x, "float32"), **kwargs)
        assert_values(got, want, call=call_text(f"nn.functional.{row.functional}", what, kwargs),
                      **TOL)


@pytest.mark.parametrize("row", [
    pytest.param(ACTIVATIONS["ReLU"], id="ReLU", marks=check("nn.activations.relu")),
    pytest.param(ACTIVATIONS["ReLU6"], id="ReLU6", marks=check("nn.activations.relu6")),
    pytest.param(ACTIVATIONS["LeakyReLU"], id="LeakyReLU", marks=check("nn.activations.leakyrelu")),
    pytest.param(ACTIVATIONS["PReLU"], id="PReLU", marks=check("nn.activations.prelu")),
    pytest.param(ACTIVATIONS["ELU"], id="ELU", marks=check("nn.activations.elu")),
    pytest.param(ACTIVATIONS["SELU"], id="SELU", marks=check("nn.activations.selu")),
    pytest.param(ACTIVATIONS["CELU"], id="CELU", marks=check("nn.activations.celu")),
    pytest.param(ACTIVATIONS["GELU"], id="GELU", marks=check("nn.activations.gelu")),
    pytest.param(ACTIVATIONS["SiLU"], id="SiLU", marks=check("nn.activations.silu")),
    pytest.param(ACTIVATIONS["Mish"], id="Mish", marks=check("nn.activations.mish")),
    pytest.param(ACTIVATIONS["Softplus"], id="Softplus", marks=check("nn.activations.softplus")),
    pytest.param(ACTIVATIONS["Softsign"], id="Softsign", marks=check("nn.activations.softsign")),
    pytest.param(ACTIVATIONS["Hardtanh"], id="Hardtanh", marks=check("nn.activations.hardtanh")),
    pytest.param(ACTIVATIONS["Hardsigmoid"], id="Hardsigmoid", marks=check("nn.activations.hardsigmoid")),
    pytest.param(ACTIVATIONS["Hardswish"], id="Hardswish", marks=check("nn.activations.hardswish")),
    pytest.param(ACTIVATIONS["Tanh"], id="Tanh", marks=check("nn.activations.tanh")),
    pytest.param(ACTIVATIONS["Sigmoid"], id="Sigmoid", marks=check("nn.activations.sigmoid")),
    pytest.param(ACTIVATIONS["LogSigmoid"], id="LogSigmoid", marks=check("nn.activations.logsigmoid")),
    pytest.param(ACTIVATIONS["Softmax"], id="Softmax", marks=check("nn.activations.softmax")),
    pytest.param(ACTIVATIONS["LogSoftmax"], id="LogSoftmax", marks=check("nn.activations.logsoftmax")),
    pytest.param(ACTIVATIONS["Softmin"], id="Softmin", marks=check("nn.activations.softmin")),
    pytest.param(ACTIVATIONS["Threshold"], id="Threshold", marks=check("nn.activations.threshold")),
    pytest.param(ACTIVATIONS["GLU"], id="GLU", marks=check("nn.activations.glu")),
    pytest.param(ACTIVATIONS["Tanhshrink"], id="Tanhshrink", marks=check("nn.activations.tanhshrink")),
    pytest.param(ACTIVATIONS["Softshrink"], id="Softshrink", marks=check("nn.activations.softshrink")),
    pytest.param(ACTIVATIONS["Hardshrink"], id="Hardshrink", marks=check("nn.activations.hardshrink")),
])
@settings(max_examples=3)
@given(seed=seeds, shape=even_shapes)
@example(seed=0, shape=(2, 4))
def test_activation_module_function_formula(xp, row, seed, shape):
    x = rng(seed).standard_normal(shape) * 3
    _check_input(xp, row, x, f"randn{shape} * 3 [seed {seed}]")
    if row.edges:
        _check_input(xp, row, np.array(row.edges), f"tensor({list(row.edges)})")


INPLACE = ("ReLU", "ReLU6", "LeakyReLU", "ELU", "SELU", "CELU", "SiLU", "Mish", "Hardtanh", "Hardsigmoid",
           "Hardswish", "Threshold")


@check("nn.activations.inplace")
@settings(max_examples=3)
@given(seed=seeds, shape=even_shapes)
def test_activation_inplace_writes_input(xp, seed, shape):
    """With inplace=True the module returns its input tensor itself, now holding the formula's values."""
    x = rng(seed).standard_normal(shape) * 3
    for name in INPLACE:
        row = ACTIVATIONS[name]
        opts = row.options[-1]
        tensor = tensor_of(xp, x, "float32")
        call = f"nn.{name}({options_text({**opts, 'inplace': True})})(t := randn{shape} * 3) [seed {seed}]"
        got = getattr(xp.nn, name)(**opts, inplace=True)(tensor)
        assert_same_object(got, tensor, call=call + "; the result is t")
        assert_values(tensor, row.oracle(as_f32(x), **opts), call=call + "; t afterwards", **TOL)


FUNCTIONAL_INPLACE = (("relu_", "ReLU"), ("elu_", "ELU"), ("celu_", "CELU"), ("selu_", "SELU"),
                      ("leaky_relu_", "LeakyReLU"), ("hardtanh_", "Hardtanh"), ("threshold_", "Threshold"))


@check("nn.activations.functional-inplace")
@settings(max_examples=3)
@given(seed=seeds, shape=even_shapes)
def test_functional_inplace_activations(xp, seed, shape):
    """nn.functional.<name>_ writes the activation into its input and returns that tensor."""
    x = rng(seed).standard_normal(shape) * 3
    for function, name in FUNCTIONAL_INPLACE:
        row = ACTIVATIONS[name]
        opts = row.options[-1]
        tensor = tensor_of(xp, x, "float32")
        call = call_text(f"nn.functional.{function}", f"t := randn{shape} * 3", opts) + f" [seed {seed}]"
        got = getattr(xp.nn.functional, function)(tensor, **opts)
        assert_same_object(got, tensor, call=call + "; the result is t")
        assert_values(tensor, row.oracle(as_f32(x), **opts), call=call + "; t afterwards", **TOL)
