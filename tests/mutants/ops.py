"""Mutants of the ops topic: one per behaviour, each a patch of real torch breaking just it.

Patched wrappers call the original (``orig``) or torch functions the checks of that behaviour do
not go through, so a mutant never recurses into itself."""
from __future__ import annotations

import warnings

from tests.mutants import Mutant, combine, replace


def _torch():
    import torch

    return torch


def _is_scalar(v):
    return isinstance(v, (bool, int, float, complex))


# ---------------------------------------------------------------- arithmetic
def _plus_off_by_one(orig):
    def bad(self, other):
        r = orig(self, other)
        return _torch().sub(r, _torch().ones_like(r)) if r.numel() else r
    return bad


def _add_ignores_other(orig):
    return lambda input, other, *a, **k: orig(input, input, *a, **k)


def _add_ignores_alpha(orig):
    def bad(input, other, *, alpha=1, out=None):
        return orig(input, other) if out is None else orig(input, other, out=out)
    return bad


def _alpha_made_int(orig):
    return lambda input, other, *, alpha=1, **k: orig(input, other, alpha=int(alpha), **k)


def _bool_sub_as_xor(orig):
    def bad(self, other, *a, **k):
        t = _torch()
        if isinstance(other, t.Tensor) and self.dtype == t.bool and other.dtype == t.bool:
            return t.logical_xor(self, other)
        return orig(self, other, *a, **k)
    return bad


def _compare_uint8(orig):
    return lambda self, other: orig(self, other).to(_torch().uint8)


def _column_is_row(orig):
    def bad(self, key):
        if isinstance(key, tuple) and len(key) == 2 and key[0] == slice(None):
            return orig(self, key[1])
        return orig(self, key)
    return bad


# ---------------------------------------------------------------- out=
def _out_not_written(orig):
    def bad(input, other, *, alpha=1, out=None):
        r = orig(input, other, alpha=alpha)
        return r if out is None else out
    return bad


def _out_returns_copy(orig):
    def bad(*a, out=None, **k):
        r = orig(*a, out=out, **k) if out is not None else orig(*a, **k)
        return r.clone() if out is not None else r
    return bad


def _empty_out_warns(orig):
    def bad(*a, out=None, **k):
        if out is not None and out.numel() == 0:
            warnings.warn("An output with one or more elements was resized (mutant)", UserWarning)
        return orig(*a, out=out, **k)
    return bad


def _wrong_out_silently_resized(orig):
    def bad(input, other, *, alpha=1, out=None):
        if out is not None and out.numel():
            shape = _torch().broadcast_shapes(getattr(input, "shape", ()), getattr(other, "shape", ()))
            if tuple(out.shape) != tuple(shape):
                out.resize_(0)
        return orig(input, other, alpha=alpha, out=out)
    return bad


def _out_unsafe_cast(orig):
    def bad(input, other, *, alpha=1, out=None):
        if out is None:
            return orig(input, other, alpha=alpha)
        r = orig(input, other, alpha=alpha)
        out.resize_(r.shape)
        return out.copy_(r)
    return bad


def _out_grad_allowed(orig):
    def bad(*a, out=None, **k):
        with _torch().no_grad():
            return orig(*a, out=out, **k)
    return bad


# ---------------------------------------------------------------- in-place
def _noop_inplace(orig):
    return lambda self, *a, **k: self


def _inplace_returns_clone(orig):
    return lambda self, *a, **k: orig(self, *a, **k).clone()


def _plain_mutates(name):
    def make(orig):
        return lambda self, other, *a, **k: getattr(self, name + "_")(other, *a, **k)
    return make


def _inplace_no_broadcast(orig):
    def bad(self, other, *a, **k):
        if isinstance(other, _torch().Tensor) and tuple(other.shape) != tuple(self.shape):
            raise RuntimeError("mutant: other must have self's shape")
        return orig(self, other, *a, **k)
    return bad


def _inplace_swallows_errors(orig):
    def bad(self, other, *a, **k):
        try:
            return orig(self, other, *a, **k)
        except RuntimeError:
            return self
    return bad


def _inplace_takes_result_dtype(fn):
    def make(orig):
        def bad(self, other, *a, **k):
            t = _torch()
            result = getattr(t, fn)(self, other)
            if result.dtype != self.dtype:
                self.data = result
                return self
            return orig(self, other, *a, **k)
        return bad
    return make


def _inplace_casts_anything(fn):
    def make(orig):
        def bad(self, other, *a, **k):
            try:
                return orig(self, other, *a, **k)
            except RuntimeError:
                return self.copy_(getattr(_torch(), fn)(self, other))
        return bad
    return make


# ---------------------------------------------------------------- broadcasting
def _squeezed(orig):
    return lambda self, other: orig(self, other).squeeze()


def _broadcast_other_zeroed(orig):
    def bad(self, other):
        t = _torch()
        if isinstance(other, t.Tensor) and tuple(other.shape) != tuple(self.shape):
            return orig(self, t.mul(other, 0))
        return orig(self, other)
    return bad


def _swallow_shape_errors(orig):
    def bad(self, other):
        try:
            return orig(self, other)
        except RuntimeError:
            return self
    return bad


def _zero_dim_refused(orig):
    def bad(self, other):
        if isinstance(other, _torch().Tensor) and (self.dim() == 0) != (other.dim() == 0):
            raise RuntimeError("mutant: 0-dim tensors do not broadcast")
        return orig(self, other)
    return bad


def _size_zero_with_anything(orig):
    def bad(self, other):
        try:
            return orig(self, other)
        except RuntimeError:
            if 0 in tuple(self.shape) or 0 in tuple(getattr(other, "shape", ())):
                return self[:0]
            raise
    return bad


# ---------------------------------------------------------------- promotion
def _keeps_left_dtype(orig):
    def bad(self, other):
        r = orig(self, other)
        return r.to(self.dtype) if isinstance(other, _torch().Tensor) and other.dim() > 0 else r
    return bad


def _scalar_as_dimensioned(orig):
    def bad(self, other):
        t = _torch()
        if _is_scalar(other):
            return orig(self, t.tensor([other])).reshape(self.shape)
        return orig(self, other)
    return bad


def _zero_dim_as_dimensioned(orig):
    def bad(self, other):
        t = _torch()
        if isinstance(other, t.Tensor) and (self.dim() == 0) != (other.dim() == 0):
            shape = t.broadcast_shapes(self.shape, other.shape)
            a = self.reshape(1) if self.dim() == 0 else self
            b = other.reshape(1) if other.dim() == 0 else other
            return orig(a, b).reshape(shape)
        return orig(self, other)
    return bad


def _value_based(orig):
    def bad(self, other):
        t = _torch()
        if isinstance(other, int) and not isinstance(other, bool) and other < 0 and self.dtype == t.uint8:
            return orig(self.to(t.int16), other)
        return orig(self, other)
    return bad


# ---------------------------------------------------------------- division
def _truediv_truncates(orig):
    return lambda self, other: _torch().div(self, other, rounding_mode="trunc")


def _floor_mode_truncates(orig):
    def bad(input, other, *, rounding_mode=None, **k):
        return orig(input, other, rounding_mode="trunc" if rounding_mode == "floor" else rounding_mode, **k)
    return bad


def _floordiv_truncates(orig):
    return lambda self, other: _torch().div(self, other, rounding_mode="trunc")


def _remainder_is_fmod(orig):
    return lambda input, other, **k: _torch().fmod(input, other)


def _int_div_zero_gives_zero(orig):
    def bad(self, other):
        t = _torch()
        zero = (other == 0) if _is_scalar(other) else bool((other == 0).any())
        if zero and not self.is_floating_point():
            return t.zeros_like(self)
        return orig(self, other)
    return bad


def _truediv_zero_raises(orig):
    def bad(self, other):
        if _is_scalar(other) and other == 0:
            raise RuntimeError("mutant: division by zero")
        return orig(self, other)
    return bad


def _negative_int_pow_as_float(orig):
    def bad(self, other):
        if isinstance(other, int) and other < 0 and not self.is_floating_point():
            return orig(self.double(), other)
        return orig(self, other)
    return bad


# ---------------------------------------------------------------- reductions
def _max_full_first(orig):
    def bad(input, *a, **k):
        if a or k:
            return orig(input, *a, **k)
        return input.reshape(-1)[0]
    return bad


def _max_plain_tuple(orig):
    def bad(input, *a, **k):
        r = orig(input, *a, **k)
        return tuple(r) if hasattr(r, "indices") else r
    return bad


def _max_last_index(orig):
    def bad(input, *a, **k):
        t = _torch()
        dim = k.pop("dim", a[0] if a and isinstance(a[0], int) else None)
        if dim is None:
            return orig(input, *a, **k)
        keepdim = k.pop("keepdim", False)
        flipped = orig(input.flip(dim), dim, keepdim)
        indices = t.sub(input.shape[dim] - 1, flipped.indices)
        return t.return_types.max((flipped.values, indices))
    return bad


def _keepdim_ignored(orig):
    def bad(*a, keepdim=False, **k):
        return orig(*a, **k)
    return bad


def _binary_max_first(orig):
    def bad(input, *a, **k):
        if a and isinstance(a[0], _torch().Tensor):
            return input
        return orig(input, *a, **k)
    return bad


def _sum_dim_ignored(orig):
    def bad(input, *a, dim=None, **k):
        if a and not isinstance(a[0], _torch().dtype):
            a = a[1:]
        return orig(input, *a, **k)
    return bad


def _sum_keeps_int_dtype(orig):
    def bad(input, *a, dtype=None, **k):
        if dtype is None and not input.is_floating_point() and not input.is_complex():
            dtype = input.dtype
        return orig(input, *a, dtype=dtype, **k)
    return bad


def _mean_accepts_ints(orig):
    def bad(input, *a, dtype=None, **k):
        if dtype is None and not input.is_floating_point() and not input.is_complex():
            return orig(input.double(), *a, **k)
        return orig(input, *a, dtype=dtype, **k)
    return bad


def _empty_mean_zero(orig):
    def bad(input, *a, **k):
        if input.numel() == 0 and not a and not k:
            return _torch().zeros((), dtype=input.dtype)
        return orig(input, *a, **k)
    return bad


def _empty_max_zero(orig):
    def bad(input, *a, **k):
        if input.numel() == 0 and not a and not k:
            return _torch().zeros((), dtype=input.dtype)
        return orig(input, *a, **k)
    return bad


def _var_biased(orig):
    def bad(input, *a, **k):
        if "correction" not in k and "unbiased" not in k:
            k["correction"] = 0
        return orig(input, *a, **k)
    return bad


def _max_skips_nan(orig):
    def bad(input, *a, **k):
        t = _torch()
        if input.is_floating_point():
            input = t.nan_to_num(input, nan=0.0)
        return orig(input, *a, **k)
    return bad


MUTANTS = [
    # arithmetic
    Mutant("ops-plus-off-by-one", ("ops.add.operator",), replace("Tensor.__add__", _plus_off_by_one)),
    Mutant("ops-add-ignores-other", ("ops.add.function-and-method",), replace("add", _add_ignores_other)),
    Mutant("ops-add-ignores-alpha", ("ops.add.alpha",), replace("add", _add_ignores_alpha)),
    Mutant("ops-float-alpha-made-int", ("ops.add.alpha-float-with-ints-raises",),
           combine(replace("add", _alpha_made_int), replace("sub", _alpha_made_int))),
    Mutant("ops-minus-is-plus", ("ops.arith.sub-mul",),
           replace("Tensor.__sub__", lambda orig: lambda self, other: _torch().add(self, other))),
    Mutant("ops-bool-sub-is-xor", ("ops.arith.bool-sub-raises",),
           combine(replace("Tensor.__sub__", _bool_sub_as_xor), replace("sub", _bool_sub_as_xor))),
    Mutant("ops-compare-uint8", ("ops.compare.bool-result",),
           combine(*(replace(f"Tensor.{n}", _compare_uint8) for n in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")))),
    Mutant("ops-column-index-is-row", ("ops.index.column",), replace("Tensor.__getitem__", _column_is_row)),
    # out=
    Mutant("ops-out-not-written", ("ops.out.writes-result",), replace("add", _out_not_written)),
    Mutant("ops-out-returns-copy", ("ops.out.returns-out",), replace("add", _out_returns_copy)),
    Mutant("ops-empty-out-warns", ("ops.out.empty-resized",), replace("add", _empty_out_warns)),
    Mutant("ops-wrong-out-silently-resized", ("ops.out.wrong-shape-resized-with-warning",),
           replace("add", _wrong_out_silently_resized)),
    Mutant("ops-out-unsafe-cast", ("ops.out.safe-cast",), replace("add", _out_unsafe_cast)),
    Mutant("ops-out-grad-allowed", ("ops.out.requires-grad-raises",), replace("add", _out_grad_allowed)),
    # in-place
    Mutant("ops-add-underscore-noop", ("ops.inplace.add-mutates",), replace("Tensor.add_", _noop_inplace)),
    Mutant("ops-inplace-returns-clone", ("ops.inplace.returns-self",),
           combine(*(replace(f"Tensor.{n}", _inplace_returns_clone)
                     for n in ("add_", "sub_", "mul_", "div_", "copy_", "zero_", "fill_", "t_")))),
    Mutant("ops-plain-method-mutates", ("ops.inplace.plain-method-keeps-self",),
           combine(*(replace(f"Tensor.{n}", _plain_mutates(n)) for n in ("add", "sub", "mul", "div")))),
    Mutant("ops-copy-underscore-noop", ("ops.inplace.copy-and-t",), replace("Tensor.copy_", _noop_inplace)),
    Mutant("ops-inplace-no-broadcast", ("ops.inplace.broadcasts-other",),
           combine(*(replace(f"Tensor.{n}", _inplace_no_broadcast) for n in ("add_", "sub_", "mul_")))),
    Mutant("ops-inplace-swallows-shape-error", ("ops.inplace.self-cannot-grow",),
           combine(*(replace(f"Tensor.{n}", _inplace_swallows_errors) for n in ("add_", "mul_", "copy_")))),
    Mutant("ops-inplace-takes-result-dtype", ("ops.inplace.cast-keeps-self-dtype",),
           combine(replace("Tensor.add_", _inplace_takes_result_dtype("add")), replace("Tensor.mul_", _inplace_takes_result_dtype("mul")))),
    Mutant("ops-inplace-casts-anything", ("ops.inplace.cast-to-lower-category-raises",),
           combine(replace("Tensor.add_", _inplace_casts_anything("add")), replace("Tensor.mul_", _inplace_casts_anything("mul")))),
    # broadcasting
    Mutant("ops-broadcast-squeezes", ("ops.broadcast.shape",), replace("Tensor.__add__", _squeezed)),
    Mutant("ops-broadcast-other-zeroed", ("ops.broadcast.values",),
           combine(*(replace(f"Tensor.{n}", _broadcast_other_zeroed) for n in ("__add__", "__mul__", "__sub__")))),
    Mutant("ops-broadcast-accepts-incompatible", ("ops.broadcast.incompatible-raises",),
           combine(*(replace(f"Tensor.{n}", _swallow_shape_errors) for n in ("__add__", "__mul__", "__sub__")))),
    Mutant("ops-zero-dim-refused", ("ops.broadcast.zero-dim",), replace("Tensor.__add__", _zero_dim_refused)),
    Mutant("ops-size-zero-with-anything", ("ops.broadcast.size-zero",), replace("Tensor.__add__", _size_zero_with_anything)),
    # type promotion
    Mutant("ops-promotion-keeps-left-dtype", ("ops.promotion.dimensioned",), replace("Tensor.__add__", _keeps_left_dtype)),
    Mutant("ops-scalar-as-dimensioned", ("ops.promotion.python-scalar",),
           combine(replace("Tensor.__add__", _scalar_as_dimensioned), replace("Tensor.__radd__", _scalar_as_dimensioned))),
    Mutant("ops-zero-dim-as-dimensioned", ("ops.promotion.zero-dim",), replace("Tensor.__add__", _zero_dim_as_dimensioned)),
    Mutant("ops-value-based-promotion", ("ops.promotion.value-independent",), replace("Tensor.__add__", _value_based)),
    Mutant("ops-promote-types-left", ("ops.promotion.helpers",), replace("promote_types", lambda orig: lambda a, b: a)),
    # division
    Mutant("ops-truediv-truncates", ("ops.div.true-division",), replace("Tensor.__truediv__", _truediv_truncates)),
    Mutant("ops-floor-mode-truncates", ("ops.div.rounding-modes",), replace("div", _floor_mode_truncates)),
    Mutant("ops-floordiv-truncates", ("ops.div.floor-divide",), replace("Tensor.__floordiv__", _floordiv_truncates)),
    Mutant("ops-remainder-is-fmod", ("ops.div.remainder-and-fmod",), replace("remainder", _remainder_is_fmod)),
    Mutant("ops-int-div-zero-gives-zero", ("ops.div.integer-zero-raises",), replace("Tensor.__floordiv__", _int_div_zero_gives_zero)),
    Mutant("ops-truediv-zero-raises", ("ops.div.true-division-by-zero",), replace("Tensor.__truediv__", _truediv_zero_raises)),
    Mutant("ops-negative-int-pow-as-float", ("ops.pow.int-negative-exponent-raises",),
           replace("Tensor.__pow__", _negative_int_pow_as_float)),
    # reductions
    Mutant("ops-max-full-first-element", ("ops.max.full",), replace("max", _max_full_first)),
    Mutant("ops-max-dim-plain-tuple", ("ops.max.dim-values-indices",), replace("max", _max_plain_tuple)),
    Mutant("ops-max-last-index-on-ties", ("ops.max.first-index-on-ties",), replace("max", _max_last_index)),
    Mutant("ops-sum-keepdim-ignored", ("ops.reduce.keepdim",), replace("sum", _keepdim_ignored)),
    Mutant("ops-binary-max-first", ("ops.max.binary-elementwise",), replace("max", _binary_max_first)),
    Mutant("ops-sum-dim-ignored", ("ops.sum.dim",), replace("sum", _sum_dim_ignored)),
    Mutant("ops-sum-keeps-int-dtype", ("ops.sum.dtype",), replace("sum", _sum_keeps_int_dtype)),
    Mutant("ops-mean-accepts-ints", ("ops.mean.requires-float",), replace("mean", _mean_accepts_ints)),
    Mutant("ops-empty-mean-zero", ("ops.reduce.empty",), replace("mean", _empty_mean_zero)),
    Mutant("ops-empty-max-zero", ("ops.max.empty-raises",), replace("max", _empty_max_zero)),
    Mutant("ops-var-biased-default", ("ops.var.correction",), replace("var", _var_biased)),
    Mutant("ops-max-skips-nan", ("ops.max.nan-propagates",), replace("max", _max_skips_nan)),
]
