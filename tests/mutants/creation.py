"""Mutants of the creation topic: each patches real torch to break one documented creation rule.

Every behaviour in conformance/catalogue/creation.toml is named by at least one mutant here,
except creation.device-context.default-device, whose checks need a second device (the mutant
runner declares only the CPU); its sibling creation.device-context.meta proves the subject.
"""
from __future__ import annotations

import math

import numpy as np
import torch

from tests.mutants import Mutant, combine, replace

_FLOAT_FACTORIES = ("zeros", "ones", "empty", "rand", "randn")


def _default(key, value):
    """A wrapper factory that fills in ``key=value`` when the caller did not pass it."""
    return lambda orig: lambda *a, **k: orig(*a, **{key: value, **k})


def _each(names, make):
    return combine(*(replace(n, make) for n in names))


def _flip_sequence_size(orig):
    """One list/tuple/Size argument is read reversed (varargs unchanged)."""
    def zeros(*a, **k):
        if len(a) == 1 and isinstance(a[0], (list, tuple)):
            return orig(tuple(reversed(tuple(a[0]))), **k)
        return orig(*a, **k)
    return zeros


def _clamp_negative(orig):
    def factory(*a, **k):
        if len(a) == 1 and isinstance(a[0], (list, tuple)):
            a = (tuple(max(0, s) for s in a[0]),)
        else:
            a = tuple(max(0, s) if isinstance(s, int) else s for s in a)
        return orig(*a, **k)
    return factory


def _full_fill_as_float(orig):
    def full(size, value, *a, **k):
        if "dtype" not in k and isinstance(value, (bool, int)):
            value = float(value)
        return orig(size, value, *a, **k)
    return full


def _full_int_size(orig):
    return lambda size, *a, **k: orig((size,) if isinstance(size, int) else size, *a, **k)


def _eye_ignores_m(orig):
    return lambda n, m=None, *a, **k: orig(n, *a, **k)


def _requires_grad_dropped(orig):
    def factory(*a, **k):
        dtype = k.get("dtype")
        if k.get("requires_grad") and dtype is not None and not (dtype.is_floating_point or dtype.is_complex):
            k = {**k, "requires_grad": False}
        return orig(*a, **k)
    return factory


def _arange_drops_last(orig):
    def arange(*a, **k):
        out = orig(*a, **k)
        return out[:-1] if out.numel() else out
    return arange


def _arange_empty_on_bad_step(orig):
    def arange(*a, **k):
        try:
            return orig(*a, **k)
        except RuntimeError:
            return torch.empty(0, dtype=torch.int64)
    return arange


def _range_is_arange(orig):
    return lambda *a, **k: torch.arange(*a, **{"dtype": torch.get_default_dtype(), **k})


def _linspace_open(orig):
    def linspace(start, end, steps, *a, **k):
        return orig(start, end, steps + 1, *a, **k)[:-1] if steps else orig(start, end, steps, *a, **k)
    return linspace


def _linspace_default_steps(orig):
    return lambda start, end, steps=100, *a, **k: orig(start, end, steps, *a, **k)


def _rand_integer_zeros(orig):
    def rand(*a, **k):
        dtype = k.get("dtype")
        if dtype is not None and not dtype.is_floating_point and not dtype.is_complex:
            return torch.zeros(*a, **k)
        return orig(*a, **k)
    return rand


def _rand_like_integer_zeros(orig):
    def rand_like(x, *a, **k):
        if not x.dtype.is_floating_point and not x.dtype.is_complex and "dtype" not in k:
            return torch.zeros_like(x)
        return orig(x, *a, **k)
    return rand_like


def _randint_high_inclusive(orig):
    def randint(*a, **k):
        if len(a) >= 3:
            low, high, *rest = a
            return orig(low, high + 1, *rest, **k)
        high, *rest = a
        return orig(high + 1, *rest, **k)
    return randint


def _randint_empty_range_filled(orig):
    def randint(*a, **k):
        if len(a) >= 3 and a[0] >= a[1]:
            return torch.full(tuple(a[2]), a[0], dtype=k.get("dtype", torch.int64))
        return orig(*a, **k)
    return randint


def _tensor_floors(orig):
    def tensor(data, *a, **k):
        out = orig(data, *a, **k)
        return out.floor() if isinstance(data, list) and out.is_floating_point() else out
    return tensor


def _tensor_ints_as_float(orig):
    def tensor(data, *a, **k):
        out = orig(data, *a, **k)
        return out.float() if "dtype" not in k and out.dtype == torch.int64 else out
    return tensor


def _tensor_scalar_1d(orig):
    def tensor(data, *a, **k):
        if isinstance(data, (bool, int, float, complex)):
            data = [data]
        return orig(data, *a, **k)
    return tensor


def _tensor_shares(orig):
    def tensor(data, *a, **k):
        if isinstance(data, (np.ndarray, torch.Tensor)) and not k and not a:
            return torch.as_tensor(data)
        return orig(data, *a, **k)
    return tensor


def _tensor_ragged_empty(orig):
    def tensor(data, *a, **k):
        try:
            return orig(data, *a, **k)
        except ValueError:
            return torch.zeros(0)
    return tensor


def _tensor_overflow_wraps(orig):
    def tensor(data, *a, **k):
        try:
            return orig(data, *a, **k)
        except (RuntimeError, ValueError, OverflowError):
            return torch.zeros(len(data), dtype=k.get("dtype", torch.int64))
    return tensor


def _tensor_numpy_scalar_as_python(orig):
    def tensor(data, *a, **k):
        if isinstance(data, np.generic):
            data = data.item()
        return orig(data, *a, **k)
    return tensor


def _as_tensor_always_copies(orig):
    return lambda data, *a, **k: orig(data, *a, **k).clone()


def _like_from_default_dtype(orig_name):
    factory = getattr(torch, orig_name.removesuffix("_like"))

    def make(orig):
        def like(x, *a, **k):
            if "dtype" in k:
                return orig(x, *a, **k)
            if orig_name == "full_like":
                return torch.full(tuple(x.shape), *a, device=x.device, **k)
            return factory(tuple(x.shape), device=x.device, **k)
        return like
    return make


def _randn_like_ignores_dtype(orig):
    return lambda x, *a, dtype=None, **k: orig(x, *a, **k)


def _like_contiguous(orig):
    return lambda *a, **k: orig(*a, **k).contiguous()


def _full_like_keeps_fill(orig):
    def full_like(x, value, *a, **k):
        if "dtype" in k:
            return torch.full(tuple(x.shape), value, dtype=k["dtype"]) if not k["dtype"].is_floating_point else orig(x, value, *a, **k)
        return torch.full(tuple(x.shape), value)
    return full_like


def _randint_like_int64(orig):
    return lambda x, *a, **k: orig(x, *a, **{"dtype": torch.int64, **k})


def _new_from_default(method):
    factory = {"new_ones": torch.ones, "new_zeros": torch.zeros, "new_empty": torch.empty}[method]
    return lambda orig: lambda self, *a, **k: factory(*a, **k)


def _new_tensor_shares(orig):
    def new_tensor(self, data, *a, **k):
        if isinstance(data, (np.ndarray, torch.Tensor)):
            return torch.as_tensor(data)
        return orig(self, data, *a, **k)
    return new_tensor


def _size_as_list(orig):
    return lambda self, *a: list(orig(self)) if not a else orig(self, *a)


def _size_dim_off_by_one(orig):
    def size(self, *a, **k):
        if a and a[0] < 0:
            return orig(self, a[0] + 1 if a[0] + 1 < 0 else 0)
        return orig(self, *a, **k)
    return size


def _type_name_double(orig):
    def type_(self, *a, **k):
        out = orig(self, *a, **k)
        return out.replace("Float", "Double") if isinstance(out, str) else out
    return type_


def _ignore_device_context(orig):
    return lambda *a, **k: orig(*a, **{"device": "cpu", **k})


MUTANTS = [
    # default dtype
    Mutant("default-dtype-reports-float64", ("creation.default-dtype.float32",),
           replace("get_default_dtype", lambda orig: lambda: torch.float64)),
    Mutant("float-factories-default-float64", ("creation.default-dtype.float32",),
           _each(_FLOAT_FACTORIES, _default("dtype", torch.float64))),
    Mutant("set-default-dtype-is-noop", ("creation.default-dtype.set-changes-inference",),
           replace("set_default_dtype", lambda orig: lambda d: None)),
    Mutant("set-default-dtype-ignores-non-float", ("creation.default-dtype.rejects-non-float",),
           replace("set_default_dtype", lambda orig: lambda d: orig(d) if d.is_floating_point else None)),
    # zeros / ones / empty / full / eye
    Mutant("zeros-ignores-dtype", ("creation.zeros.dtype-keyword",),
           replace("zeros", lambda orig: lambda *a, dtype=None, **k: orig(*a, **k))),
    Mutant("ones-gives-zeros", ("creation.factory.fill-values",),
           replace("ones", lambda orig: lambda *a, **k: torch.zeros(*a, **k))),
    Mutant("sequence-size-reversed", ("creation.factory.size-forms",),
           _each(_FLOAT_FACTORIES, _flip_sequence_size)),
    Mutant("factories-require-grad", ("creation.factory.keyword-defaults",),
           _each(_FLOAT_FACTORIES, _default("requires_grad", True))),
    Mutant("empty-ignores-dtype", ("creation.empty.shape-dtype",),
           replace("empty", lambda orig: lambda *a, dtype=None, **k: orig(*a, **k))),
    Mutant("negative-size-clamped", ("creation.factory.negative-size",),
           _each(_FLOAT_FACTORIES, _clamp_negative)),
    Mutant("full-fill-always-float", ("creation.full.dtype-from-fill",), replace("full", _full_fill_as_float)),
    Mutant("full-accepts-int-size", ("creation.full.size-sequence",), replace("full", _full_int_size)),
    Mutant("eye-ignores-m", ("creation.eye.identity",), replace("eye", _eye_ignores_m)),
    Mutant("requires-grad-dropped-for-ints", ("creation.requires-grad.float-only",),
           _each(("zeros", "ones", "empty", "full", "tensor"), _requires_grad_dropped)),
    # arange / range / linspace
    Mutant("arange-drops-last", ("creation.arange.half-open",), replace("arange", _arange_drops_last)),
    Mutant("arange-always-float", ("creation.arange.dtype",),
           replace("arange", lambda orig: lambda *a, **k: orig(*a, **{"dtype": torch.get_default_dtype(), **k}))),
    Mutant("arange-bad-step-empty", ("creation.arange.bad-step",), replace("arange", _arange_empty_on_bad_step)),
    Mutant("range-excludes-end", ("creation.range.inclusive",), replace("range", _range_is_arange)),
    Mutant("linspace-excludes-end", ("creation.linspace.values",), replace("linspace", _linspace_open)),
    Mutant("linspace-default-steps", ("creation.linspace.steps-and-dtype",), replace("linspace", _linspace_default_steps)),
    Mutant("linspace-real-for-complex", ("creation.linspace.steps-and-dtype",),
           replace("linspace", lambda orig: lambda s, e, n, *a, **k: orig(
               s.real if isinstance(s, complex) else s, e.real if isinstance(e, complex) else e, n, *a, **k))),
    # random
    Mutant("rand-doubled", ("creation.rand.range",), replace("rand", lambda orig: lambda *a, **k: orig(*a, **k) * 2)),
    Mutant("randn-wider", ("creation.randn.statistics",), replace("randn", lambda orig: lambda *a, **k: orig(*a, **k) * 1.5)),
    Mutant("randn-complex-unit-parts", ("creation.randn.statistics",),
           replace("randn", lambda orig: lambda *a, **k: orig(*a, **k)
                   * (math.sqrt(2) if k.get("dtype") in (torch.complex64, torch.complex128) else 1))),
    Mutant("rand-integer-dtype-zeros", ("creation.rand.integer-dtype-rejected",),
           combine(replace("rand", _rand_integer_zeros), replace("rand_like", _rand_like_integer_zeros))),
    Mutant("randint-high-inclusive", ("creation.randint.range-dtype",), replace("randint", _randint_high_inclusive)),
    Mutant("randint-default-float", ("creation.randint.range-dtype",),
           replace("randint", lambda orig: lambda *a, **k: orig(*a, **{"dtype": torch.float32, **k}))),
    Mutant("randint-empty-range-filled", ("creation.randint.empty-range",), replace("randint", _randint_empty_range_filled)),
    Mutant("manual-seed-noop", ("creation.random.seed-reproducible",),
           replace("manual_seed", lambda orig: lambda seed: torch.default_generator)),
    # tensor() / as_tensor()
    Mutant("tensor-floors-floats", ("creation.tensor.from-data",), replace("tensor", _tensor_floors)),
    Mutant("tensor-ints-become-float", ("creation.tensor.dtype-inference",), replace("tensor", _tensor_ints_as_float)),
    Mutant("tensor-scalar-is-1d", ("creation.tensor.scalar-and-empty",), replace("tensor", _tensor_scalar_1d)),
    Mutant("tensor-shares-memory", ("creation.tensor.copies",), replace("tensor", _tensor_shares)),
    Mutant("tensor-ragged-empty", ("creation.tensor.ragged-rejected",), replace("tensor", _tensor_ragged_empty)),
    Mutant("tensor-overflow-zeros", ("creation.tensor.overflow-rejected",), replace("tensor", _tensor_overflow_wraps)),
    Mutant("tensor-numpy-scalar-as-python", ("creation.tensor.numpy-scalar-dtype",),
           replace("tensor", _tensor_numpy_scalar_as_python)),
    Mutant("as-tensor-always-copies", ("creation.as-tensor.no-copy",), replace("as_tensor", _as_tensor_always_copies)),
    # *_like
    Mutant("like-uses-default-dtype", ("creation.like.inherits",),
           combine(*(replace(n, _like_from_default_dtype(n)) for n in ("zeros_like", "ones_like", "full_like")))),
    Mutant("like-inherits-requires-grad", ("creation.like.inherits",),
           combine(*(replace(n, lambda orig: lambda x, *a, **k: orig(x, *a, **{"requires_grad": x.requires_grad, **k}))
                     for n in ("zeros_like", "ones_like", "empty_like", "rand_like", "randn_like", "full_like")))),
    Mutant("randn-like-ignores-dtype", ("creation.randn-like.shape-dtype",), replace("randn_like", _randn_like_ignores_dtype)),
    Mutant("like-makes-contiguous", ("creation.like.preserve-format",),
           combine(*(replace(n, _like_contiguous) for n in ("empty_like", "zeros_like", "ones_like", "full_like")))),
    Mutant("full-like-keeps-fill-dtype", ("creation.full-like.casts",), replace("full_like", _full_like_keeps_fill)),
    Mutant("randint-like-int64", ("creation.randint-like.dtype",), replace("randint_like", _randint_like_int64)),
    # Tensor.new_*
    Mutant("new-ignores-self-dtype", ("creation.new.inherits",),
           combine(*(replace(f"Tensor.{m}", _new_from_default(m)) for m in ("new_ones", "new_zeros", "new_empty")))),
    Mutant("new-tensor-float", ("creation.new.inherits",),
           replace("Tensor.new_tensor", lambda orig: lambda self, data, *a, **k: orig(self, data, *a, **{"dtype": torch.float32, **k}))),
    Mutant("new-tensor-shares-memory", ("creation.new-tensor.copies",), replace("Tensor.new_tensor", _new_tensor_shares)),
    # torch.Size
    Mutant("size-is-list", ("creation.size.tuple", "creation.size.accessors"), replace("Tensor.size", _size_as_list)),
    Mutant("size-class-plain-tuple", ("creation.size.tuple",),
           replace("Size", lambda orig: type("Size", (tuple,), {"numel": lambda self: math.prod(self)}))),
    Mutant("size-negative-dim-off-by-one", ("creation.size.accessors",), replace("Tensor.size", _size_dim_off_by_one)),
    # dtypes
    Mutant("long-is-int32", ("creation.dtypes.names-and-sizes",), replace("long", lambda orig: torch.int32)),
    Mutant("legacy-float-named-double", ("creation.dtypes.legacy-type-names",), replace("Tensor.type", _type_name_double)),
    # device context
    Mutant("factories-ignore-device-context", ("creation.device-context.meta",),
           _each(("zeros", "ones", "empty", "full", "rand", "randn", "arange", "eye", "linspace", "tensor"),
                 _ignore_device_context)),
]
