"""Tensor.detach (3.23): a view outside autograd, sharing memory with its input."""
from __future__ import annotations

from hypothesis import given

from conformance import check
from conformance.assertions import describe, expect
from conformance.strategies import shapes
from suites.view import oracles
from suites.view.helpers import assert_shares_memory
from suites.inputs import tensor_of


@check("view.detach.shares-storage-no-grad")
def test_detach_of_graph_output_leaves_autograd(xp):
    x = xp.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * 2
    d = y.detach()
    call = "(tensor([1., 2., 3.], requires_grad=True) * 2).detach()"
    expect(d.requires_grad is False, call=call, expected="requires_grad False", got=f"requires_grad {d.requires_grad}")
    expect(d.is_leaf is True, call=call, expected="is_leaf True", got=f"is_leaf {d.is_leaf}")
    expect(d.grad_fn is None, call=call, expected="grad_fn None", got=f"grad_fn {d.grad_fn!r}")
    # the detached tensor aliases y: writing through it is seen in y (read outside autograd)
    d.copy_(xp.tensor([-1.0, -2.0, -3.0]))
    got = y.tolist()
    expect(got == [-1.0, -2.0, -3.0], call=f"{call}.copy_([-1., -2., -3.]), then reading y",
           expected=[-1.0, -2.0, -3.0], got=got)


@check("view.detach.shares-storage-no-grad")
@given(shape=shapes(0, 3, 0, 4))
def test_detach_shares_memory_both_ways(xp, shape):
    base = tensor_of(xp, oracles.positions(shape), "float64")
    view = base.detach()
    assert_shares_memory(xp, base, shape, [view], [oracles.positions(shape)], call=describe("Tensor.detach", base))
    expect(view.requires_grad is False, call=describe("Tensor.detach", base), expected="requires_grad False",
           got=f"requires_grad {view.requires_grad}")
