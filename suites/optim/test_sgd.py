"""torch.optim.SGD: plain updates (T42), the documented momentum / dampening / nesterov /
weight-decay / maximize algorithm (T43, T51; facts 8.1, 8.2), its defaults (8.3) and
argument validation (8.4). Expected parameters come from ``oracles.SGD``."""
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_values, describe
from suites.optim import oracles
from suites.optim.helpers import (ATOL, RTOL, check_group_options, check_trajectory, gradient, parameter,
                                  trajectories)


@st.composite
def sgd_options(draw):
    momentum = draw(st.sampled_from([0.0, 0.5, 0.9]) | st.floats(0.01, 0.99))
    nesterov = momentum > 0 and draw(st.booleans())
    return {
        "lr": draw(st.sampled_from([0.01, 0.1, 1.0]) | st.floats(1e-3, 1.0)),
        "momentum": momentum,
        "dampening": 0.0 if nesterov else draw(st.sampled_from([0.0, 0.1, 0.5])),
        "weight_decay": draw(st.sampled_from([0.0, 0.01, 0.3])),
        "nesterov": nesterov,
        "maximize": draw(st.booleans()),
    }


@check("optim.sgd.plain-update")
@given(case=trajectories(), lr=st.sampled_from([0.01, 0.1, 0.5, 1.0]) | st.floats(1e-3, 2.0))
@example(case=([1.0, -2.0], [[0.5, 0.25], [1.0, -1.0], [0.0, 2.0], [-0.5, 0.0], [3.0, 3.0]]), lr=0.01)
def test_sgd_plain_update_is_weight_minus_lr_times_grad(xp, device, case, lr):
    theta0, grads = case
    check_trajectory(xp, lambda ps: xp.optim.SGD(ps, lr=lr), oracles.SGD(theta0, lr=lr), theta0, grads,
                     name="SGD", options={"lr": lr}, device=device)


@check("optim.sgd.documented-algorithm")
@given(case=trajectories(), options=sgd_options())
@example(case=([1.0, -2.0], [[0.5, 0.25], [1.0, -1.0], [0.0, 2.0], [-0.5, 0.0], [3.0, 3.0]]),
         options={"lr": 0.1, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.1, "nesterov": True,
                  "maximize": True})
@example(case=([1.0, -2.0], [[0.5, 0.25], [1.0, -1.0], [0.0, 2.0], [-0.5, 0.0], [3.0, 3.0]]),
         options={"lr": 0.1, "momentum": 0.9, "dampening": 0.5, "weight_decay": 0.1, "nesterov": False,
                  "maximize": False})
def test_sgd_follows_documented_algorithm(xp, device, case, options):
    theta0, grads = case
    check_trajectory(xp, lambda ps: xp.optim.SGD(ps, **options), oracles.SGD(theta0, **options), theta0, grads,
                     name="SGD", options=options, device=device)


@check("optim.sgd.momentum-buffer-starts-at-gradient")
def test_sgd_momentum_buffer_starts_at_first_gradient(xp):
    # mu=0.9, dampening=0.5, lr=0.1, grads 1 then 1:
    #   step 1: b = g = 1 (no dampening yet)          -> theta = 0 - 0.1*1       = -0.1
    #   step 2: b = 0.9*1 + 0.5*1 = 1.4               -> theta = -0.1 - 0.1*1.4  = -0.24
    # A zero-initialised buffer would give b = 0.5 at step 1 (theta -0.05).
    p = parameter(xp, [0.0])
    opt = xp.optim.SGD([p], lr=0.1, momentum=0.9, dampening=0.5)
    for t, want in ((1, [-0.1]), (2, [-0.24])):
        p.grad = gradient(xp, [1.0])
        opt.step()
        assert_values(p, want, call=f"SGD([p], lr=0.1, momentum=0.9, dampening=0.5), p=[0.0], grad [1.0] each step; "
                                     f"after step {t}", rtol=RTOL, atol=ATOL)


@check("optim.sgd.defaults")
@given(case=trajectories(steps=2))
def test_sgd_defaults(xp, case):
    theta0, grads = case
    opt, _ = check_trajectory(xp, lambda ps: xp.optim.SGD(ps), oracles.SGD(theta0, lr=1e-3), theta0, grads,
                              name="SGD", options={})
    check_group_options(opt.param_groups[0], {"lr": 1e-3, "momentum": 0, "dampening": 0, "weight_decay": 0,
                                              "nesterov": False, "maximize": False}, call="SGD([p]).param_groups[0]")


@check("optim.sgd.nesterov-requires-momentum")
@given(momentum=st.sampled_from([0.0, 0.5, 0.9]), dampening=st.sampled_from([0.0, 0.1, 0.5]))
def test_sgd_nesterov_needs_momentum_and_zero_dampening(xp, momentum, dampening):
    p = parameter(xp, [1.0])
    call = describe("SGD", [p], lr=0.1, momentum=momentum, dampening=dampening, nesterov=True)
    if momentum > 0 and dampening == 0:
        opt = xp.optim.SGD([p], lr=0.1, momentum=momentum, dampening=dampening, nesterov=True)
        p.grad = gradient(xp, [1.0])
        opt.step()  # accepted: the update itself is checked by optim.sgd.documented-algorithm
    else:
        assert_raises(ValueError, xp.optim.SGD, [p], lr=0.1, momentum=momentum, dampening=dampening,
                      nesterov=True, call=call)


@check("optim.sgd.negative-hyperparameters-raise")
@given(name=st.sampled_from(["lr", "momentum", "weight_decay"]), value=st.sampled_from([-1e-3, -0.5, -1.0]))
def test_sgd_negative_hyperparameters_raise(xp, name, value):
    p = parameter(xp, [1.0])
    options = {"lr": 0.1, name: value}
    assert_raises(ValueError, xp.optim.SGD, [p], **options, call=describe("SGD", [p], **options))
