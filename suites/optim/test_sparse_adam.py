"""torch.optim.SparseAdam: its documented defaults, and that it refuses dense gradients (it is meant for
the sparse gradients of e.g. an Embedding with sparse=True)."""
from hypothesis import given

from conformance import check
from conformance.assertions import assert_raises
from suites.inputs import parameter, tensor_of
from suites.optim.helpers import check_group_options, trajectories


@check("optim.sparseadam.defaults")
def test_sparse_adam_defaults(xp):
    opt = xp.optim.SparseAdam([parameter(xp, [1.0])])
    check_group_options(opt.param_groups[0], {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "maximize": False},
                        call="SparseAdam([p]).param_groups[0]")


@check("optim.sparseadam.dense-grad-raises")
@given(case=trajectories(steps=1))
def test_sparse_adam_rejects_dense_gradients(xp, case):
    theta0, (g,) = case
    p = parameter(xp, theta0)
    opt = xp.optim.SparseAdam([p])
    p.grad = tensor_of(xp, g, "float64")
    assert_raises(RuntimeError, opt.step, call=f"SparseAdam([p]).step() with p={theta0!r} and a dense p.grad={g!r}")
