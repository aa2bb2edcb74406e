"""Spec-table rows for nn families: one row per layer, activation or loss drives generic checks.

A row names the module class and its nn.functional counterpart, the documented formula as a
NumPy oracle and the options worth trying. The checks (``test_activations.py``,
``test_losses.py``) call both the module and the function on the same inputs and compare each
with the oracle, so a row is all a new family member needs. Nothing here calls the backend
except through ``xp`` handed in by a check.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np
import pytest

from conformance import dtypes
from conformance.assertions import show
from suites.inputs import tensor_of
from suites.rows import cited_rows

Options = dict[str, Any]


@dataclass(frozen=True)
class ActivationSpec:
    """An element-wise (or along-``dim``) activation: ``module(**opts)(x) == functional(x, **opts) == oracle``.

    ``functional_options(xp, opts)`` maps the module's constructor options to the function's keywords
    where they differ (PReLU's ``init`` becomes a ``weight`` tensor). ``edges`` are inputs at the
    formula's break points (an even count, so GLU can halve them).
    """

    module: str
    functional: str
    oracle: Callable[..., np.ndarray]
    options: tuple[Options, ...] = ({},)
    edges: tuple[float, ...] = (-1.0, 0.0, 0.5, 2.0)
    functional_options: Callable[[Any, Options], Options] | None = None

    def function_kwargs(self, xp: Any, opts: Options) -> Options:
        return self.functional_options(xp, opts) if self.functional_options else dict(opts)


@dataclass(frozen=True)
class LossSpec:
    """A loss: ``module(**opts, reduction=r)(*args) == functional(*args, **opts, reduction=r) == oracle``.

    ``inputs(rng, batch)`` draws the NumPy arguments (float arrays become float32 tensors, integer
    arrays int64 ones); ``oracle(*args, reduction=r, **opts)`` applies the documented formula and
    reduction. ``reductions`` are the modes the loss documents.
    """

    module: str
    functional: str
    inputs: Callable[[np.random.Generator, int], tuple[np.ndarray, ...]]
    oracle: Callable[..., np.ndarray]
    options: tuple[Options, ...] = ({},)
    reductions: tuple[str, ...] = ("none", "mean", "sum")
    functional_options: Callable[[Any, Options], Options] | None = None

    def function_kwargs(self, xp: Any, opts: Options) -> Options:
        return self.functional_options(xp, opts) if self.functional_options else dict(opts)


@dataclass(frozen=True)
class Case:
    """One construction of a layer and the input it is fed: ``Module(*args, **kwargs)(input of input_shape)``."""

    args: tuple[Any, ...]
    kwargs: Options
    input_shape: tuple[int, ...]


def normal_inputs(r: np.random.Generator, shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    return (r.standard_normal(shape),)


@dataclass(frozen=True)
class ModuleSpec:
    """A layer: for each case, the documented output shape, the parameters (names in registration order and
    shapes) and, from the module's own parameter values, the NumPy forward ``forward(*inputs, params, case)``.

    ``make_input(rng, input_shape)`` draws the inputs (one standard normal array by default).
    """

    module: str
    cases: tuple[Case, ...]
    output_shape: Callable[[Case], tuple[int, ...]]
    parameters: Callable[[Case], dict[str, tuple[int, ...]]]
    forward: Callable[..., np.ndarray]
    make_input: Callable[[np.random.Generator, tuple[int, ...]], tuple[np.ndarray, ...]] = normal_inputs


@dataclass(frozen=True)
class FunctionSpec:
    """A stateless nn.functional function: ``functional(*args, **opts) == oracle(*args, **opts)``.

    ``inputs(rng)`` draws the NumPy arguments; option values that are arrays become tensors too.
    ``dtype`` is the result dtype where the function's documentation states one (one_hot's int64), else None.
    """

    functional: str
    inputs: Callable[[np.random.Generator], tuple[np.ndarray, ...]]
    oracle: Callable[..., np.ndarray]
    options: tuple[Options, ...] = ({},)
    dtype: str | None = None


def to_backend(xp: Any, value: Any) -> Any:
    """Float arrays as float32 tensors, integer ones as int64, bool ones as bool; anything else as is."""
    if not isinstance(value, np.ndarray):
        return value
    return tensor_of(xp, value, dtypes.default_for_kind(value.dtype.kind))


def as_seen(value: Any) -> Any:
    """What the oracle reads: float arrays rounded to float32 (the values the backend holds), in float64."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(np.float32).astype(np.float64)
    return value


def options_text(opts: Options) -> str:
    return ", ".join(f"{k}={show(v)}" for k, v in opts.items())


def call_text(name: str, what: str, opts: Options) -> str:
    """``name(what, k=v, ...)`` for failure messages: the input described in words, options shown."""
    shown = options_text(opts)
    return f"{name}({what}{', ' + shown if shown else ''})"


def reduce(values: np.ndarray, reduction: str) -> np.ndarray:
    """The documented reductions: keep every element, their mean, or their sum."""
    if reduction == "mean":
        return np.asarray(values.mean())
    return np.asarray(values.sum()) if reduction == "sum" else values


def rows(table: Mapping[str, Any], *cited: tuple[str, pytest.MarkDecorator]) -> list[Any]:
    """``table``'s rows, each citing its own behaviour: ``rows(LAYERS, ("Conv1d", check("nn.layers.conv1d")), ...)``."""
    return cited_rows(table, *cited)


def names(*cited: tuple[str, pytest.MarkDecorator]) -> list[Any]:
    """Row names themselves as parameters, each citing its own behaviour: ``names(("conv1d", check("<id>")), ...)``."""
    return cited_rows({name: name for name, _ in cited}, *cited)
