"""torch.optim.SGD beyond the optimizer table (``test_optimizers.py`` checks its updates and
defaults): the momentum buffer's first value (fact 8.2) and argument validation (8.4)."""
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_values, describe
from suites.inputs import parameter, tensor_of
from suites.optim.helpers import ATOL, RTOL


@check("optim.sgd.momentum-buffer-starts-at-gradient")
def test_sgd_momentum_buffer_starts_at_first_gradient(xp):
    # mu=0.9, dampening=0.5, lr=0.1, grads 1 then 1:
    #   step 1: b = g = 1 (no dampening yet)          -> theta = 0 - 0.1*1       = -0.1
    #   step 2: b = 0.9*1 + 0.5*1 = 1.4               -> theta = -0.1 - 0.1*1.4  = -0.24
    # A zero-initialised buffer would give b = 0.5 at step 1 (theta -0.05).
    p = parameter(xp, [0.0])
    opt = xp.optim.SGD([p], lr=0.1, momentum=0.9, dampening=0.5)
    for t, want in ((1, [-0.1]), (2, [-0.24])):
        p.grad = tensor_of(xp, [1.0], "float64")
        opt.step()
        assert_values(p, want, call=f"SGD([p], lr=0.1, momentum=0.9, dampening=0.5), p=[0.0], grad [1.0] each step; "
                                     f"after step {t}", rtol=RTOL, atol=ATOL)


@check("optim.sgd.nesterov-requires-momentum")
@given(momentum=st.sampled_from([0.0, 0.5, 0.9]), dampening=st.sampled_from([0.0, 0.1, 0.5]))
def test_sgd_nesterov_needs_momentum_and_zero_dampening(xp, momentum, dampening):
    p = parameter(xp, [1.0])
    call = describe("SGD", [p], lr=0.1, momentum=momentum, dampening=dampening, nesterov=True)
    if momentum > 0 and dampening == 0:
        opt = xp.optim.SGD([p], lr=0.1, momentum=momentum, dampening=dampening, nesterov=True)
        p.grad = tensor_of(xp, [1.0], "float64")
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
