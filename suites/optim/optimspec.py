"""The optimizer table: one ``OptimSpec`` row per documented optimizer (or option variant of one),
driving the generic checks of ``test_optimizers.py``.

A row names the class under ``xp.optim``, its documented algorithm as a NumPy oracle
(``suites/optim/oracles.py``), its documented defaults, a strategy over its documented options and
the cases a mutant relies on (``pinned``, run before every drawn case). Checks cite one behaviour
per row with ``rows(("NAdam", check("optim.nadam.documented-algorithm")), ...)``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import pytest
from hypothesis import strategies as st

from suites.optim import oracles
from suites.optim.helpers import ATOL, RTOL
from suites.rows import cited_rows

Case = tuple[list[float], list[list[float]]]
"""An initial parameter vector and one gradient per step."""

CASE: Case = ([1.0, -2.0, 0.5], [[0.5, 0.25, 0.0], [1.0, -1.0, 2.0], [0.0, 2.0, -3.0], [-0.5, 0.0, 0.25],
                                 [3.0, 3.0, 3.0]])
"""The pinned trajectory: every element sees gradients of both signs and a zero."""


@dataclass(frozen=True)
class OptimSpec:
    name: str
    """Row name: the class, or the class with the option variant the row is about."""
    cls: str
    """The optimizer's name under ``xp.optim``."""
    oracle: Callable[..., Any]
    """``oracle(theta0, **options)``: an object whose ``step(grad)`` returns the next parameter values."""
    defaults: Mapping[str, Any]
    """Documented defaults, as ``param_groups[0]`` holds them."""
    options: st.SearchStrategy[dict[str, Any]]
    """Documented options, given to the backend and the oracle alike."""
    pinned: tuple[tuple[Case, dict[str, Any]], ...] = ()
    """(case, options) checked before the drawn ones: the cases a mutant of the row relies on."""
    fixed: Mapping[str, Any] = field(default_factory=dict)
    """Options given to the backend only (the row's variant, e.g. ``decoupled_weight_decay=True``)."""
    rtol: float = RTOL
    atol: float = ATOL
    """Tolerances against the oracle (NAdam's running product of mu and ASGD's eta are float32 state)."""

    def make(self, xp: Any, params: Sequence[Any], options: Mapping[str, Any]) -> Any:
        return getattr(xp.optim, self.cls)(params, **{**options, **self.fixed})

    def call(self, options: Mapping[str, Any]) -> str:
        """How the backend optimizer was built, for failure messages."""
        return f"{self.cls}([p], {', '.join(f'{k}={v!r}' for k, v in {**options, **self.fixed}.items())})"


def choice(*values: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


def opts(**fields: st.SearchStrategy[Any] | Any) -> st.SearchStrategy[dict[str, Any]]:
    """A dict strategy: strategies are drawn, plain values fixed."""
    return st.fixed_dictionaries({k: v if isinstance(v, st.SearchStrategy) else st.just(v) for k, v in fields.items()})


LR = choice(1e-3, 0.01, 0.1) | st.floats(1e-3, 0.5)
DECAY = choice(0.0, 0.01, 0.5)
BETAS = st.tuples(choice(0.9, 0.5, 0.0) | st.floats(0.0, 0.99), choice(0.999, 0.9, 0.5) | st.floats(0.1, 0.999))
EPS = choice(1e-8, 1e-3, 0.1)


@st.composite
def sgd_options(draw: st.DrawFn) -> dict[str, Any]:
    momentum = draw(choice(0.0, 0.5, 0.9) | st.floats(0.01, 0.99))
    nesterov = momentum > 0 and draw(st.booleans())
    return {"lr": draw(choice(0.01, 0.1, 1.0) | st.floats(1e-3, 1.0)), "momentum": momentum,
            "dampening": 0.0 if nesterov else draw(choice(0.0, 0.1, 0.5)), "weight_decay": draw(choice(0.0, 0.01, 0.3)),
            "nesterov": nesterov, "maximize": draw(st.booleans())}


def adam_options(amsgrad: Any = st.booleans()) -> st.SearchStrategy[dict[str, Any]]:
    return opts(lr=LR, betas=BETAS, eps=EPS, weight_decay=DECAY, amsgrad=amsgrad, maximize=st.booleans())


ADAM_PINNED = {"lr": 0.1, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.5, "amsgrad": False}

SPECS: dict[str, OptimSpec] = {spec.name: spec for spec in (
    OptimSpec("SGD(lr)", "SGD", oracles.SGD, {}, opts(lr=choice(0.01, 0.1, 0.5, 1.0) | st.floats(1e-3, 2.0)),
              pinned=(((CASE[0][:2], [g[:2] for g in CASE[1]]), {"lr": 0.01}),)),
    OptimSpec("SGD", "SGD", oracles.SGD,
              {"lr": 1e-3, "momentum": 0, "dampening": 0, "weight_decay": 0, "nesterov": False, "maximize": False},
              sgd_options(),
              pinned=((CASE, {"lr": 0.1, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.1, "nesterov": True,
                              "maximize": True}),
                      (CASE, {"lr": 0.1, "momentum": 0.9, "dampening": 0.5, "weight_decay": 0.1, "nesterov": False,
                              "maximize": False}))),
    OptimSpec("Adam", "Adam", oracles.Adam,
              {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0, "amsgrad": False, "maximize": False},
              adam_options(amsgrad=False), pinned=((CASE, {**ADAM_PINNED, "maximize": True}),)),
    OptimSpec("Adam(amsgrad=True)", "Adam", oracles.Adam, {}, adam_options(amsgrad=True),
              # A large first gradient then small ones: v_t shrinks, so max(v) != v_t, and the max of the raw
              # v_t differs from the max of the bias-corrected v_hat (the 2.0 pseudo-code).
              pinned=((([0.0], [[4.0], [0.0], [0.0], [0.25], [0.0]]),
                       {"lr": 0.1, "betas": (0.5, 0.5), "eps": 1e-8, "weight_decay": 0.0, "amsgrad": True,
                        "maximize": False}),)),
    OptimSpec("Adam(decoupled_weight_decay=True)", "Adam", oracles.AdamW, {}, adam_options(),
              pinned=((CASE, {**ADAM_PINNED, "maximize": False}),), fixed={"decoupled_weight_decay": True}),
    OptimSpec("AdamW", "AdamW", oracles.AdamW,
              {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 1e-2, "amsgrad": False,
               "maximize": False},
              adam_options(), pinned=((CASE, {**ADAM_PINNED, "maximize": False}),)),
    OptimSpec("RMSprop", "RMSprop", oracles.RMSprop,
              {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0, "momentum": 0, "centered": False,
               "maximize": False},
              opts(lr=LR, alpha=choice(0.99, 0.9, 0.5) | st.floats(0.1, 0.99), eps=EPS, weight_decay=DECAY,
                   momentum=choice(0.0, 0.5, 0.9), centered=st.booleans(), maximize=st.booleans()),
              pinned=((CASE, {"lr": 0.01, "alpha": 0.9, "eps": 1e-3, "weight_decay": 0.01, "momentum": 0.9,
                              "centered": True, "maximize": False}),
                      (CASE, {"lr": 0.01, "alpha": 0.5, "eps": 1e-8, "weight_decay": 0.0, "momentum": 0.0,
                              "centered": False, "maximize": True}))),
    OptimSpec("Adagrad", "Adagrad", oracles.Adagrad,
              {"lr": 1e-2, "lr_decay": 0, "weight_decay": 0, "initial_accumulator_value": 0, "eps": 1e-10,
               "maximize": False},
              opts(lr=choice(1e-2, 0.1, 1.0) | st.floats(1e-3, 1.0), lr_decay=choice(0.0, 0.1, 1.0), weight_decay=DECAY,
                   initial_accumulator_value=choice(0.0, 0.1, 2.0), eps=choice(1e-10, 1e-3, 0.1),
                   maximize=st.booleans()),
              pinned=((CASE, {"lr": 0.1, "lr_decay": 0.5, "weight_decay": 0.1, "initial_accumulator_value": 2.0,
                              "eps": 1e-10, "maximize": True}),)),
    OptimSpec("Adadelta", "Adadelta", oracles.Adadelta,
              {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0, "maximize": False},
              opts(lr=choice(1.0, 0.5, 0.1), rho=choice(0.9, 0.5, 0.0) | st.floats(0.0, 0.99), eps=choice(1e-6, 1e-3, 0.1),
                   weight_decay=DECAY, maximize=st.booleans()),
              pinned=((CASE, {"lr": 0.5, "rho": 0.5, "eps": 0.1, "weight_decay": 0.5, "maximize": True}),)),
    OptimSpec("Adamax", "Adamax", oracles.Adamax,
              {"lr": 2e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0, "maximize": False},
              opts(lr=LR, betas=BETAS, eps=EPS, weight_decay=DECAY, maximize=st.booleans()),
              pinned=((CASE, {"lr": 0.1, "betas": (0.5, 0.9), "eps": 0.1, "weight_decay": 0.5, "maximize": True}),)),
    OptimSpec("NAdam", "NAdam", oracles.NAdam,
              {"lr": 2e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0, "momentum_decay": 4e-3,
               "decoupled_weight_decay": False, "maximize": False},
              opts(lr=LR, betas=BETAS, eps=EPS, weight_decay=DECAY, momentum_decay=choice(4e-3, 0.1, 1.0),
                   decoupled_weight_decay=st.booleans(), maximize=st.booleans()),
              pinned=((CASE, {"lr": 0.1, "betas": (0.9, 0.9), "eps": 1e-8, "weight_decay": 0.5, "momentum_decay": 1.0,
                              "decoupled_weight_decay": False, "maximize": True}),
                      (CASE, {"lr": 0.1, "betas": (0.9, 0.9), "eps": 1e-8, "weight_decay": 0.5, "momentum_decay": 0.1,
                              "decoupled_weight_decay": True, "maximize": False})), rtol=1e-6, atol=1e-7),
    OptimSpec("RAdam", "RAdam", oracles.RAdam,
              {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0, "decoupled_weight_decay": False,
               "maximize": False},
              opts(lr=LR, betas=BETAS, eps=EPS, weight_decay=DECAY, decoupled_weight_decay=st.booleans(),
                   maximize=st.booleans()),
              # beta2=0.5: rho_t > 5 from step 5 only, so both branches run.
              pinned=((CASE, {"lr": 0.1, "betas": (0.9, 0.5), "eps": 1e-8, "weight_decay": 0.5,
                              "decoupled_weight_decay": False, "maximize": True}),
                      (CASE, {"lr": 0.1, "betas": (0.5, 0.5), "eps": 0.1, "weight_decay": 0.5,
                              "decoupled_weight_decay": True, "maximize": False}))),
    OptimSpec("ASGD", "ASGD", oracles.ASGD,
              {"lr": 1e-2, "lambd": 1e-4, "alpha": 0.75, "t0": 1e6, "weight_decay": 0, "maximize": False},
              opts(lr=LR, lambd=choice(1e-4, 0.1, 1.0), alpha=choice(0.75, 0.5, 2.0), t0=choice(1e6, 2.0, 0.0),
                   weight_decay=DECAY, maximize=st.booleans()),
              pinned=((CASE, {"lr": 0.5, "lambd": 1.0, "alpha": 2.0, "t0": 2.0, "weight_decay": 0.5,
                              "maximize": True}),), rtol=1e-6, atol=1e-7),
    OptimSpec("Rprop", "Rprop", oracles.Rprop,
              {"lr": 1e-2, "etas": (0.5, 1.2), "step_sizes": (1e-6, 50), "maximize": False},
              opts(lr=choice(1e-2, 0.1, 0.5), etas=st.tuples(choice(0.5, 0.25, 0.9), choice(1.2, 1.5, 3.0)),
                   step_sizes=st.tuples(choice(1e-6, 5e-3), choice(50.0, 1.0)), maximize=st.booleans()),
              pinned=((CASE, {"lr": 0.5, "etas": (0.25, 3.0), "step_sizes": (0.1, 1.0), "maximize": True}),)),
    OptimSpec("Adafactor", "Adafactor", oracles.Adafactor,
              {"lr": 1e-2, "beta2_decay": -0.8, "eps": (None, 1e-3), "d": 1.0, "weight_decay": 0.0, "maximize": False},
              opts(lr=LR, beta2_decay=choice(-0.8, -0.5, -1.0), eps=st.tuples(choice(None, 1e-3, 0.5), choice(1e-3, 0.5)),
                   d=choice(1.0, 1.5, 2.0), weight_decay=DECAY, maximize=st.booleans()),
              pinned=((CASE, {"lr": 0.5, "beta2_decay": -0.5, "eps": (1e-3, 0.5), "d": 1.0, "weight_decay": 0.5,
                              "maximize": True}),)),
)}


def rows(*cited: tuple[str, pytest.MarkDecorator]) -> list[Any]:
    """This table's rows, each citing its own behaviour: ``rows(("<row name>", check("<id>")), ...)``."""
    return cited_rows(SPECS, *cited)
