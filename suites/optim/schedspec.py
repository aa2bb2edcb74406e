"""The scheduler table: one ``SchedSpec`` row per learning-rate schedule (a scheduler class with fixed
arguments) and its documented closed form, driving the generic checks of ``test_schedulers.py``.

``formula(base, epoch)`` is the lr the schedule alone gives a group whose lr was ``base`` at construction,
after ``epoch`` scheduler steps. A ``multiplicative`` row's formula is base·f(epoch): stacked on another such
row, the documented recursive forms multiply (each scheduler acts on the lr the previous one left).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import pytest

from suites.optim import oracles
from suites.rows import cited_rows


@dataclass(frozen=True)
class SchedSpec:
    name: str
    """Row name: the constructor call, ``opt`` standing for the optimizer."""
    cls: str
    """The scheduler's name under ``xp.optim.lr_scheduler``."""
    formula: Callable[[float, int], float]
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    multiplicative: bool = False
    """base·f(epoch), and the scheduler multiplies the lr it finds (so stacking multiplies the factors)."""
    closed: bool = True
    """The schedule has a closed form from base_lr (SequentialLR restarts it at a milestone)."""
    epochs: int = 12

    def make(self, xp: Any, opt: Any) -> Any:
        return getattr(xp.optim.lr_scheduler, self.cls)(opt, **self.kwargs)


def every_third_halves(epoch: int) -> float:
    return 0.5 if epoch % 3 == 0 else 0.9


SCHEDULES: dict[str, SchedSpec] = {s.name: s for s in (
    SchedSpec("StepLR(opt, step_size=3, gamma=0.5)", "StepLR", lambda b, e: oracles.step_lr(b, e, 3, 0.5),
              {"step_size": 3, "gamma": 0.5}, multiplicative=True),
    SchedSpec("MultiStepLR(opt, milestones=[2, 5], gamma=0.5)", "MultiStepLR",
              lambda b, e: oracles.multistep_lr(b, e, [2, 5], 0.5), {"milestones": [2, 5], "gamma": 0.5},
              multiplicative=True),
    SchedSpec("ExponentialLR(opt, gamma=0.9)", "ExponentialLR", lambda b, e: oracles.exponential_lr(b, e, 0.9),
              {"gamma": 0.9}, multiplicative=True),
    SchedSpec("LinearLR(opt)", "LinearLR", oracles.linear_lr, multiplicative=True),
    SchedSpec("CosineAnnealingLR(opt, T_max=6)", "CosineAnnealingLR",
              lambda b, e: oracles.cosine_annealing_lr(b, e, 6), {"T_max": 6}),
    SchedSpec("MultiplicativeLR(opt, lr_lambda=every_third_halves)", "MultiplicativeLR",
              lambda b, e: oracles.multiplicative_lr(b, e, every_third_halves), {"lr_lambda": every_third_halves},
              multiplicative=True, closed=False),
    SchedSpec("ConstantLR(opt)", "ConstantLR", oracles.constant_lr, multiplicative=True),
    SchedSpec("ConstantLR(opt, factor=0.5, total_iters=2)", "ConstantLR",
              lambda b, e: oracles.constant_lr(b, e, 0.5, 2), {"factor": 0.5, "total_iters": 2}, multiplicative=True),
    SchedSpec("PolynomialLR(opt)", "PolynomialLR", oracles.polynomial_lr, multiplicative=True),
    SchedSpec("PolynomialLR(opt, total_iters=8, power=2.0)", "PolynomialLR",
              lambda b, e: oracles.polynomial_lr(b, e, 8, 2.0), {"total_iters": 8, "power": 2.0}, multiplicative=True),
    SchedSpec("CosineAnnealingWarmRestarts(opt, T_0=3)", "CosineAnnealingWarmRestarts",
              lambda b, e: oracles.cosine_warm_restarts_lr(b, e, 3), {"T_0": 3}),
    SchedSpec("CosineAnnealingWarmRestarts(opt, T_0=2, T_mult=2, eta_min=0.01)", "CosineAnnealingWarmRestarts",
              lambda b, e: oracles.cosine_warm_restarts_lr(b, e, 2, 2, 0.01), {"T_0": 2, "T_mult": 2, "eta_min": 0.01},
              epochs=15),
    SchedSpec("CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=3, cycle_momentum=False)", "CyclicLR",
              lambda b, e: oracles.cyclic_lr(e, 0.01, 0.1, 3),
              {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3, "cycle_momentum": False}),
    SchedSpec("CyclicLR(opt, 0.01, 0.1, step_size_up=2, step_size_down=4, mode='triangular2', cycle_momentum=False)",
              "CyclicLR", lambda b, e: oracles.cyclic_lr(e, 0.01, 0.1, 2, 4, "triangular2"),
              {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2, "step_size_down": 4, "mode": "triangular2",
               "cycle_momentum": False}, epochs=18),
    SchedSpec("CyclicLR(opt, 0.01, 0.1, step_size_up=2, mode='exp_range', gamma=0.9, cycle_momentum=False)",
              "CyclicLR", lambda b, e: oracles.cyclic_lr(e, 0.01, 0.1, 2, mode="exp_range", gamma=0.9),
              {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2, "mode": "exp_range", "gamma": 0.9,
               "cycle_momentum": False}),
    SchedSpec("OneCycleLR(opt, max_lr=0.1, total_steps=12, cycle_momentum=False)", "OneCycleLR",
              lambda b, e: oracles.one_cycle_lr(e, 0.1, 12), {"max_lr": 0.1, "total_steps": 12, "cycle_momentum": False}),
    SchedSpec("OneCycleLR(opt, 0.1, total_steps=12, pct_start=0.5, anneal_strategy='linear', div_factor=4, "
              "final_div_factor=10, cycle_momentum=False)", "OneCycleLR",
              lambda b, e: oracles.one_cycle_lr(e, 0.1, 12, 0.5, "linear", 4, 10),
              {"max_lr": 0.1, "total_steps": 12, "pct_start": 0.5, "anneal_strategy": "linear", "div_factor": 4,
               "final_div_factor": 10, "cycle_momentum": False}),
    SchedSpec("OneCycleLR(opt, 0.1, total_steps=12, three_phase=True, cycle_momentum=False)", "OneCycleLR",
              lambda b, e: oracles.one_cycle_lr(e, 0.1, 12, three_phase=True),
              {"max_lr": 0.1, "total_steps": 12, "three_phase": True, "cycle_momentum": False}),
)}

STACKABLE = sorted(name for name, s in SCHEDULES.items() if s.multiplicative)
RESTARTABLE = sorted(name for name, s in SCHEDULES.items() if s.closed and s.multiplicative)


def rows(*cited: tuple[str, pytest.MarkDecorator]) -> list[Any]:
    """This table's rows, each citing its own behaviour: ``rows(("<row name>", check("<id>")), ...)``."""
    return cited_rows(SCHEDULES, *cited)
