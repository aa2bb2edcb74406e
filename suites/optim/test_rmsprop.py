"""torch.optim.RMSprop beyond the optimizer table (``test_optimizers.py``): where eps enters (fact 8.11)."""
from conformance import check
from conformance.assertions import assert_values
from suites.inputs import parameter, tensor_of
from suites.optim.helpers import ATOL, RTOL


@check("optim.rmsprop.eps-after-sqrt")
def test_rmsprop_adds_eps_after_the_square_root(xp):
    # alpha=0, grad 1, eps=1: v = 1, step = lr*g/(sqrt(1)+1) = 0.5 (sqrt(1+1) would give 0.7071...).
    p = parameter(xp, [0.0])
    opt = xp.optim.RMSprop([p], lr=1.0, alpha=0.0, eps=1.0)
    p.grad = tensor_of(xp, [1.0], "float64")
    opt.step()
    assert_values(p, [-0.5], call="RMSprop([p], lr=1.0, alpha=0.0, eps=1.0), p=[0.0], grad [1.0]; one step",
                  rtol=RTOL, atol=ATOL)
