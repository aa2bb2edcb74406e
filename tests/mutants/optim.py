"""Mutants of torch.optim: each breaks one documented optimizer or scheduler behaviour.

Update rules are broken in the single-tensor functional implementations
(``torch.optim.<module>._single_tensor_<name>``, looked up at call time, used on the CPU);
defaults by wrapping ``__init__``; the Optimizer / LRScheduler protocol by wrapping the base classes.
"""
from __future__ import annotations

import importlib
import warnings
from typing import Any, Callable

from tests.mutants import Mutant, combine, replace


def functional(module: str, name: str, make: Callable[[Any], Any]) -> Callable[[Any], Callable[[], None]]:
    """Replace ``torch.optim.<module>.<name>`` (a module-level function the optimizer calls by global name)."""

    def patch(torch: Any) -> Callable[[], None]:
        mod = importlib.import_module(f"torch.optim.{module}")
        original = getattr(mod, name)
        setattr(mod, name, make(original))
        return lambda: setattr(mod, name, original)

    return patch


def with_kwargs(**changes: Any) -> Callable[[Any], Any]:
    """A wrapper factory: call the original with some keyword arguments overridden (callables map the old value)."""

    def make(orig: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for key, value in changes.items():
                kwargs[key] = value(kwargs.get(key)) if callable(value) else value
            return orig(*args, **kwargs)
        return wrapper

    return make


def init_default(cls: str, **defaults: Any) -> Callable[[Any], Callable[[], None]]:
    """Change the default of keyword options of ``torch.optim.<cls>.__init__`` (explicit values still win)."""

    def make(orig: Any) -> Any:
        import inspect

        names = list(inspect.signature(orig).parameters)

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            given = set(names[1:len(args) + 1]) | set(kwargs)
            for key, value in defaults.items():
                if key not in given:
                    kwargs[key] = value
            orig(self, *args, **kwargs)
        return __init__

    return replace(f"optim.{cls}.__init__", make)


def _sgd_zero_buffer(orig: Any) -> Any:
    import torch

    def wrapper(params, grads, momentum_buffer_list, *args, **kwargs):
        if kwargs.get("momentum"):
            for i, buf in enumerate(momentum_buffer_list):
                if buf is None:
                    momentum_buffer_list[i] = torch.zeros_like(params[i])
        return orig(params, grads, momentum_buffer_list, *args, **kwargs)
    return wrapper


def _sgd_init_no_nesterov_check(orig: Any) -> Any:
    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, **kwargs):
        bad = nesterov and (momentum <= 0 or dampening != 0)
        orig(self, params, lr, momentum, dampening, weight_decay, False if bad else nesterov, **kwargs)
    return __init__


def _sgd_init_abs(orig: Any) -> Any:
    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, *args, **kwargs):
        orig(self, params, abs(lr), abs(momentum), dampening, abs(weight_decay), *args, **kwargs)
    return __init__


def _adam_init_coupled(orig: Any) -> Any:
    def __init__(self, *args, **kwargs):
        if type(self).__name__ == "Adam":
            kwargs["decoupled_weight_decay"] = False
        orig(self, *args, **kwargs)
    return __init__


def _rmsprop_eps_inside_sqrt(orig: Any) -> Any:
    def wrapper(params, grads, square_avgs, grad_avgs, momentum_buffer_list, state_steps, *, lr, alpha, eps,
                weight_decay, momentum, centered, maximize, **_: Any) -> None:
        for i, param in enumerate(params):
            grad = -grads[i] if maximize else grads[i]
            state_steps[i] += 1
            if weight_decay != 0:
                grad = grad.add(param, alpha=weight_decay)
            square_avgs[i].mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
            avg = square_avgs[i]
            if centered:
                grad_avgs[i].lerp_(grad, 1 - alpha)
                avg = avg.addcmul(grad_avgs[i], grad_avgs[i], value=-1)
            avg = avg.add(eps).sqrt()  # the mutation: eps inside the square root
            if momentum > 0:
                momentum_buffer_list[i].mul_(momentum).addcdiv_(grad, avg)
                param.add_(momentum_buffer_list[i], alpha=-lr)
            else:
                param.addcdiv_(grad, avg, value=-lr)
    return wrapper


def _adagrad_sum_from_zero(orig: Any) -> Any:
    def wrapper(params, grads, state_sums, state_steps, *args, **kwargs):
        for s, step in zip(state_sums, state_steps):
            if float(step) == 0:
                s.zero_()
        return orig(params, grads, state_sums, state_steps, *args, **kwargs)
    return wrapper


STEPPED = ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad")


def each_step(make: Callable[[Any], Any]) -> Callable[[Any], Callable[[], None]]:
    """Wrap ``step`` of every optimizer class of the topic."""
    return combine(*(replace(f"optim.{cls}.step", make) for cls in STEPPED))


def _fill_none_grads(orig: Any) -> Any:
    import torch

    def step(self, *args, **kwargs):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    p.grad = torch.zeros_like(p)
        return orig(self, *args, **kwargs)
    return step


def _skip_zero_grads(orig: Any) -> Any:
    def step(self, *args, **kwargs):
        hidden = []
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None and not bool(p.grad.any()):
                    hidden.append((p, p.grad))
                    p.grad = None
        try:
            return orig(self, *args, **kwargs)
        finally:
            for p, g in hidden:
                p.grad = g
    return step


def _group_options_dropped(orig: Any) -> Any:
    def add_param_group(self, param_group):
        return orig(self, {"params": param_group["params"]})
    return add_param_group


def _shared_param_accepted(orig: Any) -> Any:
    def add_param_group(self, param_group):
        try:
            return orig(self, param_group)
        except ValueError:
            return None
    return add_param_group


def _empty_params_accepted(orig: Any) -> Any:
    import torch

    def __init__(self, params, defaults):
        params = list(params)
        orig(self, params or [torch.zeros(1, requires_grad=True)], defaults)
    return __init__


def _duplicates_silent(orig: Any) -> Any:
    def add_param_group(self, param_group):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return orig(self, param_group)
    return add_param_group


def _state_dict_edit(edit: Callable[[dict], dict]) -> Callable[[Any], Any]:
    def make(orig: Any) -> Any:
        def state_dict(self):
            sd = orig(self)
            return {**sd, "state": {k: edit(dict(v)) for k, v in sd["state"].items()}}
        return state_dict
    return make


def _rename(old: str, new: str) -> Callable[[dict], dict]:
    def edit(entry: dict) -> dict:
        if old in entry:
            entry[new] = entry.pop(old)
        return entry
    return edit


def _multistep_increasing_prefix(orig: Any) -> Any:
    def __init__(self, optimizer, milestones, *args, **kwargs):
        kept = []
        for m in milestones:
            if kept and m <= kept[-1]:
                break
            kept.append(m)
        orig(self, optimizer, kept, *args, **kwargs)
    return __init__


def _lambda_shifted(orig: Any) -> Any:
    def shift(fn):
        return lambda e: fn(e + 1)

    def __init__(self, optimizer, lr_lambda, *args, **kwargs):
        fns = [shift(f) for f in lr_lambda] if isinstance(lr_lambda, (list, tuple)) else shift(lr_lambda)
        orig(self, optimizer, fns, *args, **kwargs)
    return __init__


def _cosine_clamped(orig: Any) -> Any:
    def get_lr(self):
        if self.last_epoch > self.T_max:
            return [self.eta_min for _ in self.optimizer.param_groups]
        return orig(self)
    return get_lr


def _drop_initial_lr(orig: Any) -> Any:
    def __init__(self, optimizer, *args, **kwargs):
        orig(self, optimizer, *args, **kwargs)
        for group in optimizer.param_groups:
            group.pop("initial_lr", None)
    return __init__


def _silent_step(orig: Any) -> Any:
    def step(self, *args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return orig(self, *args, **kwargs)
    return step


MUTANTS = [
    # --- SGD
    Mutant("sgd-double-lr", ("optim.sgd.plain-update", "optim.training-step.zero-grad-backward-step"),
           functional("sgd", "_single_tensor_sgd", with_kwargs(lr=lambda lr: 2 * lr))),
    Mutant("sgd-ignores-maximize", ("optim.sgd.documented-algorithm",),
           functional("sgd", "_single_tensor_sgd", with_kwargs(maximize=False))),
    Mutant("sgd-ignores-nesterov", ("optim.sgd.documented-algorithm",),
           functional("sgd", "_single_tensor_sgd", with_kwargs(nesterov=False))),
    Mutant("sgd-ignores-dampening", ("optim.sgd.documented-algorithm", "optim.sgd.momentum-buffer-starts-at-gradient"),
           functional("sgd", "_single_tensor_sgd", with_kwargs(dampening=0.0))),
    Mutant("sgd-momentum-buffer-zeros", ("optim.sgd.documented-algorithm", "optim.sgd.momentum-buffer-starts-at-gradient"),
           functional("sgd", "_single_tensor_sgd", _sgd_zero_buffer)),
    Mutant("sgd-ignores-weight-decay", ("optim.sgd.documented-algorithm", "optim.step.zero-grad-is-stepped"),
           functional("sgd", "_single_tensor_sgd", with_kwargs(weight_decay=0.0))),
    Mutant("sgd-default-lr-1e-2", ("optim.sgd.defaults",), init_default("SGD", lr=1e-2)),
    Mutant("sgd-nesterov-unchecked", ("optim.sgd.nesterov-requires-momentum",),
           replace("optim.SGD.__init__", _sgd_init_no_nesterov_check)),
    Mutant("sgd-negative-values-accepted", ("optim.sgd.negative-hyperparameters-raise",),
           replace("optim.SGD.__init__", _sgd_init_abs)),
    # --- Adam / AdamW
    Mutant("adam-betas-swapped", ("optim.adam.documented-algorithm", "optim.adamw.documented-algorithm"),
           functional("adam", "_single_tensor_adam",
                      lambda orig: lambda *a, **k: orig(*a, **{**k, "beta1": k["beta2"], "beta2": k["beta1"]}))),
    Mutant("adam-ignores-maximize", ("optim.adam.documented-algorithm",),
           functional("adam", "_single_tensor_adam", with_kwargs(maximize=False))),
    Mutant("adam-ignores-weight-decay", ("optim.adam.documented-algorithm",),
           functional("adam", "_single_tensor_adam", with_kwargs(weight_decay=0.0))),
    Mutant("adam-eps-shrunk", ("optim.adam.documented-algorithm",),
           functional("adam", "_single_tensor_adam", with_kwargs(eps=lambda eps: eps * 1e-6))),
    Mutant("adam-ignores-amsgrad", ("optim.adam.amsgrad",),
           functional("adam", "_single_tensor_adam", with_kwargs(amsgrad=False))),
    Mutant("adam-default-beta2", ("optim.adam.defaults",), init_default("Adam", betas=(0.9, 0.99))),
    Mutant("adamw-decay-coupled", ("optim.adamw.documented-algorithm", "optim.adam.decoupled-weight-decay"),
           functional("adam", "_single_tensor_adam", with_kwargs(decoupled_weight_decay=False))),
    Mutant("adam-decoupled-flag-ignored", ("optim.adam.decoupled-weight-decay",),
           replace("optim.Adam.__init__", _adam_init_coupled)),
    Mutant("adamw-default-no-decay", ("optim.adamw.defaults",), init_default("AdamW", weight_decay=0.0)),
    # --- RMSprop
    Mutant("rmsprop-ignores-centered", ("optim.rmsprop.documented-algorithm",),
           functional("rmsprop", "_single_tensor_rmsprop", with_kwargs(centered=False))),
    Mutant("rmsprop-ignores-momentum", ("optim.rmsprop.documented-algorithm",),
           functional("rmsprop", "_single_tensor_rmsprop", with_kwargs(momentum=0.0))),
    Mutant("rmsprop-ignores-alpha", ("optim.rmsprop.documented-algorithm",),
           functional("rmsprop", "_single_tensor_rmsprop", with_kwargs(alpha=0.99))),
    Mutant("rmsprop-eps-inside-sqrt", ("optim.rmsprop.eps-after-sqrt", "optim.rmsprop.documented-algorithm"),
           functional("rmsprop", "_single_tensor_rmsprop", _rmsprop_eps_inside_sqrt)),
    Mutant("rmsprop-default-alpha", ("optim.rmsprop.defaults",), init_default("RMSprop", alpha=0.9)),
    # --- Adagrad
    Mutant("adagrad-ignores-lr-decay", ("optim.adagrad.documented-algorithm",),
           functional("adagrad", "_single_tensor_adagrad", with_kwargs(lr_decay=0.0))),
    Mutant("adagrad-sum-starts-at-zero", ("optim.adagrad.documented-algorithm",),
           functional("adagrad", "_single_tensor_adagrad", _adagrad_sum_from_zero)),
    Mutant("adagrad-default-eps", ("optim.adagrad.defaults",), init_default("Adagrad", eps=1e-6)),
    # --- Optimizer protocol
    Mutant("zero-grad-default-zero-fill", ("optim.zero-grad.sets-none-by-default",),
           replace("optim.Optimizer.zero_grad", lambda orig: lambda self, set_to_none=False: orig(self, set_to_none))),
    Mutant("zero-grad-always-none", ("optim.zero-grad.zero-fill",),
           replace("optim.Optimizer.zero_grad", lambda orig: lambda self, set_to_none=True: orig(self, True))),
    Mutant("zero-grad-noop", ("optim.zero-grad.sets-none-by-default", "optim.training-step.zero-grad-backward-step"),
           replace("optim.Optimizer.zero_grad", lambda orig: lambda self, set_to_none=True: None)),
    Mutant("step-fills-none-grads", ("optim.step.skips-none-grad",), each_step(_fill_none_grads)),
    Mutant("step-skips-zero-grads", ("optim.step.zero-grad-is-stepped",), each_step(_skip_zero_grads)),
    Mutant("group-options-dropped", ("optim.param-groups.per-group-options",),
           replace("optim.Optimizer.add_param_group", _group_options_dropped)),
    Mutant("shared-parameter-accepted", ("optim.param-groups.shared-parameter-raises",),
           replace("optim.Optimizer.add_param_group", _shared_param_accepted)),
    Mutant("empty-params-accepted", ("optim.param-groups.empty-raises",),
           replace("optim.Optimizer.__init__", _empty_params_accepted)),
    Mutant("duplicate-params-silent", ("optim.param-groups.duplicate-warns",),
           replace("optim.Optimizer.add_param_group", _duplicates_silent)),
    Mutant("state-dict-renames-momentum-buffer", ("optim.state-dict.structure",),
           replace("optim.Optimizer.state_dict", _state_dict_edit(_rename("momentum_buffer", "velocity")))),
    Mutant("state-dict-renames-exp-avg-sq", ("optim.state-dict.adam-state",),
           replace("optim.Optimizer.state_dict", _state_dict_edit(_rename("exp_avg_sq", "v")))),
    # --- schedulers
    Mutant("steplr-default-gamma-half", ("optim.lr-scheduler.step-lr",),
           init_default("lr_scheduler.StepLR", gamma=0.5)),
    Mutant("steplr-step-size-off-by-one", ("optim.lr-scheduler.step-lr",),
           replace("optim.lr_scheduler.StepLR.__init__",
                   lambda orig: lambda self, opt, step_size, *a, **k: orig(self, opt, step_size + 1, *a, **k))),
    Mutant("multisteplr-drops-first-milestone", ("optim.lr-scheduler.multistep-lr",),
           replace("optim.lr_scheduler.MultiStepLR.__init__",
                   lambda orig: lambda self, opt, milestones, *a, **k: orig(self, opt, sorted(milestones)[1:], *a, **k))),
    Mutant("multisteplr-unsorted-truncated", ("optim.lr-scheduler.multistep-unsorted",),
           replace("optim.lr_scheduler.MultiStepLR.__init__", _multistep_increasing_prefix)),
    Mutant("exponentiallr-gamma-squared", ("optim.lr-scheduler.exponential-lr",),
           replace("optim.lr_scheduler.ExponentialLR.__init__",
                   lambda orig: lambda self, opt, gamma, *a, **k: orig(self, opt, gamma * gamma, *a, **k))),
    Mutant("lambdalr-off-by-one", ("optim.lr-scheduler.lambda-lr",),
           replace("optim.lr_scheduler.LambdaLR.__init__", _lambda_shifted)),
    Mutant("linearlr-default-start-half", ("optim.lr-scheduler.linear-lr",),
           init_default("lr_scheduler.LinearLR", start_factor=0.5)),
    Mutant("cosine-ignores-eta-min", ("optim.lr-scheduler.cosine-annealing",),
           replace("optim.lr_scheduler.CosineAnnealingLR.__init__",
                   lambda orig: lambda self, opt, T_max, eta_min=0.0, *a, **k: orig(self, opt, T_max, 0.0, *a, **k))),
    Mutant("cosine-clamped-past-t-max", ("optim.lr-scheduler.cosine-past-t-max",),
           replace("optim.lr_scheduler.CosineAnnealingLR.get_lr", _cosine_clamped)),
    Mutant("scheduler-drops-initial-lr", ("optim.lr-scheduler.initial-lr-and-last-epoch",),
           replace("optim.lr_scheduler.LRScheduler.__init__", _drop_initial_lr)),
    Mutant("get-last-lr-first-group-only", ("optim.lr-scheduler.get-last-lr-per-group",),
           replace("optim.lr_scheduler.LRScheduler.get_last_lr", lambda orig: lambda self: orig(self)[:1])),
    Mutant("scheduler-no-order-warning", ("optim.lr-scheduler.call-order-warning",),
           replace("optim.lr_scheduler.LRScheduler.step", _silent_step)),
]
