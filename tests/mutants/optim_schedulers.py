"""Mutants of the scheduler table's rows (``suites/optim/schedspec.py``) and of how schedulers compose:
each breaks one documented schedule option, default, or the recursive form stacking relies on."""
from __future__ import annotations

from typing import Any

from tests.mutants import Mutant, replace
from tests.mutants.optim import _lambda_shifted, init_default


def forced(cls: str, **changes: Any):
    """``lr_scheduler.<cls>.__init__`` with some keyword options overridden (callables map the given value)."""
    def make(orig: Any) -> Any:
        def __init__(self, *args, **kwargs):
            for key, value in changes.items():
                kwargs[key] = value(kwargs.get(key)) if callable(value) else value
            orig(self, *args, **kwargs)
        return __init__
    return replace(f"optim.lr_scheduler.{cls}.__init__", make)


def _exponential_closed_form(orig: Any) -> Any:
    """ExponentialLR setting base_lr·gamma^epoch outright instead of multiplying the lr it finds."""
    return lambda self: [base * self.gamma ** self.last_epoch for base in self.base_lrs]


def _chain_first_only(orig: Any) -> Any:
    def step(self):
        self._schedulers[0].step()
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]
    return step


MUTANTS = [
    Mutant("multiplicativelr-lambda-shifted", ("optim.lr-scheduler.multiplicative-lr",),
           replace("optim.lr_scheduler.MultiplicativeLR.__init__", _lambda_shifted)),
    Mutant("constantlr-default-factor-half", ("optim.lr-scheduler.constant-lr",),
           init_default("lr_scheduler.ConstantLR", factor=0.5)),
    Mutant("constantlr-total-iters-plus-one", ("optim.lr-scheduler.constant-lr",),
           forced("ConstantLR", total_iters=lambda n: (5 if n is None else n) + 1)),
    Mutant("polynomiallr-ignores-power", ("optim.lr-scheduler.polynomial-lr",), forced("PolynomialLR", power=1.0)),
    Mutant("warm-restarts-ignores-t-mult", ("optim.lr-scheduler.cosine-warm-restarts",),
           forced("CosineAnnealingWarmRestarts", T_mult=1)),
    Mutant("warm-restarts-ignores-eta-min", ("optim.lr-scheduler.cosine-warm-restarts",),
           forced("CosineAnnealingWarmRestarts", eta_min=0.0)),
    Mutant("cycliclr-triangular2-as-triangular", ("optim.lr-scheduler.cyclic-lr",),
           forced("CyclicLR", mode=lambda m: "triangular" if m == "triangular2" else m or "triangular")),
    Mutant("cycliclr-ignores-step-size-down", ("optim.lr-scheduler.cyclic-lr",), forced("CyclicLR", step_size_down=None)),
    Mutant("onecycle-always-cosine", ("optim.lr-scheduler.one-cycle-lr",), forced("OneCycleLR", anneal_strategy="cos")),
    Mutant("onecycle-ignores-three-phase", ("optim.lr-scheduler.one-cycle-lr",), forced("OneCycleLR", three_phase=False)),
    Mutant("reduce-plateau-default-patience-5", ("optim.lr-scheduler.reduce-on-plateau",),
           init_default("lr_scheduler.ReduceLROnPlateau", patience=5)),
    Mutant("reduce-plateau-ignores-cooldown", ("optim.lr-scheduler.reduce-on-plateau",),
           forced("ReduceLROnPlateau", cooldown=0)),
    Mutant("reduce-plateau-ignores-min-lr", ("optim.lr-scheduler.reduce-on-plateau",),
           forced("ReduceLROnPlateau", min_lr=0.0)),
    Mutant("reduce-plateau-threshold-always-rel", ("optim.lr-scheduler.reduce-on-plateau",),
           forced("ReduceLROnPlateau", threshold_mode="rel")),
    Mutant("sequential-milestones-late", ("optim.lr-scheduler.sequential-lr",),
           forced("SequentialLR", milestones=lambda ms: [m + 1 for m in ms])),
    Mutant("chained-scheduler-first-only", ("optim.lr-scheduler.chained-scheduler",),
           replace("optim.lr_scheduler.ChainedScheduler.step", _chain_first_only)),
    Mutant("exponentiallr-sets-closed-form", ("optim.lr-scheduler.stacking", "optim.lr-scheduler.chained-scheduler"),
           replace("optim.lr_scheduler.ExponentialLR.get_lr", _exponential_closed_form)),
    Mutant("scheduler-load-state-dict-ignored", ("optim.lr-scheduler.state-dict-round-trip",),
           replace("optim.lr_scheduler.LRScheduler.load_state_dict", lambda orig: lambda self, state_dict: None)),
]
