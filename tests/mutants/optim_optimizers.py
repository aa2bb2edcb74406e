"""Mutants of the optimizer table's rows (``suites/optim/optimspec.py``) and of the protocol every optimizer
shares: each breaks one documented option, default or protocol step of one optimizer.

Update rules are broken in the single-tensor functional implementations torch uses on the CPU
(``torch.optim.<module>._single_tensor_<name>``), defaults by wrapping ``__init__``.
"""
from __future__ import annotations

from typing import Any

from tests.mutants import Mutant, replace
from tests.mutants.optim import functional, init_default, with_kwargs

MAXIMIZE = "optim.maximize.negates-gradient"


def _single(module: str, **changes: Any):
    """``_single_tensor_<module>`` called with some keyword arguments overridden."""
    return functional(module, f"_single_tensor_{module.lstrip('_')}", with_kwargs(**changes))


def _swap_betas(orig: Any) -> Any:
    return lambda *a, **k: orig(*a, **{**k, "beta1": k["beta2"], "beta2": k["beta1"]})


def _load_without_state(orig: Any) -> Any:
    def load_state_dict(self, state_dict):
        return orig(self, {**state_dict, "state": {}})
    return load_state_dict


def _load_keeps_own_options(orig: Any) -> Any:
    def load_state_dict(self, state_dict):
        own = [{k: v for k, v in g.items() if k != "params"} for g in self.param_groups]
        orig(self, state_dict)
        for group, options in zip(self.param_groups, own):
            group.update(options)
    return load_state_dict


def _sparsify_first(orig: Any) -> Any:
    """SparseAdam.step accepting dense gradients by converting them first."""
    def step(self, *args, **kwargs):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None and not p.grad.is_sparse:
                    p.grad = p.grad.to_sparse()
        return orig(self, *args, **kwargs)
    return step


class _StuckHandle:
    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def remove(self) -> None:
        """Does not unregister the hook."""


def _lbfgs_init(**changes: Any):
    """``LBFGS.__init__`` with some options overridden whatever the caller gives."""
    return replace("optim.LBFGS.__init__", lambda orig: lambda self, params, **k: orig(self, params, **{**k, **changes}))


MUTANTS = [
    # --- Adadelta
    Mutant("adadelta-ignores-rho", ("optim.adadelta.documented-algorithm",), _single("adadelta", rho=0.9)),
    Mutant("adadelta-ignores-maximize", ("optim.adadelta.documented-algorithm", MAXIMIZE),
           _single("adadelta", maximize=False)),
    Mutant("adadelta-default-eps", ("optim.adadelta.defaults",), init_default("Adadelta", eps=1e-8)),
    # --- Adamax
    Mutant("adamax-ignores-weight-decay", ("optim.adamax.documented-algorithm",),
           _single("adamax", weight_decay=0.0)),
    Mutant("adamax-eps-dropped", ("optim.adamax.documented-algorithm",), _single("adamax", eps=0.0)),
    Mutant("adamax-ignores-maximize", ("optim.adamax.documented-algorithm", MAXIMIZE),
           _single("adamax", maximize=False)),
    Mutant("adamax-default-lr-1e-3", ("optim.adamax.defaults",), init_default("Adamax", lr=1e-3)),
    # --- NAdam
    Mutant("nadam-ignores-momentum-decay", ("optim.nadam.documented-algorithm",),
           _single("nadam", momentum_decay=4e-3)),
    Mutant("nadam-decay-always-coupled", ("optim.nadam.documented-algorithm",),
           _single("nadam", decoupled_weight_decay=False)),
    Mutant("nadam-ignores-maximize", ("optim.nadam.documented-algorithm", MAXIMIZE), _single("nadam", maximize=False)),
    Mutant("nadam-default-momentum-decay", ("optim.nadam.defaults",), init_default("NAdam", momentum_decay=0.04)),
    # --- RAdam
    Mutant("radam-betas-swapped", ("optim.radam.documented-algorithm",), functional("radam", "_single_tensor_radam",
                                                                                    _swap_betas)),
    Mutant("radam-decay-always-coupled", ("optim.radam.documented-algorithm",),
           _single("radam", decoupled_weight_decay=False)),
    Mutant("radam-ignores-maximize", ("optim.radam.documented-algorithm", MAXIMIZE), _single("radam", maximize=False)),
    Mutant("radam-default-eps", ("optim.radam.defaults",), init_default("RAdam", eps=1e-6)),
    # --- ASGD
    Mutant("asgd-ignores-lambd", ("optim.asgd.algorithm",), _single("asgd", lambd=0.0)),
    Mutant("asgd-ignores-alpha", ("optim.asgd.algorithm",), _single("asgd", alpha=0.75)),
    Mutant("asgd-ignores-maximize", ("optim.asgd.algorithm", MAXIMIZE), _single("asgd", maximize=False)),
    Mutant("asgd-default-lambd", ("optim.asgd.defaults",), init_default("ASGD", lambd=1e-2)),
    # --- Rprop
    Mutant("rprop-ignores-etaplus", ("optim.rprop.documented-algorithm",), _single("rprop", etaplus=1.2)),
    Mutant("rprop-no-step-size-max", ("optim.rprop.documented-algorithm",),
           _single("rprop", step_size_max=float("inf"))),
    Mutant("rprop-ignores-maximize", ("optim.rprop.documented-algorithm", MAXIMIZE), _single("rprop", maximize=False)),
    Mutant("rprop-default-etas", ("optim.rprop.defaults",), init_default("Rprop", etas=(0.5, 2.0))),
    # --- Adafactor
    Mutant("adafactor-clipping-threshold-doubled", ("optim.adafactor.documented-algorithm",),
           _single("_adafactor", d=lambda d: 2 * d)),
    Mutant("adafactor-ignores-weight-decay", ("optim.adafactor.documented-algorithm",),
           _single("_adafactor", weight_decay=0.0)),
    Mutant("adafactor-ignores-maximize", ("optim.adafactor.documented-algorithm", MAXIMIZE),
           _single("_adafactor", maximize=False)),
    Mutant("adafactor-default-beta2-decay", ("optim.adafactor.defaults",), init_default("Adafactor", beta2_decay=-0.5)),
    # --- LBFGS
    Mutant("lbfgs-history-unbounded", ("optim.lbfgs.algorithm",), _lbfgs_init(history_size=100)),
    Mutant("lbfgs-one-iteration-per-step", ("optim.lbfgs.algorithm",), _lbfgs_init(max_iter=1)),
    Mutant("lbfgs-default-history", ("optim.lbfgs.defaults",), init_default("LBFGS", history_size=10)),
    # --- SparseAdam
    Mutant("sparse-adam-accepts-dense", ("optim.sparseadam.dense-grad-raises",),
           replace("optim.SparseAdam.step", _sparsify_first)),
    Mutant("sparse-adam-default-eps", ("optim.sparseadam.defaults",), init_default("SparseAdam", eps=1e-6)),
    # --- the multi-tensor (foreach) implementations
    Mutant("foreach-adam-ignores-weight-decay", ("optim.foreach.same-algorithm",),
           functional("adam", "_multi_tensor_adam", with_kwargs(weight_decay=0.0))),
    Mutant("foreach-rprop-ignores-etaplus", ("optim.foreach.same-algorithm",),
           functional("rprop", "_multi_tensor_rprop", with_kwargs(etaplus=1.2))),
    # --- the shared protocol
    Mutant("load-state-dict-drops-state", ("optim.state-dict.load-round-trip",),
           replace("optim.Optimizer.load_state_dict", _load_without_state)),
    Mutant("load-state-dict-keeps-own-options", ("optim.state-dict.load-round-trip",),
           replace("optim.Optimizer.load_state_dict", _load_keeps_own_options)),
    Mutant("step-post-hook-runs-first", ("optim.step-hooks.pre-and-post",),
           replace("optim.Optimizer.register_step_post_hook",
                   lambda orig: lambda self, hook: self.register_step_pre_hook(hook))),
    Mutant("step-hook-handle-stuck", ("optim.step-hooks.pre-and-post",),
           replace("optim.Optimizer.register_step_pre_hook", lambda orig: lambda self, hook: _StuckHandle(orig(self, hook)))),
]

