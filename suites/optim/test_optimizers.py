"""Every optimizer of torch.optim, driven by the ``OptimSpec`` table (``optimspec.py``): updates follow
the documented algorithm for drawn options (T43, T51; facts 8.1-8.12), the documented defaults,
maximize, per-group options, state_dict/load_state_dict round trips, step hooks and the foreach
implementation."""
from typing import Any

import numpy as np

import pytest
from hypothesis import given, settings, strategies as st

from conformance import check
from conformance.assertions import assert_values, expect, show, to_numpy
from suites.inputs import parameter, tensor_of
from suites.optim.helpers import check_group_options, check_trajectory, fmt_options, trajectories
from suites.optim.optimspec import CASE, SPECS, OptimSpec, rows

MAIN = ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam", "ASGD", "Rprop",
        "Adafactor")
"""One row per optimizer class (option variants left out) for the checks of the shared protocol."""
each_optimizer = pytest.mark.parametrize("spec", [pytest.param(SPECS[n], id=n) for n in MAIN])
FEW = settings(max_examples=6)
"""The protocol checks run each row's pinned options too; a few drawn cases per row are enough."""


def follow(xp: Any, spec: OptimSpec, theta0: list[float], grads: list[list[float]], options: dict[str, Any],
           device: str = "cpu", **backend_only: Any) -> Any:
    """Step the row's optimizer (given ``backend_only`` options too, e.g. foreach) beside its oracle."""
    given = {**options, **backend_only}
    return check_trajectory(xp, lambda ps: spec.make(xp, ps, given), spec.oracle(theta0, **options), theta0, grads,
                            name=spec.cls, options={**given, **spec.fixed}, device=device, rtol=spec.rtol, atol=spec.atol)


@pytest.mark.parametrize("spec", rows(
    ("SGD(lr)", check("optim.sgd.plain-update")),
    ("SGD", check("optim.sgd.documented-algorithm")),
    ("Adam", check("optim.adam.documented-algorithm")),
    ("Adam(amsgrad=True)", check("optim.adam.amsgrad")),
    ("Adam(decoupled_weight_decay=True)", check("optim.adam.decoupled-weight-decay")),
    ("AdamW", check("optim.adamw.documented-algorithm")),
    ("RMSprop", check("optim.rmsprop.documented-algorithm")),
    ("Adagrad", check("optim.adagrad.documented-algorithm")),
    ("Adadelta", check("optim.adadelta.documented-algorithm")),
    ("Adamax", check("optim.adamax.documented-algorithm")),
    ("NAdam", check("optim.nadam.documented-algorithm")),
    ("RAdam", check("optim.radam.documented-algorithm")),
    ("ASGD", check("optim.asgd.algorithm")),
    ("Rprop", check("optim.rprop.documented-algorithm")),
    ("Adafactor", check("optim.adafactor.documented-algorithm")),
))
@given(case=trajectories(), data=st.data())
def test_steps_follow_documented_algorithm(xp, device, spec, case, data):
    drawn = data.draw(spec.options, label="options")
    for (theta0, grads), options in (*spec.pinned, (case, drawn)):
        follow(xp, spec, theta0, grads, options, device)


@pytest.mark.parametrize("spec", rows(
    ("SGD", check("optim.sgd.defaults")),
    ("Adam", check("optim.adam.defaults")),
    ("AdamW", check("optim.adamw.defaults")),
    ("RMSprop", check("optim.rmsprop.defaults")),
    ("Adagrad", check("optim.adagrad.defaults")),
    ("Adadelta", check("optim.adadelta.defaults")),
    ("Adamax", check("optim.adamax.defaults")),
    ("NAdam", check("optim.nadam.defaults")),
    ("RAdam", check("optim.radam.defaults")),
    ("ASGD", check("optim.asgd.defaults")),
    ("Rprop", check("optim.rprop.defaults")),
    ("Adafactor", check("optim.adafactor.defaults")),
))
@given(case=trajectories(steps=3))
def test_defaults(xp, spec, case):
    theta0, grads = case
    opt, _ = follow(xp, spec, theta0, grads, {})
    check_group_options(opt.param_groups[0], dict(spec.defaults), call=f"{spec.cls}([p]).param_groups[0]")


@check("optim.maximize.negates-gradient")
@each_optimizer
@FEW
@given(case=trajectories(), data=st.data())
def test_maximize_is_minimizing_the_negated_gradient(xp, spec, case, data):
    theta0, grads = case
    for options in (spec.pinned[0][1], data.draw(spec.options, label="options")):
        options = {**options, "maximize": True}
        p = parameter(xp, theta0)
        opt = spec.make(xp, [p], options)
        oracle = spec.oracle(theta0, **{**options, "maximize": False})
        for t, g in enumerate(grads, start=1):
            p.grad = tensor_of(xp, g, "float64")
            opt.step()
            assert_values(p, oracle.step([-v for v in g]), rtol=spec.rtol, atol=spec.atol,
                          call=f"{spec.call(options)} with p={theta0!r}; step {t} of grads {grads!r} "
                               f"(expected: the maximize=False update for the negated gradients)")


@check("optim.param-groups.per-group-options")
@each_optimizer
@FEW
@given(case=trajectories(steps=3), factor=st.sampled_from([0.5, 2.0]))
def test_each_group_follows_its_own_options(xp, spec, case, factor):
    theta0, grads = case
    options = spec.pinned[0][1]
    own = {**options, "lr": options["lr"] * factor}
    a, b = parameter(xp, theta0), parameter(xp, theta0)
    opt = spec.make(xp, [{"params": [a]}, {"params": [b], "lr": own["lr"]}], options)
    call = f"{spec.cls}([{{'params': [a]}}, {{'params': [b], 'lr': {own['lr']!r}}}], {fmt_options(options)})"
    oa, ob = spec.oracle(theta0, **options), spec.oracle(theta0, **own)
    for t, g in enumerate(grads, start=1):
        a.grad, b.grad = tensor_of(xp, g, "float64"), tensor_of(xp, g, "float64")
        opt.step()
        where = f"{call} with p={theta0!r}; after step {t} of grads {grads!r}"
        assert_values(a, oa.step(g), call=f"{where}: a", rtol=spec.rtol, atol=spec.atol)
        assert_values(b, ob.step(g), call=f"{where}: b", rtol=spec.rtol, atol=spec.atol)


@check("optim.state-dict.load-round-trip")
@each_optimizer
@FEW
@given(case=trajectories(), saved_after=st.integers(1, 4))
def test_loaded_state_dict_continues_the_trajectory(xp, spec, case, saved_after):
    theta0, grads = case
    options = spec.pinned[0][1]
    first = parameter(xp, theta0)
    opt = spec.make(xp, [first], options)
    oracle = spec.oracle(theta0, **options)
    for g in grads[:saved_after]:
        first.grad = tensor_of(xp, g, "float64")
        opt.step()
        want = oracle.step(g)
    # A fresh optimizer built with the defaults takes options and state from the state_dict.
    p = parameter(xp, list(want))
    loaded = spec.make(xp, [p], {})
    loaded.load_state_dict(opt.state_dict())
    call = (f"{spec.cls}([p]).load_state_dict({spec.call(options)}.state_dict()) saved after {saved_after} steps "
            f"from p={theta0!r}")
    for t, g in enumerate(grads[saved_after:], start=saved_after + 1):
        p.grad = tensor_of(xp, g, "float64")
        loaded.step()
        assert_values(p, oracle.step(g), call=f"{call}; step {t} of grads {grads!r}", rtol=spec.rtol, atol=spec.atol)


@check("optim.step-hooks.pre-and-post")
@each_optimizer
@FEW
@given(case=trajectories(steps=2))
def test_step_hooks_run_before_and_after_the_update(xp, spec, case):
    theta0, grads = case
    options = spec.pinned[0][1]
    p = parameter(xp, theta0)
    opt = spec.make(xp, [p], options)
    oracle = spec.oracle(theta0, **options)
    seen: list[tuple[str, Any, Any]] = []
    handles = [opt.register_step_pre_hook(lambda o, args, kwargs: seen.append(("pre", o, to_numpy(p).tolist()))),
               opt.register_step_post_hook(lambda o, args, kwargs: seen.append(("post", o, to_numpy(p).tolist())))]
    call = f"{spec.cls}([p], ...).register_step_pre_hook(h1), .register_step_post_hook(h2), p={theta0!r}"
    before = list(theta0)
    p.grad = tensor_of(xp, grads[0], "float64")
    opt.step()
    after = oracle.step(grads[0])
    expect([(w, o is opt) for w, o, _ in seen] == [("pre", True), ("post", True)], call=f"{call}; step()",
           expected="h1(optimizer, args, kwargs) then h2(optimizer, args, kwargs), once each",
           got=show([(w, type(o).__name__) for w, o, _ in seen]))
    for (when, _, got), want in zip(seen, (before, after)):
        expect(np.allclose(got, want, rtol=spec.rtol, atol=spec.atol), call=f"{call}; p as the {when}-hook saw it",
               expected=show(np.asarray(want)), got=show(np.asarray(got)))
    for handle in handles:
        handle.remove()
    p.grad = tensor_of(xp, grads[1], "float64")
    opt.step()
    expect(len(seen) == 2, call=f"{call}; both handles removed, step()", expected="no further hook calls",
           got=show([w for w, _, _ in seen]))


@check("optim.foreach.same-algorithm")
@each_optimizer
@FEW
@given(case=trajectories(), data=st.data())
def test_foreach_implementation_follows_the_same_algorithm(xp, spec, case, data):
    drawn = data.draw(spec.options, label="options")
    for (theta0, grads), options in ((CASE, spec.pinned[0][1]), (case, drawn)):
        follow(xp, spec, theta0, grads, options, foreach=True)
