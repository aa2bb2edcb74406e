"""torch.linalg: norms, determinants, inverses and solvers against NumPy; decompositions by
their documented properties (reconstruction, orthonormality, triangularity, ordering of
eigen- and singular values), never by comparing with one particular factorisation, except
Cholesky's, which is unique (its diagonal is documented positive)."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from conformance import check
from suites.ops.linalg_cases import (Case, above_diagonal, batch, below_diagonal, dominant, identity_like, ints, mT,
                                     run, side, spd, symmetric, tall, values)

INF = float("inf")


def _general(data: Any) -> list[np.ndarray]:
    return [ints(data, batch(data) + (side(data, 1, 4, "m"), side(data, 1, 4, "n")), -5, 5)]


def _square(kind: Any, extra: Any = None) -> Any:
    def inputs(data):
        n = side(data)
        shape = batch(data) + (n, n)
        return [kind(data, shape)] + ([] if extra is None else [ints(data, extra(shape), -5, 5)])
    return inputs


def _int_square(data, shape):
    return ints(data, shape, -4, 4)


def _rank_known(data: Any) -> list[np.ndarray]:
    """B @ C with B (m, r) and C (r, n): rank at most r, its singular values clear of the cutoff 1e-6."""
    m, n, r = side(data, 1, 4, "m"), side(data, 1, 4, "n"), side(data, 0, 3, "r")
    a = ints(data, (m, r), -3, 3) @ ints(data, (r, n), -3, 3)
    s = np.linalg.svd(a, compute_uv=False)
    assume(not np.any((s > 1e-10) & (s < 1e-3)))
    return [a]


def _nonsingular(data: Any) -> list[np.ndarray]:
    (a,) = _square(_int_square)(data)
    assume(np.all(np.abs(np.linalg.det(a)) > 0.5))
    return [a]


def _vector_norm(x, ord, dim=None, keepdim=False):
    """The documented formula per ord, over ``dim`` (all dims when None)."""
    a = np.abs(x)
    axis = tuple(range(x.ndim)) if dim is None else dim
    if ord == INF:
        return a.max(axis=axis, keepdims=keepdim)
    if ord == -INF:
        return a.min(axis=axis, keepdims=keepdim)
    if ord == 0:
        return (a != 0).sum(axis=axis, keepdims=keepdim)
    return (a ** ord).sum(axis=axis, keepdims=keepdim) ** (1 / ord)


def _matrix_norm(a, ord):
    """The documented definitions over the last two dims."""
    s = np.linalg.svd(a, compute_uv=False)
    col, row = np.abs(a).sum(axis=-2), np.abs(a).sum(axis=-1)
    return {"fro": np.sqrt((a ** 2).sum(axis=(-2, -1))), "nuc": s.sum(axis=-1), 1: col.max(-1), -1: col.min(-1),
            INF: row.max(-1), -INF: row.min(-1), 2: s.max(-1), -2: s.min(-1)}[ord]


def _nonempty(data):
    return [ints(data, (side(data, 1, 3, "m"), side(data, 1, 4, "n")), -5, 5)]


def _qr(mode: str):
    def expect(arrays, q, r):
        (a,) = arrays
        m, n = a.shape[-2:]
        k = m if mode == "complete" else min(m, n)
        checks = [(" R's shape", np.array(r.shape), np.array(a.shape[:-2] + (k, n))),
                  (" R below its diagonal", below_diagonal(r), np.zeros_like(r))]
        if mode == "r":
            return checks + [(" Q (empty for mode='r')", np.array(q.size), np.array(0)),
                             (" R^H R", mT(r) @ r, mT(a) @ a)]
        return checks + [(" Q's shape", np.array(q.shape), np.array(a.shape[:-2] + (m, k))),
                         (" Q^H Q", mT(q) @ q, identity_like(q)), (" Q @ R", q @ r, a)]
    return expect


def _svd(full: bool):
    def expect(arrays, u, s, vh):
        (a,) = arrays
        m, n = a.shape[-2:]
        k = min(m, n)
        shapes = ((m, m), (n, n)) if full else ((m, k), (k, n))
        recon = (u[..., :, :k] * s[..., None, :]) @ vh[..., :k, :]
        return [(" U's shape", np.array(u.shape), np.array(a.shape[:-2] + shapes[0])),
                (" Vh's shape", np.array(vh.shape), np.array(a.shape[:-2] + shapes[1])),
                (" U^H U", mT(u) @ u, identity_like(u)), (" Vh Vh^H", vh @ mT(vh), identity_like(vh, columns=False)),
                (" S (descending, non-negative)", s, np.sort(np.abs(s), axis=-1)[..., ::-1]),
                (" U diag(S) Vh", recon, a)]
    return expect


def _eigh(arrays, w, v):
    (a,) = arrays
    return [(" eigenvalues (ascending)", w, np.linalg.eigvalsh(a)), (" V^H V", mT(v) @ v, identity_like(v)),
            (" A V", a @ v, v * w[..., None, :])]


def _upper_only(data):
    """A symmetric matrix whose strictly lower triangle is then overwritten: UPLO='U' must ignore it."""
    (a,) = _square(symmetric)(data)
    return [a, np.triu(a) + np.tril(ints(data, a.shape, -9, 9), -1)]


def _cholesky(upper: bool):
    def expect(arrays, got):
        (a,) = arrays
        lower = mT(got) if upper else got
        return [(" strict upper triangle of L", above_diagonal(lower), np.zeros_like(lower)),
                (" L L^H", lower @ mT(lower), a), (" L", lower, np.linalg.cholesky(a))]
    return expect


def _power(a, n):
    """A @ A ... n times (the identity for 0); the inverse's power for n < 0."""
    base = a if n >= 0 else np.linalg.inv(a)
    result = np.broadcast_to(np.eye(a.shape[-1]), a.shape)
    for _ in range(abs(n)):
        result = result @ base
    return result


def _solve_expect(left: bool):
    def expect(arrays, x):
        a, b = arrays
        return [(" A X" if left else " X A", a @ x if left else x @ a, b)]
    return expect


def _lstsq_inputs(data):
    a = tall(data)
    return [a, ints(data, (a.shape[0], side(data, 1, 2, "k")), -5, 5)]


def _pinv_expect(arrays, p):
    (a,) = arrays
    return [("", p, np.linalg.solve(a.T @ a, a.T)), (" A pinv(A) A", a @ p @ a, a)]


def _slogdet_expect(arrays, sign, logabsdet):
    det = np.linalg.det(arrays[0])
    return [(" sign", sign, np.sign(det)), (" logabsdet", logabsdet, np.log(np.abs(det)))]


# The table: one row per call, each citing its behaviour (the rows sit in the decorator so that
# coverage attributes them to this check).
@pytest.mark.parametrize("case", [
    *[pytest.param(Case(f"linalg.vector_norm(ord={o}, dim={d}, keepdim={k})",
                        lambda data: [ints(data, (side(data, 1, 3, "m"), side(data, 1, 3, "n")), -5, 5)],
                        lambda xp, x, o=o, d=d, k=k: xp.linalg.vector_norm(x, o, d, k),
                        values(lambda x, o=o, d=d, k=k: _vector_norm(x, o, d, k))),
                   id=f"vector_norm-{o}-{d}-{k}", marks=check("ops.linalg.vector-norm"))
      for o, d, k in ((2, None, False), (1, -1, False), (INF, 0, True), (-INF, 1, False), (0, None, True),
                      (3, (0, 1), False))],
    *[pytest.param(Case(f"linalg.matrix_norm(ord={o!r})", lambda data: [ints(data, batch(data) + (2, 3), -5, 5)],
                        lambda xp, a, o=o: xp.linalg.matrix_norm(a, o) if o != "fro" else xp.linalg.matrix_norm(a),
                        values(lambda a, o=o: _matrix_norm(a, o))),
                   id=f"matrix_norm-{o}", marks=check("ops.linalg.matrix-norm"))
      for o in ("fro", "nuc", 1, -1, INF, -INF, 2, -2)],
    pytest.param(Case("linalg.norm (3-D, ord and dim None)", lambda data: [ints(data, (2, side(data), 2), -5, 5)],
                      lambda xp, x: xp.linalg.norm(x), values(lambda x: np.sqrt((x ** 2).sum()))),
                 id="norm-flattened", marks=check("ops.linalg.norm-dispatch")),
    pytest.param(Case("linalg.norm(ord=1, dim=1)", _nonempty, lambda xp, x: xp.linalg.norm(x, 1, 1),
                      values(lambda x: np.abs(x).sum(axis=1))), id="norm-int-dim", marks=check("ops.linalg.norm-dispatch")),
    pytest.param(Case("linalg.norm(2-D, ord=1)", _nonempty, lambda xp, x: xp.linalg.norm(x, 1),
                      values(lambda x: _matrix_norm(x, 1))), id="norm-2d-ord", marks=check("ops.linalg.norm-dispatch")),
    pytest.param(Case("linalg.norm(1-D, ord=inf)", lambda data: [ints(data, (side(data),), -5, 5)],
                      lambda xp, x: xp.linalg.norm(x, INF), values(lambda x: np.abs(x).max())),
                 id="norm-1d-ord", marks=check("ops.linalg.norm-dispatch")),
    pytest.param(Case("linalg.norm(ord='nuc', dim=(0, 2))", lambda data: [ints(data, (2, side(data), 3), -5, 5)],
                      lambda xp, x: xp.linalg.norm(x, "nuc", (0, 2)),
                      values(lambda x: _matrix_norm(np.moveaxis(x, 1, 0), "nuc"))),
                 id="norm-tuple-dim", marks=check("ops.linalg.norm-dispatch")),
    pytest.param(Case("linalg.det", _square(_int_square), lambda xp, a: xp.linalg.det(a), values(np.linalg.det)),
                 id="linalg.det", marks=check("ops.linalg.det")),
    pytest.param(Case("det", _square(_int_square), lambda xp, a: xp.det(a), values(np.linalg.det)),
                 id="det", marks=check("ops.linalg.det")),
    pytest.param(Case("Tensor.det", _square(_int_square), lambda xp, a: a.det(), values(np.linalg.det)),
                 id="Tensor.det", marks=check("ops.linalg.det")),
    pytest.param(Case("linalg.slogdet", _nonsingular, lambda xp, a: tuple(xp.linalg.slogdet(a)), _slogdet_expect),
                 id="linalg.slogdet", marks=check("ops.linalg.slogdet")),
    pytest.param(Case("slogdet", _nonsingular, lambda xp, a: tuple(xp.slogdet(a)), _slogdet_expect),
                 id="slogdet", marks=check("ops.linalg.slogdet")),
    *[pytest.param(Case(name, _square(dominant), apply,
                        lambda arrays, inv: [("", inv, np.linalg.inv(arrays[0])),
                                             (" A @ inv(A)", arrays[0] @ inv, identity_like(arrays[0]))]),
                   id=name, marks=check("ops.linalg.inv"))
      for name, apply in (("linalg.inv", lambda xp, a: xp.linalg.inv(a)), ("inverse", lambda xp, a: xp.inverse(a)),
                          ("Tensor.inverse", lambda xp, a: a.inverse()))],
    pytest.param(Case("linalg.solve", _square(dominant, lambda s: s[:-1] + (2,)), lambda xp, a, b: xp.linalg.solve(a, b),
                      _solve_expect(True)), id="solve", marks=check("ops.linalg.solve")),
    pytest.param(Case("linalg.solve(left=False)", _square(dominant, lambda s: s[:-2] + (2, s[-1])),
                      lambda xp, a, b: xp.linalg.solve(a, b, left=False), _solve_expect(False)),
                 id="solve-right", marks=check("ops.linalg.solve")),
    pytest.param(Case("linalg.cholesky", _square(spd), lambda xp, a: xp.linalg.cholesky(a), _cholesky(False)),
                 id="cholesky", marks=check("ops.linalg.cholesky")),
    pytest.param(Case("linalg.cholesky(upper=True)", _square(spd), lambda xp, a: xp.linalg.cholesky(a, upper=True),
                      _cholesky(True)), id="cholesky-upper", marks=check("ops.linalg.cholesky")),
    *[pytest.param(Case(f"linalg.qr(mode={mode!r})", _general, lambda xp, a, mode=mode: tuple(xp.linalg.qr(a, mode=mode)),
                        _qr(mode)), id=f"qr-{mode}", marks=check("ops.linalg.qr"))
      for mode in ("reduced", "complete", "r")],
    *[pytest.param(Case(f"linalg.svd(full_matrices={full})", _general,
                        lambda xp, a, full=full: tuple(xp.linalg.svd(a, full_matrices=full)), _svd(full)),
                   id=f"svd-{full}", marks=check("ops.linalg.svd"))
      for full in (True, False)],
    pytest.param(Case("linalg.svdvals", _general, lambda xp, a: xp.linalg.svdvals(a),
                      values(lambda a: np.linalg.svd(a, compute_uv=False))), id="svdvals", marks=check("ops.linalg.svdvals")),
    pytest.param(Case("linalg.eigh", _square(symmetric), lambda xp, a: tuple(xp.linalg.eigh(a)), _eigh),
                 id="eigh", marks=check("ops.linalg.eigh")),
    pytest.param(Case("linalg.eigh(UPLO='U')", _upper_only, lambda xp, sym, a: tuple(xp.linalg.eigh(a, UPLO="U")),
                      lambda arrays, w, v: _eigh(arrays[:1], w, v)), id="eigh-upper", marks=check("ops.linalg.eigh")),
    pytest.param(Case("linalg.eigvalsh", _square(symmetric), lambda xp, a: xp.linalg.eigvalsh(a),
                      values(np.linalg.eigvalsh)), id="eigvalsh", marks=check("ops.linalg.eigvalsh")),
    pytest.param(Case("linalg.eigvalsh(UPLO='U')", _upper_only, lambda xp, sym, a: xp.linalg.eigvalsh(a, UPLO="U"),
                      values(lambda sym, a: np.linalg.eigvalsh(sym))), id="eigvalsh-upper", marks=check("ops.linalg.eigvalsh")),
    pytest.param(Case("linalg.pinv", lambda data: [tall(data)], lambda xp, a: xp.linalg.pinv(a), _pinv_expect),
                 id="pinv", marks=check("ops.linalg.pinv")),
    pytest.param(Case("pinverse", lambda data: [tall(data)], lambda xp, a: xp.pinverse(a), _pinv_expect),
                 id="pinverse", marks=check("ops.linalg.pinv")),
    pytest.param(Case("linalg.matrix_rank", _square(dominant), lambda xp, a: xp.linalg.matrix_rank(a),
                      values(lambda a: np.full(a.shape[:-2], a.shape[-1])), result_dtype=lambda d: "int64"),
                 id="matrix_rank-full", marks=check("ops.linalg.matrix-rank")),
    pytest.param(Case("linalg.matrix_rank(atol=1e-6)", _rank_known, lambda xp, a: xp.linalg.matrix_rank(a, atol=1e-6),
                      values(lambda a: (np.linalg.svd(a, compute_uv=False) > 1e-6).sum()), dtypes=("float64",),
                      result_dtype=lambda d: "int64"), id="matrix_rank-atol", marks=check("ops.linalg.matrix-rank")),
    pytest.param(Case("linalg.lstsq", _lstsq_inputs, lambda xp, a, b: xp.linalg.lstsq(a, b).solution,
                      values(lambda a, b: np.linalg.solve(a.T @ a, a.T @ b))), id="lstsq", marks=check("ops.linalg.lstsq")),
    *[pytest.param(Case(name, _square(dominant), apply, values(lambda a, n=n: _power(a, n))),
                   id=f"{name}-{n}", marks=check("ops.linalg.matrix-power"))
      for name, n, apply in (("linalg.matrix_power(A, 3)", 3, lambda xp, a: xp.linalg.matrix_power(a, 3)),
                             ("linalg.matrix_power(A, 0)", 0, lambda xp, a: xp.linalg.matrix_power(a, 0)),
                             ("linalg.matrix_power(A, -2)", -2, lambda xp, a: xp.linalg.matrix_power(a, -2)),
                             ("matrix_power(A, 2)", 2, lambda xp, a: xp.matrix_power(a, 2)),
                             ("Tensor.matrix_power(1)", 1, lambda xp, a: a.matrix_power(1)))],
])
@settings(max_examples=8)
@given(data=st.data())
def test_linalg(xp, case, data):
    run(xp, case, data)
