"""The learning-rate schedulers of torch.optim.lr_scheduler driven by the ``SchedSpec`` table
(``schedspec.py``): each schedule against its documented closed form, two schedulers stacked on one
optimizer, ChainedScheduler, SequentialLR, state_dict round trips, and ReduceLROnPlateau against its
documented rule. Schedulers are stepped the documented way: ``optimizer.step()`` then ``scheduler.step()``."""
import pytest
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import expect, show
from suites.optim import oracles
from suites.optim.helpers import EPOCHS, check_schedule, close, follow_schedule, optimizer
from suites.optim.schedspec import RESTARTABLE, SCHEDULES, STACKABLE, rows

base_lrs = st.lists(st.sampled_from([0.05, 0.1, 1.0, 0.3]), min_size=1, max_size=2)
PINNED_PAIR = ("ExponentialLR(opt, gamma=0.9)", "StepLR(opt, step_size=3, gamma=0.5)")


def stacked(first: str, second: str):
    """The documented result of two multiplicative schedules on one optimizer: base·f1(epoch)·f2(epoch)."""
    f1, f2 = SCHEDULES[first].formula, SCHEDULES[second].formula
    return lambda base, epoch: f1(base, epoch) * f2(1.0, epoch)


@pytest.mark.parametrize("spec", rows(
    ("MultiplicativeLR(opt, lr_lambda=every_third_halves)", check("optim.lr-scheduler.multiplicative-lr")),
    ("ConstantLR(opt)", check("optim.lr-scheduler.constant-lr")),
    ("ConstantLR(opt, factor=0.5, total_iters=2)", check("optim.lr-scheduler.constant-lr")),
    ("PolynomialLR(opt)", check("optim.lr-scheduler.polynomial-lr")),
    ("PolynomialLR(opt, total_iters=8, power=2.0)", check("optim.lr-scheduler.polynomial-lr")),
    ("CosineAnnealingWarmRestarts(opt, T_0=3)", check("optim.lr-scheduler.cosine-warm-restarts")),
    ("CosineAnnealingWarmRestarts(opt, T_0=2, T_mult=2, eta_min=0.01)", check("optim.lr-scheduler.cosine-warm-restarts")),
    ("CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=3, cycle_momentum=False)",
     check("optim.lr-scheduler.cyclic-lr")),
    ("CyclicLR(opt, 0.01, 0.1, step_size_up=2, step_size_down=4, mode='triangular2', cycle_momentum=False)",
     check("optim.lr-scheduler.cyclic-lr")),
    ("CyclicLR(opt, 0.01, 0.1, step_size_up=2, mode='exp_range', gamma=0.9, cycle_momentum=False)",
     check("optim.lr-scheduler.cyclic-lr")),
    ("OneCycleLR(opt, max_lr=0.1, total_steps=12, cycle_momentum=False)", check("optim.lr-scheduler.one-cycle-lr")),
    ("OneCycleLR(opt, 0.1, total_steps=12, pct_start=0.5, anneal_strategy='linear', div_factor=4, "
     "final_div_factor=10, cycle_momentum=False)", check("optim.lr-scheduler.one-cycle-lr")),
    ("OneCycleLR(opt, 0.1, total_steps=12, three_phase=True, cycle_momentum=False)",
     check("optim.lr-scheduler.one-cycle-lr")),
))
@given(bases=base_lrs)
def test_schedule_follows_documented_formula(xp, spec, bases):
    check_schedule(xp, lambda opt: spec.make(xp, opt), bases, spec.formula, call=spec.name, epochs=spec.epochs)


@check("optim.lr-scheduler.stacking")
@given(pair=st.lists(st.sampled_from(STACKABLE), min_size=2, max_size=2), bases=base_lrs)
@example(pair=list(PINNED_PAIR), bases=[0.1])
def test_two_schedulers_on_one_optimizer_multiply(xp, pair, bases):
    first, second = pair
    opt = optimizer(xp, bases)
    schedulers = [SCHEDULES[name].make(xp, opt) for name in pair]

    def step():
        for s in schedulers:
            s.step()
    follow_schedule(opt, step, bases, stacked(first, second), call=f"s1 = {first}; s2 = {second}; s1.step(); s2.step()")


@check("optim.lr-scheduler.chained-scheduler")
@given(pair=st.lists(st.sampled_from(STACKABLE), min_size=2, max_size=2), bases=base_lrs)
@example(pair=list(PINNED_PAIR), bases=[0.1])
def test_chained_scheduler_steps_each_in_order(xp, pair, bases):
    first, second = pair
    opt = optimizer(xp, bases)
    chain = xp.optim.lr_scheduler.ChainedScheduler([SCHEDULES[name].make(xp, opt) for name in pair])
    formula = stacked(first, second)
    call = f"ChainedScheduler([{first}, {second}]).step()"
    follow_schedule(opt, chain.step, bases, formula, call=call)
    got, want = chain.get_last_lr(), [formula(base, EPOCHS) for base in bases]
    expect(all(close(g, w) for g, w in zip(got, want)), call=f"{call}: get_last_lr() at epoch {EPOCHS}",
           expected=show(want), got=show(got))


@check("optim.lr-scheduler.sequential-lr")
@given(pair=st.lists(st.sampled_from(RESTARTABLE), min_size=2, max_size=2), milestone=st.integers(1, 6),
       bases=base_lrs)
@example(pair=["ConstantLR(opt, factor=0.5, total_iters=2)", "ExponentialLR(opt, gamma=0.9)"], milestone=3,
         bases=[0.1])
def test_sequential_lr_switches_at_milestones(xp, pair, milestone, bases):
    first, second = (SCHEDULES[name] for name in pair)
    opt = optimizer(xp, bases)
    seq = xp.optim.lr_scheduler.SequentialLR(opt, [first.make(xp, opt), second.make(xp, opt)], milestones=[milestone])

    def formula(base, epoch):
        return first.formula(base, epoch) if epoch < milestone else second.formula(base, epoch - milestone)
    follow_schedule(opt, seq.step, bases, formula,
                    call=f"SequentialLR(opt, [{first.name}, {second.name}], milestones=[{milestone}])")


@check("optim.lr-scheduler.state-dict-round-trip")
@given(name=st.sampled_from(sorted(SCHEDULES)), saved_at=st.integers(1, 6), bases=base_lrs)
def test_loaded_scheduler_continues_the_schedule(xp, name, saved_at, bases):
    spec = SCHEDULES[name]
    opt = optimizer(xp, bases)
    sched = spec.make(xp, opt)
    for _ in range(saved_at):
        opt.step()
        sched.step()
    fresh_opt = optimizer(xp, bases)
    fresh = spec.make(xp, fresh_opt)
    fresh_opt.load_state_dict(opt.state_dict())
    fresh.load_state_dict(sched.state_dict())
    follow_schedule(fresh_opt, fresh.step, bases, spec.formula, epochs=spec.epochs, start=saved_at,
                    call=f"{name} on a fresh optimizer, then optimizer.load_state_dict(saved) and "
                         f"scheduler.load_state_dict(saved) of a scheduler saved after {saved_at} steps")


@check("optim.lr-scheduler.reduce-on-plateau")
@given(metrics=st.lists(st.sampled_from([1.0, 0.99995, 0.9, 0.5, 2.0]), min_size=1, max_size=14),
       options=st.fixed_dictionaries({}, optional={
           "mode": st.sampled_from(["min", "max"]), "factor": st.sampled_from([0.1, 0.5]),
           "patience": st.integers(0, 3), "threshold": st.sampled_from([1e-4, 0.2, 0.0]),
           "threshold_mode": st.sampled_from(["rel", "abs"]), "cooldown": st.integers(0, 2),
           "min_lr": st.sampled_from([0.0, 0.004])}))
@example(metrics=[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], options={})
@example(metrics=[1.0, 1.0, 1.0, 0.99995, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], options={
    "patience": 1, "cooldown": 2, "min_lr": 0.004, "factor": 0.1, "threshold": 1e-4})
@example(metrics=[2.0, 1.7, 1.7], options={"threshold_mode": "abs", "threshold": 0.2, "patience": 0})
def test_reduce_on_plateau_follows_its_rule(xp, metrics, options):
    opt = optimizer(xp, [0.1])
    sched = xp.optim.lr_scheduler.ReduceLROnPlateau(opt, **options)
    oracle = oracles.ReduceLROnPlateau(0.1, **options)
    for epoch, metric in enumerate(metrics, start=1):
        opt.step()
        sched.step(metric)
        want, got = oracle.step(metric), opt.param_groups[0]["lr"]
        expect(close(got, want), call=f"ReduceLROnPlateau(opt, {options}) over lr 0.1; step(metric) with metrics "
                                       f"{metrics[:epoch]}", expected=f"lr {want}", got=f"lr {got}")


@check("optim.lr-scheduler.get-last-lr-per-group")
@given(name=st.sampled_from(sorted(SCHEDULES)), bases=st.lists(st.sampled_from([0.05, 0.1, 1.0]), min_size=2, max_size=3))
def test_every_scheduler_reports_its_last_lrs(xp, name, bases):
    spec = SCHEDULES[name]
    opt = optimizer(xp, bases)
    sched = spec.make(xp, opt)
    for epoch in range(spec.epochs + 1):
        if epoch:
            opt.step()
            sched.step()
        got, want = sched.get_last_lr(), [spec.formula(base, epoch) for base in bases]
        expect(isinstance(got, list) and len(got) == len(want) and all(close(g, w) for g, w in zip(got, want)),
               call=f"{name} over SGD groups with lrs {bases}: get_last_lr() at epoch {epoch}", expected=f"list {want}",
               got=show(got))
