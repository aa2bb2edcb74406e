"""View ops: the result shares memory and the version counter with its input (view.* behaviours).

Each view is a NumPy view of the input's array; its backward maps the gradient back to
the input's shape.
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


def view_of(x: Tensor, array: np.ndarray, name: str, backward: Callable[[np.ndarray], Any],
            dtype: D.dtype | None = None) -> Tensor:
    """A tensor viewing ``array`` (memory of ``x``), sharing x's version counter."""
    out = Tensor(array, dtype or x.dtype, x.device, version=x._version)
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
    return view_of(x, _strided(x, new, strides), "ViewBackward0", lambda g: np.reshape(g, old))


def view_dtype(x: Tensor, dtype: D.dtype) -> Tensor:
    """Reinterpret the bytes; a different element size rescales the last dim."""
    if dtype.itemsize != x.dtype.itemsize:
        if x.ndim == 0:
            raise RuntimeError("self.dim() cannot be 0 to view a tensor as a dtype with a different element size")
        if x.stride(-1) != 1:
            raise RuntimeError("self.stride(-1) must be 1 to view a tensor as a dtype with a different element size")
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
    return make(np.reshape(x._a, new).copy(), x.dtype, (x,), "ReshapeAlias", lambda g: (np.reshape(g, old),))


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
    return view_of(x, np.squeeze(x._a, axis=axes), "SqueezeBackward0", lambda g: np.reshape(g, old))


def unsqueeze(x: Tensor, dim: int) -> Tensor:
    """A negative dim counts from the end of the output."""
    d = _wrap_dim(dim, x.ndim + 1)
    return view_of(x, np.expand_dims(x._a, d), "UnsqueezeBackward0", lambda g: np.squeeze(g, axis=d))


def transpose(x: Tensor, dim0: int, dim1: int) -> Tensor:
    if x.ndim == 0:
        return view_of(x, x._a.view(), "TransposeBackward0", lambda g: g)
    a, b = _wrap_dim(dim0, x.ndim), _wrap_dim(dim1, x.ndim)
    return view_of(x, np.swapaxes(x._a, a, b), "TransposeBackward0", lambda g: np.swapaxes(g, a, b))


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
    return view_of(x, np.transpose(x._a, order), "PermuteBackward0", lambda g: np.transpose(g, inverse))


def movedim(x: Tensor, source: Any, destination: Any) -> Tensor:
    src = [source] if isinstance(source, int) else list(source)
    dst = [destination] if isinstance(destination, int) else list(destination)
    moved = np.moveaxis(x._a, src, dst)
    return view_of(x, moved, "PermuteBackward0", lambda g: np.moveaxis(g, dst, src))


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
    from reference._ops import unbroadcast

    return view_of(x, array, "ExpandBackward0", lambda g: unbroadcast(g, shape))


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


def diagonal(x: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    a, b = _wrap_dim(dim1, x.ndim), _wrap_dim(dim2, x.ndim)
    array = np.diagonal(x._a, offset, a, b)
    if x._a.flags.writeable:
        array = np.lib.stride_tricks.as_strided(x._a, array.shape, array.strides, writeable=True)
    shape = x._a.shape

    def backward(g: np.ndarray) -> np.ndarray:
        grad = np.zeros(shape, dtype=g.dtype)
        view_ = np.lib.stride_tricks.as_strided(grad, array.shape, np.diagonal(grad, offset, a, b).strides)
        view_[...] = g
        return grad

    return view_of(x, array, "DiagonalBackward0", backward)


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

    def backward(g: np.ndarray) -> np.ndarray:
        grad = np.zeros(old, dtype=g.dtype)
        target = np.lib.stride_tricks.as_strided(grad, tuple(shape), tuple(
            s // x._a.itemsize * grad.itemsize for s in strides))
        for idx in np.ndindex(*shape):
            target[idx] += g[idx]
        return grad

    return view_of(x, array, "UnfoldBackward0", backward)


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
    return view_of(x, x._a.real, "RealBackward0", lambda g: g + 0j, dtype=part)


def imag(x: Tensor) -> Tensor:
    if x.dtype.category != D.COMPLEX:
        raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")
    part = D.float64 if x.dtype is D.complex128 else D.float32
    return view_of(x, x._a.imag, "ImagBackward0", lambda g: 1j * g, dtype=part)


def view_as_real(x: Tensor) -> Tensor:
    if x.dtype.category != D.COMPLEX:
        raise RuntimeError("view_as_real is only supported for complex tensors")
    part = D.float64 if x.dtype is D.complex128 else D.float32
    array = x._a.view(part.np).reshape(x._a.shape + (2,)) if x._a.flags.c_contiguous else np.stack(
        [x._a.real, x._a.imag], -1)
    return view_of(x, array, "ViewAsRealBackward0", lambda g: g[..., 0] + 1j * g[..., 1], dtype=part)


def view_as_complex(x: Tensor) -> Tensor:
    if x.ndim == 0 or x._a.shape[-1] != 2 or x.stride(-1) != 1:
        raise RuntimeError("Tensor must have a last dimension of size 2 with stride 1")
    complex_dtype = D.complex128 if x.dtype is D.float64 else D.complex64
    array = x._a.view(complex_dtype.np)[..., 0]
    return view_of(x, array, "ViewAsComplexBackward0", lambda g: np.stack([g.real, g.imag], -1),
                   dtype=complex_dtype)


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
    shape = x._a.shape

    def backward(g: np.ndarray) -> np.ndarray:
        grad = np.zeros(shape, dtype=g.dtype)
        grad[norm] = g
        return grad

    return view_of(x, np.asarray(array) if array.ndim else x._a[norm + (Ellipsis,)] if norm else x._a.view(),
                   "SliceBackward0", backward)


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

    def backward(g: np.ndarray) -> tuple[np.ndarray]:
        grad = np.zeros(shape, dtype=g.dtype)
        np.add.at(grad, norm, g)
        return (grad,)

    return make(array, x.dtype, (x,), "IndexBackward0", backward)


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
