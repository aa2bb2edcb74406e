"""Element-wise arithmetic, comparisons, out=, in-place and reductions (ops.* behaviours).

Each op computes its value with NumPy in the promoted dtype and, when grad mode is on and
an input requires grad, records a node whose backward formula is written here with these
same Tensor ops, so that a backward run with create_graph=True is itself recorded
(autograd.grad.higher-order). Formulas receive and return Tensors; the engine sums
broadcast dims away and casts to the input's dtype (see ``_graph.fit_gradient``).
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
        array = array.astype(dtype.np, copy=False)
    return array if array.flags.writeable else array.copy()


def needs_grad(*inputs: Any) -> bool:
    return grad_mode.is_grad_enabled() and builtins.any(isinstance(t, Tensor) and t.requires_grad for t in inputs)


def make(array: Any, dtype: D.dtype, like: Sequence[Any], name: str = "",
         backward: Callable[[Tensor], Sequence[Any]] | None = None, saved: Sequence[Tensor] = (),
         save_result: bool = False) -> Tensor:
    """A result tensor on the inputs' device, recording ``backward`` if autograd needs it.

    ``saved`` (plus the result itself with ``save_result``) are the tensors the formula reads: their
    versions are checked at backward (autograd.in-place.modified-saved-tensor-raises).
    """
    device = operand_device(like)
    out = Tensor(store(array, dtype), dtype) if device is None else Tensor(store(array, dtype), dtype, device)
    if backward is not None and dtype.category >= D.FLOAT and needs_grad(*like):
        out.grad_fn = Node(name, like, backward, list(saved) + ([out] if save_result else []))
        out._requires_grad = True
    return out


def sum_to(grad: Tensor, shape: Sequence[int]) -> Tensor:
    """Sum a broadcast gradient back to an input's shape (leading dims, then stretched size-1 dims)."""
    lead = grad.ndim - len(shape)
    dims = tuple(range(lead)) + tuple(lead + i for i, size in enumerate(shape) if size == 1 and grad.shape[lead + i] != 1)
    if not dims:
        return grad
    from reference._views import reshape

    return reshape(sum(grad, dims, keepdim=True), tuple(shape))


def conj(x: Any) -> Any:
    """The complex conjugate; real tensors and real scalars are returned unchanged."""
    if isinstance(x, Tensor):
        if x.dtype.category != D.COMPLEX:
            return x
        return unary("ConjBackward0", x, np.conj, lambda x, r, g: conj(g), saves="")
    return x.conjugate() if isinstance(x, complex) else x


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


def _placed(tensors: Sequence[Any]) -> list[Any]:
    """The devices of the tensors that fix the result's device: all but 0-dim CPU tensors, which may join a
    tensor on any device (device.mixing.cpu-scalar)."""
    return [t.device for t in tensors if isinstance(t, Tensor) and (t.ndim > 0 or t.device.type != "cpu")]


def operand_device(tensors: Sequence[Any]) -> Any:
    """The device of an op's result: that of its placed tensors, else (only 0-dim CPU tensors) the CPU."""
    placed = _placed(tensors) or [t.device for t in tensors if isinstance(t, Tensor)]
    return placed[0] if placed else None


def check_device(*tensors: Any) -> None:
    """Tensors never move by themselves: placed tensors on two devices raise (device.mixing.error)."""
    devices = set(_placed(tensors))
    if len(devices) > 1:
        names = sorted(str(d) for d in devices)
        raise RuntimeError(f"Expected all tensors to be on the same device, but found at least two devices, "
                           f"{names[0]} and {names[1]}!")


def finish(result: Tensor, out: Tensor | None) -> Tensor:
    """Write into ``out`` when given, with the documented out= rules (ops.out.*): no autograd through out=
    (an out that requires grad, or a differentiable result, raises), a result of a higher category than out's
    dtype raises, a non-empty out of the wrong shape is resized with a warning."""
    if out is None:
        return result
    if (out.requires_grad or result.requires_grad) and grad_mode.is_grad_enabled():
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
    if self.is_inference() and not grad_mode.is_inference_mode_enabled():
        raise RuntimeError("Inplace update to inference tensor outside InferenceMode is not allowed.")
    if self._a.size > 1 and builtins.any(st == 0 and n > 1 for st, n in zip(self._a.strides, self._a.shape)):
        raise RuntimeError("unsupported operation: more than one element of the written-to tensor refers to a single "
                           "memory location. Please clone() the tensor before performing the operation.")


def before_write(self: Tensor, *args: Any) -> Tensor:
    """What an in-place op computes from: self, or, when the op is recorded, a copy of self's values that
    keeps self's history, so a backward formula reading self sees it as it was before the write (PyTorch
    saves the original self likewise; autograd.in-place.unsaved-intermediate-ok)."""
    if not needs_grad(self, *args):
        return self
    original = Tensor(self._a.copy(), self.dtype, self.device)
    original.grad_fn, original._accumulator, original._requires_grad = self.grad_fn, self._accumulator, self.requires_grad
    return original


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
Formula = Callable[[Tensor], Tensor]


def binary(name: str, a: Any, b: Any, compute: Callable[[Any, Any], Any], *, out: Tensor | None = None,
           dtype: D.dtype | None = None, compute_dtype: D.dtype | None = None,
           grads: tuple[Formula, Formula] | None = None, reads: tuple[Sequence[Any], Sequence[Any]] = ((), ())
           ) -> Tensor:
    """``compute(a, b)`` in the promoted dtype.

    ``grads[i](g)`` is the gradient for operand i; ``reads[i]`` are the operands that formula reads,
    saved only when operand i needs a gradient (so ``h.mul_(2)`` on a non-leaf stays differentiable).
    """
    check_device(a, b)
    shape = broadcast_shape(_shape(a), _shape(b))
    promoted = D.result_type(a, b)
    cdtype = compute_dtype or promoted
    av, bv = values(a, cdtype), values(b, cdtype)
    with np.errstate(all="ignore"):
        result = np.broadcast_to(compute(av, bv), shape)
    needed = [isinstance(t, Tensor) and t.requires_grad for t in (a, b)]
    backward = None if grads is None else (
        lambda g: [formula(g) if need else None for formula, need in zip(grads, needed)])
    saved = [t for need, read in zip(needed, reads) if need for t in read if isinstance(t, Tensor)]
    return finish(make(result, dtype or promoted, (a, b), name, backward, saved=saved), out)


def _alpha(a: Any, b: Any, alpha: Any) -> Any:
    """alpha * b; a floating-point alpha with an integral result raises, even alpha=1.0
    (ops.add.alpha, ops.add.alpha-float-with-ints-raises)."""
    if isinstance(alpha, (float, np.floating)) and D.result_type(a, b).category < D.FLOAT:
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating point number.")
    return b if alpha is None or alpha == 1 else mul(b, alpha)


def add(a: Any, b: Any, *, alpha: Any = None, out: Tensor | None = None) -> Tensor:
    return binary("AddBackward0", a, _alpha(a, b, alpha), lambda x, y: x + y, out=out,
                  grads=(lambda g: g, lambda g: g))


def sub(a: Any, b: Any, *, alpha: Any = None, out: Tensor | None = None) -> Tensor:
    if D.result_type(a, b) is D.bool_:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    return binary("SubBackward0", a, _alpha(a, b, alpha), lambda x, y: x - y, out=out,
                  grads=(lambda g: g, neg))


def mul(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    return binary("MulBackward0", a, b, lambda x, y: x * y, out=out,
                  grads=(lambda g: g * conj(b), lambda g: g * conj(a)), reads=((b,), (a,)))


def _int_zero_check(b: Any) -> None:
    if np.any(np.asarray(b) == 0):
        raise RuntimeError("ZeroDivisionError")


def div(a: Any, b: Any, *, rounding_mode: str | None = None, out: Tensor | None = None) -> Tensor:
    """True division promotes integers to the default float; trunc/floor keep integers (ops.div.*)."""
    promoted = D.result_type(a, b)
    if rounding_mode is None:
        target = promoted if promoted.category >= D.FLOAT else D.get_default_dtype()
        return binary("DivBackward0", a, b, lambda x, y: x / y, out=out, dtype=target, compute_dtype=target,
                      grads=(lambda g: g / conj(b), lambda g: -g * conj(a) / conj(b) ** 2), reads=((b,), (a, b)))
    if rounding_mode not in ("trunc", "floor"):
        raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{rounding_mode}'")
    if promoted.category <= D.INT:
        _int_zero_check(values(b, promoted))
    compute = np.floor_divide if rounding_mode == "floor" else _trunc_divide
    return binary("DivBackward1", a, b, compute, out=out, grads=(_zero, _zero))


def _trunc_divide(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The quotient rounded toward zero; for integers, exactly: the floored quotient, plus one where the
    division is inexact and the signs differ. (NumPy's floor_divide floors floats as Python's // does.)"""
    if x.dtype.kind in "fc":
        return np.trunc(x / y)
    floored = np.floor_divide(x, y)
    return floored + ((np.remainder(x, y) != 0) & ((x < 0) != (y < 0)))


true_divide = div


def floor_divide(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    return div(a, b, rounding_mode="floor", out=out)


def remainder(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    """Python's %: the result takes the divisor's sign."""
    if D.result_type(a, b).category <= D.INT:
        _int_zero_check(values(b, D.result_type(a, b)))
    return binary("RemainderBackward0", a, b, np.mod, out=out, grads=(lambda g: g, lambda g: -g * floor(div(a, b))),
                  reads=((), (a, b)))


def fmod(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    """C's fmod: the result takes the dividend's sign."""
    if D.result_type(a, b).category <= D.INT:
        _int_zero_check(values(b, D.result_type(a, b)))
    return binary("FmodBackward0", a, b, np.fmod, out=out, grads=(lambda g: g, lambda g: -g * trunc(div(a, b))),
                  reads=((), (a, b)))


def pow(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:  # noqa: A001 - torch's name
    promoted = D.result_type(a, b)
    if promoted.category <= D.INT and np.any(np.asarray(values(b, promoted)) < 0):
        raise RuntimeError("Integers to negative integer powers are not allowed.")
    return binary("PowBackward1", a, b, np.power, out=out,
                  grads=(lambda g: g * conj(b * pow(a, b - 1)), lambda g: g * conj(pow(a, b) * _log_positive(a))),
                  reads=((a, b), (a, b)))


def _log_positive(x: Any) -> Any:
    """log(x) where x > 0, else 0: the exponent's derivative factor, kept finite where it is unused."""
    if not isinstance(x, Tensor):
        return float(np.log(x)) if x > 0 else 0.0
    return log(where(x > 0, x, 1))


def maximum(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    return binary("MaximumBackward0", a, b, np.maximum, out=out,
                  grads=(lambda g: g * _share(a, b), lambda g: g * _share(b, a)), reads=((a, b), (a, b)))


def minimum(a: Any, b: Any, *, out: Tensor | None = None) -> Tensor:
    return binary("MinimumBackward0", a, b, np.minimum, out=out,
                  grads=(lambda g: g * _share(b, a), lambda g: g * _share(a, b)), reads=((a, b), (a, b)))


def _share(x: Any, y: Any) -> Tensor:
    """The share of the gradient that goes to x in max(x, y): 1 where x wins, 1/2 on ties."""
    return gt(x, y) + eq(x, y) * 0.5


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
                  grads=(lambda g: where(condition, g, 0), lambda g: where(condition, 0, g)))


# -- element-wise unary ops ---------------------------------------------------------------------
def unary(name: str, x: Tensor, compute: Callable[[Any], Any], grad: Callable[[Tensor, Tensor, Tensor], Tensor] | None,
          *, float_only: bool = False, out: Tensor | None = None, saves: str = "x") -> Tensor:
    """``compute(x)``; integer inputs of float-only functions promote to the default float.

    ``grad(x, result, g)`` is the input's gradient; ``saves`` names what it reads: "x", "result" or "".
    """
    x = x if isinstance(x, Tensor) else _as_tensor(x)
    dtype = x.dtype
    if float_only and dtype.category < D.FLOAT:
        dtype = D.get_default_dtype()
    with np.errstate(all="ignore"):
        array = np.asarray(compute(values(x, dtype)))
    backward = None if grad is None else (lambda g: (grad(x, result, g),))
    result = make(array, dtype, (x,), name, backward, saved=[x] if saves == "x" else [], save_result=saves == "result")
    return finish(result, out)


def _zero(g: Tensor) -> Tensor:
    """The gradient of a piecewise-constant function."""
    return g * 0


def _as_tensor(value: Any) -> Tensor:
    from reference._creation import tensor

    return tensor(value)


def neg(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    if x.dtype is D.bool_:
        raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported.")
    return unary("NegBackward0", x, np.negative, lambda x, r, g: neg(g), out=out, saves="")


def abs(x: Tensor, *, out: Tensor | None = None) -> Tensor:  # noqa: A001
    return unary("AbsBackward0", x, np.abs, lambda x, r, g: g * sign(x), out=out)


def exp(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("ExpBackward0", x, np.exp, lambda x, r, g: g * conj(r), float_only=True, out=out, saves="result")


def log(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("LogBackward0", x, np.log, lambda x, r, g: g / conj(x), float_only=True, out=out)


def sqrt(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("SqrtBackward0", x, np.sqrt, lambda x, r, g: g / (2 * conj(r)), float_only=True, out=out,
                 saves="result")


def sin(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("SinBackward0", x, np.sin, lambda x, r, g: g * conj(cos(x)), float_only=True, out=out)


def cos(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("CosBackward0", x, np.cos, lambda x, r, g: -g * conj(sin(x)), float_only=True, out=out)


def tanh(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("TanhBackward0", x, np.tanh, lambda x, r, g: g * conj(1 - r * r), float_only=True, out=out,
                 saves="result")


def sigmoid(x: Tensor, *, out: Tensor | None = None) -> Tensor:
    return unary("SigmoidBackward0", x, lambda v: 1 / (1 + np.exp(-v)), lambda x, r, g: g * conj(r * (1 - r)),
                 float_only=True, out=out, saves="result")


def relu(x: Tensor) -> Tensor:
    return unary("ReluBackward0", x, lambda v: np.maximum(v, 0).astype(v.dtype), lambda x, r, g: g * gt(r, 0),
                 saves="result")


def square(x: Tensor) -> Tensor:
    return mul(x, x)


def clamp(x: Tensor, min: Any = None, max: Any = None, *, out: Tensor | None = None) -> Tensor:  # noqa: A002
    lo = -np.inf if min is None else min
    hi = np.inf if max is None else max
    return unary("ClampBackward1", x, lambda v: np.clip(v, lo, hi).astype(v.dtype),
                 lambda x, r, g: g * logical_and(ge(x, lo), le(x, hi)), out=out)


clip = clamp


def sign(x: Tensor) -> Tensor:
    return unary("SignBackward0", x, np.sign, lambda x, r, g: _zero(g), saves="")


def floor(x: Tensor) -> Tensor:
    return unary("FloorBackward0", x, np.floor, lambda x, r, g: _zero(g), saves="")


def ceil(x: Tensor) -> Tensor:
    return unary("CeilBackward0", x, np.ceil, lambda x, r, g: _zero(g), saves="")


def trunc(x: Tensor) -> Tensor:
    return unary("TruncBackward0", x, np.trunc, lambda x, r, g: _zero(g), saves="")


def round(x: Tensor) -> Tensor:  # noqa: A001
    return unary("RoundBackward0", x, np.round, lambda x, r, g: _zero(g), saves="")


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
    result = np.matmul(a._a, b._a)
    needed = (a.requires_grad, b.requires_grad)

    def backward(g: Tensor) -> tuple[Any, Any]:
        """1-D operands act as a row (a) or a column (b) matrix; batch dims are summed by the engine."""
        from reference._views import reshape, transpose

        a2 = a if a.ndim > 1 else reshape(a, (1, -1))
        b2 = b if b.ndim > 1 else reshape(b, (-1, 1))
        g2 = reshape(g, np.broadcast_shapes(a2.shape[:-2], b2.shape[:-2]) + (a2.shape[-2], b2.shape[-1]))
        ga = matmul(g2, conj(transpose(b2, -1, -2))) if needed[0] else None
        gb = matmul(conj(transpose(a2, -1, -2)), g2) if needed[1] else None
        return (ga if ga is None or a.ndim > 1 else reshape(ga, (-1, a.shape[0]))), \
            (gb if gb is None or b.ndim > 1 else reshape(gb, (-1, b.shape[0])))

    saved = [t for need, t in zip(needed, (b, a)) if need]
    return finish(make(result, a.dtype, (a, b), "MmBackward0", backward, saved=saved), out)


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


def _expand_grad(g: Tensor, shape: tuple[int, ...], dims: tuple[int, ...]) -> Tensor:
    """A reduction's gradient spread back over the reduced dims (``keepdim`` or not)."""
    from reference._views import expand, reshape

    kept = tuple(1 if i in dims else size for i, size in enumerate(shape))
    return expand(reshape(g, kept), shape)


def sum(x: Tensor, dim: Any = None, keepdim: bool = False, *, dtype: D.dtype | None = None) -> Tensor:  # noqa: A001
    """Integers and bool sum to int64 unless dtype= is given (ops.sum.*); float16 accumulates in float32 and
    rounds once, as PyTorch's CPU kernel does."""
    target = dtype or (D.int64 if x.dtype.category <= D.INT else x.dtype)
    dims = _dims(dim, x.ndim)
    accumulator = np.float32 if target is D.float16 else None
    result = np.sum(values(x, target), axis=dims, keepdims=keepdim, dtype=accumulator) if x.ndim else values(x, target)
    shape = x._a.shape
    return make(result, target, (x,), "SumBackward1", lambda g: (_expand_grad(g, shape, dims),))


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
                lambda g: (_expand_grad(g, shape, dims) / builtins.max(count, 1),))


def prod(x: Tensor, dim: int | None = None, keepdim: bool = False, *, dtype: D.dtype | None = None) -> Tensor:
    target = dtype or (D.int64 if x.dtype.category <= D.INT else x.dtype)
    dims = _dims(dim, x.ndim)
    xv = values(x, target)
    result = np.prod(xv, axis=dims, keepdims=keepdim) if x.ndim else xv
    shape = x._a.shape

    def backward(g: Tensor) -> tuple[Any]:
        """d prod / d x_i = prod / x_i (taken as 0 where x_i is 0)."""
        nonzero = ne(x, 0)
        others = div(_expand_grad(out, shape, dims), where(nonzero, x, 1))
        return (_expand_grad(g, shape, dims) * conj(where(nonzero, others, 0)),)

    out = make(result, target, (x,), "ProdBackward0", backward, saved=[x], save_result=True)
    return out


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
    if isinstance(dim, bool):  # the legacy var(input, unbiased) form
        dim, unbiased = None, dim
    result, dims, n, c = _var(x, dim, correction, unbiased, keepdim)
    shape = x._a.shape

    def backward(g: Tensor) -> tuple[Any]:
        centred = x - mean(x, dims, keepdim=True)
        return (_expand_grad(g, shape, dims) * 2 * centred / builtins.max(n - c, 1),)

    return make(result, x.dtype, (x,), "VarBackward0", backward, saved=[x])


def std(x: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, *, correction: Any = None) -> Tensor:
    v = var(x, dim, unbiased, keepdim, correction=correction)
    return sqrt(v)


def _extreme_values(x: Tensor, dim: Any, keepdim: bool, reduce: Callable[..., Any], name: str,
                    out: Tensor | None) -> Tensor:
    """amax/amin: the extreme over dim (all dims by default) without indices; NaN propagates; the gradient is
    shared evenly among the tied extremes (ops.reduce.keepdim)."""
    dims = _dims(dim, x.ndim)
    if x.numel() == 0 and (dim is None or dim == ()):
        raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                           "Specify the reduction dim with the 'dim' argument.")
    for d in dims:
        if x.shape[d] == 0:
            raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")
    result = reduce(x._a, axis=dims, keepdims=keepdim) if x.ndim else x._a
    shape = x._a.shape

    def backward(g: Tensor) -> tuple[Any]:
        ties = eq(x, _expand_grad(picked, shape, dims))
        return (_expand_grad(g, shape, dims) * ties / sum(ties, dims, keepdim=True),)

    picked = make(result, x.dtype, (x,), f"{name.capitalize()}Backward0", backward, saved=[x], save_result=True)
    return finish(picked, out)


def amax(x: Tensor, dim: Any = (), keepdim: bool = False, *, out: Tensor | None = None) -> Tensor:
    return _extreme_values(x, dim, keepdim, np.max, "amax", out)


def amin(x: Tensor, dim: Any = (), keepdim: bool = False, *, out: Tensor | None = None) -> Tensor:
    return _extreme_values(x, dim, keepdim, np.min, "amin", out)


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
        index, flat = _flat_index(x, arg, name), xv.reshape(-1)
        chosen = np.zeros(flat.shape, dtype=bool)
        chosen[index] = True
        mask = Tensor(chosen.reshape(xv.shape), D.bool_, x.device)
        return make(flat[index], x.dtype, (x,), f"{name.capitalize()}Backward1", lambda g: (g * mask,))
    d = _wrap_dim(dim, x.ndim)
    work = xv if xv.ndim else xv.reshape(1)
    if work.shape[d] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")
    nan = np.isnan(work) if x.dtype.category >= D.FLOAT else np.zeros(work.shape, bool)
    idx = np.where(nan.any(axis=d), np.argmax(nan, axis=d), arg(np.where(nan, 0, work), axis=d))
    kept_idx = np.expand_dims(idx, d)
    vals = np.take_along_axis(work, kept_idx, axis=d)
    out_shape = (xv.shape[:d] + (1,) + xv.shape[d + 1:] if keepdim else xv.shape[:d] + xv.shape[d + 1:]) if xv.ndim else ()

    chosen = np.zeros(work.shape, dtype=bool)
    np.put_along_axis(chosen, kept_idx, True, axis=d)
    mask = Tensor(chosen.reshape(xv.shape), D.bool_, x.device)
    dims = (d,) if xv.ndim else ()
    values_t = make(vals.reshape(out_shape), x.dtype, (x,), f"{name.capitalize()}Backward0",
                    lambda g: (_expand_grad(g, xv.shape, dims) * mask,))
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
    """bool, except that uint8 input gives uint8 (ops.reduce.all-any); likewise any."""
    return make(np.all(x._a != 0, axis=_dims(dim, x.ndim), keepdims=keepdim), _logical_dtype(x), (x,))


def any(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    return make(np.any(x._a != 0, axis=_dims(dim, x.ndim), keepdims=keepdim), _logical_dtype(x), (x,))


def _logical_dtype(x: Tensor) -> D.dtype:
    return D.uint8 if x.dtype is D.uint8 else D.bool_


def equal(a: Tensor, b: Tensor) -> bool:
    return tuple(a.shape) == tuple(b.shape) and bool(np.array_equal(a._a, b._a))


def allclose(a: Tensor, b: Tensor, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False) -> bool:
    return bool(np.allclose(a._a, b._a, rtol=rtol, atol=atol, equal_nan=equal_nan))
