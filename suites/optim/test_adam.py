"""torch.optim.Adam and AdamW against the documented algorithms (T43; facts 8.5-8.9):
moments and bias correction, L2 weight decay vs decoupled decay, amsgrad's running max of the
raw second moment, maximize, defaults, and Adam(decoupled_weight_decay=True) == AdamW."""
from hypothesis import example, given, strategies as st

from conformance import check
from suites.optim import oracles
from suites.optim.helpers import check_group_options, check_trajectory, trajectories

EXAMPLE = ([1.0, -2.0, 0.5], [[0.5, 0.25, 0.0], [1.0, -1.0, 2.0], [0.0, 2.0, -3.0], [-0.5, 0.0, 0.25], [3.0, 3.0, 3.0]])


@st.composite
def adam_options(draw, amsgrad=None):
    return {
        "lr": draw(st.sampled_from([1e-3, 0.01, 0.1]) | st.floats(1e-3, 0.5)),
        "betas": (draw(st.sampled_from([0.9, 0.5, 0.0]) | st.floats(0.0, 0.99)),
                  draw(st.sampled_from([0.999, 0.9, 0.5]) | st.floats(0.1, 0.999))),
        "eps": draw(st.sampled_from([1e-8, 1e-3, 0.1])),
        "weight_decay": draw(st.sampled_from([0.0, 0.01, 0.5])),
        "amsgrad": draw(st.booleans()) if amsgrad is None else amsgrad,
        "maximize": draw(st.booleans()),
    }


@check("optim.adam.documented-algorithm")
@given(case=trajectories(), options=adam_options(amsgrad=False))
@example(case=EXAMPLE, options={"lr": 0.1, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.5,
                                "amsgrad": False, "maximize": True})
def test_adam_follows_documented_algorithm(xp, device, case, options):
    theta0, grads = case
    check_trajectory(xp, lambda ps: xp.optim.Adam(ps, **options), oracles.Adam(theta0, **options), theta0, grads,
                     name="Adam", options=options, device=device)


@check("optim.adam.amsgrad")
@given(case=trajectories(), options=adam_options(amsgrad=True))
@example(case=([0.0], [[4.0], [0.0], [0.0], [0.25], [0.0]]),
         options={"lr": 0.1, "betas": (0.5, 0.5), "eps": 1e-8, "weight_decay": 0.0, "amsgrad": True,
                  "maximize": False})
def test_adam_amsgrad_keeps_max_of_raw_second_moment(xp, device, case, options):
    # The example: a large first gradient then small ones makes v_t shrink, so max(v) != v_t;
    # and max of the raw v_t differs from the max of the bias-corrected v_hat (the 2.0 pseudo-code).
    theta0, grads = case
    check_trajectory(xp, lambda ps: xp.optim.Adam(ps, **options), oracles.Adam(theta0, **options), theta0, grads,
                     name="Adam", options=options, device=device)


@check("optim.adam.defaults")
@given(case=trajectories(steps=3))
def test_adam_defaults(xp, case):
    theta0, grads = case
    opt, _ = check_trajectory(xp, lambda ps: xp.optim.Adam(ps), oracles.Adam(theta0), theta0, grads,
                              name="Adam", options={})
    check_group_options(opt.param_groups[0], {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0,
                                              "amsgrad": False}, call="Adam([p]).param_groups[0]")


@check("optim.adamw.documented-algorithm")
@given(case=trajectories(), options=adam_options())
@example(case=EXAMPLE, options={"lr": 0.1, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.5,
                                "amsgrad": False, "maximize": False})
def test_adamw_follows_documented_algorithm(xp, device, case, options):
    theta0, grads = case
    check_trajectory(xp, lambda ps: xp.optim.AdamW(ps, **options), oracles.AdamW(theta0, **options), theta0, grads,
                     name="AdamW", options=options, device=device)


@check("optim.adamw.defaults")
@given(case=trajectories(steps=3))
def test_adamw_defaults(xp, case):
    theta0, grads = case
    opt, _ = check_trajectory(xp, lambda ps: xp.optim.AdamW(ps), oracles.AdamW(theta0), theta0, grads,
                              name="AdamW", options={})
    check_group_options(opt.param_groups[0], {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 1e-2,
                                              "amsgrad": False}, call="AdamW([p]).param_groups[0]")


@check("optim.adam.decoupled-weight-decay")
@given(case=trajectories(), options=adam_options())
@example(case=EXAMPLE, options={"lr": 0.1, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.5,
                                "amsgrad": False, "maximize": False})
def test_adam_decoupled_weight_decay_is_adamw(xp, case, options):
    theta0, grads = case
    opt_options = {**options, "decoupled_weight_decay": True}
    check_trajectory(xp, lambda ps: xp.optim.Adam(ps, **opt_options), oracles.AdamW(theta0, **options), theta0,
                     grads, name="Adam", options=opt_options)
