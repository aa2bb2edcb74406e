"""View ops: the result shares memory and the version counter with its input (view.* behaviours).

Each view is a NumPy view of the input's array; its backward maps the gradient back to
the input's shape with Tensor ops (so it is recorded under create_graph,
autograd.grad.higher-order). Selections scatter the gradient into zeros with ``_embed``,
whose own backward is the selection again.
"""
from __future__ import annotations

import builtins
from typing import Any, Callable, Sequence

import numpy as np

from reference import _dtype as D
from reference._ops import make
from reference._tensor import Size, Tensor, _wrap_dim
from reference import _grad_mode as grad_mode
from reference._graph import Node
from reference._warnings import warn_once


def view_of(x: Tensor, array: np.ndarray, name: str, backward: Callable[[Tensor], Any],
            dtype: D.dtype | None = None, kind: type[Tensor] = Tensor) -> Tensor:
    """A ``kind`` tensor viewing ``array`` (memory of ``x``), sharing x's version counter."""
    out = kind(array, dtype or x.dtype, x.device, version=x._version)
    out._base = x
    if grad_mode.is_grad_enabled() and x.requires_grad:
        out.grad_fn = Node(name, (x,), lambda g: (backward(g),))
        out._requires_grad = True
    return out


def _shape_args(shape: Sequence[Any]) -> tuple[int, ...]:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list, Size)):
        shape = tuple(shape[0])
    return tuple(int(s) for s in shape)


def infer_shape(shape: Sequence[int], numel: int) -> tuple[int, ...]:
    """One -1 is inferred from the rest; sizes must keep numel (view.infer.*)."""
    shape = list(shape)
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = 1
    for s in shape:
        if s != -1:
            if s < 0:
                raise RuntimeError(f"invalid shape dimension {s}")
            known *= s
    if -1 in shape:
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{shape}' is invalid for input of size {numel}")
        shape[shape.index(-1)] = numel // known
    elif known != numel:
        raise RuntimeError(f"shape '{shape}' is invalid for input of size {numel}")
    return tuple(shape)


def view_strides(size: tuple[int, ...], stride: tuple[int, ...], new: tuple[int, ...]) -> tuple[int, ...] | None:
    """Strides for ``new`` over the same memory, or None when the documented rule forbids a view.

    Each new dim must lie inside one old dim or span old dims d..d+k that are
    contiguous with each other (stride[i] == stride[i+1] * size[i+1]).
    """
    numel = int(np.prod(size, dtype=np.int64)) if size else 1
    if numel == 0 or not size:
        return _contiguous_strides(new)
    new_strides = [0] * len(new)
    view_d = len(new) - 1
    chunk_base_stride = stride[-1]
    tensor_numel, view_numel = 1, 1
    for tensor_d in range(len(size) - 1, -1, -1):
        tensor_numel *= size[tensor_d]
        if tensor_d == 0 or (size[tensor_d - 1] != 1 and stride[tensor_d - 1] != tensor_numel * chunk_base_stride):
            while view_d >= 0 and (view_numel < tensor_numel or new[view_d] == 1):
                new_strides[view_d] = view_numel * chunk_base_stride
                view_numel *= new[view_d]
                view_d -= 1
            if view_numel != tensor_numel:
                return None
            if tensor_d > 0:
                chunk_base_stride = stride[tensor_d - 1]
                tensor_numel, view_numel = 1, 1
    if view_d != -1:
        return None
    return tuple(new_strides)


def _contiguous_strides(shape: Sequence[int]) -> tuple[int, ...]:
    strides, acc = [], 1
    for s in reversed(shape):
        strides.append(acc)
        acc *= builtins.max(s, 1)
    return tuple(reversed(strides))


def _strided(x: Tensor, shape: Sequence[int], strides: Sequence[int]) -> np.ndarray:
    """x's memory seen with another shape and element strides."""
    itemsize = x._a.itemsize
    return np.lib.stride_tricks.as_strided(x._a, shape=tuple(shape), strides=tuple(s * itemsize for s in strides),
                                           writeable=x._a.flags.writeable)


def view(x: Tensor, *shape: Any) -> Tensor:
    if len(shape) == 1 and isinstance(shape[0], D.dtype):
        return view_dtype(x, shape[0])
    new = infer_shape(_shape_args(shape), x.numel())
    strides = view_strides(tuple(x.shape), x.stride(), new)
    if strides is None:
        raise RuntimeError("view size is not compatible with input tensor's size and stride (at least one dimension "
                           "spans across two contiguous subspaces). Use .reshape(...) instead.")
    old = x._a.shape
    return view_of(x, _strided(x, new, strides), "ViewBackward0", lambda g: reshape(g, old))


def _unit_last_stride(x: Tensor) -> bool:
    """stride(-1) == 1; NumPy keeps no strides for an empty array, which PyTorch creates row-major."""
    return x.numel() == 0 or x.stride(-1) == 1


def view_dtype(x: Tensor, dtype: D.dtype) -> Tensor:
    """Reinterpret the bytes; a different element size rescales the last dim, which needs a non-0-dim x
    whose last dim has stride 1 and a byte count the new element size divides (view.view.dtype-reinterpret)."""
    if dtype.itemsize != x.dtype.itemsize:
        if x.ndim == 0:
            raise RuntimeError("self.dim() cannot be 0 to view a tensor as a dtype with a different element size")
        if not _unit_last_stride(x):
            raise RuntimeError("self.stride(-1) must be 1 to view a tensor as a dtype with a different element size")
        if x._a.shape[-1] * x.dtype.itemsize % dtype.itemsize:
            raise RuntimeError(f"self.size(-1) must be divisible by {dtype.itemsize // x.dtype.itemsize} to view "
                               f"{x.dtype} as {dtype} (different element sizes), but got {x._a.shape[-1]}")
    if x.dtype is D.bfloat16 or dtype is D.bfloat16:
        raise RuntimeError("bfloat16 reinterpretation is not supported by the reference backend")
    return view_of(x, x._a.view(dtype.np), "ViewBackward0", lambda g: g, dtype=dtype)


def view_as(x: Tensor, other: Tensor) -> Tensor:
    return view(x, tuple(other.shape))


def reshape(x: Tensor, *shape: Any) -> Tensor:
    """A view when the strides allow one, otherwise a copy."""
    new = infer_shape(_shape_args(shape), x.numel())
    if view_strides(tuple(x.shape), x.stride(), new) is not None:
        return view(x, new)
    old = x._a.shape
    return make(np.reshape(x._a, new).copy(), x.dtype, (x,), "ReshapeAlias", lambda g: (reshape(g, old),))


def reshape_as(x: Tensor, other: Tensor) -> Tensor:
    return reshape(x, tuple(other.shape))


def flatten(x: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    if x.ndim == 0:
        return reshape(x, (1,))
    s, e = _wrap_dim(start_dim, x.ndim), _wrap_dim(end_dim, x.ndim)
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    shape = tuple(x.shape)
    return reshape(x, shape[:s] + (int(np.prod(shape[s:e + 1], dtype=np.int64)),) + shape[e + 1:])


def unflatten(x: Tensor, dim: int, sizes: Sequence[int]) -> Tensor:
    d = _wrap_dim(dim, x.ndim)
    shape = tuple(x.shape)
    inner = infer_shape(tuple(sizes), shape[d])
    return view(x, shape[:d] + inner + shape[d + 1:])


def squeeze(x: Tensor, dim: Any = None) -> Tensor:
    """Drop size-1 dims (all, or those named); a named dim of another size is left alone."""
    old = x._a.shape
    if dim is None:
        axes = tuple(i for i, s in enumerate(old) if s == 1)
    else:
        dims = (dim,) if isinstance(dim, int) else tuple(dim)
        axes = tuple(sorted({_wrap_dim(d, x.ndim) for d in dims if x.ndim and old[_wrap_dim(d, x.ndim)] == 1}))
        if x.ndim == 0:
            for d in dims:
                _wrap_dim(d, 0)
    return view_of(x, np.squeeze(x._a, axis=axes), "SqueezeBackward0", lambda g: reshape(g, old))


def unsqueeze(x: Tensor, dim: int) -> Tensor:
    """A negative dim counts from the end of the output."""
    d = _wrap_dim(dim, x.ndim + 1)
    return view_of(x, np.expand_dims(x._a, d), "UnsqueezeBackward0", lambda g: squeeze(g, d))


def transpose(x: Tensor, dim0: int, dim1: int) -> Tensor:
    if x.ndim == 0:
        return view_of(x, x._a.view(), "TransposeBackward0", lambda g: g)
    a, b = _wrap_dim(dim0, x.ndim), _wrap_dim(dim1, x.ndim)
    return view_of(x, np.swapaxes(x._a, a, b), "TransposeBackward0", lambda g: transpose(g, a, b))


swapaxes = swapdims = transpose


def t(x: Tensor) -> Tensor:
    if x.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x.ndim}D")
    return transpose(x, 0, 1) if x.ndim == 2 else view_of(x, x._a.view(), "TBackward0", lambda g: g)


def permute(x: Tensor, *dims: Any) -> Tensor:
    order = tuple(_wrap_dim(d, x.ndim) for d in _shape_args(dims))
    if sorted(order) != list(range(x.ndim)):
        raise RuntimeError("permute(): dims must be a permutation of the tensor's dimensions")
    inverse = tuple(np.argsort(order))
    return view_of(x, np.transpose(x._a, order), "PermuteBackward0", lambda g: permute(g, inverse))


def movedim(x: Tensor, source: Any, destination: Any) -> Tensor:
    src = [source] if isinstance(source, int) else list(source)
    dst = [destination] if isinstance(destination, int) else list(destination)
    moved = np.moveaxis(x._a, src, dst)
    return view_of(x, moved, "PermuteBackward0", lambda g: movedim(g, dst, src))


def expand(x: Tensor, *sizes: Any) -> Tensor:
    """Stretch size-1 dims with stride 0; -1 keeps a dim; new leading dims may not be -1."""
    sizes = _shape_args(sizes)
    if len(sizes) < x.ndim:
        raise RuntimeError(f"expand: the number of sizes provided ({len(sizes)}) must be greater or equal to the "
                           f"number of dimensions in the tensor ({x.ndim})")
    lead = len(sizes) - x.ndim
    target = []
    for i, s in enumerate(sizes):
        if i < lead:
            if s < 0:
                raise RuntimeError(f"The expanded size of the tensor ({s}) isn't allowed in a leading, "
                                   "non-existing dimension 0")
            target.append(s)
            continue
        old = x._a.shape[i - lead]
        if s == -1:
            s = old
        if old != s and old != 1:
            raise RuntimeError(f"The expanded size of the tensor ({s}) must match the existing size ({old}) at "
                               f"non-singleton dimension {i}.  Target sizes: {list(sizes)}.  Tensor sizes: "
                               f"{list(x._a.shape)}")
        target.append(s)
    shape = x._a.shape
    array = np.broadcast_to(x._a, tuple(target))
    if x._a.flags.writeable:
        array = np.lib.stride_tricks.as_strided(x._a, array.shape, array.strides, writeable=True)
    from reference._ops import sum_to

    return view_of(x, array, "ExpandBackward0", lambda g: sum_to(g, shape))


def expand_as(x: Tensor, other: Tensor) -> Tensor:
    return expand(x, tuple(other.shape))


def narrow(x: Tensor, dim: int, start: int, length: int) -> Tensor:
    d = _wrap_dim(dim, x.ndim)
    index = [slice(None)] * x.ndim
    index[d] = slice(start, start + length)
    return basic_index(x, tuple(index))


def select(x: Tensor, dim: int, index: int) -> Tensor:
    d = _wrap_dim(dim, x.ndim)
    key = [slice(None)] * x.ndim
    key[d] = index
    return basic_index(x, tuple(key))


def _writable_diagonal(array: np.ndarray, offset: int, dim1: int, dim2: int) -> np.ndarray:
    """NumPy's diagonal view, writable when ``array`` is (NumPy hands diagonals out read-only)."""
    diag = np.diagonal(array, offset, dim1, dim2)
    diag.flags.writeable = array.flags.writeable
    return diag


def diagonal(x: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    a, b = _wrap_dim(dim1, x.ndim), _wrap_dim(dim2, x.ndim)
    array = _writable_diagonal(x._a, offset, a, b)
    shape = x._a.shape

    def place(zeros: np.ndarray, g: np.ndarray) -> None:
        _writable_diagonal(zeros, offset, a, b)[...] = g

    return view_of(x, array, "DiagonalBackward0",
                   lambda g: _embed(g, shape, place, lambda gg: diagonal(gg, offset, dim1, dim2)))


def unfold(x: Tensor, dimension: int, size: int, step: int) -> Tensor:
    d = _wrap_dim(dimension, x.ndim) if x.ndim else 0
    n = (x._a.shape[d] - size) // step + 1 if x.ndim else 1
    shape = list(x._a.shape)
    strides = list(x._a.strides)
    shape[d] = n
    strides[d] = x._a.strides[d] * step if x.ndim else 0
    shape.append(size)
    strides.append(x._a.strides[d] if x.ndim else 0)
    array = np.lib.stride_tricks.as_strided(x._a, tuple(shape), tuple(strides), writeable=x._a.flags.writeable)
    old = x._a.shape

    def place(zeros: np.ndarray, g: np.ndarray) -> None:
        """Overlapping windows: every window adds its gradient into the elements it covers."""
        target = np.lib.stride_tricks.as_strided(zeros, tuple(shape), tuple(
            s // x._a.itemsize * zeros.itemsize for s in strides))
        for idx in np.ndindex(*shape):
            target[idx] += g[idx]

    return view_of(x, array, "UnfoldBackward0",
                   lambda g: _embed(g, old, place, lambda gg: unfold(gg, dimension, size, step)))


def split(x: Tensor, split_size_or_sections: Any, dim: int = 0) -> tuple[Tensor, ...]:
    d = _wrap_dim(dim, x.ndim)
    total = x._a.shape[d]
    if isinstance(split_size_or_sections, int):
        step = split_size_or_sections
        sizes = [builtins.min(step, total - i) for i in range(0, total, step)] or [0]
    else:
        sizes = list(split_size_or_sections)
        if builtins.sum(sizes) != total:
            raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {total} (input tensor's size "
                               f"at dimension {d}), but got split_sizes={sizes}")
    parts, start = [], 0
    for size in sizes:
        parts.append(narrow(x, d, start, size))
        start += size
    return tuple(parts)


def split_with_sizes(x: Tensor, split_sizes: Sequence[int], dim: int = 0) -> tuple[Tensor, ...]:
    return split(x, list(split_sizes), dim)


def chunk(x: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:
    d = _wrap_dim(dim, x.ndim)
    size = -(-x._a.shape[d] // chunks)
    return split(x, builtins.max(size, 1), d)


def tensor_split(x: Tensor, indices_or_sections: Any, dim: int = 0) -> tuple[Tensor, ...]:
    d = _wrap_dim(dim, x.ndim)
    total = x._a.shape[d]
    if isinstance(indices_or_sections, int):
        n = indices_or_sections
        bounds = [i * (total // n) + builtins.min(i, total % n) for i in range(n + 1)]
    else:
        bounds = [0] + [builtins.min(int(i), total) for i in indices_or_sections] + [total]
    return tuple(narrow(x, d, a, builtins.max(b - a, 0)) for a, b in zip(bounds, bounds[1:]))


def hsplit(x: Tensor, sections: Any) -> tuple[Tensor, ...]:
    return tensor_split(x, sections, 1 if x.ndim > 1 else 0)


def vsplit(x: Tensor, sections: Any) -> tuple[Tensor, ...]:
    return tensor_split(x, sections, 0)


def unbind(x: Tensor, dim: int = 0) -> tuple[Tensor, ...]:
    d = _wrap_dim(dim, x.ndim)
    return tuple(select(x, d, i) for i in range(x._a.shape[d]))


def as_strided(x: Tensor, size: Sequence[int], stride: Sequence[int], storage_offset: int = 0) -> Tensor:
    start = np.lib.stride_tricks.as_strided(x._a, shape=(1,), strides=(x._a.itemsize,))
    origin = start if storage_offset == 0 else np.lib.stride_tricks.as_strided(
        start, shape=(storage_offset + 1,), strides=(x._a.itemsize,))[storage_offset:]
    array = np.lib.stride_tricks.as_strided(origin, tuple(size), tuple(s * x._a.itemsize for s in stride),
                                            writeable=x._a.flags.writeable)
    return view_of(x, array, "AsStridedBackward0", lambda g: g)


def real(x: Tensor) -> Tensor:
    if x.dtype.category != D.COMPLEX:
        return x
    part = D.float64 if x.dtype is D.complex128 else D.float32
    return view_of(x, x._a.real, "RealBackward0", lambda g: g, dtype=part)  # the engine casts g to complex


def imag(x: Tensor) -> Tensor:
    if x.dtype.category != D.COMPLEX:
        raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")
    part = D.float64 if x.dtype is D.complex128 else D.float32
    return view_of(x, x._a.imag, "ImagBackward0", lambda g: g * 1j, dtype=part)


def view_as_real(x: Tensor) -> Tensor:
    if x.dtype.category != D.COMPLEX:
        raise RuntimeError("view_as_real is only supported for complex tensors")
    part = D.float64 if x.dtype is D.complex128 else D.float32
    array = np.lib.stride_tricks.as_strided(x._a.real, x._a.shape + (2,), x._a.strides + (part.itemsize,),
                                            writeable=x._a.flags.writeable)  # (real, imag) pairs in place
    return view_of(x, array, "ViewAsRealBackward0", lambda g: select(g, -1, 0) + select(g, -1, 1) * 1j, dtype=part)


def view_as_complex(x: Tensor) -> Tensor:
    if x.ndim == 0 or x._a.shape[-1] != 2 or not _unit_last_stride(x):
        raise RuntimeError("Tensor must have a last dimension of size 2 with stride 1")
    complex_dtype = D.complex128 if x.dtype is D.float64 else D.complex64
    array = x._a.view(complex_dtype.np)[..., 0]
    return view_of(x, array, "ViewAsComplexBackward0", view_as_real, dtype=complex_dtype)


# -- transposes and conjugate views -------------------------------------------------------------
class ConjugateView(Tensor):
    """A view with the conjugate bit set: it reads the conjugate of memory it shares with its base
    (view.shares-memory.complex-parts).

    NumPy has no conjugating view, so ``_memory`` is the shared view itself and every read of ``_a``
    conjugates it afresh; a base write is therefore seen at the next read. Limits of this backend:
    the values read are read-only, so writing through a conjugate view raises (``resolve_conj()``
    gives a writable copy), and a view taken of a conjugate view holds a snapshot of its values.
    """

    _conj = True

    @property
    def _a(self) -> np.ndarray:
        values = np.conj(self._memory)
        values.flags.writeable = False
        return values

    @_a.setter
    def _a(self, array: np.ndarray) -> None:
        self._memory = array


def conj_view(x: Tensor) -> Tensor:
    """x conjugated lazily (conjugate bit set); a real x is returned as it is, and the conjugate of a
    conjugate view is a plain view of its memory."""
    from reference._ops import conj

    if not x.is_complex():
        return x
    kind = Tensor if x.is_conj() else ConjugateView
    memory = x._memory if x.is_conj() else x._a
    return view_of(x, memory, "ConjBackward0", conj, kind=kind)


def _matrices(x: Tensor, name: str, exactly_2d: bool = False) -> None:
    """mT, mH and adjoint() need matrices or batches of them; H needs a matrix."""
    if exactly_2d and x.ndim != 2:
        raise RuntimeError(f"tensor.{name} is only supported on matrices (2-D tensors). Got {x.ndim}-D tensor.")
    if x.ndim < 2:
        raise RuntimeError(f"tensor.{name} is only supported on matrices or batches of matrices. Got {x.ndim}-D "
                           "tensor.")


def reverse_dims(x: Tensor) -> Tensor:
    """x.T: all dims reversed; deprecated unless x is 2-D, so other ranks warn (once, or every time in
    warn-always mode) (view.t-property.reverses-dims, view.t-property.non-2d-deprecated)."""
    if x.ndim != 2:
        warn_once("The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and "
                  "it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices "
                  "or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.",
                  stacklevel=3)
    return permute(x, tuple(reversed(range(x.ndim))))


def matrix_transpose(x: Tensor) -> Tensor:
    """x.mT: the last two dims swapped, batch dims kept (view.mt-property.swaps-last-two)."""
    _matrices(x, "mT")
    return transpose(x, -2, -1)


def conj_transpose(x: Tensor) -> Tensor:
    """x.H: the conjugate transpose of a matrix (view.shares-memory.complex-parts)."""
    _matrices(x, "H", exactly_2d=True)
    return conj_view(transpose(x, 0, 1))


def adjoint(x: Tensor) -> Tensor:
    """x.mH and x.adjoint(): the conjugate transpose of each matrix in a batch
    (view.shares-memory.reorder-dims, view.shares-memory.complex-parts)."""
    _matrices(x, "adjoint()")
    return conj_view(transpose(x, -2, -1))


# -- indexing ---------------------------------------------------------------------------------
def _is_basic(key: Any) -> bool:
    items = key if isinstance(key, tuple) else (key,)
    return builtins.all(isinstance(k, (int, np.integer, slice, type(None), type(Ellipsis))) and not isinstance(k, bool)
                        for k in items)


def _normalise_key(key: Any) -> Any:
    items = key if isinstance(key, tuple) else (key,)
    out = []
    for k in items:
        if isinstance(k, Tensor):
            k = k._a if k.dtype is not D.bool_ else k._a.astype(bool)
        elif isinstance(k, slice):
            for part in (k.start, k.stop, k.step):
                if isinstance(part, Tensor):
                    raise TypeError("slice indices must be integers")
            if k.step is not None and k.step <= 0:
                raise ValueError("step must be greater than zero")
        elif isinstance(k, list):
            k = np.asarray(k)
        out.append(k)
    return tuple(out)


def basic_index(x: Tensor, key: Any) -> Tensor:
    """Ints, positive-step slices, None and ... give views (view.indexing.*)."""
    norm = _normalise_key(key)
    _check_bounds(x, norm)
    array = x._a[norm]
    if not isinstance(array, np.ndarray):  # every dim indexed by an int: NumPy gives a scalar, `...` a 0-d view
        array = x._a[norm + (Ellipsis,)]
    shape = x._a.shape

    def place(zeros: np.ndarray, g: np.ndarray) -> None:
        zeros[norm] = g

    return view_of(x, array, "SliceBackward0", lambda g: _embed(g, shape, place, lambda gg: basic_index(gg, key)))


def _check_bounds(x: Tensor, norm: tuple[Any, ...]) -> None:
    dim = 0
    for k in norm:
        if k is None:
            continue
        if k is Ellipsis:
            dim = x.ndim - builtins.sum(1 for j in norm if j is not None and j is not Ellipsis) + dim
            continue
        if isinstance(k, (int, np.integer)):
            if dim >= x.ndim:
                raise IndexError(f"too many indices for tensor of dimension {x.ndim}")
            size = x._a.shape[dim]
            if not -size <= k < size:
                raise IndexError(f"index {k} is out of bounds for dimension {dim} with size {size}")
        dim += 1
    if dim > x.ndim:
        raise IndexError(f"too many indices for tensor of dimension {x.ndim}")


def getitem(x: Tensor, key: Any) -> Tensor:
    if _is_basic(key):
        return basic_index(x, key)
    norm = _normalise_key(key)
    try:
        array = x._a[norm].copy()
    except IndexError as exc:
        raise IndexError(str(exc)) from None
    shape = x._a.shape

    def place(zeros: np.ndarray, g: np.ndarray) -> None:
        np.add.at(zeros, norm, g)  # repeated indices add up

    return make(array, x.dtype, (x,), "IndexBackward0", lambda g: (_embed(g, shape, place, lambda gg: getitem(gg, key)),))


def _embed(g: Tensor, shape: Sequence[int], place: Callable[[np.ndarray, np.ndarray], None],
           take: Callable[[Tensor], Tensor]) -> Tensor:
    """The adjoint of a selection ``take``: zeros of ``shape`` with ``g`` put where ``take`` reads
    (``place(zeros, g)``). Linear in g, so its own backward is ``take`` again."""
    zeros = np.zeros(tuple(shape), dtype=g._a.dtype)
    place(zeros, g._a)
    return make(zeros, g.dtype, (g,), "EmbedBackward0", lambda gg: (take(gg),))


def setitem(x: Tensor, key: Any, value: Any) -> None:
    """Assignment writes into the original, through basic and advanced indices alike."""
    from reference._ops import check_writable, store, values

    check_writable(x)
    norm = _normalise_key(key)
    if _is_basic(key):
        _check_bounds(x, norm)
    source = values(value, x.dtype) if isinstance(value, Tensor) else np.asarray(value)
    x._a[norm] = store(source, x.dtype) if isinstance(value, Tensor) else source
    x._version[0] += 1
