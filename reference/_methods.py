"""Tensor methods and operators: each routes to the function of the same name.

In-place methods (trailing underscore) compute out of place and write the result into
self (ops.inplace.*): same object returned, self's shape and dtype kept.
"""
from __future__ import annotations

import builtins
import weakref
from typing import Any, Callable

import numpy as np

from reference import _conversions as C
from reference import _creation, _joining, _numpy_bridge, _ops, _views
from reference._ops import before_write, inplace
from reference._tensor import Tensor

_FUNCTIONS: dict[str, Callable[..., Any]] = {}
for _module in (_ops, _views, _joining, C):
    for _name in dir(_module):
        _fn = getattr(_module, _name)
        if callable(_fn) and not _name.startswith("_") and getattr(_fn, "__module__", "").startswith("reference"):
            _FUNCTIONS[_name] = _fn

METHOD_NAMES = (
    "add sub mul div true_divide floor_divide remainder fmod pow maximum minimum eq ne lt le gt ge greater less "
    "greater_equal less_equal not_equal logical_and logical_or logical_xor logical_not bitwise_and bitwise_or "
    "bitwise_xor neg abs exp log sqrt sin cos tanh sigmoid relu square clamp clip sign floor ceil trunc round isnan "
    "isfinite isinf matmul mm bmm dot sum mean prod var std max min amax amin argmax argmin all any equal allclose "
    "view view_as reshape reshape_as flatten unflatten squeeze unsqueeze transpose swapaxes swapdims t permute "
    "movedim expand expand_as narrow select diagonal unfold split split_with_sizes chunk tensor_split hsplit vsplit "
    "unbind as_strided adjoint flip to cpu clone contiguous copy_ type_as conj resolve_conj"
).split()

for _name in METHOD_NAMES:
    setattr(Tensor, _name, _FUNCTIONS[_name])

for _name, _dtype in C.CASTS.items():
    setattr(Tensor, _name, C._cast(_dtype))

INPLACE = ("add sub mul div true_divide floor_divide remainder fmod pow clamp clip neg abs exp log sqrt sin cos "
           "tanh sigmoid relu sign floor ceil trunc round logical_not").split()


def _make_inplace(fn: Callable[..., Tensor]) -> Callable[..., Tensor]:
    def method(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        return inplace(self, fn(before_write(self, *args, *kwargs.values()), *args, **kwargs))

    method.__name__ = fn.__name__ + "_"
    return method


for _name in INPLACE:
    setattr(Tensor, _name + "_", _make_inplace(_FUNCTIONS[_name]))


def _t_(self: Tensor) -> Tensor:
    """In-place transpose: self's metadata changes, memory is untouched."""
    self._a = _views.t(self)._a
    return self


def _squeeze_(self: Tensor, dim: Any = None) -> Tensor:
    self._a = _views.squeeze(self, dim)._a
    return self


def _unsqueeze_(self: Tensor, dim: int) -> Tensor:
    self._a = _views.unsqueeze(self, dim)._a
    return self


def _transpose_(self: Tensor, dim0: int, dim1: int) -> Tensor:
    self._a = _views.transpose(self, dim0, dim1)._a
    return self


def _fill_(self: Tensor, value: Any) -> Tensor:
    return C.copy_(self, value._a if isinstance(value, Tensor) else value)


def _zero_(self: Tensor) -> Tensor:
    return C.copy_(self, 0)


def _normal_(self: Tensor, mean: float = 0.0, std: float = 1.0, *, generator: Any = None) -> Tensor:
    from reference import _random

    return C.copy_(self, _random.rng(generator).normal(mean, std, self._a.shape))


def _uniform_(self: Tensor, a: float = 0.0, b: float = 1.0, *, generator: Any = None) -> Tensor:
    from reference import _random

    return C.copy_(self, _random.rng(generator).uniform(a, b, self._a.shape))


def _new_factory(factory: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """new_* take dtype and device from self, not its shape (creation.new.*)."""

    def method(self: Tensor, *size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False,
               **kwargs: Any) -> Tensor:
        return factory(*size, dtype=dtype or self.dtype, device=device if device is not None else self.device,
                       requires_grad=requires_grad, **kwargs)

    return method


def _new_full(self: Tensor, size: Any, fill_value: Any, *, dtype: Any = None, device: Any = None,
              requires_grad: bool = False) -> Tensor:
    return _creation.full(tuple(size), fill_value, dtype=dtype or self.dtype,
                          device=device if device is not None else self.device, requires_grad=requires_grad)


def _new_tensor(self: Tensor, data: Any, *, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    if isinstance(data, Tensor):
        data = data.detach()._a.copy()
        return Tensor(_ops.store(data, dtype or self.dtype), dtype or self.dtype,
                      device if device is not None else self.device, requires_grad=requires_grad)
    return _creation.tensor(data, dtype=dtype or self.dtype, device=device if device is not None else self.device,
                            requires_grad=requires_grad)


Tensor.t_ = _t_
Tensor.squeeze_ = _squeeze_
Tensor.unsqueeze_ = _unsqueeze_
Tensor.transpose_ = _transpose_
Tensor.fill_ = _fill_
Tensor.zero_ = _zero_
Tensor.normal_ = _normal_
Tensor.uniform_ = _uniform_
Tensor.new_zeros = _new_factory(_creation.zeros)
Tensor.new_ones = _new_factory(_creation.ones)
Tensor.new_empty = _new_factory(_creation.empty)
Tensor.new_full = _new_full
Tensor.new_tensor = _new_tensor
Tensor.T = property(_views.reverse_dims)
Tensor.mT = property(_views.matrix_transpose)
Tensor.H = property(_views.conj_transpose)
Tensor.mH = property(_views.adjoint)
Tensor.real = property(_views.real)
Tensor.imag = property(_views.imag)
Tensor.data = property(lambda self: self.detach(), lambda self, value: setattr(self, "_a", value._a))
Tensor.__getitem__ = _views.getitem
Tensor.__setitem__ = _views.setitem


def _reflected(fn: Callable[..., Tensor]) -> Callable[..., Tensor]:
    return lambda self, other: fn(other, self)


def _augmented(fn: Callable[..., Tensor]) -> Callable[..., Tensor]:
    return lambda self, other: inplace(self, fn(before_write(self, other), other))


for _op, _fn in {"add": _ops.add, "sub": _ops.sub, "mul": _ops.mul, "truediv": _ops.div,
                 "floordiv": _ops.floor_divide, "mod": _ops.remainder, "pow": _ops.pow, "matmul": _ops.matmul,
                 "and": _ops.bitwise_and, "or": _ops.bitwise_or, "xor": _ops.bitwise_xor}.items():
    setattr(Tensor, f"__{_op}__", lambda self, other, _fn=_fn: _fn(self, other))
    setattr(Tensor, f"__r{_op}__", _reflected(_fn))
    setattr(Tensor, f"__i{_op}__", _augmented(_fn))

for _op, _fn in {"eq": _ops.eq, "ne": _ops.ne, "lt": _ops.lt, "le": _ops.le, "gt": _ops.gt, "ge": _ops.ge}.items():
    setattr(Tensor, f"__{_op}__", lambda self, other, _fn=_fn: _fn(self, other)
            if isinstance(other, (Tensor, int, float, bool, complex, np.number)) else NotImplemented)

Tensor.__neg__ = _ops.neg
Tensor.__abs__ = _ops.abs
Tensor.__invert__ = lambda self: _ops.logical_not(self) if self.dtype.name == "bool" else _ops.make(
    np.invert(self._a), self.dtype, (self,))
Tensor.__pos__ = lambda self: self
Tensor.__hash__ = lambda self: builtins.id(self)


# -- page-locked memory (data.loader.pin-memory) ----------------------------------------------
_PINNED: "weakref.WeakValueDictionary[int, Any]" = weakref.WeakValueDictionary()
"""The arrays owning pinned memory, by id: pinning is a property of the storage, shared by its views."""


def _storage(self: Tensor) -> Any:
    """The object at the end of the array's ``base`` chain: the owner of the memory its views share."""
    owner = self._a
    while getattr(owner, "base", None) is not None:
        owner = owner.base
    return owner


def _is_pinned(self: Tensor) -> bool:
    storage = _storage(self)
    return _PINNED.get(builtins.id(storage)) is storage


def _pin_memory(self: Tensor) -> Tensor:
    """A copy in page-locked host memory (self if already pinned). NumPy has no such memory: the copy is an
    ordinary CPU array recorded as pinned. Only CPU tensors can be pinned."""
    if self.device.type != "cpu":
        raise RuntimeError(f"cannot pin '{self.device}' memory: only dense CPU tensors can be pinned")
    if _is_pinned(self):
        return self
    pinned = C.clone(self)
    _PINNED[builtins.id(_storage(pinned))] = _storage(pinned)
    return pinned


Tensor.is_pinned = _is_pinned
Tensor.pin_memory = _pin_memory
Tensor.resize_ = _numpy_bridge.resize_
