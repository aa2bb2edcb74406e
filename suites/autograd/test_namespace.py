"""The torch.autograd spellings of the grad-mode context managers, backward and set_detect_anomaly: a
table of rows, each a scenario returning (call, expected, got) outcomes the generic check compares."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pytest

from conformance import check
from conformance.assertions import expect, to_numpy
from suites.inputs import leaf

A = np.array([1.5, -2.0])
Outcome = tuple[str, Any, Any]


@dataclass(frozen=True)
class Scenario:
    name: str
    run: Callable[[Any], list[Outcome]]


def _no_grad(xp: Any) -> list[Outcome]:
    a = leaf(xp, A)
    with xp.autograd.no_grad():
        inside = (a * a).requires_grad

    @xp.autograd.no_grad()
    def square(t: Any) -> Any:
        return t * t

    return [("with autograd.no_grad(): (a * a).requires_grad", False, inside),
            ("@autograd.no_grad() def square(t): t * t; square(a).requires_grad", False, square(a).requires_grad)]


def _enable_grad(xp: Any) -> list[Outcome]:
    a = leaf(xp, A)
    with xp.no_grad():
        with xp.autograd.enable_grad():
            inside = (a * a).requires_grad
    return [("with no_grad(): with autograd.enable_grad(): (a * a).requires_grad", True, inside)]


def _set_grad_enabled(xp: Any) -> list[Outcome]:
    a = leaf(xp, A)
    with xp.autograd.set_grad_enabled(False):
        inside = (a * a).requires_grad
    after = xp.is_grad_enabled()
    xp.autograd.set_grad_enabled(False)
    try:
        called = (a * a).requires_grad
    finally:
        xp.autograd.set_grad_enabled(True)
    return [("with autograd.set_grad_enabled(False): (a * a).requires_grad", False, inside),
            ("after the with block: is_grad_enabled()", True, after),
            ("autograd.set_grad_enabled(False); (a * a).requires_grad", False, called),
            ("autograd.set_grad_enabled(True); (a * a).requires_grad", True, (a * a).requires_grad)]


def _inference_mode(xp: Any) -> list[Outcome]:
    a = leaf(xp, A)
    with xp.autograd.inference_mode():
        b = a * a
    with xp.autograd.inference_mode(False):
        c = a * a
    return [("with autograd.inference_mode(): b = a * a; b.requires_grad", False, b.requires_grad),
            ("with autograd.inference_mode(): b = a * a; b.is_inference()", True, b.is_inference()),
            ("with autograd.inference_mode(False): c = a * a; c.is_inference()", False, c.is_inference())]


def _backward(xp: Any) -> list[Outcome]:
    a = leaf(xp, A)
    g1, g2 = np.array([1.0, -0.5]), np.array([2.0, 3.0])
    xp.autograd.backward([a * a, a * 3.0], grad_tensors=[xp.tensor(g1), xp.tensor(g2)])
    return [("autograd.backward([a * a, 3 * a], grad_tensors=[g1, g2]); a.grad",
             (2 * A * g1 + 3 * g2).tolist(), to_numpy(a.grad).tolist())]


def _set_detect_anomaly(xp: Any) -> list[Outcome]:
    class NaNGrad(xp.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.clone()

        @staticmethod
        def backward(ctx, g):
            return g * float("nan")

    outcomes = []
    for mode in (True, False):
        a = leaf(xp, A)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with xp.autograd.set_detect_anomaly(mode):
                try:
                    NaNGrad.apply(a).sum().backward()
                    raised = "no error"
                except RuntimeError:
                    raised = "RuntimeError"
        outcomes.append((f"with autograd.set_detect_anomaly({mode}): NaNGrad.apply(a).sum().backward()",
                         "RuntimeError" if mode else "no error", raised))
    return outcomes


SCENARIOS = [
    pytest.param(Scenario("no_grad", _no_grad), id="no_grad", marks=check("autograd.namespace.no-grad")),
    pytest.param(Scenario("enable_grad", _enable_grad), id="enable_grad", marks=check("autograd.namespace.enable-grad")),
    pytest.param(Scenario("set_grad_enabled", _set_grad_enabled), id="set_grad_enabled",
                 marks=check("autograd.namespace.set-grad-enabled")),
    pytest.param(Scenario("inference_mode", _inference_mode), id="inference_mode",
                 marks=check("autograd.namespace.inference-mode")),
    pytest.param(Scenario("backward", _backward), id="backward", marks=check("autograd.namespace.backward")),
    pytest.param(Scenario("set_detect_anomaly", _set_detect_anomaly), id="set_detect_anomaly",
                 marks=check("autograd.namespace.set-detect-anomaly")),
]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_autograd_namespace_spelling(xp, scenario):
    for call, expected, got in scenario.run(xp):
        expect(got == expected, call=f"[{scenario.name}] {call}", expected=expected, got=got)
