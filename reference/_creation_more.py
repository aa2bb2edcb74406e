"""More factories: logspace, empty_strided, asarray's copy rules, frombuffer, complex/polar,
tril/triu_indices, the random samplers normal/bernoulli/multinomial/poisson, the RNG state as a
uint8 tensor and set_default_device (creation.logspace.* ... creation.default-device.*)."""
from __future__ import annotations

import pickle
from typing import Any

import numpy as np

from reference import _device
from reference import _dtype as D
from reference import _random
from reference._creation import _size, as_tensor
from reference._ops import make
from reference._tensor import Tensor


def _placed(array: Any, dtype: D.dtype, device: Any = None, requires_grad: bool = False) -> Tensor:
    return Tensor(np.asarray(array).astype(dtype.np), dtype, _device.as_device(device), requires_grad=requires_grad)


def logspace(start: Any, end: Any, steps: int, base: float = 10.0, *, dtype: D.dtype | None = None,
             device: Any = None, requires_grad: bool = False) -> Tensor:
    return _placed(np.power(base, np.linspace(start, end, steps)), dtype or D.get_default_dtype(), device, requires_grad)


def empty_strided(size: Any, stride: Any, *, dtype: D.dtype | None = None, device: Any = None,
                  requires_grad: bool = False, layout: Any = None, pin_memory: bool = False) -> Tensor:
    """A buffer just large enough for the farthest element, viewed with the given strides."""
    dtype = dtype or D.get_default_dtype()
    shape = _size((tuple(size),))
    extent = 1 + sum((n - 1) * s for n, s in zip(shape, stride)) if all(shape) else 0
    buffer = np.zeros(extent, dtype=dtype.np)
    array = np.lib.stride_tricks.as_strided(buffer, shape, tuple(s * buffer.itemsize for s in stride))
    return Tensor(array, dtype, _device.as_device(device), requires_grad=requires_grad)


def asarray(obj: Any, *, dtype: D.dtype | None = None, device: Any = None, copy: bool | None = None,
            requires_grad: bool = False) -> Tensor:
    """copy=None shares when nothing changes; copy=True always copies; copy=False raises where a copy is needed."""
    if copy:
        data = obj.clone() if isinstance(obj, Tensor) else np.array(obj, copy=True) if isinstance(obj, np.ndarray) else obj
        result = as_tensor(data, dtype=dtype, device=device)
    else:
        result = as_tensor(obj, dtype=dtype, device=device)
        if copy is False and isinstance(obj, (Tensor, np.ndarray)) and not _same_memory(result, obj):
            raise ValueError(f"can't alias {type(obj).__name__} into dtype {dtype} without a copy")
    return result.requires_grad_(requires_grad) if requires_grad else result


def _same_memory(result: Tensor, obj: Any) -> bool:
    return np.shares_memory(result._a, obj._a if isinstance(obj, Tensor) else obj)


def frombuffer(buffer: Any, *, dtype: D.dtype, count: int = -1, offset: int = 0, requires_grad: bool = False) -> Tensor:
    return Tensor(np.frombuffer(buffer, dtype=dtype.np, count=count, offset=offset), dtype, requires_grad=requires_grad)


_COMPLEX = {D.float32: D.complex64, D.float64: D.complex128}


def _complex_dtype(name: str, a: Tensor, b: Tensor) -> D.dtype:
    if a.dtype is not b.dtype or a.dtype not in _COMPLEX:
        raise RuntimeError(f"{name}: expected both inputs to be float or double tensors of the same dtype, got "
                           f"{a.dtype} and {b.dtype}")
    return _COMPLEX[a.dtype]


def complex(real: Tensor, imag: Tensor) -> Tensor:  # noqa: A001 - torch's name
    return make(real._a + 1j * imag._a, _complex_dtype("complex", real, imag), (real, imag))


def polar(abs: Tensor, angle: Tensor) -> Tensor:  # noqa: A002 - torch's names
    return make(abs._a * np.cos(angle._a) + 1j * abs._a * np.sin(angle._a), _complex_dtype("polar", abs, angle),
                (abs, angle))


def _indices(rows: np.ndarray, cols: np.ndarray, dtype: D.dtype | None, device: Any) -> Tensor:
    return _placed(np.stack([rows, cols]).reshape(2, -1), dtype or D.int64, device)


def tril_indices(row: int, col: int, offset: int = 0, *, dtype: D.dtype | None = None, device: Any = None,
                 layout: Any = None) -> Tensor:
    return _indices(*np.tril_indices(row, offset, col), dtype, device)


def triu_indices(row: int, col: int, offset: int = 0, *, dtype: D.dtype | None = None, device: Any = None,
                 layout: Any = None) -> Tensor:
    return _indices(*np.triu_indices(row, offset, col), dtype, device)


def normal(mean: Any, std: Any = 1.0, size: Any = None, *, generator: Any = None, dtype: D.dtype | None = None,
           device: Any = None, requires_grad: bool = False, out: Any = None) -> Tensor:
    """Tensor arguments: their broadcast shape and dtype; floats: ``size`` in the default float dtype."""
    tensors = [t for t in (mean, std) if isinstance(t, Tensor)]
    m, s = (t._a if isinstance(t, Tensor) else t for t in (mean, std))
    shape = np.broadcast_shapes(*(t._a.shape for t in tensors)) if tensors else _size((tuple(size),))
    dtype = tensors[0].dtype if tensors else dtype or D.get_default_dtype()
    draws = _random.rng(generator).normal(np.broadcast_to(m, shape), np.broadcast_to(s, shape))
    return _placed(draws, dtype, tensors[0].device if tensors else device, requires_grad)


def bernoulli(input: Tensor, p: Any = None, *, generator: Any = None, out: Any = None) -> Tensor:  # noqa: A002
    probability = input._a if p is None else p
    draws = _random.rng(generator).random(input._a.shape) < probability
    return _placed(draws, input.dtype, input.device)


def multinomial(input: Tensor, num_samples: int, replacement: bool = False, *,  # noqa: A002
                generator: Any = None, out: Any = None) -> Tensor:
    rows = input._a.reshape(-1, input._a.shape[-1]).astype(np.float64)
    rng = _random.rng(generator)
    drawn = []
    for weights in rows:
        if not replacement and num_samples > np.count_nonzero(weights):
            raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        drawn.append(rng.choice(weights.size, num_samples, replace=replacement, p=weights / weights.sum()))
    array = np.array(drawn, dtype=np.int64).reshape(input._a.shape[:-1] + (num_samples,))
    return _placed(array, D.int64, input.device)


def poisson(input: Tensor, generator: Any = None) -> Tensor:  # noqa: A002
    return _placed(_random.rng(generator).poisson(input._a), input.dtype, input.device)


def get_rng_state() -> Tensor:
    """The default generator's state, serialised into a uint8 tensor."""
    return _placed(np.frombuffer(pickle.dumps(_random.get_rng_state()), dtype=np.uint8), D.uint8)


def set_rng_state(new_state: Tensor) -> None:
    _random.set_rng_state(pickle.loads(new_state._a.tobytes()))


_set_default: list[_device.device] = []


def set_default_device(device: Any) -> None:
    """The device at the bottom of the ``with device(...)`` stack, so that contexts still override it."""
    for d in _set_default:
        _device._default_stack.remove(d)
    _set_default.clear()
    if device is not None:
        _set_default.append(_device.device(device))
        _device._default_stack.insert(0, _set_default[0])


Tensor.bernoulli = bernoulli
Tensor.multinomial = multinomial


def empty_permuted(size: Any, physical_layout: Any, *, dtype: D.dtype | None = None, device: Any = None,
                   requires_grad: bool = False, layout: Any = None, pin_memory: bool = False) -> Tensor:
    """Dims laid out in memory in physical_layout's order: a contiguous tensor of the permuted size, permuted back."""
    shape = _size((tuple(size),))
    physical = np.zeros([shape[d] for d in physical_layout], dtype=(dtype or D.get_default_dtype()).np)
    array = np.transpose(physical, np.argsort(physical_layout))
    return Tensor(array, dtype or D.get_default_dtype(), _device.as_device(device), requires_grad=requires_grad)


# -- in-place samplers (creation.sampling-in-place.*) --------------------------------------------------
def _sampler(draw: Any) -> Any:
    """Tensor.<name>_(*args, generator=None): self filled with ``draw(rng, shape, *args)``, self returned."""
    def method(self: Tensor, *args: Any, generator: Any = None, **kwargs: Any) -> Tensor:
        from reference._ops import inplace

        values = draw(_random.rng(generator), self._a.shape, *args, **kwargs)
        return inplace(self, Tensor(np.asarray(values).astype(self.dtype.np), self.dtype, self.device))
    return method


SAMPLERS = {
    "uniform_": lambda rng, shape, a=0.0, b=1.0: rng.uniform(a, b, shape),
    "normal_": lambda rng, shape, mean=0.0, std=1.0: rng.normal(mean, std, shape),
    "bernoulli_": lambda rng, shape, p=0.5: rng.random(shape) < p,
    "random_": lambda rng, shape, low=0, high=None: rng.integers(low, high, shape) if high is not None
    else rng.integers(0, low or 2 ** 24, shape),
    "exponential_": lambda rng, shape, lambd=1.0: rng.exponential(1 / lambd, shape),
    "geometric_": lambda rng, shape, p: rng.geometric(p, shape),
    "cauchy_": lambda rng, shape, median=0.0, sigma=1.0: median + sigma * rng.standard_cauchy(shape),
    "log_normal_": lambda rng, shape, mean=1.0, std=2.0: rng.lognormal(mean, std, shape),
}
for _name, _draw in SAMPLERS.items():
    setattr(Tensor, _name, _sampler(_draw))
