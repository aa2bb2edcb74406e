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
from conformance.dtypes import COMPLEX_OF_FLOAT
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


def _vander_inputs(data):
    """At least two points: linalg.vander refuses N = 1."""
    return [ints(data, batch(data) + (side(data, 2, 4, "n"),), -3, 3)]


def _powers(x, n, increasing=True):
    p = np.arange(n) if increasing else np.arange(n)[::-1]
    return x[..., None] ** p


def _cond(a, p):
    s = np.linalg.svd(a, compute_uv=False)
    return s[..., 0] / s[..., -1] if p is None else _matrix_norm(a, p) * _matrix_norm(np.linalg.inv(a), p)


def _tri_inputs(data):
    n = side(data)
    shape = batch(data) + (n, n)
    return [dominant(data, shape), ints(data, shape[:-1] + (2,), -5, 5)]


def _tri_right_inputs(data):
    n = side(data)
    shape = batch(data) + (n, n)
    return [dominant(data, shape), ints(data, shape[:-2] + (2, n), -5, 5)]


def _unit(t):
    n = t.shape[-1]
    return t * (1 - np.eye(n)) + np.eye(n)


def _char_poly(w):
    """The monic polynomial with roots w (per batch entry): order-free, so eigenvalues compare as a multiset."""
    return np.array([np.poly(v) for v in w.reshape(-1, w.shape[-1])]).reshape(w.shape[:-1] + (w.shape[-1] + 1,))


def _eig_expect(arrays, w, v):
    (a,) = arrays
    return [(" eigenvalues (as roots of det(A - x I))", _char_poly(w), _char_poly(np.linalg.eigvals(a))),
            (" A V", a @ v, v * w[..., None, :]), (" column norms of V", np.linalg.norm(v, axis=-2), np.ones(w.shape))]


def _lu_expect(arrays, p, l, u):
    (a,) = arrays
    return [(" P L U", p @ l @ u, a), (" P^T P", np.swapaxes(p, -1, -2) @ p, identity_like(p)),
            (" P's entries (0 or 1)", np.round(p), p), (" L above its diagonal", above_diagonal(l), np.zeros_like(l)),
            (" L's diagonal", np.diagonal(l, 0, -2, -1), np.ones(l.shape[:-2] + (min(l.shape[-2:]),))),
            (" U below its diagonal", below_diagonal(u), np.zeros_like(u))]


def _lu_factor_pivots(arrays, lu, pivots):
    (a,) = arrays
    return [(" pivots in [1, m]", np.clip(pivots, 1, a.shape[-2]), pivots)]


def _symmetric_small(data, shape):
    return symmetric(data, shape) / 4


def _nilpotent(data, shape):
    return np.triu(ints(data, shape, -3, 3), 1)


def _expm(a):
    """Symmetric: V diag(exp(w)) V^T; strictly upper triangular: the finite series sum A^k / k!."""
    if np.allclose(np.tril(a), 0):
        term, total = np.broadcast_to(np.eye(a.shape[-1]), a.shape), np.broadcast_to(np.eye(a.shape[-1]), a.shape)
        for k in range(1, a.shape[-1]):
            term = term @ a / k
            total = total + term
        return total
    w, v = np.linalg.eigh(a)
    return (v * np.exp(w)[..., None, :]) @ np.swapaxes(v, -1, -2)


def _tensorinv_inputs(data):
    n, m = side(data, 1, 3, "n"), side(data, 1, 2, "m")
    return [dominant(data, (n * m, n * m)).reshape(n * m, n, m)]


def _tensorsolve_inputs(data):
    n, m = side(data, 1, 3, "n"), side(data, 1, 2, "m")
    return [dominant(data, (n * m, n * m)).reshape(n, m, n * m), ints(data, (n, m), -5, 5)]


def _cholesky_inputs(upper: bool):
    def inputs(data):
        n = side(data)
        shape = batch(data) + (n, n)
        lower = np.linalg.cholesky(spd(data, shape))
        return [ints(data, shape[:-1] + (2,), -5, 5), mT(lower) if upper else lower]
    return inputs


def _gram(factor, upper):
    lower = mT(factor) if upper else factor
    return lower @ mT(lower)


def _vecdot_inputs(data, dtype="float64"):
    n = side(data)
    return [ints(data, (2, n), -5, 5, dtype), ints(data, (n,), -5, 5, dtype)]


def _chain_inputs(vectors: bool):
    def inputs(data):
        n, m, p, q = (side(data, 1, 3, c) for c in "nmpq")
        return [ints(data, (m,) if vectors else (n, m), -4, 4), ints(data, (m, p), -4, 4),
                ints(data, (p,) if vectors else (p, q), -4, 4)]
    return inputs


def _tall_general(data):
    n = side(data, 1, 3, "n")
    return [ints(data, batch(data) + (n + side(data, 0, 2, "extra"), n), -5, 5)]


def _householder_expect(arrays, a, q):
    """Q^H Q = I and Q R = A with R = the upper triangle of geqrf's a (its first n rows)."""
    (A,) = arrays
    n = A.shape[-1]
    return [(" Q^H Q", mT(q) @ q, identity_like(q)), (" Q R", q @ np.triu(a)[..., :n, :], A)]


def _ormqr_expect(arrays, a, q_full):
    (A, _) = arrays
    n = A.shape[-1]
    return [(" Q^H Q", mT(q_full) @ q_full, identity_like(q_full)), (" Q[:, :n] R", q_full[..., :n] @ np.triu(a)[..., :n, :], A)]


def _ormqr_inputs(data):
    (a,) = _tall_general(data)
    return [a, np.broadcast_to(np.eye(a.shape[-2]), a.shape[:-1] + (a.shape[-2],)).copy()]


def _sym_dominant_inputs(data):
    """Symmetric, diagonally dominant with diagonal entries of either sign: indefinite, well conditioned."""
    n = side(data)
    shape = batch(data) + (n, n)
    m = symmetric(data, shape)
    signs = np.where(ints(data, shape[:-1], 0, 1) > 0, 1.0, -1.0)
    a = m - np.eye(n) * np.diagonal(m, 0, -2, -1)[..., None, :] + np.eye(n) * (signs * (np.abs(m).sum(-1) + 1))[..., None, :]
    return [a, ints(data, shape[:-1] + (2,), -5, 5)]


def _pdist(x, p):
    i, j = np.triu_indices(x.shape[0], 1)
    d = np.abs(x[i] - x[j])
    return d.max(axis=-1, initial=0) if p == INF else (d ** p).sum(axis=-1) ** (1 / p)


def _pairwise_inputs(data):
    n, m = side(data, 1, 3, "n"), side(data, 1, 3, "m")
    return [ints(data, (n, m), -5, 5), ints(data, data.draw(st.sampled_from([(n, m), (m,)]), label="x2"), -5, 5)]

@settings(max_examples=5)
@given(data=st.data())
def _check_row(xp, case, data):
    run(xp, case, data)


# The table: one row per call, each citing its behaviour. The check is this assignment, so coverage
# attributes the rows to it and hypothesis digests only _check_row's short source for each row.
test_linalg = pytest.mark.parametrize("case", [
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
    pytest.param(Case("linalg.vecdot", _vecdot_inputs, lambda xp, x, y: xp.linalg.vecdot(x, y),
                      values(lambda x, y: (x * y).sum(axis=-1))), id="vecdot", marks=check("ops.linalg.vecdot")),
    pytest.param(Case("linalg.vecdot(dim=0)", _vecdot_inputs, lambda xp, x, y: xp.linalg.vecdot(x.mT, y[..., None], dim=0),
                      values(lambda x, y: (x * y).sum(axis=-1))), id="vecdot-dim0", marks=check("ops.linalg.vecdot")),
    pytest.param(Case("linalg.vecdot (complex)", lambda data: _vecdot_inputs(data, "complex128"),
                      lambda xp, x, y: xp.linalg.vecdot(x, y), values(lambda x, y: (np.conj(x) * y).sum(axis=-1)),
                      dtypes=("complex128",)), id="vecdot-complex", marks=check("ops.linalg.vecdot")),
    pytest.param(Case("linalg.multi_dot([A, B, C])", _chain_inputs(False),
                      lambda xp, a, b, c: xp.linalg.multi_dot([a, b, c]), values(lambda a, b, c: a @ b @ c)),
                 id="multi_dot", marks=check("ops.linalg.multi-dot")),
    pytest.param(Case("linalg.multi_dot([v, B, w])", _chain_inputs(True),
                      lambda xp, a, b, c: xp.linalg.multi_dot([a, b, c]), values(lambda a, b, c: a @ b @ c)),
                 id="multi_dot-vectors", marks=check("ops.linalg.multi-dot")),
    *[pytest.param(Case(f"linalg.diagonal(offset={k})", _general, lambda xp, a, k=k: xp.linalg.diagonal(a, offset=k),
                        values(lambda a, k=k: np.diagonal(a, k, -2, -1))), id=f"diagonal-{k}",
                   marks=check("ops.linalg.diagonal"))
      for k in (0, 1, -1)],
    pytest.param(Case("linalg.solve_triangular(upper=True)", _tri_inputs,
                      lambda xp, a, b: xp.linalg.solve_triangular(a, b, upper=True),
                      values(lambda a, b: np.linalg.solve(np.triu(a), b))),
                 id="solve_triangular-upper", marks=check("ops.linalg.solve-triangular")),
    pytest.param(Case("linalg.solve_triangular(upper=False, left=False)", _tri_right_inputs,
                      lambda xp, a, b: xp.linalg.solve_triangular(a, b, upper=False, left=False),
                      values(lambda a, b: b @ np.linalg.inv(np.tril(a)))),
                 id="solve_triangular-lower-right", marks=check("ops.linalg.solve-triangular")),
    pytest.param(Case("linalg.solve_triangular(upper=False, unitriangular=True)", _tri_inputs,
                      lambda xp, a, b: xp.linalg.solve_triangular(a, b, upper=False, unitriangular=True),
                      values(lambda a, b: np.linalg.solve(_unit(np.tril(a)), b))),
                 id="solve_triangular-unit", marks=check("ops.linalg.solve-triangular")),
    *[pytest.param(Case(f"linalg.cond(p={p!r})", _square(dominant),
                        lambda xp, a, p=p: xp.linalg.cond(a) if p is None else xp.linalg.cond(a, p),
                        values(lambda a, p=p: _cond(a, p))), id=f"cond-{p}", marks=check("ops.linalg.cond"))
      for p in (None, "fro", 1, INF)],
    pytest.param(Case("linalg.vander", _vander_inputs, lambda xp, x: xp.linalg.vander(x),
                      values(lambda x: _powers(x, x.shape[-1]))), id="linalg.vander", marks=check("ops.linalg.vander")),
    pytest.param(Case("linalg.vander(N=3)", _vander_inputs, lambda xp, x: xp.linalg.vander(x, N=3),
                      values(lambda x: _powers(x, 3))), id="linalg.vander-N", marks=check("ops.linalg.vander")),
    pytest.param(Case("vander", lambda data: [ints(data, (side(data),), -3, 3)], lambda xp, x: xp.vander(x),
                      values(lambda x: _powers(x, x.shape[-1], increasing=False))), id="vander",
                 marks=check("ops.linalg.vander")),
    pytest.param(Case("vander(N=3, increasing=True)", lambda data: [ints(data, (side(data),), -3, 3)],
                      lambda xp, x: xp.vander(x, 3, True), values(lambda x: _powers(x, 3))), id="vander-increasing",
                 marks=check("ops.linalg.vander")),
    pytest.param(Case("linalg.inv_ex", _square(dominant), lambda xp, a: tuple(xp.linalg.inv_ex(a)),
                      lambda arrays, inv, info: [("", inv, np.linalg.inv(arrays[0])), (" info", info, np.zeros(info.shape))],
                      result_dtype=lambda d: (d, "int32")), id="inv_ex", marks=check("ops.linalg.ex-variants")),
    pytest.param(Case("linalg.cholesky_ex", _square(spd), lambda xp, a: tuple(xp.linalg.cholesky_ex(a)),
                      lambda arrays, l, info: [("", l, np.linalg.cholesky(arrays[0])), (" info", info, np.zeros(info.shape))],
                      result_dtype=lambda d: (d, "int32")), id="cholesky_ex", marks=check("ops.linalg.ex-variants")),
    pytest.param(Case("linalg.solve_ex", _square(dominant, lambda s: s[:-1] + (2,)),
                      lambda xp, a, b: tuple(xp.linalg.solve_ex(a, b)),
                      lambda arrays, x, info: [(" A X", arrays[0] @ x, arrays[1]), (" info", info, np.zeros(info.shape))],
                      result_dtype=lambda d: (d, "int32")), id="solve_ex", marks=check("ops.linalg.ex-variants")),
    pytest.param(Case("linalg.lu_factor_ex", _square(dominant), lambda xp, a: tuple(xp.linalg.lu_factor_ex(a)),
                      lambda arrays, lu, piv, info: _lu_factor_pivots(arrays, lu, piv) + [(" info", info, np.zeros(info.shape))],
                      result_dtype=lambda d: (d, "int32", "int32")), id="lu_factor_ex", marks=check("ops.linalg.ex-variants")),
    pytest.param(Case("linalg.eig", _square(_int_square), lambda xp, a: tuple(xp.linalg.eig(a)), _eig_expect,
                      result_dtype=lambda d: (COMPLEX_OF_FLOAT[d],) * 2), id="eig", marks=check("ops.linalg.eig")),
    pytest.param(Case("linalg.eigvals", _square(_int_square), lambda xp, a: xp.linalg.eigvals(a),
                      lambda arrays, w: [(" (as roots of det(A - x I))", _char_poly(w), _char_poly(np.linalg.eigvals(arrays[0])))],
                      result_dtype=lambda d: COMPLEX_OF_FLOAT[d]), id="eigvals", marks=check("ops.linalg.eig")),
    pytest.param(Case("linalg.lu", _general, lambda xp, a: tuple(xp.linalg.lu(a)), _lu_expect),
                 id="lu", marks=check("ops.linalg.lu")),
    pytest.param(Case("lu_unpack(*linalg.lu_factor(A))", _nonsingular,
                      lambda xp, a: tuple(xp.lu_unpack(*xp.linalg.lu_factor(a))), _lu_expect),
                 id="lu_unpack", marks=check("ops.linalg.lu")),
    pytest.param(Case("linalg.lu_factor", _nonsingular, lambda xp, a: tuple(xp.linalg.lu_factor(a)),
                      _lu_factor_pivots, result_dtype=lambda d: (d, "int32")), id="lu_factor", marks=check("ops.linalg.lu")),
    pytest.param(Case("linalg.lu_solve(*linalg.lu_factor(A), B)", _square(dominant, lambda s: s[:-1] + (2,)),
                      lambda xp, a, b: xp.linalg.lu_solve(*xp.linalg.lu_factor(a), b), _solve_expect(True)),
                 id="lu_solve", marks=check("ops.linalg.lu")),
    pytest.param(Case("linalg.matrix_exp (symmetric)", _square(_symmetric_small), lambda xp, a: xp.linalg.matrix_exp(a),
                      values(_expm)), id="linalg.matrix_exp", marks=check("ops.linalg.matrix-exp")),
    pytest.param(Case("matrix_exp (nilpotent)", _square(_nilpotent), lambda xp, a: xp.matrix_exp(a), values(_expm)),
                 id="matrix_exp", marks=check("ops.linalg.matrix-exp")),
    pytest.param(Case("Tensor.matrix_exp (symmetric)", _square(_symmetric_small), lambda xp, a: a.matrix_exp(),
                      values(_expm)), id="Tensor.matrix_exp", marks=check("ops.linalg.matrix-exp")),
    pytest.param(Case("linalg.tensorinv(ind=1)", _tensorinv_inputs, lambda xp, a: xp.linalg.tensorinv(a, ind=1),
                      values(lambda a: np.linalg.inv(a.reshape(a.shape[0], -1)).reshape(a.shape[1:] + a.shape[:1]))),
                 id="tensorinv", marks=check("ops.linalg.tensorinv-tensorsolve")),
    pytest.param(Case("linalg.tensorsolve", _tensorsolve_inputs, lambda xp, a, b: xp.linalg.tensorsolve(a, b),
                      lambda arrays, x: [(" tensordot(A, X, X.ndim)", np.tensordot(arrays[0], x, x.ndim), arrays[1])]),
                 id="tensorsolve", marks=check("ops.linalg.tensorinv-tensorsolve")),
    pytest.param(Case("logdet", _nonsingular, lambda xp, a: xp.logdet(a),
                      values(lambda a: np.where(np.linalg.det(a) > 0, np.log(np.abs(np.linalg.det(a))), np.nan))),
                 id="logdet", marks=check("ops.linalg.logdet")),
    pytest.param(Case("Tensor.logdet", _nonsingular, lambda xp, a: a.logdet(),
                      values(lambda a: np.where(np.linalg.det(a) > 0, np.log(np.abs(np.linalg.det(a))), np.nan))),
                 id="Tensor.logdet", marks=check("ops.linalg.logdet")),
    *[pytest.param(Case(f"{name}(B, {'U' if upper else 'L'}, upper={upper})", _cholesky_inputs(upper), apply,
                        lambda arrays, x, upper=upper: [(" A X", _gram(arrays[1], upper) @ x, arrays[0])]),
                   id=f"{name}-{upper}", marks=check("ops.linalg.cholesky-solve-inverse"))
      for name, upper, apply in (("cholesky_solve", False, lambda xp, b, f: xp.cholesky_solve(b, f)),
                                 ("Tensor.cholesky_solve", True, lambda xp, b, f: b.cholesky_solve(f, upper=True)))],
    *[pytest.param(Case(f"{name}(L)", _cholesky_inputs(False), apply,
                        lambda arrays, inv: [("", inv, np.linalg.inv(_gram(arrays[1], False)))]),
                   id=name, marks=check("ops.linalg.cholesky-solve-inverse"))
      for name, apply in (("cholesky_inverse", lambda xp, b, f: xp.cholesky_inverse(f)),
                          ("Tensor.cholesky_inverse", lambda xp, b, f: f.cholesky_inverse()))],
    pytest.param(Case("linalg.householder_product(*geqrf(A))", _tall_general,
                      lambda xp, A: (lambda a, tau: (a, xp.linalg.householder_product(a, tau)))(*xp.geqrf(A)),
                      _householder_expect), id="householder_product", marks=check("ops.linalg.householder")),
    pytest.param(Case("a.orgqr(tau) of A.geqrf()", _tall_general,
                      lambda xp, A: (lambda a, tau: (a, a.orgqr(tau)))(*A.geqrf()), _householder_expect),
                 id="Tensor.orgqr", marks=check("ops.linalg.householder")),
    pytest.param(Case("orgqr(*geqrf(A))", _tall_general, lambda xp, A: (lambda a, tau: (a, xp.orgqr(a, tau)))(*xp.geqrf(A)),
                      _householder_expect), id="orgqr", marks=check("ops.linalg.householder")),
    pytest.param(Case("ormqr(*geqrf(A), I)", _ormqr_inputs,
                      lambda xp, A, I: (lambda a, tau: (a, xp.ormqr(a, tau, I)))(*xp.geqrf(A)), _ormqr_expect),
                 id="ormqr", marks=check("ops.linalg.householder")),
    pytest.param(Case("a.ormqr(tau, A, transpose=True) of geqrf(A)", _tall_general,
                      lambda xp, A: (lambda a, tau: (a, a.ormqr(tau, A, transpose=True)))(*xp.geqrf(A)),
                      lambda arrays, a, r: [(" Q^H A", r, np.triu(a))]), id="Tensor.ormqr", marks=check("ops.linalg.householder")),
    pytest.param(Case("linalg.ldl_solve(*linalg.ldl_factor(A), B)", _sym_dominant_inputs,
                      lambda xp, a, b: xp.linalg.ldl_solve(*xp.linalg.ldl_factor(a), b), _solve_expect(True)),
                 id="ldl", marks=check("ops.linalg.ldl")),
    pytest.param(Case("linalg.ldl_factor_ex(A), then ldl_solve", _sym_dominant_inputs,
                      lambda xp, a, b: (lambda ld, piv, info: (xp.linalg.ldl_solve(ld, piv, b), info))(*xp.linalg.ldl_factor_ex(a)),
                      lambda arrays, x, info: _solve_expect(True)(arrays, x) + [(" info", info, np.zeros(info.shape))],
                      result_dtype=lambda d: (d, "int32")), id="ldl_factor_ex", marks=check("ops.linalg.ldl")),
    *[pytest.param(Case(f"pdist(p={p})", lambda data: [ints(data, (side(data, 1, 4, "N"), side(data, 1, 3, "M")), -5, 5)],
                        lambda xp, x, p=p: xp.pdist(x, p), values(lambda x, p=p: _pdist(x, p))), id=f"pdist-{p}",
                   marks=check("ops.pdist.condensed"))
      for p in (2, 1)],
    pytest.param(Case("pairwise_distance", _pairwise_inputs, lambda xp, a, b: xp.pairwise_distance(a, b),
                      values(lambda a, b: np.sqrt(((a - b + 1e-6) ** 2).sum(axis=-1)))), id="pairwise_distance",
                 marks=check("ops.pairwise-distance.rows")),
    pytest.param(Case("pairwise_distance(p=1)", _pairwise_inputs, lambda xp, a, b: xp.pairwise_distance(a, b, p=1),
                      values(lambda a, b: np.abs(a - b + 1e-6).sum(axis=-1))), id="pairwise_distance-1",
                 marks=check("ops.pairwise-distance.rows")),
    pytest.param(Case("Tensor.pinverse", lambda data: [tall(data)], lambda xp, a: a.pinverse(), _pinv_expect),
                 id="Tensor.pinverse", marks=check("ops.linalg.pinv")),
])(_check_row)
