"""The Tensor: a NumPy view plus dtype, device and autograd bookkeeping.

Memory model: ``_a`` is a NumPy array viewing shared memory, so every view op is a NumPy
view and shares storage exactly as documented (view.* behaviours). A view shares its
base's version counter (``_version``, a one-item list) so in-place changes through any
view invalidate saved tensors (autograd.version-counter.*).
"""
from __future__ import annotations

import warnings
from typing import Any, Iterator

import numpy as np

from reference import _dtype as D
from reference._device import CPU, canonical, check_readable, device
from reference import _grad_mode as grad_mode


class Size(tuple):
    """A tuple of ints; slicing or adding a tuple gives another Size (creation.size.*)."""

    def __new__(cls, dims: Any = ()) -> "Size":
        return super().__new__(cls, (int(d) for d in dims))

    def __getitem__(self, key: Any) -> Any:
        got = super().__getitem__(key)
        return Size(got) if isinstance(key, slice) else got

    def __add__(self, other: Any) -> "Size":
        if not isinstance(other, tuple):
            return NotImplemented
        return Size(tuple(self) + tuple(other))

    def __radd__(self, other: Any) -> "Size":
        if not isinstance(other, tuple):
            return NotImplemented
        return Size(tuple(other) + tuple(self))

    def numel(self) -> int:
        n = 1
        for d in self:
            n *= d
        return n

    def __repr__(self) -> str:
        return f"reference.Size({list(self)})"


class Tensor:
    """An n-dimensional array with autograd; built by factories, never by users directly."""

    __array_priority__ = 1000  # NumPy defers binary operators to Tensor

    def __init__(self, array: np.ndarray, dtype: D.dtype, dev: device = CPU, requires_grad: bool = False,
                 version: list[int] | None = None) -> None:
        self._a = array
        self._dtype = dtype
        self._device = canonical(dev)
        self._requires_grad = False
        self._grad: Tensor | None = None
        self.grad_fn: Any = None
        self._accumulator: Any = None
        self._version = version if version is not None else [0]
        self._inference = grad_mode.is_inference_mode_enabled()
        if requires_grad:
            self.requires_grad = True

    # -- metadata ---------------------------------------------------------------------
    @property
    def dtype(self) -> D.dtype:
        return self._dtype

    @property
    def device(self) -> device:
        return self._device

    @property
    def shape(self) -> Size:
        return Size(self._a.shape)

    def size(self, dim: int | None = None) -> Any:
        return self.shape if dim is None else self._a.shape[_wrap_dim(dim, self.ndim)]

    @property
    def ndim(self) -> int:
        return self._a.ndim

    def dim(self) -> int:
        return self._a.ndim

    def numel(self) -> int:
        return int(self._a.size)

    nelement = numel

    def element_size(self) -> int:
        return self._dtype.itemsize

    def stride(self, dim: int | None = None) -> Any:
        strides = tuple(s // self._a.itemsize for s in self._a.strides)
        return strides if dim is None else strides[_wrap_dim(dim, self.ndim)]

    def is_contiguous(self) -> bool:
        """Row-major strides over the dims of size > 1; an empty tensor is contiguous (view.contiguous.self-or-copy)."""
        if self._a.size == 0:
            return True
        expected = 1
        for size, stride in reversed(list(zip(self._a.shape, self.stride()))):
            if size != 1 and stride != expected:
                return False
            expected *= size
        return True

    def is_floating_point(self) -> bool:
        return self._dtype.category == D.FLOAT

    def is_complex(self) -> bool:
        return self._dtype.category == D.COMPLEX

    def is_signed(self) -> bool:
        return self._dtype.is_signed

    def type(self, dtype: Any = None) -> Any:
        """No argument: the legacy type name, ``torch.FloatTensor`` for float32, ``torch.<device>.`` before
        it off the CPU (creation.dtypes.legacy-type-names). A dtype or such a name: this tensor cast to it."""
        if dtype is None:
            where = "" if self._device.type == "cpu" else f"{self._device.type}."
            return f"torch.{where}{D.LEGACY_NAMES[self._dtype]}"
        if isinstance(dtype, str):
            by_name = {name: d for d, name in D.LEGACY_NAMES.items()}
            if dtype.rpartition(".")[2] not in by_name:
                raise ValueError(f"invalid type: {dtype!r}")
            dtype = by_name[dtype.rpartition(".")[2]]
        return self.to(dtype=dtype)

    @property
    def is_cuda(self) -> bool:
        return False

    def get_device(self) -> int:
        """-1 on the CPU, else the device ordinal (device.tensor.get-device)."""
        return -1 if self._device.type == "cpu" else self._device.index

    _conj = False  # the conjugate bit: set only on the result of conj() (see ``_conversions.conj``)

    def is_conj(self) -> bool:
        return self._conj

    @property
    def is_cpu(self) -> bool:
        return self._device.type == "cpu"

    def is_inference(self) -> bool:
        return self._inference

    @property
    def layout(self) -> str:
        from reference import strided

        return strided

    # -- autograd bookkeeping -----------------------------------------------------------
    @property
    def requires_grad(self) -> bool:
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, flag: bool) -> None:
        if flag and self._dtype.category < D.FLOAT:
            raise RuntimeError("only Tensors of floating point and complex dtype can require gradients")
        if not flag and self.grad_fn is not None:
            raise RuntimeError("you can only change requires_grad flags of leaf variables. If you want to use a "
                               "computed variable in a subgraph that doesn't require differentiation use "
                               "var_no_grad = var.detach().")
        self._requires_grad = bool(flag)

    def requires_grad_(self, requires_grad: bool = True) -> "Tensor":
        self.requires_grad = requires_grad
        return self

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    @property
    def grad(self) -> "Tensor | None":
        """Filled by backward on leaves only; reading it on a non-leaf that does not retain it warns
        (autograd.graph.leaf-grad-only)."""
        if self._grad is None and not self.is_leaf and not self.retains_grad:
            warnings.warn("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
                          "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
                          "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor.",
                          UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: "Tensor | None") -> None:
        self._grad = value

    def retain_grad(self) -> None:
        from reference._graph import retain_grad

        retain_grad(self)

    @property
    def retains_grad(self) -> bool:
        return self.grad_fn is not None and self.grad_fn.retain_hook is not None

    def register_hook(self, hook: Any) -> Any:
        """``hook(grad)`` runs each time this tensor's gradient is computed (autograd.hooks.register-hook)."""
        from reference._graph import register_hook

        return register_hook(self, hook)

    def backward(self, gradient: Any = None, retain_graph: bool | None = None, create_graph: bool = False,
                 inputs: Any = None) -> None:
        from reference.autograd import backward

        backward(self, gradient, retain_graph=retain_graph, create_graph=create_graph, inputs=inputs)

    def detach(self) -> "Tensor":
        """Same storage, no history (view.detach.*)."""
        return Tensor(self._a.view(), self._dtype, self._device, version=self._version)

    def detach_(self) -> "Tensor":
        self.grad_fn = None
        self._requires_grad = False
        return self

    # -- values ------------------------------------------------------------------------
    def item(self) -> Any:
        check_readable(self._device)
        if self._a.size != 1:
            raise RuntimeError(f"a Tensor with {self._a.size} elements cannot be converted to Scalar")
        return _python_scalar(self._a.reshape(()).item(), self._dtype)

    def tolist(self) -> Any:
        check_readable(self._device)
        return _tolist(self._a, self._dtype)

    def numpy(self, *, force: bool = False) -> np.ndarray:
        """The NumPy array sharing this tensor's memory (numpy.* behaviours). With force=True, the values as a
        host array wherever numpy() refuses (numpy.numpy.force): a conj() result already holds its values."""
        check_readable(self._device)
        if force:
            return self.detach().cpu()._a.copy() if self._device.type != "cpu" else self._a.view()
        if self._requires_grad:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        if self._conj:
            raise RuntimeError("Can't call numpy() on Tensor that has conjugate bit set. Use tensor.resolve_conj()"
                               ".numpy() instead.")
        if self._device.type != "cpu":
            raise TypeError(f"can't convert {self._device.type} device type tensor to numpy. Use Tensor.cpu() to "
                            "copy the tensor to host memory first.")
        if self._dtype is D.bfloat16:
            raise TypeError("Got unsupported ScalarType BFloat16")
        return self._a.view()

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        array = self.detach().numpy()
        return array if dtype is None else array.astype(dtype)

    def __len__(self) -> int:
        if self._a.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._a.shape[0]

    def __iter__(self) -> Iterator["Tensor"]:
        if self._a.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._a.shape[0]))

    def __bool__(self) -> bool:
        if self._a.size != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self._a.reshape(()).item())

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __index__(self) -> int:
        if self._dtype.category != D.INT or self._a.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        body = np.array2string(self._a, separator=", ", threshold=20)
        extras = []
        if self._device.type != "cpu":
            extras.append(f"device='{self._device}'")
        if self._dtype not in (D.get_default_dtype(), D.int64, D.bool_):
            extras.append(f"dtype={self._dtype!r}")
        if self.grad_fn is not None:
            extras.append(f"grad_fn=<{self.grad_fn.name()}>")
        elif self._requires_grad:
            extras.append("requires_grad=True")
        return f"tensor({body}{''.join(', ' + e for e in extras)})"

    def __reduce__(self) -> Any:
        return (_rebuild, (self._a.copy(), self._dtype.name, str(self._device), self._requires_grad))

    def __deepcopy__(self, memo: dict[int, Any]) -> "Tensor":
        if self.grad_fn is not None:
            raise RuntimeError("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol")
        copy = type(self).__new__(type(self))
        Tensor.__init__(copy, self._a.copy(), self._dtype, self._device, requires_grad=self._requires_grad)
        for key, value in self.__dict__.items():
            if key not in copy.__dict__:
                import copy as _copy

                setattr(copy, key, _copy.deepcopy(value, memo))
        memo[id(self)] = copy
        return copy


def _rebuild(array: np.ndarray, dtype_name: str, dev: str, requires_grad: bool) -> Tensor:
    return Tensor(array, D.BY_NAME[dtype_name], device(dev), requires_grad=requires_grad)


def _wrap_dim(dim: int, ndim: int) -> int:
    """Negative dims count from the end; out of range raises IndexError."""
    n = max(ndim, 1)
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})")
    return dim % n


def _python_scalar(value: Any, dtype: D.dtype) -> Any:
    """item()'s type: int for integers, float for floats (float16 included), bool for bool."""
    if dtype is D.bool_:
        return bool(value)
    if dtype.category == D.INT:
        return int(value)
    if dtype.category == D.FLOAT:
        return float(value)
    return complex(value)


def _tolist(array: np.ndarray, dtype: D.dtype) -> Any:
    if array.ndim == 0:
        return _python_scalar(array.item(), dtype)
    return [_tolist(sub, dtype) for sub in array]
