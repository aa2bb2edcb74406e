"""The recorded graph: leaves and grad_fn, next_functions, .grad on leaves only / retain_grad,
and a graph rebuilt on every forward (tutorial T26, T28, T33; facts 6.3, 6.4, 6.6, 6.27).

grad_fn's class names (``AddBackward0``) are implementation details and are not checked:
only presence, None, and the documented ``next_functions`` structure."""

import numpy as np
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_values, assert_warns, describe, expect
from suites.autograd.helpers import float_inputs, small_floats
from suites.inputs import leaf, tensor_of


@check("autograd.graph.leaves-and-grad-fn")
@given(x=float_inputs(), requires_grad=st.booleans())
def test_leaves_and_grad_fn(xp, x, requires_grad):
    a = leaf(xp, x, requires_grad)
    expect(a.is_leaf is True and a.grad_fn is None, call=describe("tensor", x.tolist(), requires_grad=requires_grad),
           expected="a leaf with grad_fn None", got=f"is_leaf={a.is_leaf!r}, grad_fn={a.grad_fn!r}")
    for name, fn in (("x + 2", lambda: a + 2), ("(x * x).sum()", lambda: (a * a).sum()), ("x.exp()", lambda: a.exp())):
        out = fn()
        call = describe(name, a)
        if requires_grad:
            expect(out.is_leaf is False and out.grad_fn is not None and out.requires_grad is True, call=call,
                   expected="a non-leaf with a grad_fn that requires grad",
                   got=f"is_leaf={out.is_leaf!r}, grad_fn={out.grad_fn!r}, requires_grad={out.requires_grad!r}")
        else:
            expect(out.is_leaf is True and out.grad_fn is None, call=call,
                   expected="a leaf with grad_fn None (input does not require grad)",
                   got=f"is_leaf={out.is_leaf!r}, grad_fn={out.grad_fn!r}")


def _walk(node, seen=None):
    """Every node reachable from ``node`` through next_functions (by identity)."""
    seen = {} if seen is None else seen
    if node is None or id(node) in seen:
        return seen
    seen[id(node)] = node
    for nxt, _ in node.next_functions:
        _walk(nxt, seen)
    return seen


@check("autograd.graph.next-functions")
@given(x=float_inputs(), k=st.integers(1, 3))
def test_next_functions_structure(xp, x, k):
    a, b = leaf(xp, x), leaf(xp, x + 1)
    c = leaf(xp, x, requires_grad=False)
    y = a * b
    z = y + c
    out = z.sum()
    for name, t in (("a * b", y), ("(a * b) + c", z), ("((a * b) + c).sum()", out)):
        nf = t.grad_fn.next_functions
        ok = isinstance(nf, tuple) and all(isinstance(p, tuple) and len(p) == 2 and isinstance(p[1], int) for p in nf)
        expect(ok, call=f"({name}).grad_fn.next_functions", expected="a tuple of (node or None, int) pairs", got=repr(nf))
    nf = out.grad_fn.next_functions
    expect(len(nf) == 1 and nf[0][0] is z.grad_fn, call="(z.sum()).grad_fn.next_functions",
           expected="one pair whose node is z.grad_fn", got=repr(nf))
    nf = z.grad_fn.next_functions
    expect(len(nf) == 2 and nf[0][0] is y.grad_fn and nf[1][0] is None, call="((a * b) + c).grad_fn.next_functions",
           expected="((a * b).grad_fn, _), (None, _) — c does not require grad", got=repr(nf))
    # walking back from the output ends at one node per leaf that requires grad (a and b)
    nodes = _walk(out.grad_fn)
    ends = [n for n in nodes.values() if len(n.next_functions) == 0]
    expect(len(ends) == 2, call="walk ((a * b) + c).sum().grad_fn through next_functions",
           expected="2 terminal nodes (one per leaf a, b)", got=f"{len(ends)} terminal nodes of {len(nodes)}")
    # a deeper chain: k more multiplications add k nodes between the output and the leaves
    deep = a
    for _ in range(k):
        deep = deep * 2
    count = len(_walk(deep.sum().grad_fn))
    expect(count == k + 2, call=f"walk (a * 2 {'* 2 ' * (k - 1)}).sum().grad_fn",
           expected=f"{k + 2} nodes (sum, {k} products, a's leaf node)", got=f"{count} nodes")


@check("autograd.graph.leaf-grad-only")
@given(x=float_inputs())
def test_only_leaves_get_grad(xp, x):
    a = leaf(xp, x)
    y = a * 3
    w = y * y
    w.sum().backward()
    assert_values(a.grad, 18 * x, call=describe("((a * 3) ** 2).sum().backward(); a.grad", a))
    expect(y.retains_grad is False, call="(a * 3).retains_grad", expected="False", got=repr(y.retains_grad))
    got = assert_warns(UserWarning, lambda: y.grad, call="(a * 3).grad after backward (non-leaf)")
    expect(got is None, call="(a * 3).grad after backward (non-leaf)", expected="None", got=repr(got))


@check("autograd.graph.leaf-grad-only")
@given(x=float_inputs())
def test_retain_grad_keeps_non_leaf_grad(xp, x):
    a = leaf(xp, x)
    y = a * 3
    y.retain_grad()
    expect(y.retains_grad is True, call="(a * 3).retain_grad(); .retains_grad", expected="True", got=repr(y.retains_grad))
    (y * y).sum().backward()
    assert_values(y.grad, 6 * x, call=describe("y = a * 3; y.retain_grad(); (y * y).sum().backward(); y.grad", a))
    # on a leaf it changes nothing
    b = leaf(xp, x)
    b.retain_grad()
    expect(b.retains_grad is False and b.is_leaf is True, call="leaf.retain_grad(); .retains_grad",
           expected="retains_grad False (no-op on a leaf)", got=f"retains_grad={b.retains_grad!r}")
    (b * 2).sum().backward()
    assert_values(b.grad, np.full(x.shape, 2.0), call="leaf.retain_grad(); (leaf * 2).sum().backward(); leaf.grad")


@check("autograd.graph.rebuilt-each-forward")
@given(values=st.lists(small_floats(-3, 3).filter(lambda v: abs(v) > 1e-3), min_size=2, max_size=6))
def test_control_flow_changes_the_graph(xp, values):
    w = leaf(xp, 1.5)
    for v in values:
        x = tensor_of(xp, v, "float64")
        w.grad = None
        if v > 0:
            loss, want, branch = w * w * x, 2 * 1.5 * v, "w*w*x"
        else:
            loss, want, branch = w * x * x * x, v ** 3, "w*x**3"
        loss.backward()
        assert_values(w.grad, np.float64(want),
                      call=f"w=1.5, x={v!r}: branch {branch}; backward(); w.grad (sequence {values})")
