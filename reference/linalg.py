"""reference.linalg, torch.linalg's counterpart (ops.linalg.* behaviours).

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


def _float_dtype(x: Tensor, dtype: D.dtype | None) -> D.dtype:
    if x.dtype.category < D.FLOAT and dtype is None:
        raise RuntimeError(f"linalg.vector_norm: Expected a floating point or complex tensor as input. Got {x.dtype}")
    return _real(dtype or x.dtype)


def vector_norm(x: Tensor, ord: Any = 2, dim: Any = None, keepdim: bool = False, *,  # noqa: A002
                dtype: D.dtype | None = None, out: Tensor | None = None) -> Tensor:
    target = _float_dtype(x, dtype)
    axis = tuple(range(x.ndim)) if dim is None else (dim,) if isinstance(dim, int) else tuple(dim)
    a = np.abs(x._a.astype(dtype.np if dtype else x._a.dtype))
    if ord == 0:
        value = np.count_nonzero(a, axis=axis, keepdims=keepdim).astype(a.dtype)
    else:
        value = np.linalg.vector_norm(a, axis=axis, keepdims=keepdim, ord=ord)
    return _wrap(value, x, target, out)


def matrix_norm(A: Tensor, ord: Any = "fro", dim: tuple[int, int] = (-2, -1), keepdim: bool = False, *,  # noqa: A002
                dtype: D.dtype | None = None, out: Tensor | None = None) -> Tensor:
    target = _float_dtype(A, dtype)
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
        return vector_norm(x, 2 if ord is None else ord, dim, keepdim, dtype=dtype, out=out)
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
