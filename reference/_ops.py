"""Element-wise arithmetic, comparisons, out=, in-place and reductions (ops.* behaviours).

Each op computes its value with NumPy in the promoted dtype and, when grad mode is on and
an input requires grad, records a node whose backward is written here in NumPy.
"""
from __future__ import annotations

import builtins
from collections import namedtuple
from typing import Any, Callable, Sequence
import warnings

import numpy as np

from reference import _dtype as D
from reference._tensor import Tensor, _wrap_dim
from reference import _grad_mode as grad_mode
from reference._graph import Node

Scalar = (bool, int, float, complex, np.number, np.bool_)


# -- building blocks ----------------------------------------------------------------------
def values(x: Any, dtype: D.dtype) -> Any:
    """The operand as NumPy data in the compute dtype (scalars as 0-d arrays)."""
    if isinstance(x, Tensor):
        return x._a.astype(dtype.np, copy=False)
    return np.asarray(x).astype(dtype.np)


def store(array: Any, dtype: D.dtype) -> np.ndarray:
    """Cast a NumPy result to the dtype's storage, rounding bfloat16."""
    array = np.asarray(array)
    if dtype is D.bfloat16:
        return D.round_bfloat16(array.astype(np.float32))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return array.astype(dtype.np, copy=False)


def needs_grad(*inputs: Any) -> bool:
    return grad_mode.is_grad_enabled() and builtins.any(isinstance(t, Tensor) and t.requires_grad for t in inputs)


def make(array: Any, dtype: D.dtype, like: Sequence[Any], name: str = "",
         backward: Callable[[np.ndarray], Sequence[Any]] | None = None, saved: Sequence[Tensor] = ()) -> Tensor:
    """A result tensor on the inputs' device, recording ``backward`` if autograd needs it."""
    device = next((t.device for t in like if isinstance(t, Tensor)), None)
    out = Tensor(store(array, dtype), dtype) if device is None else Tensor(store(array, dtype), dtype, device)
    if backward is not None and dtype.category >= D.FLOAT and needs_grad(*like):
        out.grad_fn = Node(name, like, backward, saved)
        out._requires_grad = True
    return out


def unbroadcast(grad: np.ndarray, shape: Sequence[int]) -> np.ndarray:
    """Sum a broadcast gradient back to an input's shape."""
    grad = np.asarray(grad)
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


def broadcast_shape(*shapes: Sequence[int]) -> tuple[int, ...]:
    """The documented broadcasting rule: align trailing dims; each pair equal, or one is 1."""
    ndim = builtins.max((len(s) for s in shapes), default=0)
    result = []
    for i in range(-ndim, 0):
        sizes = [s[i] for s in shapes if len(s) >= -i]
        non_one = {d for d in sizes if d != 1}
        if len(non_one) > 1:
            a, b = sorted(non_one)[:2]
            raise RuntimeError(f"The size of tensor a ({a}) must match the size of tensor b ({b}) at non-singleton "
                               f"dimension {ndim + i}")
        result.append(non_one.pop() if non_one else 1)
    return tuple(result)


def _shape(x: Any) -> tuple[int, ...]:
    return tuple(x._a.shape) if isinstance(x, Tensor) else ()


def check_device(*tensors: Any) -> None:
    devices = {t.device for t in tensors if isinstance(t, Tensor) and t.ndim > 0}
    if len(devices) > 1:
        names = sorted(str(d) for d in devices)
        raise RuntimeError(f"Expected all tensors to be on the same device, but found at least two devices, "
                           f"{names[0]} and {names[1]}!")


def finish(result: Tensor, out: Tensor | None) -> Tensor:
    """Write into ``out`` when given, with the documented out= rules (ops.out.*)."""
    if out is None:
        return result
    if out.requires_grad and grad_mode.is_grad_enabled():
        raise RuntimeError("out=... arguments don't support automatic differentiation, but one of the arguments "
                           "requires grad.")
    if not D.can_cast(result.dtype, out.dtype):
        raise RuntimeError(f"result type {_type_name(result.dtype)} can't be cast to the desired output type "
                           f"{_type_name(out.dtype)}")
    if tuple(out.shape) != tuple(result.shape):
        if out.numel() != 0:
            warnings.warn(f"An output with one or more elements was resized since it had shape {list(out.shape)}, "
                          f"which does not match the required output shape {list(result.shape)}. This behavior is "
                          "deprecated, and in a future PyTorch release outputs will not be resized unless they have "
                          "zero elements.", UserWarning, stacklevel=3)
        out._a = np.empty(result._a.shape, dtype=out._a.dtype)
    out._a[...] = store(result._a, out.dtype)
    out._version[0] += 1
    return out


def _type_name(d: D.dtype) -> str:
    return {"float32": "Float", "float64": "Double", "float16": "Half", "bfloat16": "BFloat16", "int64": "Long",
            "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool",
            "complex64": "ComplexFloat", "complex128": "ComplexDouble"}[d.name]


def check_writable(self: Tensor) -> None:
    """In-place writes: not to leaves requiring grad, not to overlapping (expanded) memory."""
    if grad_mode.is_grad_enabled() and self.requires_grad and self.is_leaf:
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.")
    if builtins.any(st == 0 and n > 1 for st, n in zip(self._a.strides, self._a.shape)):
        raise RuntimeError("unsupported operation: more than one element of the written-to tensor refers to a single "
                           "memory location. Please clone() the tensor before performing the operation.")


def inplace(self: Tensor, result: Tensor) -> Tensor:
    """Write ``result`` into ``self``: same shape, a dtype ``self`` can hold; history rebased."""
    check_writable(self)
    if tuple(result.shape) != tuple(self.shape):
        raise RuntimeError(f"output with shape {list(self.shape)} doesn't match the broadcast shape "
                           f"{list(result.shape)}")
    if not D.can_cast(result.dtype, self.dtype):
        raise RuntimeError(f"result type {_type_name(result.dtype)} can't be cast to the desired output type "
                           f"{_type_name(self.dtype)}")
    self._a[...] = store(result._a, self.dtype)
    self._version[0] += 1
    if result.grad_fn is not None:
        self.grad_fn = result.grad_fn
        self._requires_grad = True
    return self


# -- element-wise binary ops ------------------------------------------------------------------
def binary(name: str, a: Any, b: Any, compute: Callable[[Any, Any], Any], *, out: Tensor | None = None,
           dtype: D.dtype | None = None, compute_dtype: D.dtype | None = None,
           grads: Callable[[Any, Any, Any, np.ndarray], tuple[Any, Any]] | None = None) -> Tensor:
    """``compute(a, b)`` in the promoted dtype; ``grads(a, b, result, g)`` gives the input gradients."""
    check_device(a, b)
    shape = broadcast_shape(_shape(a), _shape(b))
    promoted = D.result_type(a, b)
    cdtype = compute_dtype or promoted
    av, bv = values(a, cdtype), values(b, cdtype)
    with np.errstate(all="ignore"):
        result = np.broadcast_to(compute(av, bv), shape)
    backward = None
    if grads is not None:
        def backward(g: np.ndarray) -> tuple[Any, Any]:
            ga, gb = grads(av, bv, result, g)
            return (None if ga is None else unbroadcast(ga, _shape(a)),
                    None if gb is None else unbroadcast(gb, _shape(b)))
    res = make(result, dtype or promoted, (a, b), name, backward, saved=[t for t in (a, b) if isinstance(t, Tensor)])
    return finish(res, out)


def _alpha(name: str, a: Any, b: Any, alpha: Any) -> Any:
    if alpha is None or alpha == 1:
        return b
    if D.result_type(a, b).category < D.FLOAT and isinstance(alpha, float):
        raise RuntimeError(f"For integral input tensors, argument alpha must not be a floating point number.")
    return mul(b, alpha)


def add(a: Any, b: Any, *, alpha: Any = None, out: Tensor | None = None) -> Tensor:
    return binary("AddBackward0", a, _alpha("add", a, b, alpha), lambda x, y: x + y, out=out,
                  grads=lambda x, y, r, g: (g, g))


def sub(a: Any, b: Any, *, alpha: Any = None, out: Tensor | None = None) -> Tensor:
    if D.result_type(a, b) is D.bool_:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    return binary("SubBackward0", a, _alpha("sub", a, b, alpha), lambda x, y: x - y, out=out,
                  grads=lambda x, y, r, g: (g, -g))


def mul(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    return binary("MulBackward0", a, b, lambda x, y: x * y, out=out,
                  grads=lambda x, y, r, g: (g * np.conj(y), g * np.conj(x)))


def _int_zero_check(b: Any) -> None:
    if np.any(np.asarray(b) == 0):
        raise RuntimeError("ZeroDivisionError")


def div(a: Any, b: Any, *, rounding_mode: str | None = None, out: Tensor | None = None) -> Tensor:
    """True division promotes integers to the default float; trunc/floor keep integers (ops.div.*)."""
    promoted = D.result_type(a, b)
    if rounding_mode is None:
        target = promoted if promoted.category >= D.FLOAT else D.get_default_dtype()
        return binary("DivBackward0", a, b, lambda x, y: x / y, out=out, dtype=target, compute_dtype=target,
                      grads=lambda x, y, r, g: (g / np.conj(y), -g * np.conj(x) / np.conj(y) ** 2))
    if rounding_mode not in ("trunc", "floor"):
        raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{rounding_mode}'")
    if promoted.category <= D.INT:
        _int_zero_check(values(b, promoted))
        if rounding_mode == "floor":
            return binary("DivBackward1", a, b, np.floor_divide, out=out)
        return binary("DivBackward1", a, b, lambda x, y: np.sign(x) * np.sign(y) * (np.abs(x) // np.abs(y)), out=out)
    rounder = np.trunc if rounding_mode == "trunc" else np.floor
    return binary("DivBackward1", a, b, lambda x, y: rounder(x / y), out=out, grads=lambda x, y, r, g: (g * 0, g * 0))


true_divide = div


def floor_divide(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    return div(a, b, rounding_mode="floor", out=out)


def remainder(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    """Python's %: the result takes the divisor's sign."""
    if D.result_type(a, b).category <= D.INT:
        _int_zero_check(values(b, D.result_type(a, b)))
    return binary("RemainderBackward0", a, b, np.mod, out=out, grads=lambda x, y, r, g: (g, -g * np.floor(x / y)))


def fmod(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    """C's fmod: the result takes the dividend's sign."""
    if D.result_type(a, b).category <= D.INT:
        _int_zero_check(values(b, D.result_type(a, b)))
    return binary("FmodBackward0", a, b, np.fmod, out=out, grads=lambda x, y, r, g: (g, -g * np.trunc(x / y)))


def pow(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:  # noqa: A001 - torch's name
    promoted = D.result_type(a, b)
    if promoted.category <= D.INT and np.any(np.asarray(values(b, promoted)) < 0):
        raise RuntimeError("Integers to negative integer powers are not allowed.")
    return binary("PowBackward1", a, b, np.power, out=out,
                  grads=lambda x, y, r, g: (g * y * np.power(x, y - 1), g * r * np.log(np.where(x > 0, x, 1))))


def maximum(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    return binary("MaximumBackward0", a, b, np.maximum, out=out,
                  grads=lambda x, y, r, g: (g * ((x > y) + 0.5 * (x == y)), g * ((y > x) + 0.5 * (x == y))))


def minimum(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    return binary("MinimumBackward0", a, b, np.minimum, out=out,
                  grads=lambda x, y, r, g: (g * ((x < y) + 0.5 * (x == y)), g * ((y < x) + 0.5 * (x == y))))


def _comparison(fn: Callable[[Any, Any], Any]) -> Callable[..., Tensor]:
    def compare(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
        return binary("", a, b, fn, out=out, dtype=D.bool_)

    return compare


eq, ne, lt, le, gt, ge = (_comparison(f) for f in (np.equal, np.not_equal, np.less, np.less_equal, np.greater,
                                                   np.greater_equal))
greater, less, greater_equal, less_equal, not_equal = gt, lt, ge, le, ne


def _logical(fn: Callable[[Any, Any], Any]) -> Callable[..., Tensor]:
    def logical(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
        return binary("", a, b, lambda x, y: fn(x != 0, y != 0), out=out, dtype=D.bool_)

    return logical


logical_and, logical_or, logical_xor = (_logical(f) for f in (np.logical_and, np.logical_or, np.logical_xor))


def _bitwise(fn: Callable[[Any, Any], Any]) -> Callable[..., Tensor]:
    def bitwise(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
        if D.result_type(a, b).category > D.INT:
            raise RuntimeError("bitwise operations are only defined on integer and bool tensors")
        return binary("", a, b, fn, out=out)

    return bitwise


bitwise_and, bitwise_or, bitwise_xor = (_bitwise(f) for f in (np.bitwise_and, np.bitwise_or, np.bitwise_xor))


def where(condition: Tensor, a: Any, b: Any) -> Tensor:
    cond = condition._a.astype(bool)
    return binary("WhereBackward0", a, b, lambda x, y: np.where(cond, x, y),
                  grads=lambda x, y, r, g: (g * cond, g * ~cond))


# -- element-wise unary ops ---------------------------------------------------------------------
def unary(name: str, x: Tensor, compute: Callable[[Any], Any], grad: Callable[[Any, Any, np.ndarray], Any] | None,
          *, float_only: bool = False, out: Tensor | None = None) -> Tensor:
    """``compute(x)``; integer inputs of float-only functions promote to the default float."""
    x = x if isinstance(x, Tensor) else _as_tensor(x)
    dtype = x.dtype
    if float_only and dtype.category < D.FLOAT:
        dtype = D.get_default_dtype()
    xv = values(x, dtype)
    with np.errstate(all="ignore"):
        result = np.asarray(compute(xv))
    backward = None if grad is None else (lambda g: (grad(xv, result, g),))
    return finish(make(result, dtype, (x,), name, backward, saved=[x]), out)


def _as_tensor(value: Any) -> Tensor:
    from reference._creation import tensor

    return tensor(value)


def neg(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    if x.dtype is D.bool_:
        raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported.")
    return unary("NegBackward0", x, np.negative, lambda x, r, g: -g, out=out)


def abs(x: Tensor, *, out: Tensor | None = None) -> Tensor:  # noqa: A001
    return unary("AbsBackward0", x, np.abs, lambda x, r, g: g * np.sign(x), out=out)


def exp(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("ExpBackward0", x, np.exp, lambda x, r, g: g * r, float_only=True, out=out)


def log(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("LogBackward0", x, np.log, lambda x, r, g: g / x, float_only=True, out=out)


def sqrt(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("SqrtBackward0", x, np.sqrt, lambda x, r, g: g / (2 * r), float_only=True, out=out)


def sin(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("SinBackward0", x, np.sin, lambda x, r, g: g * np.cos(x), float_only=True, out=out)


def cos(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("CosBackward0", x, np.cos, lambda x, r, g: -g * np.sin(x), float_only=True, out=out)


def tanh(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("TanhBackward0", x, np.tanh, lambda x, r, g: g * (1 - r * r), float_only=True, out=out)


def sigmoid(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("SigmoidBackward0", x, lambda v: 1 / (1 + np.exp(-v)), lambda x, r, g: g * r * (1 - r),
                 float_only=True, out=out)


def relu(x: Tensor) -> Tensor:
    return unary("ReluBackward0", x, lambda v: np.maximum(v, 0).astype(v.dtype), lambda x, r, g: g * (x > 0))


def square(x: Tensor) -> Tensor:
    return mul(x, x)


def clamp(x: Tensor, min: Any = None, max: Any = None, *, out: Tensor | None = None) -> Tensor:  # noqa: A002
    lo = -np.inf if min is None else min
    hi = np.inf if max is None else max
    return unary("ClampBackward1", x, lambda v: np.clip(v, lo, hi).astype(v.dtype),
                 lambda x, r, g: g * ((x >= lo) & (x <= hi)), out=out)


clip = clamp


def sign(x: Tensor) -> Tensor:
    return unary("SignBackward0", x, np.sign, lambda x, r, g: g * 0)


def floor(x: Tensor) -> Tensor:
    return unary("FloorBackward0", x, np.floor, lambda x, r, g: g * 0)


def ceil(x: Tensor) -> Tensor:
    return unary("CeilBackward0", x, np.ceil, lambda x, r, g: g * 0)


def trunc(x: Tensor) -> Tensor:
    return unary("TruncBackward0", x, np.trunc, lambda x, r, g: g * 0)


def round(x: Tensor) -> Tensor:  # noqa: A001
    return unary("RoundBackward0", x, np.round, lambda x, r, g: g * 0)


def logical_not(x: Tensor) -> Tensor:
    return make(~(x._a != 0), D.bool_, (x,))


def isnan(x: Tensor) -> Tensor:
    return make(np.isnan(x._a), D.bool_, (x,))


def isfinite(x: Tensor) -> Tensor:
    return make(np.isfinite(x._a), D.bool_, (x,))


def isinf(x: Tensor) -> Tensor:
    return make(np.isinf(x._a), D.bool_, (x,))


# -- matrix products ------------------------------------------------------------------------------
def matmul(a: Tensor, b: Tensor, *, out: Tensor | None = None) -> Tensor:
    if a.dtype is not b.dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {a.dtype} != {b.dtype}")
    check_device(a, b)
    av, bv = a._a, b._a
    result = np.matmul(av, bv)

    def backward(g: np.ndarray) -> tuple[Any, Any]:
        a2 = av if av.ndim > 1 else av[None, :]
        b2 = bv if bv.ndim > 1 else bv[:, None]
        g2 = g
        if av.ndim == 1:
            g2 = np.expand_dims(g2, -2)
        if bv.ndim == 1:
            g2 = np.expand_dims(g2, -1)
        ga = np.matmul(g2, np.swapaxes(b2, -1, -2))
        gb = np.matmul(np.swapaxes(a2, -1, -2), g2)
        if av.ndim == 1:
            ga = ga.squeeze(-2)
        if bv.ndim == 1:
            gb = gb.squeeze(-1)
        return unbroadcast(ga, av.shape), unbroadcast(gb, bv.shape)

    return finish(make(result, a.dtype, (a, b), "MmBackward0", backward, saved=[a, b]), out)


mm = matmul
bmm = matmul


def dot(a: Tensor, b: Tensor) -> Tensor:
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    return matmul(a, b)


# -- reductions ---------------------------------------------------------------------------------
def _dims(dim: Any, ndim: int) -> tuple[int, ...]:
    if dim is None:
        return tuple(range(ndim))
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    if not dims:
        return tuple(range(ndim))
    return tuple(sorted({_wrap_dim(d, ndim) for d in dims}))


def _expand_grad(g: np.ndarray, shape: tuple[int, ...], dims: tuple[int, ...], keepdim: bool) -> np.ndarray:
    if not keepdim:
        for d in dims:
            g = np.expand_dims(g, d)
    return np.broadcast_to(g, shape)


def sum(x: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: D.dtype | None = None) -> Tensor:  # noqa: A001
    """Integers and bool sum to int64 unless dtype= is given (ops.sum.*)."""
    target = dtype or (D.int64 if x.dtype.category <= D.INT else x.dtype)
    dims = _dims(dim, x.ndim)
    result = np.sum(values(x, target), axis=dims, keepdims=keepdim) if x.ndim else values(x, target)
    shape = x._a.shape
    return make(result, target, (x,), "SumBackward1", lambda g: (_expand_grad(g, shape, dims, keepdim),))


def mean(x: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: D.dtype | None = None) -> Tensor:
    """Only floating or complex input (or dtype=); an empty mean is nan (ops.mean.*)."""
    target = dtype or x.dtype
    if target.category < D.FLOAT:
        raise RuntimeError("mean(): could not infer output dtype. Input dtype must be either a floating point or "
                           f"complex dtype. Got: {_type_name(x.dtype)}")
    dims = _dims(dim, x.ndim)
    count = int(np.prod([x._a.shape[d] for d in dims])) if x.ndim else 1
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = np.mean(values(x, target), axis=dims, keepdims=keepdim) if x.ndim else values(x, target)
    shape = x._a.shape
    return make(result, target, (x,), "MeanBackward1",
                lambda g: (_expand_grad(g, shape, dims, keepdim) / builtins.max(count, 1),))


def prod(x: Tensor, dim: int | None = None, keepdim: bool = False, *, dtype: D.dtype | None = None) -> Tensor:
    target = dtype or (D.int64 if x.dtype.category <= D.INT else x.dtype)
    dims = _dims(dim, x.ndim)
    xv = values(x, target)
    result = np.prod(xv, axis=dims, keepdims=keepdim) if x.ndim else xv
    shape = x._a.shape

    def backward(g: np.ndarray) -> tuple[Any]:
        full = _expand_grad(np.asarray(result), shape, dims, keepdim)
        with np.errstate(all="ignore"):
            return (_expand_grad(g, shape, dims, keepdim) * np.where(xv != 0, full / np.where(xv != 0, xv, 1), 0),)

    return make(result, target, (x,), "ProdBackward0", backward)


def _var(x: Tensor, dim: Any, correction: Any, unbiased: Any, keepdim: bool) -> tuple[np.ndarray, tuple, int, float]:
    if x.dtype.category < D.FLOAT:
        raise RuntimeError("std and var only support floating point and complex dtypes")
    if correction is None:
        correction = 1 if unbiased is None or unbiased else 0
    dims = _dims(dim, x.ndim)
    n = int(np.prod([x._a.shape[d] for d in dims])) if x.ndim else 1
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = np.var(x._a, axis=dims, ddof=correction, keepdims=keepdim) if x.ndim else np.var(x._a, ddof=correction)
    return result, dims, n, correction


def var(x: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *, correction: Any = None) -> Tensor:
    """Unbiased (correction=1) by default (ops.var.*)."""
    if isinstance(unbiased, bool) is False and unbiased is not None and dim is None:
        dim, unbiased = unbiased, None
    result, dims, n, c = _var(x, dim, correction, unbiased, keepdim)
    xv, shape = x._a, x._a.shape
    centred = xv - (np.mean(xv, axis=dims, keepdims=True) if x.ndim else xv)
    return make(result, x.dtype, (x,), "VarBackward0",
                lambda g: (_expand_grad(g, shape, dims, keepdim) * 2 * centred / builtins.max(n - c, 1),))


def std(x: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *, correction: Any = None) -> Tensor:
    v = var(x, dim, unbiased, keepdim, correction=correction)
    return sqrt(v)


ReturnMax = namedtuple("max", ["values", "indices"])
ReturnMin = namedtuple("min", ["values", "indices"])


def _flat_index(x: Tensor, arg: Callable[..., Any], name: str) -> int:
    """The flat index of the extreme; a NaN wins (max/min propagate NaN)."""
    flat = x._a.reshape(-1)
    if flat.size == 0:
        raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                           "Specify the reduction dim with the 'dim' argument.")
    nan = np.isnan(flat) if x.dtype.category >= D.FLOAT else np.zeros(flat.shape, bool)
    return int(np.argmax(nan)) if nan.any() else int(arg(flat))


def _extreme(x: Tensor, dim: Any, keepdim: bool, arg: Callable[..., Any], kind: Any, name: str) -> Any:
    xv = x._a
    if dim is None:
        index, flat, shape = _flat_index(x, arg, name), xv.reshape(-1), xv.shape

        def backward_all(g: np.ndarray) -> tuple[Any]:
            grad = np.zeros(flat.shape, dtype=np.result_type(g, xv.dtype))
            grad[index] = g
            return (grad.reshape(shape),)

        return make(flat[index], x.dtype, (x,), f"{name.capitalize()}Backward1", backward_all)
    d = _wrap_dim(dim, x.ndim)
    work = xv if xv.ndim else xv.reshape(1)
    if work.shape[d] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")
    nan = np.isnan(work) if x.dtype.category >= D.FLOAT else np.zeros(work.shape, bool)
    idx = np.where(nan.any(axis=d), np.argmax(nan, axis=d), arg(np.where(nan, 0, work), axis=d))
    kept_idx = np.expand_dims(idx, d)
    vals = np.take_along_axis(work, kept_idx, axis=d)
    out_shape = (xv.shape[:d] + (1,) + xv.shape[d + 1:] if keepdim else xv.shape[:d] + xv.shape[d + 1:]) if xv.ndim else ()

    def backward(g: np.ndarray) -> tuple[Any]:
        grad = np.zeros(work.shape, dtype=np.result_type(g, xv.dtype))
        np.put_along_axis(grad, kept_idx, np.reshape(g, kept_idx.shape), axis=d)
        return (grad.reshape(xv.shape),)

    values_t = make(vals.reshape(out_shape), x.dtype, (x,), f"{name.capitalize()}Backward0", backward)
    return kind(values_t, make(kept_idx.reshape(out_shape).astype(np.int64), D.int64, (x,)))


def max(x: Tensor, dim: Any = None, keepdim: bool = False, *, out: Any = None) -> Any:  # noqa: A001
    """Over everything: a 0-d tensor; along dim: (values, indices), the first index on ties (ops.max.*)."""
    if isinstance(dim, Tensor):
        return maximum(x, dim, out=out)
    return _extreme(x, dim, keepdim, np.argmax, ReturnMax, "max")


def min(x: Tensor, dim: Any = None, keepdim: bool = False, *, out: Any = None) -> Any:  # noqa: A001
    if isinstance(dim, Tensor):
        return minimum(x, dim, out=out)
    return _extreme(x, dim, keepdim, np.argmin, ReturnMin, "min")


def argmax(x: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    if dim is None:
        return make(np.asarray(_flat_index(x, np.argmax, "argmax")), D.int64, (x,))
    return max(x, dim, keepdim).indices


def argmin(x: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    if dim is None:
        return make(np.asarray(_flat_index(x, np.argmin, "argmin")), D.int64, (x,))
    return min(x, dim, keepdim).indices


def all(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    return make(np.all(x._a != 0, axis=_dims(dim, x.ndim), keepdims=keepdim), D.bool_, (x,))


def any(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    return make(np.any(x._a != 0, axis=_dims(dim, x.ndim), keepdims=keepdim), D.bool_, (x,))


def equal(a: Tensor, b: Tensor) -> bool:
    return tuple(a.shape) == tuple(b.shape) and bool(np.array_equal(a._a, b._a))


def allclose(a: Tensor, b: Tensor, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> bool:
    return bool(np.allclose(a._a, b._a, rtol=rtol, atol=atol, equal_nan=equal_nan))
