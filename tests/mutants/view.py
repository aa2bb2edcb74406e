"""Mutants of the view topic: each breaks one documented view/reshape/indexing behaviour of torch."""
from __future__ import annotations

from tests.mutants import Mutant, combine, replace


def _clones(orig):
    """The op, but returning copies instead of views (every piece of a tuple result too)."""
    def op(self, *args, **kwargs):
        result = orig(self, *args, **kwargs)
        if isinstance(result, (tuple, list)):
            return type(result)(r.clone() for r in result)
        return result.clone()
    return op


def _clone_property(orig):
    return property(lambda self: orig.__get__(self).clone())


def _view_via_reshape(orig):
    def view(self, *args):
        import torch

        if args and isinstance(args[0], torch.dtype):
            return orig(self, *args)
        return self.reshape(*args)
    return view


def _view_dtype_casts(orig):
    def view(self, *args):
        import torch

        if args and isinstance(args[0], torch.dtype):
            return self.to(args[0])
        return orig(self, *args)
    return view


def _view_no_minus_one(orig):
    def view(self, *args):
        shape = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
        if -1 in tuple(shape):
            raise RuntimeError("mutant: -1 is not inferred")
        return orig(self, *args)
    return view


def _view_swallows_errors(orig):
    def view(self, *args):
        try:
            return orig(self, *args)
        except RuntimeError:
            return self
    return view


def _reshape_column_major(orig):
    """reshape in column-major (Fortran) order: same shape, elements in the wrong places."""
    def reshape(self, *shape):
        sizes = tuple(shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape)
        flipped = self.permute(tuple(reversed(range(self.dim()))))
        return orig(flipped, tuple(reversed(sizes))).permute(tuple(reversed(range(len(sizes)))))
    return reshape


def _getitem_negative_step_flips(orig):
    def getitem(self, index):
        try:
            return orig(self, index)
        except ValueError:
            return self.flip(0)
    return getitem


def _getitem_list_as_slice(orig):
    """A list of consecutive ints indexes like the equivalent slice: a view instead of a copy."""
    def getitem(self, index):
        if isinstance(index, list) and index and all(isinstance(i, int) and i >= 0 for i in index) \
                and index == list(range(index[0], index[0] + len(index))):
            return orig(self, slice(index[0], index[0] + len(index)))
        return orig(self, index)
    return getitem


def _setitem_on_copy(orig):
    return lambda self, index, value: orig(self.clone(), index, value)


def _stride_reversed(orig):
    def stride(self, *args):
        if args:
            return orig(self, *args)
        return tuple(reversed(orig(self)))
    return stride


def _squeeze_dim_noop(orig):
    return lambda self, *args, **kwargs: self if (args or kwargs) else orig(self)


def _unsqueeze_negative_from_input_end(orig):
    return lambda self, dim: orig(self, dim + self.dim() if dim < 0 else dim)


def _flatten_zero_dim_stays(orig):
    return lambda self, *args, **kwargs: self if self.dim() == 0 else orig(self, *args, **kwargs)


def _item_first_element(orig):
    return lambda self: orig(self.reshape(-1)[0]) if self.numel() > 1 else orig(self)


def _item_off_by_one(orig):
    return lambda self: orig(self) + 1


def _item_always_float(orig):
    return lambda self: float(orig(self))


def _tolist_flat(orig):
    return lambda self: orig(self.reshape(-1))


def _T_identity(orig):
    return property(lambda self: self)


def _T_without_warning(orig):
    return property(lambda self: self.permute(*reversed(range(self.dim()))))


MUTANTS = [
    # memory sharing of the documented view ops
    Mutant("view-permute-copies", ("view.shares-memory.reorder-dims",), replace("Tensor.permute", _clones)),
    Mutant("view-mT-copies", ("view.shares-memory.reorder-dims",), replace("Tensor.mT", _clone_property)),
    Mutant("view-unsqueeze-copies", ("view.shares-memory.reshape-dims",), replace("Tensor.unsqueeze", _clones)),
    Mutant("view-unflatten-copies", ("view.shares-memory.reshape-dims",), replace("Tensor.unflatten", _clones)),
    Mutant("view-diagonal-copies", ("view.shares-memory.sub-regions",), replace("Tensor.diagonal", _clones)),
    Mutant("view-as-strided-copies", ("view.shares-memory.sub-regions",), replace("Tensor.as_strided", _clones)),
    Mutant("view-split-copies", ("view.shares-memory.splits",), replace("Tensor.split", _clones)),
    Mutant("view-tensor-split-copies", ("view.shares-memory.splits",), replace("Tensor.tensor_split", _clones)),
    Mutant("view-as-real-copies", ("view.shares-memory.complex-parts",), replace("view_as_real", _clones)),
    Mutant("view-mH-copies", ("view.shares-memory.complex-parts", "view.shares-memory.reorder-dims"),
           replace("Tensor.mH", _clone_property)),
    Mutant("view-expand-copies", ("view.shares-memory.broadcasts", "view.expand.new-sizes", "view.expand.inplace-write-raises"),
           replace("Tensor.expand", _clones)),
    Mutant("view-detach-copies", ("view.detach.shares-storage-no-grad",), replace("Tensor.detach", _clones)),
    # indexing
    Mutant("view-getitem-copies", ("view.indexing.basic-is-view",), replace("Tensor.__getitem__", _clones)),
    Mutant("view-getitem-list-as-slice", ("view.indexing.advanced-is-copy",),
           replace("Tensor.__getitem__", _getitem_list_as_slice)),
    Mutant("view-setitem-on-copy", ("view.indexing.setitem-writes-base",), replace("Tensor.__setitem__", _setitem_on_copy)),
    Mutant("view-getitem-negative-step-flips", ("view.indexing.negative-step-raises",),
           replace("Tensor.__getitem__", _getitem_negative_step_flips)),
    # reshape, contiguous, strides
    Mutant("view-reshape-column-major", ("view.reshape.row-major-values",),
           combine(replace("Tensor.reshape", _reshape_column_major), replace("Tensor.reshape_as", lambda orig:
                   lambda self, other: self.reshape(other.shape)))),
    Mutant("view-contiguous-always-copies", ("view.contiguous.self-or-copy",), replace("Tensor.contiguous", _clones)),
    Mutant("view-stride-reversed", ("view.strides.row-major", "view.strides.transpose-permutes"),
           replace("Tensor.stride", _stride_reversed)),
    # view(shape) / view(dtype)
    Mutant("view-copies", ("view.view.same-data-new-shape",),
           replace("Tensor.view", lambda orig: lambda self, *a: orig(self.clone(), *a))),
    Mutant("view-no-minus-one", ("view.view.infer-minus-one",), replace("Tensor.view", _view_no_minus_one)),
    Mutant("view-swallows-errors", ("view.view.invalid-shape-raises", "view.view.zero-numel-ambiguous-raises"),
           replace("Tensor.view", _view_swallows_errors)),
    Mutant("view-via-reshape", ("view.view.stride-compatibility",), replace("Tensor.view", _view_via_reshape)),
    Mutant("view-dtype-casts", ("view.view.dtype-reinterpret",), replace("Tensor.view", _view_dtype_casts)),
    # item / tolist
    Mutant("view-item-off-by-one", ("view.item.one-element",), replace("Tensor.item", _item_off_by_one)),
    Mutant("view-item-first-element", ("view.item.other-sizes-raise",), replace("Tensor.item", _item_first_element)),
    Mutant("view-item-always-float", ("view.item.python-type",), replace("Tensor.item", _item_always_float)),
    Mutant("view-tolist-flat", ("view.tolist.nested-lists",), replace("Tensor.tolist", _tolist_flat)),
    # squeeze / unsqueeze / flatten
    Mutant("view-squeeze-dim-noop", ("view.squeeze.size-one-dims",), replace("Tensor.squeeze", _squeeze_dim_noop)),
    Mutant("view-unsqueeze-negative-from-input-end", ("view.unsqueeze.insert-dim",),
           replace("Tensor.unsqueeze", _unsqueeze_negative_from_input_end)),
    Mutant("view-flatten-zero-dim-stays", ("view.flatten.dim-range",), replace("Tensor.flatten", _flatten_zero_dim_stays)),
    # T / mT
    Mutant("view-T-identity", ("view.t-property.reverses-dims",), replace("Tensor.T", _T_identity)),
    Mutant("view-T-without-warning", ("view.t-property.non-2d-deprecated",), replace("Tensor.T", _T_without_warning)),
    Mutant("view-mT-identity", ("view.mt-property.swaps-last-two",), replace("Tensor.mT", _T_identity)),
]
