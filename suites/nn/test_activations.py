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
from suites.nn.modulespec import ActivationSpec, call_text, options_text, rows

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


# Bound by assignment, not inline: hypothesis digests the check's source, decorators included, per row.
ACTIVATION_ROWS = rows(
    ACTIVATIONS,
    ("ReLU", check("nn.activations.relu")),
    ("ReLU6", check("nn.activations.relu6")),
    ("LeakyReLU", check("nn.activations.leakyrelu")),
    ("PReLU", check("nn.activations.prelu")),
    ("ELU", check("nn.activations.elu")),
    ("SELU", check("nn.activations.selu")),
    ("CELU", check("nn.activations.celu")),
    ("GELU", check("nn.activations.gelu")),
    ("SiLU", check("nn.activations.silu")),
    ("Mish", check("nn.activations.mish")),
    ("Softplus", check("nn.activations.softplus")),
    ("Softsign", check("nn.activations.softsign")),
    ("Hardtanh", check("nn.activations.hardtanh")),
    ("Hardsigmoid", check("nn.activations.hardsigmoid")),
    ("Hardswish", check("nn.activations.hardswish")),
    ("Tanh", check("nn.activations.tanh")),
    ("Sigmoid", check("nn.activations.sigmoid")),
    ("LogSigmoid", check("nn.activations.logsigmoid")),
    ("Softmax", check("nn.activations.softmax")),
    ("LogSoftmax", check("nn.activations.logsoftmax")),
    ("Softmin", check("nn.activations.softmin")),
    ("Threshold", check("nn.activations.threshold")),
    ("GLU", check("nn.activations.glu")),
    ("Tanhshrink", check("nn.activations.tanhshrink")),
    ("Softshrink", check("nn.activations.softshrink")),
    ("Hardshrink", check("nn.activations.hardshrink")),
)


@pytest.mark.parametrize("row", ACTIVATION_ROWS)
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
