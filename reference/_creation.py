"""Factories: zeros/ones/empty/full/eye, arange/range/linspace, the random factories, tensor/as_tensor
and *_like (creation.*). Every factory allocates on ``device=`` or, without it, on the current default
device, which ``with device(d):`` changes (creation.factory.keyword-defaults,
creation.device-context.default-device); ``layout`` is accepted but only strided tensors exist.
"""
from __future__ import annotations

import math
import numbers
import warnings
from typing import Any, Sequence

import numpy as np

from reference import _dtype as D
from reference import _random
from reference._device import as_device
from reference._ops import store
from reference._tensor import Size, Tensor


def _size(size: Sequence[Any]) -> tuple[int, ...]:
    """Sizes as separate ints or one sequence (creation.factory.size-forms); negative sizes raise
    (creation.factory.negative-size)."""
    if len(size) == 1 and isinstance(size[0], (tuple, list, Size)):
        size = tuple(size[0])
    dims = []
    for d in size:
        if isinstance(d, Tensor):
            d = d.item()
        if isinstance(d, bool) or not isinstance(d, (int, np.integer)):
            raise TypeError(f"size must be a sequence of ints, got {type(d).__name__}")
        if d < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {d}: {list(size)}")
        dims.append(int(d))
    return tuple(dims)


def _new(array: np.ndarray, dtype: D.dtype, dev: Any, requires_grad: bool) -> Tensor:
    return Tensor(store(array, dtype), dtype, as_device(dev), requires_grad=requires_grad)


def _factory(fill: Any, size: Sequence[Any], dtype: D.dtype | None, dev: Any, requires_grad: bool,
             pin_memory: bool = False) -> Tensor:
    """pin_memory=True pins the result, refused off the CPU (device.factory.pin-memory)."""
    dtype = dtype or D.get_default_dtype()
    result = _new(np.full(_size(size), fill, dtype=dtype.np), dtype, dev, False)
    return (result.pin_memory() if pin_memory else result).requires_grad_(requires_grad)


def zeros(*size: Any, dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False,
          layout: Any = None, pin_memory: bool = False) -> Tensor:
    return _factory(0, size, dtype, device, requires_grad, pin_memory)


def ones(*size: Any, dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False,
         layout: Any = None, pin_memory: bool = False) -> Tensor:
    return _factory(1, size, dtype, device, requires_grad, pin_memory)


def empty(*size: Any, dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False,
          layout: Any = None, memory_format: Any = None, pin_memory: bool = False) -> Tensor:
    """Uninitialised by contract; here it happens to hold zeros (creation.empty.shape-dtype)."""
    return _factory(0, size, dtype, device, requires_grad, pin_memory)


def full(size: Any, fill_value: Any, *, dtype: D.dtype | None = None, device: Any = None,
         requires_grad: bool = False, layout: Any = None, pin_memory: bool = False) -> Tensor:
    """The dtype follows the fill value unless given (creation.full.dtype-from-fill); the size must be a
    sequence (creation.full.size-sequence)."""
    if not isinstance(size, (tuple, list, Size)):
        raise TypeError("full(): argument 'size' must be tuple of ints")
    return _factory(fill_value, (tuple(size),), dtype or D.scalar_dtype(fill_value), device, requires_grad,
                    pin_memory)


def eye(n: int, m: int | None = None, *, dtype: D.dtype | None = None, device: Any = None,
        requires_grad: bool = False) -> Tensor:
    """Ones on the main diagonal of an n x m matrix, m defaulting to n (creation.eye.identity)."""
    dtype = dtype or D.get_default_dtype()
    return _new(np.eye(n, n if m is None else m), dtype, device, requires_grad)


def arange(start: Any, end: Any = None, step: Any = 1, *, dtype: D.dtype | None = None, device: Any = None,
           requires_grad: bool = False) -> Tensor:
    """[start, end) in ceil((end-start)/step) steps (creation.arange.half-open); int64 unless a bound is a
    float (creation.arange.dtype)."""
    if end is None:
        start, end = 0, start
    start, end, step = _bounds(start, end, step)
    is_float = any(isinstance(v, float) for v in (start, end, step))
    dtype = dtype or (D.get_default_dtype() if is_float else D.int64)
    count = math.ceil((end - start) / step)
    return _new(start + step * np.arange(count, dtype=np.float64 if is_float else np.int64), dtype, device,
                requires_grad)


def range(start: Any, end: Any, step: Any = 1, *, dtype: D.dtype | None = None,  # noqa: A001 - torch's name
          device: Any = None, requires_grad: bool = False) -> Tensor:
    """Deprecated, and says so: [start, end] *inclusive*, floor((end-start)/step)+1 values in the default
    float dtype whatever the bounds (creation.range.inclusive)."""
    warnings.warn("range is deprecated and will be removed in a future release because its behavior is "
                  "inconsistent with Python's range builtin. Instead, use arange, which produces values in "
                  "[start, end).", UserWarning, stacklevel=2)
    start, end, step = _bounds(start, end, step)
    count = math.floor((end - start) / step) + 1
    return _new(start + step * np.arange(count, dtype=np.float64), dtype or D.get_default_dtype(), device,
                requires_grad)


def _bounds(start: Any, end: Any, step: Any) -> list[Any]:
    """Python numbers for the bounds; a zero step or one pointing away from end raises
    (creation.arange.bad-step)."""
    start, end, step = (v.item() if isinstance(v, Tensor) else v for v in (start, end, step))
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    return [start, end, step]


def linspace(start: Any, end: Any, steps: int, *, dtype: D.dtype | None = None, device: Any = None,
             requires_grad: bool = False) -> Tensor:
    """steps values from start to end inclusive (creation.linspace.values); steps is required and the
    result is the default float dtype, or the default complex one for a complex bound
    (creation.linspace.steps-and-dtype)."""
    start, end = (v.item() if isinstance(v, Tensor) else v for v in (start, end))
    is_complex = isinstance(start, complex) or isinstance(end, complex)
    dtype = dtype or (D.default_complex() if is_complex else D.get_default_dtype())
    return _new(np.linspace(start, end, steps), dtype, device, requires_grad)


def _random_dtype(dtype: D.dtype | None, name: str) -> D.dtype:
    """The default float dtype unless given; integer dtypes raise (creation.rand.integer-dtype-rejected)."""
    dtype = dtype or D.get_default_dtype()
    if dtype.category < D.FLOAT:
        raise NotImplementedError(f"\"{name}\" not implemented for '{dtype.name}'")
    return dtype


def rand(*size: Any, generator: _random.Generator | None = None, dtype: D.dtype | None = None,
         device: Any = None, requires_grad: bool = False) -> Tensor:
    """Uniform on [0, 1): values that round up to 1 in a narrow dtype are stepped back below it
    (creation.rand.range). Seeded draws repeat (creation.random.seed-reproducible)."""
    dtype = _random_dtype(dtype, "check_uniform_bounds")
    shape = _size(size)
    draws = _random.rng(generator).random(shape)
    if dtype.category == D.COMPLEX:
        draws = draws + 1j * _random.rng(generator).random(shape)
    array = store(draws, dtype)
    if dtype.category == D.FLOAT:
        array = np.where(array >= 1, np.nextafter(np.asarray(1, dtype.np), 0), array).astype(dtype.np)
    return Tensor(array, dtype, as_device(device), requires_grad=requires_grad)


def randn(*size: Any, generator: _random.Generator | None = None, dtype: D.dtype | None = None,
          device: Any = None, requires_grad: bool = False) -> Tensor:
    """Standard normal; complex parts are each N(0, 1/2) (creation.randn.statistics)."""
    dtype = _random_dtype(dtype, "normal_kernel_cpu")
    shape = _size(size)
    draws = _random.rng(generator).standard_normal(shape)
    if dtype.category == D.COMPLEX:
        draws = (draws + 1j * _random.rng(generator).standard_normal(shape)) / math.sqrt(2)
    return _new(draws, dtype, device, requires_grad)


def randint(low: int = 0, high: Any = None, size: Any = None, *, generator: _random.Generator | None = None,
            dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """Integers in [low, high); int64 by default (creation.randint.range-dtype)."""
    if size is None:
        low, high, size = 0, low, high
    if not isinstance(size, (tuple, list, Size)):
        raise TypeError("randint(): argument 'size' must be tuple of ints")
    return _new(_integers(generator, low, high, _size((tuple(size),))), dtype or D.int64, device, requires_grad)


def _integers(generator: _random.Generator | None, low: int, high: int, shape: tuple[int, ...]) -> np.ndarray:
    """Uniform integers in [low, high); an empty range raises (creation.randint.empty-range)."""
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    return _random.rng(generator).integers(low, high, shape)


def randperm(n: int, *, generator: _random.Generator | None = None, dtype: D.dtype | None = None,
             device: Any = None) -> Tensor:
    return _new(_random.rng(generator).permutation(n), dtype or D.int64, device, False)


# -- tensor() and friends ------------------------------------------------------------------------
def _infer(data: Any) -> D.dtype:
    """Python ints give int64, floats the default float, bools bool, complex the default complex, mixes
    promote (creation.tensor.dtype-inference); NumPy scalars keep their dtype (creation.tensor.numpy-scalar-dtype)."""
    if isinstance(data, np.ndarray):
        return D.from_numpy_dtype(data.dtype)
    if isinstance(data, np.generic):
        return D.from_numpy_dtype(data.dtype)
    if isinstance(data, Tensor):
        return data.dtype
    if isinstance(data, (list, tuple)):
        kinds = [_infer(x) for x in data]
        result = None
        for k in kinds:
            result = k if result is None else D.promote_types(result, k)
        return result or D.get_default_dtype()
    return D.scalar_dtype(data)


def _nested(data: Any) -> Any:
    """Check a nested sequence is rectangular, converting inner tensors (creation.tensor.ragged-rejected)."""
    if isinstance(data, Tensor):
        return data._a
    if isinstance(data, (list, tuple)):
        items = [_nested(x) for x in data]
        shapes = {np.shape(x) for x in items}
        if len(shapes) > 1:
            raise ValueError(f"expected sequence of length {len(np.atleast_1d(items[0]))} at dim 1 (got "
                             f"{len(np.atleast_1d(items[-1]))})")
        return items
    return data


def _checked_array(data: Any, dtype: D.dtype) -> np.ndarray:
    """Values that cannot fit the requested dtype raise (creation.tensor.overflow-rejected)."""
    source = np.asarray(_nested(data), dtype=object if not isinstance(data, np.ndarray) else None)
    if source.dtype == object:
        flat = source.reshape(-1)
        for value in flat:
            if isinstance(value, bool) or not isinstance(value, numbers.Number):
                continue
            if isinstance(value, numbers.Integral) and not -2**63 <= int(value) < 2**64:
                raise ValueError(f"Overflow when unpacking long long: {value}")
            if dtype.category == D.INT and isinstance(value, numbers.Integral):
                info = np.iinfo(dtype.np)
                if not info.min <= int(value) <= info.max:
                    raise RuntimeError(f"value cannot be converted to type {dtype.name} without overflow")
        if dtype.category == D.INT and any(isinstance(v, float) for v in flat):
            source = np.asarray(np.trunc(source.astype(np.float64)))
        elif dtype.category < D.COMPLEX and any(isinstance(v, complex) for v in flat):
            raise TypeError("can't convert complex to float")
    return store(source.astype(dtype.np if dtype is not D.bfloat16 else np.float32), dtype)


def tensor(data: Any, *, dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False,
           pin_memory: bool = False) -> Tensor:
    """Data's shape and values (creation.tensor.from-data, creation.tensor.scalar-and-empty), always copied
    into a leaf with no history; a tensor argument warns (creation.tensor.copies)."""
    if isinstance(data, Tensor):
        warnings.warn("To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
                      "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).",
                      UserWarning, stacklevel=2)
        dev = device if device is not None else data.device
        return _new(data._a.copy(), dtype or data.dtype, dev, requires_grad)
    dtype = dtype or _infer(data)
    array = _checked_array(data, dtype).copy()
    result = Tensor(array, dtype, as_device(device), requires_grad=requires_grad)
    return result.pin_memory() if pin_memory else result


def as_tensor(data: Any, dtype: D.dtype | None = None, device: Any = None) -> Tensor:
    """Shares memory and history when nothing needs to change (creation.as-tensor.no-copy)."""
    if isinstance(data, Tensor):
        return data.to(device=device if device is not None else data.device, dtype=dtype or data.dtype)
    if isinstance(data, np.ndarray) and (dtype is None or dtype.np == data.dtype) and as_device(device).type == "cpu":
        from reference._numpy_bridge import from_numpy

        return from_numpy(data)
    return tensor(data, dtype=dtype, device=device)


def scalar_tensor(value: Any, *, dtype: D.dtype | None = None, device: Any = None) -> Tensor:
    return tensor(value, dtype=dtype or D.get_default_dtype(), device=device)


# -- *_like -----------------------------------------------------------------------------------
def _like(make: Any, x: Tensor, dtype: D.dtype | None, device: Any, requires_grad: bool) -> Tensor:
    """The factory with x's size, dtype and device; requires_grad is not inherited (creation.like.inherits)."""
    return make(tuple(x.shape), dtype=dtype or x.dtype, device=device if device is not None else x.device,
                requires_grad=requires_grad)


def _preserving(x: Tensor, result: Tensor, memory_format: Any) -> Tensor:
    """memory_format=preserve_format (the default) keeps a dense input's strides; contiguous_format gives
    C order (creation.like.preserve-format)."""
    if getattr(memory_format, "name", "preserve_format") != "preserve_format" or x.is_contiguous() or x.ndim < 2:
        return result
    order = np.argsort([-s for s in x.stride()], kind="stable")
    permuted = np.empty([x.shape[i] for i in order], dtype=result._a.dtype)
    permuted[...] = np.transpose(result._a, order)
    result._a = np.transpose(permuted, np.argsort(order))
    return result


def zeros_like(x: Tensor, *, dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False,
               layout: Any = None, memory_format: Any = None) -> Tensor:
    return _preserving(x, _like(zeros, x, dtype, device, requires_grad), memory_format)


def ones_like(x: Tensor, *, dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False,
              layout: Any = None, memory_format: Any = None) -> Tensor:
    return _preserving(x, _like(ones, x, dtype, device, requires_grad), memory_format)


def empty_like(x: Tensor, *, dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False,
               layout: Any = None, memory_format: Any = None) -> Tensor:
    return _preserving(x, _like(empty, x, dtype, device, requires_grad), memory_format)


def full_like(x: Tensor, fill_value: Any, *, dtype: D.dtype | None = None, device: Any = None,
              requires_grad: bool = False, layout: Any = None, memory_format: Any = None) -> Tensor:
    """fill_value cast to the result dtype, x's unless given (creation.full-like.casts)."""
    dtype = dtype or x.dtype
    return _preserving(x, _new(np.full(tuple(x.shape), fill_value), dtype,
                               device if device is not None else x.device, requires_grad), memory_format)


def rand_like(x: Tensor, *, dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False,
              layout: Any = None, memory_format: Any = None) -> Tensor:
    return _preserving(x, _like(rand, x, dtype, device, requires_grad), memory_format)


def randn_like(x: Tensor, *, dtype: D.dtype | None = None, device: Any = None, requires_grad: bool = False,
               layout: Any = None, memory_format: Any = None) -> Tensor:
    return _preserving(x, _like(randn, x, dtype, device, requires_grad), memory_format)


def randint_like(x: Tensor, low: int = 0, high: Any = None, *, dtype: D.dtype | None = None, device: Any = None,
                 requires_grad: bool = False, layout: Any = None, memory_format: Any = None) -> Tensor:
    """Without dtype it keeps the input's dtype, unlike randint's int64 (creation.randint-like.dtype)."""
    if high is None:
        low, high = 0, low
    return _preserving(x, _new(_integers(None, low, high, tuple(x.shape)), dtype or x.dtype,
                               device if device is not None else x.device, requires_grad), memory_format)
