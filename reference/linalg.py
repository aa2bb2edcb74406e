"""reference.linalg, torch.linalg's counterpart (ops.linalg.* behaviours; vector_norm is ops.reduce.vector-norm's).

Every function is NumPy's ``numpy.linalg`` routine of the same meaning, over the last two dims with
batch dims in front, returning tensors in the input's dtype (norms, singular values and
eigenvalues in the matching real dtype; ranks in int64). No autograd is recorded.
"""
from __future__ import annotations

from collections import namedtuple
from typing import Any

import numpy as np

from reference import _dtype as D
from reference._linalg_ops import cross as _cross
from reference._ops import finish, make
from reference._reductions import vector_norm  # linalg.vector_norm is the reductions family's
from reference._tensor import Tensor

slogdet_result = namedtuple("slogdet_result", "sign logabsdet")
qr_result = namedtuple("qr_result", "Q R")
svd_result = namedtuple("svd_result", "U S Vh")
eigh_result = namedtuple("eigh_result", "eigenvalues eigenvectors")
lstsq_result = namedtuple("lstsq_result", "solution residuals rank singular_values")


def _real(dtype: D.dtype) -> D.dtype:
    return {D.complex64: D.float32, D.complex128: D.float64}.get(dtype, dtype)


def _square(name: str, A: Tensor) -> None:
    if A.ndim < 2 or A.shape[-1] != A.shape[-2]:
        raise RuntimeError(f"linalg.{name}: A must be batches of square matrices, but they are "
                           f"{A.shape[-2] if A.ndim > 1 else 1} by {A.shape[-1] if A.ndim else 1} matrices")


def _wrap(array: Any, A: Tensor, dtype: D.dtype | None = None, out: Tensor | None = None) -> Tensor:
    return finish(make(array, dtype or A.dtype, (A,)), out)


def matrix_norm(A: Tensor, ord: Any = "fro", dim: tuple[int, int] = (-2, -1), keepdim: bool = False, *,  # noqa: A002
                dtype: D.dtype | None = None, out: Tensor | None = None) -> Tensor:
    target = _real(dtype or A.dtype)
    a = np.moveaxis(A._a, tuple(dim), (-2, -1))
    value = np.linalg.matrix_norm(a, keepdims=keepdim, ord=ord)
    if keepdim:
        value = np.moveaxis(value, (-2, -1), tuple(dim))
    return _wrap(value, A, target, out)


def norm(x: Tensor, ord: Any = None, dim: Any = None, keepdim: bool = False, *,  # noqa: A002
         out: Tensor | None = None, dtype: D.dtype | None = None) -> Tensor:
    """A vector norm for an int dim or a 1-D input, a matrix norm for a 2-tuple dim or a 2-D input with ord;
    ord and dim both None: the 2-norm of the flattened input."""
    if isinstance(dim, int) or (dim is not None and len(dim) == 1) or (dim is None and (ord is None or x.ndim == 1)):
        return finish(vector_norm(x, 2 if ord is None else ord, dim, keepdim, dtype=dtype), out)
    if dim is None and x.ndim != 2:
        raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {x.ndim}D.")
    return matrix_norm(x, "fro" if ord is None else ord, (-2, -1) if dim is None else dim, keepdim, dtype=dtype,
                       out=out)


def det(A: Tensor, *, out: Tensor | None = None) -> Tensor:
    _square("det", A)
    return _wrap(np.linalg.det(A._a), A, out=out)


def slogdet(A: Tensor, *, out: Any = None) -> slogdet_result:
    _square("slogdet", A)
    sign, logabsdet = np.linalg.slogdet(A._a)
    return slogdet_result(_wrap(sign, A), _wrap(logabsdet, A, _real(A.dtype)))


def inv(A: Tensor, *, out: Tensor | None = None) -> Tensor:
    _square("inv", A)
    return _wrap(np.linalg.inv(A._a), A, out=out)


def solve(A: Tensor, B: Tensor, *, left: bool = True, out: Tensor | None = None) -> Tensor:
    """B may be a batch of vectors (B.ndim == 1, or B.ndim == A.ndim - 1 with matching batch dims)."""
    _square("solve", A)
    if not left:
        return _wrap(np.swapaxes(np.linalg.solve(np.swapaxes(A._a, -1, -2), np.swapaxes(B._a, -1, -2)), -1, -2), A,
                     out=out)
    vector = B.ndim == 1 or (B.ndim == A.ndim - 1 and B.shape[:-1] == A.shape[:-2])
    b = B._a[..., None] if vector else B._a
    x = np.linalg.solve(A._a, b)
    return _wrap(x[..., 0] if vector else x, A, out=out)


def cholesky(A: Tensor, *, upper: bool = False, out: Tensor | None = None) -> Tensor:
    _square("cholesky", A)
    try:
        L = np.linalg.cholesky(A._a)
    except np.linalg.LinAlgError as exc:
        raise RuntimeError("linalg.cholesky: The factorization could not be completed because the input is not "
                           "positive-definite.") from exc
    return _wrap(np.conj(np.swapaxes(L, -1, -2)) if upper else L, A, out=out)


def qr(A: Tensor, mode: str = "reduced", *, out: Any = None) -> qr_result:
    if mode == "r":
        return qr_result(_wrap(np.zeros(0), A), _wrap(np.linalg.qr(A._a, mode="r"), A))
    Q, R = np.linalg.qr(A._a, mode=mode)
    return qr_result(_wrap(Q, A), _wrap(R, A))


def svd(A: Tensor, full_matrices: bool = True, *, driver: Any = None, out: Any = None) -> svd_result:
    U, S, Vh = np.linalg.svd(A._a, full_matrices=full_matrices)
    return svd_result(_wrap(U, A), _wrap(S, A, _real(A.dtype)), _wrap(Vh, A))


def svdvals(A: Tensor, *, driver: Any = None, out: Tensor | None = None) -> Tensor:
    return _wrap(np.linalg.svd(A._a, compute_uv=False), A, _real(A.dtype), out)


def eigh(A: Tensor, UPLO: str = "L", *, out: Any = None) -> eigh_result:
    _square("eigh", A)
    L, V = np.linalg.eigh(A._a, UPLO=UPLO)
    return eigh_result(_wrap(L, A, _real(A.dtype)), _wrap(V, A))


def eigvalsh(A: Tensor, UPLO: str = "L", *, out: Tensor | None = None) -> Tensor:
    _square("eigvalsh", A)
    return _wrap(np.linalg.eigvalsh(A._a, UPLO=UPLO), A, _real(A.dtype), out)


def _cutoff(S: np.ndarray, shape: tuple[int, ...], dtype: D.dtype, atol: Any, rtol: Any) -> np.ndarray:
    """max(atol, rtol * largest singular value); rtol defaults to eps * max(m, n) when atol is not positive."""
    atol = 0.0 if atol is None else atol
    if rtol is None:
        rtol = 0.0 if atol > 0 else np.finfo(_real(dtype).np).eps * max(shape[-2:])
    largest = S.max(axis=-1, keepdims=True) if S.shape[-1] else np.zeros(S.shape[:-1] + (1,))
    return np.maximum(atol, rtol * largest)


def pinv(A: Tensor, *, atol: Any = None, rtol: Any = None, hermitian: bool = False,
         out: Tensor | None = None) -> Tensor:
    U, S, Vh = np.linalg.svd(A._a, full_matrices=False)
    keep = S > _cutoff(S, A.shape, A.dtype, atol, rtol)
    S_inv = np.where(keep, 1 / np.where(keep, S, 1), 0)
    value = np.conj(np.swapaxes(Vh, -1, -2)) @ (S_inv[..., None] * np.conj(np.swapaxes(U, -1, -2)))
    return _wrap(value, A, out=out)


def matrix_rank(A: Tensor, *, atol: Any = None, rtol: Any = None, hermitian: bool = False,
                out: Tensor | None = None) -> Tensor:
    S = np.linalg.svd(A._a, compute_uv=False)
    return _wrap((S > _cutoff(S, A.shape, A.dtype, atol, rtol)).sum(axis=-1), A, D.int64, out)


def lstsq(A: Tensor, B: Tensor, rcond: Any = None, *, driver: Any = None) -> lstsq_result:
    """The minimum-norm least-squares solution, matrix by matrix over the batch dims."""
    vector = B.ndim == A.ndim - 1
    b = B._a[..., None] if vector else B._a
    batch = np.broadcast_shapes(A.shape[:-2], b.shape[:-2])
    a_all = np.broadcast_to(A._a, batch + A._a.shape[-2:]).reshape((-1,) + A._a.shape[-2:])
    b_all = np.broadcast_to(b, batch + b.shape[-2:]).reshape((-1,) + b.shape[-2:])
    x = np.stack([np.linalg.lstsq(a, y, rcond=rcond)[0] for a, y in zip(a_all, b_all)]) if a_all.shape[0] else \
        np.zeros((0, A.shape[-1], b.shape[-1]))
    x = x.reshape(batch + x.shape[-2:])
    empty = _wrap(np.zeros(0), A)
    return lstsq_result(_wrap(x[..., 0] if vector else x, A), empty, _wrap(np.zeros(0), A, D.int64), empty)


def matrix_power(A: Tensor, n: int, *, out: Tensor | None = None) -> Tensor:
    _square("matrix_power", A)
    return _wrap(np.linalg.matrix_power(A._a, n), A, out=out)


def cross(input: Tensor, other: Tensor, *, dim: int = -1, out: Tensor | None = None) -> Tensor:  # noqa: A002
    return _cross(input, other, dim, out=out)


def _method(fn: Any) -> Any:
    return lambda self, *args, **kwargs: fn(self, *args, **kwargs)


for _name, _fn in (("det", det), ("inverse", inv), ("matrix_power", matrix_power), ("slogdet", slogdet),
                   ("pinverse", pinv)):
    setattr(Tensor, _name, _method(_fn))


# -- more of torch.linalg ------------------------------------------------------------------------
ex_result = namedtuple("ex_result", "result info")
lu_factor_result = namedtuple("lu_factor_result", "LU pivots")
lu_result = namedtuple("lu_result", "P L U")
eig_result = namedtuple("eig_result", "eigenvalues eigenvectors")

_COMPLEX_OF = {D.float32: D.complex64, D.float64: D.complex128}


def matmul(input: Tensor, other: Tensor, *, out: Tensor | None = None) -> Tensor:  # noqa: A002
    from reference._ops import matmul as _matmul

    return _matmul(input, other, out=out)


def vecdot(x: Tensor, y: Tensor, *, dim: int = -1, out: Tensor | None = None) -> Tensor:
    return finish(make((np.conj(x._a) * y._a).sum(axis=dim), x.dtype, (x, y)), out)


def multi_dot(tensors: Any, *, out: Tensor | None = None) -> Tensor:
    """A first 1-D operand is a row, a last 1-D operand a column; those dims are dropped again."""
    arrays = [t._a for t in tensors]
    return finish(make(np.linalg.multi_dot(arrays), tensors[0].dtype, tuple(tensors)), out)


def diagonal(A: Tensor, *, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:
    from reference._views import diagonal as _diagonal

    return _diagonal(A, offset, dim1, dim2)


def solve_triangular(A: Tensor, B: Tensor, *, upper: bool, left: bool = True, unitriangular: bool = False,
                     out: Tensor | None = None) -> Tensor:
    """Only the named triangle of A is read; unitriangular takes its diagonal as ones."""
    t = np.triu(A._a) if upper else np.tril(A._a)
    if unitriangular:
        n = t.shape[-1]
        t = t * (1 - np.eye(n)) + np.eye(n)
    x = np.linalg.solve(t, B._a) if left else np.swapaxes(np.linalg.solve(np.swapaxes(t, -1, -2),
                                                                          np.swapaxes(B._a, -1, -2)), -1, -2)
    return _wrap(x, A, out=out)


def cond(A: Tensor, p: Any = None, *, out: Tensor | None = None) -> Tensor:
    return _wrap(np.linalg.cond(A._a, p), A, _real(A.dtype), out)


def vander(x: Tensor, *, N: int | None = None) -> Tensor:
    n = x.shape[-1] if N is None else N
    return make(x._a[..., None] ** np.arange(n), x.dtype, (x,))


def _ex(value: Tensor) -> ex_result:
    return ex_result(value, Tensor(np.zeros(value.shape[:-2], dtype=np.int32), D.int32, value.device))


def inv_ex(A: Tensor, *, check_errors: bool = False, out: Any = None) -> ex_result:
    return _ex(inv(A))


def cholesky_ex(A: Tensor, *, upper: bool = False, check_errors: bool = False, out: Any = None) -> ex_result:
    return _ex(cholesky(A, upper=upper))


def solve_ex(A: Tensor, B: Tensor, *, left: bool = True, check_errors: bool = False, out: Any = None) -> ex_result:
    return ex_result(solve(A, B, left=left), Tensor(np.zeros(A.shape[:-2], dtype=np.int32), D.int32, A.device))


def eig(A: Tensor, *, out: Any = None) -> eig_result:
    _square("eig", A)
    w, v = np.linalg.eig(A._a)
    target = _COMPLEX_OF.get(A.dtype, A.dtype)
    return eig_result(_wrap(w, A, target), _wrap(v, A, target))


def eigvals(A: Tensor, *, out: Any = None) -> Tensor:
    return eig(A).eigenvalues


def _lu_one(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Partial pivoting (LAPACK getrf): the packed LU, 1-based pivots, and the permutation P with P L U = a."""
    lu = a.astype(np.result_type(a, np.float64)).copy()
    m, n = lu.shape
    k = min(m, n)
    pivots = np.zeros(k, dtype=np.int32)
    order = np.arange(m)
    for j in range(k):
        p = j + int(np.argmax(np.abs(lu[j:, j])))
        pivots[j] = p + 1
        if p != j:
            lu[[j, p]] = lu[[p, j]]
            order[[j, p]] = order[[p, j]]
        if lu[j, j] != 0:
            lu[j + 1:, j] /= lu[j, j]
            lu[j + 1:, j + 1:] -= np.outer(lu[j + 1:, j], lu[j, j + 1:])
    perm = np.zeros((m, m))
    perm[order, np.arange(m)] = 1
    return lu, pivots, perm


def _batched_lu(A: Tensor) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    flat = A._a.reshape((-1,) + A._a.shape[-2:])
    parts = [_lu_one(a) for a in flat] or [(np.zeros(A._a.shape[-2:]), np.zeros(min(A._a.shape[-2:]), np.int32),
                                            np.eye(A._a.shape[-2]))]
    lu, piv, perm = (np.stack([p[i] for p in parts]) for i in range(3))
    batch = A._a.shape[:-2]
    return lu.reshape(batch + lu.shape[-2:]), piv.reshape(batch + piv.shape[-1:]), perm.reshape(batch + perm.shape[-2:])


def _unpack(lu: np.ndarray, perm: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, n = lu.shape[-2:]
    k = min(m, n)
    L = np.tril(lu[..., :, :k], -1) + np.eye(m, k)
    return perm, L, np.triu(lu[..., :k, :])


def lu_factor(A: Tensor, *, pivot: bool = True, out: Any = None) -> lu_factor_result:
    lu, piv, _ = _batched_lu(A)
    return lu_factor_result(_wrap(lu, A), Tensor(piv, D.int32, A.device))


def lu_factor_ex(A: Tensor, *, pivot: bool = True, check_errors: bool = False, out: Any = None) -> Any:
    LU, pivots = lu_factor(A)
    return namedtuple("lu_factor_ex_result", "LU pivots info")(LU, pivots, Tensor(
        np.zeros(A.shape[:-2], dtype=np.int32), D.int32, A.device))


def lu(A: Tensor, *, pivot: bool = True, out: Any = None) -> lu_result:
    lu_, _, perm = _batched_lu(A)
    P, L, U = _unpack(lu_, perm)
    return lu_result(_wrap(P, A), _wrap(L, A), _wrap(U, A))


def _permutation(pivots: np.ndarray, m: int) -> np.ndarray:
    """P with P L U = A from 1-based LAPACK row swaps (batched)."""
    flat = pivots.reshape(-1, pivots.shape[-1])
    perms = []
    for piv in flat:
        order = np.arange(m)
        for j, p in enumerate(piv):
            order[[j, p - 1]] = order[[p - 1, j]]
        perm = np.zeros((m, m))
        perm[order, np.arange(m)] = 1
        perms.append(perm)
    return np.stack(perms).reshape(pivots.shape[:-1] + (m, m))


def lu_solve(LU: Tensor, pivots: Tensor, B: Tensor, *, left: bool = True, adjoint: bool = False,
             out: Any = None) -> Tensor:
    P, L, U = _unpack(LU._a, _permutation(pivots._a, LU.shape[-2]))
    A = P @ L @ U
    A = np.conj(np.swapaxes(A, -1, -2)) if adjoint else A
    x = np.linalg.solve(A, B._a) if left else np.swapaxes(np.linalg.solve(np.swapaxes(A, -1, -2),
                                                                          np.swapaxes(B._a, -1, -2)), -1, -2)
    return _wrap(x, LU, out=out)


def lu_unpack(LU_data: Tensor, LU_pivots: Tensor, unpack_data: bool = True, unpack_pivots: bool = True) -> lu_result:
    P, L, U = _unpack(LU_data._a, _permutation(LU_pivots._a, LU_data.shape[-2]))
    return lu_result(_wrap(P, LU_data), _wrap(L, LU_data), _wrap(U, LU_data))


def matrix_exp(A: Tensor) -> Tensor:
    """Scaling and squaring around a Taylor series."""
    a = A._a.astype(np.result_type(A._a, np.float64))
    norm = np.abs(a).sum(axis=-2).max() if a.size else 0.0
    squarings = max(0, int(np.ceil(np.log2(norm / 0.25)))) if norm > 0.25 else 0
    a = a / 2 ** squarings
    term = np.broadcast_to(np.eye(a.shape[-1]), a.shape).copy()
    total = term.copy()
    for k in range(1, 30):
        term = term @ a / k
        total = total + term
    for _ in range(squarings):
        total = total @ total
    return _wrap(total, A)


def tensorinv(A: Tensor, ind: int = 2, *, out: Any = None) -> Tensor:
    return _wrap(np.linalg.tensorinv(A._a, ind=ind), A, out=out)


def tensorsolve(A: Tensor, B: Tensor, dims: Any = None, *, out: Any = None) -> Tensor:
    return _wrap(np.linalg.tensorsolve(A._a, B._a, axes=dims), A, out=out)


def logdet(A: Tensor) -> Tensor:
    """log(det(A)): nan for a negative determinant, -inf for a zero one."""
    with np.errstate(all="ignore"):
        return _wrap(np.log(np.linalg.det(A._a).astype(np.result_type(A._a, np.float64))), A)


def cholesky_solve(B: Tensor, L: Tensor, upper: bool = False, *, out: Any = None) -> Tensor:
    lower = np.conj(np.swapaxes(L._a, -1, -2)) if upper else L._a
    return _wrap(np.linalg.solve(lower @ np.conj(np.swapaxes(lower, -1, -2)), B._a), B, out=out)


def cholesky_inverse(L: Tensor, upper: bool = False, *, out: Any = None) -> Tensor:
    lower = np.conj(np.swapaxes(L._a, -1, -2)) if upper else L._a
    return _wrap(np.linalg.inv(lower @ np.conj(np.swapaxes(lower, -1, -2))), L, out=out)


for _name, _fn in (("logdet", logdet), ("matrix_exp", matrix_exp), ("cholesky_solve", cholesky_solve),
                   ("cholesky_inverse", cholesky_inverse)):
    setattr(Tensor, _name, _method(_fn))


# -- Householder QR and LDL^T --------------------------------------------------------------------------
geqrf_result = namedtuple("geqrf_result", "a tau")
ldl_factor_result = namedtuple("ldl_factor_result", "LD pivots")


def _geqrf_one(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LAPACK geqrf: R on and above the diagonal, reflector vectors v (v[0] = 1 implied) below, H = I - tau v v^H."""
    a = a.astype(np.result_type(a, np.float64)).copy()
    m, n = a.shape
    tau = np.zeros(min(m, n), dtype=a.dtype)
    for j in range(min(m, n)):
        x = a[j:, j].copy()
        norm = np.linalg.norm(x)
        if norm == 0 or (len(x) == 1 and np.isrealobj(x)):
            continue
        beta = -np.copysign(norm, x[0].real)
        v = x / (x[0] - beta)
        v[0] = 1
        tau[j] = (beta - x[0]) / beta
        a[j:, j:] -= tau[j] * np.outer(v, np.conj(v) @ a[j:, j:])
        a[j, j], a[j + 1:, j] = beta, v[1:]
    return a, tau


def _reflectors(a: np.ndarray, tau: np.ndarray, c: np.ndarray) -> np.ndarray:
    """H_1 H_2 ... H_k @ c, the reflectors read from below a's diagonal."""
    c = c.astype(np.result_type(c, a, np.float64)).copy()
    for j in reversed(range(len(tau))):
        v = np.concatenate([[1.0], a[j + 1:, j]])
        c[j:] -= tau[j] * np.outer(v, np.conj(v) @ c[j:])
    return c


def _per_matrix(fn: Any, *arrays: np.ndarray) -> list[np.ndarray]:
    batch = np.broadcast_shapes(*(x.shape[:-2] if x.ndim > 1 else () for x in arrays[:1]))
    flat = [x.reshape((-1,) + x.shape[len(batch):]) for x in arrays]
    results = [fn(*parts) for parts in zip(*flat)]
    outs = results[0] if isinstance(results[0], tuple) else (results[0],)
    return [np.stack([r[i] if isinstance(r, tuple) else r for r in results]).reshape(batch + outs[i].shape)
            for i in range(len(outs))]


def geqrf(A: Tensor, *, out: Any = None) -> geqrf_result:
    a, tau = _per_matrix(_geqrf_one, A._a)
    return geqrf_result(_wrap(a, A), _wrap(tau, A))


def householder_product(A: Tensor, tau: Tensor, *, out: Tensor | None = None) -> Tensor:
    """The first n columns of H_1 ... H_k, for an (m, n) A with m >= n."""
    m, n = A.shape[-2:]
    (q,) = _per_matrix(lambda a, t: _reflectors(a, t, np.eye(m, n)), A._a, tau._a)
    return _wrap(q, A, out=out)


def ormqr(input: Tensor, tau: Tensor, other: Tensor, left: bool = True, transpose: bool = False, *,  # noqa: A002
          out: Any = None) -> Tensor:
    m = input.shape[-2]
    (q,) = _per_matrix(lambda a, t: _reflectors(a, t, np.eye(m)), input._a, tau._a)
    q = np.conj(np.swapaxes(q, -1, -2)) if transpose else q
    return _wrap(q @ other._a if left else other._a @ q, input)


def ldl_factor_ex(A: Tensor, *, hermitian: bool = False, check_errors: bool = False, out: Any = None) -> Any:
    """LDL^T without pivoting (every pivot a 1x1 block, pivots[i] = i + 1): L's strict lower part and D's
    diagonal packed in one matrix."""
    def factor(a: np.ndarray) -> np.ndarray:
        n = a.shape[-1]
        L, d = np.eye(n), np.zeros(n)
        for j in range(n):
            d[j] = a[j, j] - (L[j, :j] ** 2 * d[:j]).sum()
            for i in range(j + 1, n):
                L[i, j] = (a[i, j] - (L[i, :j] * L[j, :j] * d[:j]).sum()) / d[j]
        return np.tril(L, -1) + np.diag(d)
    (ld,) = _per_matrix(factor, A._a)
    pivots = np.broadcast_to(np.arange(1, A.shape[-1] + 1, dtype=np.int32), A.shape[:-1]).copy()
    info = np.zeros(A.shape[:-2], dtype=np.int32)
    return namedtuple("ldl_factor_ex_result", "LD pivots info")(_wrap(ld, A), Tensor(pivots, D.int32, A.device),
                                                                Tensor(info, D.int32, A.device))


def ldl_factor(A: Tensor, *, hermitian: bool = False, out: Any = None) -> ldl_factor_result:
    LD, pivots, _ = ldl_factor_ex(A, hermitian=hermitian)
    return ldl_factor_result(LD, pivots)


def ldl_solve(LD: Tensor, pivots: Tensor, B: Tensor, *, hermitian: bool = False, out: Any = None) -> Tensor:
    n = LD.shape[-1]
    L = np.tril(LD._a, -1) + np.eye(n)
    d = np.diagonal(LD._a, 0, -2, -1)
    return _wrap(np.linalg.solve((L * d[..., None, :]) @ np.swapaxes(L, -1, -2), B._a), LD, out=out)


orgqr = householder_product

for _name, _fn in (("geqrf", geqrf), ("orgqr", orgqr), ("ormqr", ormqr)):
    setattr(Tensor, _name, _method(_fn))
