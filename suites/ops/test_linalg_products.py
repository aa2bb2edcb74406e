"""Matrix and vector products: matmul's dims rules, mm, bmm, mv, dot, vdot, inner, outer, einsum,
tensordot, kron, the add*mm family, cross and trace, each against NumPy's product of the same rule.

Operands are small integers, so every product is exact in float32 and float64 alike.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from conformance import check
from conformance.dtypes import GENERIC_DTYPES
from conformance.assertions import assert_same_object, assert_tensor, describe
from conformance.strategies import broadcastable_pair
from suites.inputs import tensor_of
from suites.ops.linalg_cases import Case, ints, run, side, values

S = side
INF = float("inf")


def _pair(first: Any, second: Any, low: int = 0) -> Any:
    """Inputs from two shape functions sharing the drawn sizes n, m, p (each at least ``low``)."""
    def inputs(data):
        n, m, p = S(data, low, 3, "n"), S(data, low, 3, "m"), S(data, low, 3, "p")
        return [ints(data, first(n, m, p)), ints(data, second(n, m, p))]
    return inputs


def _batched(vector: bool = False) -> Any:
    """Operands with broadcasting batch dims; the second a plain vector when ``vector``."""
    def inputs(data):
        b1, b2 = data.draw(broadcastable_pair(max_dims=2, max_side=3), label="batches")
        n, m, p = S(data, 1, 3, "n"), S(data, 1, 3, "m"), S(data, 1, 3, "p")
        return [ints(data, b1 + (n, m)), ints(data, (m,) if vector else b2 + (m, p))]
    return inputs


def _einsum(equation: str) -> Any:
    """One size per subscript letter; one array per operand of the equation."""
    def inputs(data):
        letters = sorted(set(equation) - set(",->"))
        sizes = {c: S(data, 1, 3, c) for c in letters}
        return [ints(data, tuple(sizes[c] for c in term)) for term in equation.split("->")[0].split(",")]
    return inputs


def _addmm_inputs(data):
    n, m, p = S(data, 1, 3, "n"), S(data, 0, 3, "m"), S(data, 1, 3, "p")
    return [ints(data, data.draw(st.sampled_from([(n, p), (p,), (1, p)]), label="input")), ints(data, (n, m)),
            ints(data, (m, p))]


def _batch_inputs(input_shape: Any) -> Any:
    def inputs(data):
        b, n, m, p = S(data, 1, 3, "b"), S(data, 1, 3, "n"), S(data, 0, 3, "m"), S(data, 1, 3, "p")
        return [ints(data, input_shape(b, n, p)), ints(data, (b, n, m)), ints(data, (b, m, p))]
    return inputs


def _addmv_inputs(data):
    n, m = S(data, 1, 3, "n"), S(data, 0, 3, "m")
    return [ints(data, (n,)), ints(data, (n, m)), ints(data, (m,))]


def _cross_inputs(dim: int) -> Any:
    def inputs(data):
        k = S(data, 1, 3, "k")
        shape = (3, k) if dim == 0 else (k, 3)
        ones = (3, 1) if dim == 0 else (1, 3)
        return [ints(data, shape), ints(data, data.draw(st.sampled_from([shape, ones]), "other"))]
    return inputs


def _complex_pair(data):
    n = S(data, 0, 4, "n")
    return [ints(data, (n,), dtype="complex128"), ints(data, (n,), dtype="complex128")]


def _square_or_not(data):
    return [ints(data, (S(data, 1, 4, "n"), S(data, 1, 4, "m")))]


def _scaled(beta: float, alpha: float, product: Any) -> Any:
    return lambda base, *ops: beta * base + alpha * product(*ops)


def _sum_of_batches(b1: np.ndarray, b2: np.ndarray) -> np.ndarray:
    return (b1 @ b2).sum(axis=0)


def _addr_inputs(data):
    n, m = S(data, 1, 3, "n"), S(data, 1, 3, "m")
    return [ints(data, data.draw(st.sampled_from([(n, m), (m,)]), label="input")), ints(data, (n,)), ints(data, (m,))]


def _dist_inputs(data):
    """Non-empty: the inf norm of nothing is undefined."""
    n, m = S(data, 1, 3, "n"), S(data, 1, 3, "m")
    return [ints(data, (n, m)), ints(data, (m,))]


def _p_norm(diff: np.ndarray, p: float) -> np.ndarray:
    a = np.abs(diff).reshape(-1)
    return a.max(initial=0) if p == INF else (a ** p).sum() ** (1 / p)


def _cdist_inputs(data):
    b, n, r, m = batch_or_none(data), S(data, 1, 3, "P"), S(data, 1, 3, "R"), S(data, 1, 3, "M")
    return [ints(data, b + (n, m)), ints(data, b + (r, m))]


def batch_or_none(data):
    return data.draw(st.sampled_from([(), (2,)]), label="batch")


def _pairwise(a: np.ndarray, b: np.ndarray, p: float) -> np.ndarray:
    diff = np.abs(a[..., :, None, :] - b[..., None, :, :])
    return diff.max(axis=-1) if p == INF else (diff ** p).sum(axis=-1) ** (1 / p)


@settings(max_examples=5)
@given(data=st.data())
def _check_row(xp, case, data):
    run(xp, case, data)


# The table: one row per call, each citing its behaviour. The check is this assignment, so coverage
# attributes the rows to it and hypothesis digests only _check_row's short source for each row.
test_product = pytest.mark.parametrize("case", [
    pytest.param(Case("matmul", _pair(lambda n, m, p: (n,), lambda n, m, p: (n,)), lambda xp, a, b: xp.matmul(a, b),
                      values(np.dot)), id="matmul-1d-1d", marks=check("ops.matmul.vector-vector")),
    pytest.param(Case("Tensor.matmul", _pair(lambda n, m, p: (n,), lambda n, m, p: (n,)), lambda xp, a, b: a.matmul(b),
                      values(np.dot)), id="Tensor.matmul-1d-1d", marks=check("ops.matmul.vector-vector")),
    pytest.param(Case("matmul", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m, p)), lambda xp, a, b: xp.matmul(a, b),
                      values(np.matmul)), id="matmul-2d-2d", marks=check("ops.matmul.matrix-matrix")),
    pytest.param(Case("Tensor.__matmul__", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m, p)),
                      lambda xp, a, b: a @ b, values(np.matmul)), id="a@b-2d-2d", marks=check("ops.matmul.matrix-matrix")),
    pytest.param(Case("linalg.matmul", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m, p)),
                      lambda xp, a, b: xp.linalg.matmul(a, b), values(np.matmul)), id="linalg.matmul-2d-2d",
                 marks=check("ops.matmul.matrix-matrix")),
    pytest.param(Case("Tensor.__rmatmul__", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m, p)),
                      lambda xp, a, b: b.__rmatmul__(a), values(np.matmul)), id="b.__rmatmul__(a)",
                 marks=check("ops.matmul.matrix-matrix")),
    pytest.param(Case("matmul", _pair(lambda n, m, p: (m,), lambda n, m, p: (m, p)), lambda xp, a, b: xp.matmul(a, b),
                      values(lambda a, b: (a[None, :] @ b)[0])), id="matmul-1d-2d", marks=check("ops.matmul.one-d-promoted")),
    pytest.param(Case("matmul", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m,)), lambda xp, a, b: xp.matmul(a, b),
                      values(lambda a, b: (a @ b[:, None])[:, 0])), id="matmul-2d-1d", marks=check("ops.matmul.one-d-promoted")),
    pytest.param(Case("matmul", _batched(), lambda xp, a, b: xp.matmul(a, b), values(np.matmul)),
                 id="matmul-batched", marks=check("ops.matmul.batched-broadcast")),
    pytest.param(Case("Tensor.__matmul__", _batched(), lambda xp, a, b: a @ b, values(np.matmul)),
                 id="a@b-batched", marks=check("ops.matmul.batched-broadcast")),
    pytest.param(Case("matmul", _batched(vector=True), lambda xp, a, b: xp.matmul(a, b),
                      values(lambda a, b: (a @ b[:, None])[..., 0])), id="matmul-batched-1d",
                 marks=check("ops.matmul.batched-broadcast")),
    pytest.param(Case("mm", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m, p)), lambda xp, a, b: xp.mm(a, b),
                      values(np.matmul)), id="mm", marks=check("ops.mm.product")),
    pytest.param(Case("Tensor.mm", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m, p)), lambda xp, a, b: a.mm(b),
                      values(np.matmul)), id="Tensor.mm", marks=check("ops.mm.product")),
    pytest.param(Case("bmm", _pair(lambda n, m, p: (2, n, m), lambda n, m, p: (2, m, p)), lambda xp, a, b: xp.bmm(a, b),
                      values(np.matmul)), id="bmm", marks=check("ops.bmm.product")),
    pytest.param(Case("Tensor.bmm", _pair(lambda n, m, p: (p, n, m), lambda n, m, p: (p, m, n)),
                      lambda xp, a, b: a.bmm(b), values(np.matmul)), id="Tensor.bmm", marks=check("ops.bmm.product")),
    pytest.param(Case("mv", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m,)), lambda xp, a, b: xp.mv(a, b),
                      values(np.matmul)), id="mv", marks=check("ops.mv.product")),
    pytest.param(Case("Tensor.mv", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m,)), lambda xp, a, b: a.mv(b),
                      values(np.matmul)), id="Tensor.mv", marks=check("ops.mv.product")),
    pytest.param(Case("dot", _pair(lambda n, m, p: (n,), lambda n, m, p: (n,)), lambda xp, a, b: xp.dot(a, b),
                      values(lambda a, b: (a * b).sum())), id="dot", marks=check("ops.dot.product")),
    pytest.param(Case("Tensor.dot", _pair(lambda n, m, p: (n,), lambda n, m, p: (n,)), lambda xp, a, b: a.dot(b),
                      values(lambda a, b: (a * b).sum())), id="Tensor.dot", marks=check("ops.dot.product")),
    pytest.param(Case("vdot", _complex_pair, lambda xp, a, b: xp.vdot(a, b),
                      values(lambda a, b: (np.conj(a) * b).sum()), dtypes=("complex128",)),
                 id="vdot", marks=check("ops.vdot.conjugates-first")),
    pytest.param(Case("Tensor.vdot", _complex_pair, lambda xp, a, b: a.vdot(b),
                      values(lambda a, b: (np.conj(a) * b).sum()), dtypes=("complex128",)),
                 id="Tensor.vdot", marks=check("ops.vdot.conjugates-first")),
    pytest.param(Case("inner", _pair(lambda n, m, p: (n, m), lambda n, m, p: (p, 2, m)), lambda xp, a, b: xp.inner(a, b),
                      values(lambda a, b: np.einsum("ik,jlk->ijl", a, b))), id="inner", marks=check("ops.inner.last-dims")),
    pytest.param(Case("Tensor.inner", _pair(lambda n, m, p: (n,), lambda n, m, p: (p, n)), lambda xp, a, b: a.inner(b),
                      values(lambda a, b: (a * b).sum(axis=-1))), id="Tensor.inner", marks=check("ops.inner.last-dims")),
    pytest.param(Case("outer", _pair(lambda n, m, p: (n,), lambda n, m, p: (m,)), lambda xp, a, b: xp.outer(a, b),
                      values(lambda a, b: a[:, None] * b[None, :])), id="outer", marks=check("ops.outer.product")),
    pytest.param(Case("Tensor.outer", _pair(lambda n, m, p: (n,), lambda n, m, p: (m,)), lambda xp, a, b: a.outer(b),
                      values(lambda a, b: a[:, None] * b[None, :])), id="Tensor.outer", marks=check("ops.outer.product")),
    *[pytest.param(Case(f"einsum({eq!r})", _einsum(eq), lambda xp, *ops, eq=eq: xp.einsum(eq, *ops),
                        values(lambda *ops, eq=eq: np.einsum(eq, *ops))), id=f"einsum-{eq}",
                   marks=check("ops.einsum.equation"))
      for eq in ("ij,jk->ik", "bij,bjk->bik", "ii->i", "ij->ji", "i,j->ij", "ij,ij->", "ijk->j")],
    pytest.param(Case("tensordot(dims=1)", _pair(lambda n, m, p: (n, m), lambda n, m, p: (m, p)),
                      lambda xp, a, b: xp.tensordot(a, b, dims=1), values(np.matmul)),
                 id="tensordot-1", marks=check("ops.tensordot.dims")),
    pytest.param(Case("tensordot(dims=2)", _pair(lambda n, m, p: (2, n, m), lambda n, m, p: (n, m, p)),
                      lambda xp, a, b: xp.tensordot(a, b, dims=2), values(lambda a, b: np.einsum("anm,nmp->ap", a, b))),
                 id="tensordot-2", marks=check("ops.tensordot.dims")),
    pytest.param(Case("tensordot(dims=([0, 2], [2, 0]))", _pair(lambda n, m, p: (n, p, m), lambda n, m, p: (m, 2, n)),
                      lambda xp, a, b: xp.tensordot(a, b, dims=([0, 2], [2, 0])),
                      values(lambda a, b: np.einsum("npm,mqn->pq", a, b))),
                 id="tensordot-lists", marks=check("ops.tensordot.dims")),
    pytest.param(Case("kron", _pair(lambda n, m, p: (n, m), lambda n, m, p: (p, 2), low=1), lambda xp, a, b: xp.kron(a, b),
                      values(lambda a, b: np.block([[a[i, j] * b for j in range(a.shape[1])] for i in range(a.shape[0])]))),
                 id="kron", marks=check("ops.kron.product")),
    pytest.param(Case("kron-1d", _pair(lambda n, m, p: (n,), lambda n, m, p: (m,), low=1), lambda xp, a, b: a.kron(b),
                      values(lambda a, b: (a[:, None] * b[None, :]).reshape(-1))),
                 id="Tensor.kron-1d", marks=check("ops.kron.product")),
    pytest.param(Case("addmm", _addmm_inputs, lambda xp, c, a, b: xp.addmm(c, a, b),
                      values(_scaled(1, 1, np.matmul))), id="addmm", marks=check("ops.addmm.beta-alpha")),
    pytest.param(Case("addmm(beta=0.5, alpha=-2)", _addmm_inputs,
                      lambda xp, c, a, b: xp.addmm(c, a, b, beta=0.5, alpha=-2), values(_scaled(0.5, -2, np.matmul))),
                 id="addmm-beta-alpha", marks=check("ops.addmm.beta-alpha")),
    pytest.param(Case("Tensor.addmm(beta=2, alpha=3)", _addmm_inputs,
                      lambda xp, c, a, b: c.addmm(a, b, beta=2, alpha=3), values(_scaled(2, 3, np.matmul))),
                 id="Tensor.addmm", marks=check("ops.addmm.beta-alpha")),
    pytest.param(Case("addmv(beta=2, alpha=-1)", _addmv_inputs, lambda xp, c, a, v: xp.addmv(c, a, v, beta=2, alpha=-1),
                      values(_scaled(2, -1, np.matmul))), id="addmv", marks=check("ops.addmv.beta-alpha")),
    pytest.param(Case("Tensor.addmv", _addmv_inputs, lambda xp, c, a, v: c.addmv(a, v),
                      values(_scaled(1, 1, np.matmul))), id="Tensor.addmv", marks=check("ops.addmv.beta-alpha")),
    pytest.param(Case("addbmm(beta=0.5, alpha=2)", _batch_inputs(lambda b, n, p: (n, p)),
                      lambda xp, c, b1, b2: xp.addbmm(c, b1, b2, beta=0.5, alpha=2), values(_scaled(0.5, 2, _sum_of_batches))),
                 id="addbmm", marks=check("ops.addbmm.sums-batches")),
    pytest.param(Case("Tensor.addbmm", _batch_inputs(lambda b, n, p: (n, p)), lambda xp, c, b1, b2: c.addbmm(b1, b2),
                      values(_scaled(1, 1, _sum_of_batches))), id="Tensor.addbmm", marks=check("ops.addbmm.sums-batches")),
    pytest.param(Case("baddbmm(beta=-1, alpha=0.5)", _batch_inputs(lambda b, n, p: (b, n, p)),
                      lambda xp, c, b1, b2: xp.baddbmm(c, b1, b2, beta=-1, alpha=0.5), values(_scaled(-1, 0.5, np.matmul))),
                 id="baddbmm", marks=check("ops.baddbmm.per-batch")),
    pytest.param(Case("Tensor.baddbmm (input broadcast)", _batch_inputs(lambda b, n, p: (n, p)),
                      lambda xp, c, b1, b2: c.baddbmm(b1, b2), values(_scaled(1, 1, np.matmul))),
                 id="Tensor.baddbmm", marks=check("ops.baddbmm.per-batch")),
    pytest.param(Case("addr(beta=2, alpha=0.5)", _addr_inputs, lambda xp, c, v, w: xp.addr(c, v, w, beta=2, alpha=0.5),
                      values(_scaled(2, 0.5, np.outer))), id="addr", marks=check("ops.addr.beta-alpha")),
    pytest.param(Case("Tensor.addr", _addr_inputs, lambda xp, c, v, w: c.addr(v, w), values(_scaled(1, 1, np.outer))),
                 id="Tensor.addr", marks=check("ops.addr.beta-alpha")),
    *[pytest.param(Case(f"dist(p={p})", _dist_inputs,
                        lambda xp, a, b, p=p: xp.dist(a, b, p), values(lambda a, b, p=p: _p_norm(a - b, p))),
                   id=f"dist-{p}", marks=check("ops.dist.p-norm"))
      for p in (2, 1, 3, INF)],
    pytest.param(Case("Tensor.dist", _pair(lambda n, m, q: (n, m), lambda n, m, q: (n, m)), lambda xp, a, b: a.dist(b),
                      values(lambda a, b: _p_norm(a - b, 2))), id="Tensor.dist", marks=check("ops.dist.p-norm")),
    *[pytest.param(Case(f"cdist(p={p})", _cdist_inputs, lambda xp, a, b, p=p: xp.cdist(a, b, p),
                        values(lambda a, b, p=p: _pairwise(a, b, p))), id=f"cdist-{p}", marks=check("ops.cdist.pairwise"))
      for p in (2.0, 1.0, INF)],
    pytest.param(Case("cross(dim=1)", _cross_inputs(1), lambda xp, a, b: xp.cross(a, b, dim=1),
                      values(lambda a, b: np.cross(a, b, axis=1))), id="cross-dim1", marks=check("ops.cross.dim")),
    pytest.param(Case("Tensor.cross(dim=0)", _cross_inputs(0), lambda xp, a, b: a.cross(b, dim=0),
                      values(lambda a, b: np.cross(a, b, axis=0))), id="Tensor.cross-dim0", marks=check("ops.cross.dim")),
    pytest.param(Case("linalg.cross", _cross_inputs(1), lambda xp, a, b: xp.linalg.cross(a, b),
                      values(lambda a, b: np.cross(a, b, axis=-1))), id="linalg.cross", marks=check("ops.cross.dim")),
    pytest.param(Case("trace", _square_or_not, lambda xp, a: xp.trace(a),
                      values(lambda a: sum(a[i, i] for i in range(min(a.shape))))), id="trace",
                 marks=check("ops.trace.diagonal-sum")),
    pytest.param(Case("Tensor.trace", _square_or_not, lambda xp, a: a.trace(),
                      values(lambda a: sum(a[i, i] for i in range(min(a.shape)))), dtypes=GENERIC_DTYPES),
                 id="Tensor.trace", marks=check("ops.trace.diagonal-sum")),
])(_check_row)


# name -> (shapes of self and the operands, the out-of-place rule)
IN_PLACE = {
    "addmm_": (((2, 3), (2, 4), (4, 3)), lambda c, a, b: c + a @ b),
    "addmv_": (((2,), (2, 3), (3,)), lambda c, a, v: c + a @ v),
    "addbmm_": (((2, 3), (4, 2, 1), (4, 1, 3)), lambda c, a, b: c + (a @ b).sum(axis=0)),
    "baddbmm_": (((2, 2, 3), (2, 2, 4), (2, 4, 3)), lambda c, a, b: c + a @ b),
    "addr_": (((2, 3), (2,), (3,)), lambda c, v, w: c + np.outer(v, w)),
}


@check("ops.add-products.in-place")
@pytest.mark.parametrize("name", list(IN_PLACE))
def test_add_products_in_place(xp, name):
    shapes, rule = IN_PLACE[name]
    arrays = [np.arange(np.prod(s), dtype=np.float64).reshape(s) - k for k, s in enumerate(shapes)]
    self_, *operands = [tensor_of(xp, a) for a in arrays]
    call = describe(f"Tensor.{name}", self_, *operands)
    result = getattr(self_, name)(*operands)
    assert_same_object(result, self_, call=call)
    assert_tensor(self_, rule(*arrays), dtype="float64", call=call)
