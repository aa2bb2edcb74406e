"""torch.optim.RMSprop (T43; facts 8.10, 8.11) and torch.optim.Adagrad (fact 8.12) against
their documented algorithms: alpha, centered, momentum, eps after the square root; lr_decay,
initial_accumulator_value; weight decay, maximize, and the defaults of both."""
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_values
from suites.optim import oracles
from suites.optim.helpers import (ATOL, RTOL, check_group_options, check_trajectory, gradient, parameter,
                                  trajectories)

EXAMPLE = ([1.0, -2.0, 0.5], [[0.5, 0.25, 0.0], [1.0, -1.0, 2.0], [0.0, 2.0, -3.0], [-0.5, 0.0, 0.25], [3.0, 3.0, 3.0]])


@st.composite
def rmsprop_options(draw):
    return {
        "lr": draw(st.sampled_from([1e-3, 0.01, 0.1]) | st.floats(1e-3, 0.5)),
        "alpha": draw(st.sampled_from([0.99, 0.9, 0.5]) | st.floats(0.1, 0.99)),
        "eps": draw(st.sampled_from([1e-8, 1e-3, 0.1])),
        "weight_decay": draw(st.sampled_from([0.0, 0.01, 0.5])),
        "momentum": draw(st.sampled_from([0.0, 0.5, 0.9])),
        "centered": draw(st.booleans()),
        "maximize": draw(st.booleans()),
    }


@st.composite
def adagrad_options(draw):
    return {
        "lr": draw(st.sampled_from([1e-2, 0.1, 1.0]) | st.floats(1e-3, 1.0)),
        "lr_decay": draw(st.sampled_from([0.0, 0.1, 1.0])),
        "weight_decay": draw(st.sampled_from([0.0, 0.01, 0.5])),
        "initial_accumulator_value": draw(st.sampled_from([0.0, 0.1, 2.0])),
        "eps": draw(st.sampled_from([1e-10, 1e-3, 0.1])),
        "maximize": draw(st.booleans()),
    }


@check("optim.rmsprop.documented-algorithm")
@given(case=trajectories(), options=rmsprop_options())
@example(case=EXAMPLE, options={"lr": 0.01, "alpha": 0.9, "eps": 1e-3, "weight_decay": 0.01, "momentum": 0.9,
                                "centered": True, "maximize": False})
@example(case=EXAMPLE, options={"lr": 0.01, "alpha": 0.5, "eps": 1e-8, "weight_decay": 0.0, "momentum": 0.0,
                                "centered": False, "maximize": True})
def test_rmsprop_follows_documented_algorithm(xp, device, case, options):
    theta0, grads = case
    check_trajectory(xp, lambda ps: xp.optim.RMSprop(ps, **options), oracles.RMSprop(theta0, **options), theta0,
                     grads, name="RMSprop", options=options, device=device)


@check("optim.rmsprop.eps-after-sqrt")
def test_rmsprop_adds_eps_after_the_square_root(xp):
    # alpha=0, grad 1, eps=1: v = 1, step = lr*g/(sqrt(1)+1) = 0.5 (sqrt(1+1) would give 0.7071...).
    p = parameter(xp, [0.0])
    opt = xp.optim.RMSprop([p], lr=1.0, alpha=0.0, eps=1.0)
    p.grad = gradient(xp, [1.0])
    opt.step()
    assert_values(p, [-0.5], call="RMSprop([p], lr=1.0, alpha=0.0, eps=1.0), p=[0.0], grad [1.0]; one step",
                  rtol=RTOL, atol=ATOL)


@check("optim.rmsprop.defaults")
@given(case=trajectories(steps=3))
def test_rmsprop_defaults(xp, case):
    theta0, grads = case
    opt, _ = check_trajectory(xp, lambda ps: xp.optim.RMSprop(ps), oracles.RMSprop(theta0), theta0, grads,
                              name="RMSprop", options={})
    check_group_options(opt.param_groups[0], {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0,
                                              "momentum": 0, "centered": False}, call="RMSprop([p]).param_groups[0]")


@check("optim.adagrad.documented-algorithm")
@given(case=trajectories(), options=adagrad_options())
@example(case=EXAMPLE, options={"lr": 0.1, "lr_decay": 0.5, "weight_decay": 0.1, "initial_accumulator_value": 2.0,
                                "eps": 1e-10, "maximize": True})
def test_adagrad_follows_documented_algorithm(xp, device, case, options):
    theta0, grads = case
    check_trajectory(xp, lambda ps: xp.optim.Adagrad(ps, **options), oracles.Adagrad(theta0, **options), theta0,
                     grads, name="Adagrad", options=options, device=device)


@check("optim.adagrad.defaults")
@given(case=trajectories(steps=3))
def test_adagrad_defaults(xp, case):
    theta0, grads = case
    opt, _ = check_trajectory(xp, lambda ps: xp.optim.Adagrad(ps), oracles.Adagrad(theta0), theta0, grads,
                              name="Adagrad", options={})
    check_group_options(opt.param_groups[0], {"lr": 1e-2, "lr_decay": 0, "weight_decay": 0,
                                              "initial_accumulator_value": 0, "eps": 1e-10},
                        call="Adagrad([p]).param_groups[0]")
