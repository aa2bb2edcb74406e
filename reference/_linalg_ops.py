"""Matrix and vector products beyond matmul (ops.mm.*, ops.mv.*, ops.vdot.*, ops.inner.*, ops.outer.*,
ops.einsum.*, ops.tensordot.*, ops.kron.*, ops.add*mm.*, ops.cross.*, ops.trace.*).

Each is NumPy's product of the same name computed in the operands' dtype; the operands must share
a dtype, as PyTorch's matrix kernels require. mm, bmm and dot check their operands' dims and defer to
matmul (which records autograd); the others record no backward.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from reference import _dtype as D
from reference._ops import check_device, finish, make, matmul
from reference._tensor import Tensor


def _same_dtype(name: str, *tensors: Tensor) -> D.dtype:
    dtypes = {t.dtype for t in tensors}
    if len(dtypes) > 1:
        raise RuntimeError(f"{name}: expected all operands to have the same dtype, but got {sorted(map(repr, dtypes))}")
    check_device(*tensors)
    return tensors[0].dtype


def _need(name: str, t: Tensor, ndim: int, what: str) -> None:
    if t.ndim != ndim:
        raise RuntimeError(f"{name}: {what} must be a {ndim}D tensor, but got a {t.ndim}D tensor")


def _product(name: str, array: Any, *operands: Tensor, out: Tensor | None = None) -> Tensor:
    return finish(make(array, _same_dtype(name, *operands), operands), out)


def mm(a: Tensor, b: Tensor, *, out: Tensor | None = None) -> Tensor:
    _need("mm", a, 2, "self"), _need("mm", b, 2, "mat2")
    return matmul(a, b, out=out)


def bmm(a: Tensor, b: Tensor, *, out: Tensor | None = None) -> Tensor:
    _need("bmm", a, 3, "batch1"), _need("bmm", b, 3, "batch2")
    if a.shape[0] != b.shape[0]:
        raise RuntimeError(f"batch1 and batch2 must have same number of batches, got {a.shape[0]} and {b.shape[0]}")
    return matmul(a, b, out=out)


def mv(a: Tensor, v: Tensor, *, out: Tensor | None = None) -> Tensor:
    _need("mv", a, 2, "input"), _need("mv", v, 1, "vec")
    return _product("mv", a._a @ v._a, a, v, out=out)


def dot(a: Tensor, b: Tensor, *, out: Tensor | None = None) -> Tensor:
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    return matmul(a, b, out=out)


def vdot(a: Tensor, b: Tensor, *, out: Tensor | None = None) -> Tensor:
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    return _product("vdot", np.vdot(a._a, b._a), a, b, out=out)


def inner(a: Tensor, b: Tensor, *, out: Tensor | None = None) -> Tensor:
    return _product("inner", np.inner(a._a, b._a), a, b, out=out)


def outer(a: Tensor, b: Tensor, *, out: Tensor | None = None) -> Tensor:
    _need("outer", a, 1, "input"), _need("outer", b, 1, "vec2")
    return _product("outer", np.outer(a._a, b._a), a, b, out=out)


def einsum(equation: str, *operands: Any) -> Tensor:
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    return _product("einsum", np.einsum(equation.replace(" ", ""), *(t._a for t in operands)), *operands)


def tensordot(a: Tensor, b: Tensor, dims: Any = 2, out: Tensor | None = None) -> Tensor:
    axes = dims if isinstance(dims, int) else tuple(list(d) if isinstance(d, (list, tuple)) else [d] for d in dims)
    return _product("tensordot", np.tensordot(a._a, b._a, axes=axes), a, b, out=out)


def kron(a: Tensor, b: Tensor, *, out: Tensor | None = None) -> Tensor:
    return _product("kron", np.kron(a._a, b._a), a, b, out=out)


def _scaled_sum(name: str, base: Tensor, product: np.ndarray, beta: Any, alpha: Any, operands: Sequence[Tensor],
                out: Tensor | None) -> Tensor:
    """beta * input + alpha * product; beta = 0 ignores input (nan and inf in it included)."""
    dtype = _same_dtype(name, base, *operands)
    scaled = alpha * product
    value = scaled + np.zeros_like(base._a) if beta == 0 else beta * base._a + scaled
    return finish(make(np.broadcast_to(value, product.shape), dtype, (base, *operands)), out)


def addmm(input: Tensor, mat1: Tensor, mat2: Tensor, *, beta: Any = 1, alpha: Any = 1,  # noqa: A002
          out: Tensor | None = None) -> Tensor:
    _need("addmm", mat1, 2, "mat1"), _need("addmm", mat2, 2, "mat2")
    return _scaled_sum("addmm", input, mat1._a @ mat2._a, beta, alpha, (mat1, mat2), out)


def addmv(input: Tensor, mat: Tensor, vec: Tensor, *, beta: Any = 1, alpha: Any = 1,  # noqa: A002
          out: Tensor | None = None) -> Tensor:
    _need("addmv", mat, 2, "mat"), _need("addmv", vec, 1, "vec")
    return _scaled_sum("addmv", input, mat._a @ vec._a, beta, alpha, (mat, vec), out)


def addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1, alpha: Any = 1,  # noqa: A002
           out: Tensor | None = None) -> Tensor:
    _need("addbmm", batch1, 3, "batch1"), _need("addbmm", batch2, 3, "batch2")
    return _scaled_sum("addbmm", input, (batch1._a @ batch2._a).sum(axis=0), beta, alpha, (batch1, batch2), out)


def baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1, alpha: Any = 1,  # noqa: A002
            out: Tensor | None = None) -> Tensor:
    _need("baddbmm", batch1, 3, "batch1"), _need("baddbmm", batch2, 3, "batch2")
    return _scaled_sum("baddbmm", input, batch1._a @ batch2._a, beta, alpha, (batch1, batch2), out)


def cross(a: Tensor, b: Tensor, dim: int | None = None, *, out: Tensor | None = None) -> Tensor:
    """dim=None: the first dim of size 3 (torch.cross's documented default)."""
    shape = np.broadcast_shapes(a._a.shape, b._a.shape)
    if dim is None:
        dim = next(i for i, size in enumerate(shape) if size == 3)
    if shape[dim] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got {shape[dim]}")
    return _product("cross", np.cross(a._a, b._a, axis=dim), a, b, out=out)


def trace(a: Tensor) -> Tensor:
    """The diagonal sum; integer and bool inputs sum to int64, as sum does."""
    _need("trace", a, 2, "input")
    dtype = D.int64 if a.dtype.category <= D.INT else a.dtype
    return make(np.trace(a._a, dtype=dtype.np), dtype, (a,))


for _name in ("mm", "bmm", "mv", "dot", "vdot", "inner", "outer", "kron", "addmm", "addmv", "addbmm", "baddbmm",
              "cross", "trace"):
    setattr(Tensor, _name, globals()[_name])


def addr(input: Tensor, vec1: Tensor, vec2: Tensor, *, beta: Any = 1, alpha: Any = 1,  # noqa: A002
         out: Tensor | None = None) -> Tensor:
    _need("addr", vec1, 1, "vec1"), _need("addr", vec2, 1, "vec2")
    return _scaled_sum("addr", input, np.outer(vec1._a, vec2._a), beta, alpha, (vec1, vec2), out)


def dist(input: Tensor, other: Tensor, p: float = 2) -> Tensor:  # noqa: A002
    """The p-norm of input - other (broadcast), flattened."""
    diff = np.abs(input._a - other._a).reshape(-1)
    value = (diff != 0).sum() if p == 0 else diff.max(initial=0) if p == np.inf else (diff ** p).sum() ** (1 / p)
    return make(value, _same_dtype("dist", input, other), (input, other))


def cdist(x1: Tensor, x2: Tensor, p: float = 2.0, compute_mode: str = "") -> Tensor:
    """Pairwise p-norm distances between the rows of x1 and of x2 (batched)."""
    diff = np.abs(x1._a[..., :, None, :] - x2._a[..., None, :, :])
    value = diff.max(axis=-1, initial=0) if p == np.inf else (diff ** p).sum(axis=-1) ** (1 / p)
    return make(value, _same_dtype("cdist", x1, x2), (x1, x2))


def vander(x: Tensor, N: int | None = None, increasing: bool = False) -> Tensor:
    n = x.shape[0] if N is None else N
    powers = np.arange(n) if increasing else np.arange(n)[::-1]
    return make(x._a[:, None] ** powers, x.dtype, (x,))


def _inplace_of(fn: Any) -> Any:
    def method(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        from reference._ops import inplace

        return inplace(self, fn(self, *args, **kwargs))
    return method


for _name in ("addr", "dist"):
    setattr(Tensor, _name, globals()[_name])
for _name in ("addmm", "addmv", "addbmm", "baddbmm", "addr"):
    setattr(Tensor, _name + "_", _inplace_of(globals()[_name]))
Tensor.__rmatmul__ = lambda self, other: matmul(other, self)


def pdist(input: Tensor, p: float = 2) -> Tensor:  # noqa: A002
    """Distances between rows i < j of an (N, M) input, in row-major order of the pairs."""
    rows, cols = np.triu_indices(input.shape[0], 1)
    diff = np.abs(input._a[rows] - input._a[cols])
    value = diff.max(axis=-1, initial=0) if p == np.inf else (diff ** p).sum(axis=-1) ** (1 / p)
    return make(value, input.dtype, (input,))


def pairwise_distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> Tensor:
    """||x1 - x2 + eps||_p over the last dim."""
    diff = np.abs(x1._a - x2._a + eps)
    value = diff.max(axis=-1, keepdims=keepdim) if p == np.inf else (diff ** p).sum(axis=-1, keepdims=keepdim) ** (1 / p)
    return make(value, _same_dtype("pairwise_distance", x1, x2), (x1, x2))

