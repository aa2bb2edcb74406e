"""The Optimizer API shared by every algorithm: zero_grad (T44; fact 8.13), step() with None
and zero gradients (8.14), the zero_grad / backward / step training loop (T42, T44), parameter
groups (8.15) and state_dict (8.16)."""
import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_dtype, assert_raises, assert_values, assert_warns, expect, is_tensor, show
from suites.inputs import parameter, tensor_of
from suites.optim import oracles
from suites.optim.helpers import ATOL, RTOL, quarters, trajectories

# Every optimizer of the topic, with weight decay on, and its oracle.
DECAYING = {
    "SGD": ({"lr": 1.0, "momentum": 0.9, "weight_decay": 1.0}, oracles.SGD),
    "Adam": ({"lr": 0.1, "weight_decay": 1.0}, oracles.Adam),
    "AdamW": ({"lr": 0.1, "weight_decay": 1.0}, oracles.AdamW),
    "RMSprop": ({"lr": 0.1, "weight_decay": 1.0}, oracles.RMSprop),
    "Adagrad": ({"lr": 0.1, "weight_decay": 1.0}, oracles.Adagrad),
}


@check("optim.zero-grad.sets-none-by-default")
@given(name=st.sampled_from(sorted(DECAYING)), two_groups=st.booleans())
def test_zero_grad_sets_grads_to_none(xp, name, two_groups):
    a, b, c = parameter(xp, [1.0, 2.0]), parameter(xp, [3.0]), parameter(xp, [4.0])
    params = [{"params": [a, b]}, {"params": [c]}] if two_groups else [a, b, c]
    opt = getattr(xp.optim, name)(params, lr=0.1)
    a.grad, b.grad = tensor_of(xp, [0.5, -0.5], "float64"), tensor_of(xp, [1.0], "float64")  # c.grad stays None
    opt.zero_grad()
    for label, p in (("a", a), ("b", b), ("c", c)):
        expect(p.grad is None, call=f"{name}({'two groups' if two_groups else '[a, b, c]'}, lr=0.1).zero_grad()",
               expected=f"{label}.grad is None", got=show(p.grad))


@check("optim.zero-grad.zero-fill")
@given(case=trajectories(steps=1))
def test_zero_grad_without_set_to_none_fills_zeros(xp, case):
    theta0, (g,) = case
    a, b = parameter(xp, theta0), parameter(xp, [1.0])
    opt = xp.optim.SGD([a, b], lr=0.1)
    a.grad = tensor_of(xp, g, "float64")
    call = f"SGD([a, b], lr=0.1).zero_grad(set_to_none=False) with a.grad={g!r}, b.grad=None"
    opt.zero_grad(set_to_none=False)
    expect(is_tensor(a.grad), call=call, expected="a.grad is a tensor", got=show(a.grad))
    assert_values(a.grad, np.zeros(len(g)), call=call)
    expect(b.grad is None, call=call, expected="b.grad (never set) stays None", got=show(b.grad))


@check("optim.step.skips-none-grad")
@given(name=st.sampled_from(sorted(DECAYING)), case=trajectories(steps=2))
def test_step_skips_parameters_without_grad(xp, name, case):
    theta0, grads = case
    options, oracle_cls = DECAYING[name]
    frozen, live = parameter(xp, theta0), parameter(xp, theta0)
    opt = getattr(xp.optim, name)([frozen, live], **options)
    oracle = oracle_cls(theta0, **options)
    for t, g in enumerate(grads, start=1):
        live.grad = tensor_of(xp, g, "float64")
        opt.step()
        call = f"{name}([frozen, live], {options}) with frozen.grad=None, live.grad={g!r}, p={theta0!r}; step {t}"
        assert_values(frozen, theta0, call=call, rtol=0, atol=0)
        assert_values(live, oracle.step(g), call=call, rtol=RTOL, atol=ATOL)


@check("optim.step.zero-grad-is-stepped")
@given(name=st.sampled_from(sorted(DECAYING)), theta0=st.lists(quarters.filter(bool), min_size=1, max_size=3))
def test_step_applies_zero_gradients(xp, name, theta0):
    options, oracle_cls = DECAYING[name]
    p = parameter(xp, theta0)
    opt = getattr(xp.optim, name)([p], **options)
    p.grad = tensor_of(xp, [0.0] * len(theta0), "float64")
    opt.step()
    assert_values(p, oracle_cls(theta0, **options).step([0.0] * len(theta0)), rtol=RTOL, atol=ATOL,
                  call=f"{name}([p], {options}) with p={theta0!r}, grad zeros; one step")


@check("optim.step.zero-grad-is-stepped")
def test_sgd_weight_decay_with_zero_grad_example(xp):
    p = parameter(xp, [1.0])
    opt = xp.optim.SGD([p], lr=1.0, weight_decay=1.0)
    p.grad = tensor_of(xp, [0.0], "float64")
    opt.step()
    assert_values(p, [0.0], call="SGD([p], lr=1, weight_decay=1) with p=[1.0], grad [0.0]; one step", rtol=0, atol=0)


@check("optim.training-step.zero-grad-backward-step")
@given(w0=st.lists(quarters, min_size=2, max_size=2), x=st.lists(quarters, min_size=2, max_size=2),
       y=st.lists(quarters, min_size=2, max_size=2), lr=st.sampled_from([0.01, 0.1]))
def test_zero_grad_backward_step_loop(xp, w0, x, y, lr):
    # loss = sum((w*x - y)^2), so d loss / d w = 2 (w*x - y) x; each iteration must use only its own gradient.
    w = parameter(xp, w0)
    xt, yt = tensor_of(xp, x, "float64"), tensor_of(xp, y, "float64")
    opt = xp.optim.SGD([w], lr=lr)
    want = np.array(w0)
    xs, ys = np.array(x), np.array(y)
    for it in range(1, 4):
        opt.zero_grad()
        loss = ((w * xt - yt) ** 2).sum()
        loss.backward()
        opt.step()
        want = want - lr * 2 * (want * xs - ys) * xs
        assert_values(w, want, rtol=RTOL, atol=ATOL,
                      call=f"SGD([w], lr={lr}); zero_grad(); sum((w*x - y)**2).backward(); step() with w0={w0!r}, "
                           f"x={x!r}, y={y!r}; iteration {it}")


@check("optim.param-groups.per-group-options")
@given(lr=st.sampled_from([0.1, 0.01]), group_lr=st.sampled_from([0.5, 0.05, 1.0]),
       group_momentum=st.sampled_from([0.0, 0.9]), case=trajectories(steps=3))
def test_group_options_override_defaults(xp, lr, group_lr, group_momentum, case):
    theta0, grads = case
    a, b = parameter(xp, theta0), parameter(xp, theta0)
    groups = [{"params": [a]}, {"params": [b], "lr": group_lr, "momentum": group_momentum}]
    opt = xp.optim.SGD(groups, lr=lr)
    call = f"SGD([{{'params': [a]}}, {{'params': [b], 'lr': {group_lr}, 'momentum': {group_momentum}}}], lr={lr})"
    got = [(g["lr"], g["momentum"]) for g in opt.param_groups]
    want = [(lr, 0), (group_lr, group_momentum)]
    expect(got == want, call=call, expected=f"(lr, momentum) per group {want}", got=f"{got}")
    oa, ob = oracles.SGD(theta0, lr=lr), oracles.SGD(theta0, lr=group_lr, momentum=group_momentum)
    for t, g in enumerate(grads, start=1):
        a.grad, b.grad = tensor_of(xp, g, "float64"), tensor_of(xp, g, "float64")
        opt.step()
        assert_values(a, oa.step(g), call=f"{call}: a after step {t}, p={theta0!r}, grads {grads!r}", rtol=RTOL, atol=ATOL)
        assert_values(b, ob.step(g), call=f"{call}: b after step {t}, p={theta0!r}, grads {grads!r}", rtol=RTOL, atol=ATOL)


@check("optim.param-groups.shared-parameter-raises")
@given(name=st.sampled_from(sorted(DECAYING)))
def test_parameter_in_two_groups_raises(xp, name):
    a, b = parameter(xp, [1.0]), parameter(xp, [2.0])
    cls = getattr(xp.optim, name)
    assert_raises(ValueError, cls, [{"params": [a]}, {"params": [b, a]}], lr=0.1,
                  call=f"{name}([{{'params': [a]}}, {{'params': [b, a]}}], lr=0.1)")
    opt = cls([a], lr=0.1)
    assert_raises(ValueError, opt.add_param_group, {"params": [a]},
                  call=f"{name}([a], lr=0.1).add_param_group({{'params': [a]}})")


@check("optim.param-groups.empty-raises")
@given(name=st.sampled_from(sorted(DECAYING)))
def test_empty_parameter_list_raises(xp, name):
    assert_raises(ValueError, getattr(xp.optim, name), [], lr=0.1, call=f"{name}([], lr=0.1)")


@check("optim.param-groups.duplicate-warns")
@given(name=st.sampled_from(sorted(DECAYING)))
def test_duplicate_parameter_in_group_warns(xp, name):
    a = parameter(xp, [1.0])
    call = f"{name}([a, a], lr=0.1)"
    opt = assert_warns(UserWarning, getattr(xp.optim, name), [a, a], lr=0.1, call=call)
    expect(opt is not None and len(opt.param_groups) == 1, call=call, expected="an optimizer with one group",
           got=show(opt))


@check("optim.state-dict.structure")
@given(case=trajectories(steps=3), momentum=st.sampled_from([0.5, 0.9]))
def test_state_dict_keys_and_momentum_buffer(xp, case, momentum):
    theta0, grads = case
    a, b = parameter(xp, theta0), parameter(xp, theta0)
    opt = xp.optim.SGD([a, b], lr=0.1, momentum=momentum)
    oracle = oracles.SGD(theta0, lr=0.1, momentum=momentum)
    for g in grads:
        a.grad, b.grad = tensor_of(xp, g, "float64"), tensor_of(xp, [2 * v for v in g], "float64")
        opt.step()
        oracle.step(g)
    call = f"SGD([a, b], lr=0.1, momentum={momentum}).state_dict() after grads {grads!r} (b gets 2x)"
    sd = opt.state_dict()
    expect(set(sd) == {"state", "param_groups"}, call=call, expected="keys {'state', 'param_groups'}", got=sorted(sd))
    groups = sd["param_groups"]
    expect(len(groups) == 1 and list(groups[0]["params"]) == [0, 1], call=call,
           expected="one param group with params [0, 1]", got=show(groups))
    expect(groups[0]["lr"] == 0.1 and groups[0]["momentum"] == momentum, call=call,
           expected=f"lr=0.1, momentum={momentum} in the group", got=show(groups[0]))
    state = sd["state"]
    expect(set(state) == {0, 1}, call=call, expected="state for parameters 0 and 1", got=sorted(state))
    for index, scale in ((0, 1), (1, 2)):
        entry = state[index]
        expect("momentum_buffer" in entry, call=call, expected=f"state[{index}]['momentum_buffer']", got=sorted(entry))
        assert_values(entry["momentum_buffer"], scale * oracle.momentum_buffer, rtol=RTOL, atol=ATOL,
                      call=f"{call}: state[{index}]['momentum_buffer']")


@check("optim.state-dict.adam-state")
@given(case=trajectories(steps=3))
def test_adam_state_holds_step_and_moments(xp, case):
    theta0, grads = case
    p = parameter(xp, theta0)
    opt = xp.optim.Adam([p], lr=0.01)
    oracle = oracles.Adam(theta0, lr=0.01)
    for g in grads:
        p.grad = tensor_of(xp, g, "float64")
        opt.step()
        oracle.step(g)
    call = f"Adam([p], lr=0.01).state_dict()['state'][0] after grads {grads!r}"
    entry = opt.state_dict()["state"][0]
    expect({"step", "exp_avg", "exp_avg_sq"} <= set(entry), call=call,
           expected="keys step, exp_avg, exp_avg_sq", got=sorted(entry))
    expect(is_tensor(entry["step"]), call=call, expected="step is a tensor", got=show(entry["step"]))
    assert_dtype(entry["step"], "float32", call=call + "['step']")
    assert_values(entry["step"], np.float32(len(grads)), call=call + "['step']", rtol=0, atol=0)
    assert_values(entry["exp_avg"], oracle.exp_avg, call=call + "['exp_avg']", rtol=RTOL, atol=ATOL)
    assert_values(entry["exp_avg_sq"], oracle.exp_avg_sq, call=call + "['exp_avg_sq']", rtol=RTOL, atol=ATOL)
