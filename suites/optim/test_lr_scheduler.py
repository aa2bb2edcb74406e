"""Learning-rate schedulers against their closed forms (T51; facts 8.17-8.20): StepLR,
MultiStepLR (sorted and unsorted milestones), ExponentialLR, LambdaLR, LinearLR and
CosineAnnealingLR (up to and past T_max); the LRScheduler protocol (8.21: initial_lr,
last_epoch, get_last_lr) and the call-order warning (8.22).

Each schedule is driven the documented way (``optimizer.step()`` then ``scheduler.step()``)
over two parameter groups with different base lrs, reading ``param_groups[i]['lr']``.
"""
import warnings

from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_warns, expect, show
from suites.optim import oracles
from suites.optim.helpers import EPOCHS, check_schedule, close, optimizer

base_lrs = st.lists(st.sampled_from([0.05, 0.1, 1.0, 0.3]), min_size=1, max_size=2)


@check("optim.lr-scheduler.step-lr")
@given(bases=base_lrs, step_size=st.integers(1, 4), gamma=st.sampled_from([None, 0.5, 0.9, 0.1]))
@example(bases=[0.05], step_size=3, gamma=None)
def test_step_lr(xp, bases, step_size, gamma):
    kwargs = {} if gamma is None else {"gamma": gamma}
    check_schedule(xp, lambda opt: xp.optim.lr_scheduler.StepLR(opt, step_size, **kwargs), bases,
                   lambda base, e: oracles.step_lr(base, e, step_size, gamma or 0.1),
                   call=f"StepLR(opt, step_size={step_size}, {kwargs})")


@check("optim.lr-scheduler.multistep-lr")
@given(bases=base_lrs, milestones=st.lists(st.integers(1, EPOCHS), min_size=1, max_size=4, unique=True).map(sorted),
       gamma=st.sampled_from([None, 0.5, 0.9]))
@example(bases=[0.05], milestones=[2, 5], gamma=None)
def test_multistep_lr(xp, bases, milestones, gamma):
    kwargs = {} if gamma is None else {"gamma": gamma}
    check_schedule(xp, lambda opt: xp.optim.lr_scheduler.MultiStepLR(opt, milestones, **kwargs), bases,
                   lambda base, e: oracles.multistep_lr(base, e, milestones, gamma or 0.1),
                   call=f"MultiStepLR(opt, milestones={milestones}, {kwargs})")


@check("optim.lr-scheduler.multistep-unsorted")
@given(bases=base_lrs,
       milestones=st.lists(st.integers(1, EPOCHS), min_size=2, max_size=4, unique=True).filter(lambda m: m != sorted(m)))
@example(bases=[0.05], milestones=[8, 2, 5])
def test_multistep_lr_unsorted_milestones(xp, bases, milestones):
    check_schedule(xp, lambda opt: xp.optim.lr_scheduler.MultiStepLR(opt, milestones, gamma=0.5), bases,
                   lambda base, e: oracles.multistep_lr(base, e, sorted(milestones), 0.5),
                   call=f"MultiStepLR(opt, milestones={milestones}, gamma=0.5)")


@check("optim.lr-scheduler.exponential-lr")
@given(bases=base_lrs, gamma=st.sampled_from([0.5, 0.9, 0.99]) | st.floats(0.1, 1.0))
def test_exponential_lr(xp, bases, gamma):
    check_schedule(xp, lambda opt: xp.optim.lr_scheduler.ExponentialLR(opt, gamma), bases,
                   lambda base, e: oracles.exponential_lr(base, e, gamma), call=f"ExponentialLR(opt, gamma={gamma})")


LAMBDAS = {
    "0.95**e": lambda e: 0.95 ** e,
    "1/(e+1)": lambda e: 1 / (e + 1),
    "e % 3 + 1": lambda e: e % 3 + 1,
}


@check("optim.lr-scheduler.lambda-lr")
@given(bases=st.lists(st.sampled_from([0.05, 0.1, 1.0]), min_size=2, max_size=2),
       names=st.lists(st.sampled_from(sorted(LAMBDAS)), min_size=2, max_size=2), per_group=st.booleans())
def test_lambda_lr(xp, bases, names, per_group):
    fns = [LAMBDAS[n] for n in names]
    opt = optimizer(xp, bases)
    sched = xp.optim.lr_scheduler.LambdaLR(opt, fns if per_group else fns[0])
    call = f"LambdaLR(opt, {names if per_group else names[0]}) with base lrs {bases}"
    for epoch in range(EPOCHS + 1):
        if epoch:
            opt.step()
            sched.step()
        want = [oracles.lambda_lr(base, epoch, fns[i] if per_group else fns[0]) for i, base in enumerate(bases)]
        got = [g["lr"] for g in opt.param_groups]
        expect(all(close(g, w) for g, w in zip(got, want)), call=f"{call}, at epoch {epoch}",
               expected=f"group lrs {want}", got=f"group lrs {got}")


@check("optim.lr-scheduler.linear-lr")
@given(bases=base_lrs, options=st.sampled_from([{}, {"start_factor": 0.5, "end_factor": 0.1, "total_iters": 3},
                                                 {"start_factor": 0.25}, {"total_iters": 8},
                                                 {"start_factor": 1.0, "end_factor": 0.5, "total_iters": 4}]))
def test_linear_lr(xp, bases, options):
    check_schedule(xp, lambda opt: xp.optim.lr_scheduler.LinearLR(opt, **options), bases,
                   lambda base, e: oracles.linear_lr(base, e, **options), call=f"LinearLR(opt, {options})")


@check("optim.lr-scheduler.cosine-annealing")
@given(bases=base_lrs, T_max=st.integers(1, 10), eta_min=st.sampled_from([None, 0.0, 0.001, 0.01]))
@example(bases=[0.1], T_max=4, eta_min=None)
def test_cosine_annealing_until_t_max(xp, bases, T_max, eta_min):
    kwargs = {} if eta_min is None else {"eta_min": eta_min}
    check_schedule(xp, lambda opt: xp.optim.lr_scheduler.CosineAnnealingLR(opt, T_max, **kwargs), bases,
                   lambda base, e: oracles.cosine_annealing_lr(base, e, T_max, eta_min or 0.0),
                   call=f"CosineAnnealingLR(opt, T_max={T_max}, {kwargs})", epochs=T_max)


@check("optim.lr-scheduler.cosine-past-t-max")
@given(bases=base_lrs, T_max=st.integers(1, 6), eta_min=st.sampled_from([0.0, 0.001, 0.01]))
@example(bases=[0.1], T_max=4, eta_min=0.0)
def test_cosine_annealing_climbs_again_past_t_max(xp, bases, T_max, eta_min):
    # Epoch 2*T_max is back at base_lr: no restart and no clamping at eta_min.
    check_schedule(xp, lambda opt: xp.optim.lr_scheduler.CosineAnnealingLR(opt, T_max, eta_min=eta_min), bases,
                   lambda base, e: oracles.cosine_annealing_lr(base, e, T_max, eta_min),
                   call=f"CosineAnnealingLR(opt, T_max={T_max}, eta_min={eta_min})", epochs=3 * T_max)


SCHEDULERS = {
    "StepLR(opt, 2)": lambda xp, opt: xp.optim.lr_scheduler.StepLR(opt, 2),
    "MultiStepLR(opt, [1, 3])": lambda xp, opt: xp.optim.lr_scheduler.MultiStepLR(opt, [1, 3]),
    "ExponentialLR(opt, 0.9)": lambda xp, opt: xp.optim.lr_scheduler.ExponentialLR(opt, 0.9),
    "CosineAnnealingLR(opt, 4)": lambda xp, opt: xp.optim.lr_scheduler.CosineAnnealingLR(opt, 4),
    "LinearLR(opt)": lambda xp, opt: xp.optim.lr_scheduler.LinearLR(opt),
}
FORMULAS = {
    "StepLR(opt, 2)": lambda base, e: oracles.step_lr(base, e, 2),
    "MultiStepLR(opt, [1, 3])": lambda base, e: oracles.multistep_lr(base, e, [1, 3]),
    "ExponentialLR(opt, 0.9)": lambda base, e: oracles.exponential_lr(base, e, 0.9),
    "CosineAnnealingLR(opt, 4)": lambda base, e: oracles.cosine_annealing_lr(base, e, 4),
    "LinearLR(opt)": lambda base, e: oracles.linear_lr(base, e),
}


@check("optim.lr-scheduler.initial-lr-and-last-epoch")
@given(name=st.sampled_from(sorted(SCHEDULERS)), bases=base_lrs, steps=st.integers(1, 6))
def test_scheduler_initial_lr_and_last_epoch(xp, name, bases, steps):
    opt = optimizer(xp, bases)
    sched = SCHEDULERS[name](xp, opt)
    call = f"{name} over SGD groups with lrs {bases}"
    initial = [g.get("initial_lr", "<missing>") for g in opt.param_groups]
    expect(initial == bases, call=call, expected=f"param_groups[i]['initial_lr'] == {bases}", got=show(initial))
    expect(sched.last_epoch == 0, call=call, expected="last_epoch == 0 after construction", got=show(sched.last_epoch))
    for k in range(1, steps + 1):
        opt.step()
        sched.step()
        expect(sched.last_epoch == k, call=f"{call}, after {k} scheduler.step()", expected=f"last_epoch == {k}",
               got=show(sched.last_epoch))
    initial = [g.get("initial_lr", "<missing>") for g in opt.param_groups]
    expect(initial == bases, call=f"{call}, after {steps} steps", expected=f"initial_lr still {bases}",
           got=show(initial))


@check("optim.lr-scheduler.get-last-lr-per-group")
@given(name=st.sampled_from(sorted(SCHEDULERS)), bases=st.lists(st.sampled_from([0.05, 0.1, 1.0, 0.3]), min_size=1,
                                                                 max_size=3))
def test_get_last_lr_lists_each_group(xp, name, bases):
    opt = optimizer(xp, bases)
    sched = SCHEDULERS[name](xp, opt)
    call = f"{name} over SGD groups with lrs {bases}: get_last_lr()"
    for epoch in range(6):
        if epoch:
            opt.step()
            sched.step()
        got = sched.get_last_lr()
        want = [FORMULAS[name](base, epoch) for base in bases]
        expect(isinstance(got, list) and len(got) == len(bases) and all(close(g, w) for g, w in zip(got, want)),
               call=f"{call} at epoch {epoch}", expected=f"list {want}", got=show(got))


@check("optim.lr-scheduler.call-order-warning")
@given(name=st.sampled_from(sorted(SCHEDULERS)))
def test_scheduler_step_before_optimizer_step_warns(xp, name):
    opt = optimizer(xp, [0.1])
    sched = SCHEDULERS[name](xp, opt)
    assert_warns(UserWarning, sched.step, call=f"{name}.step() before any optimizer.step()")
    opt = optimizer(xp, [0.1])
    sched = SCHEDULERS[name](xp, opt)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        opt.step()
        sched.step()
    user = [str(w.message)[:80] for w in caught if issubclass(w.category, UserWarning)]
    expect(not user, call=f"optimizer.step(); {name}.step() (the documented order)", expected="no UserWarning",
           got=f"warnings {user}")
