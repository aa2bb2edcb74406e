"""Mutants of the views-and-memory family (view/memory.toml): one per behaviour."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _offset_relative(orig):
    """as_strided's storage_offset counted from the input view's first element."""
    def bad(self, size, stride, storage_offset=None):
        return orig(self, size, stride, self.storage_offset() + (storage_offset or 0))
    return bad


MUTANTS = [
    Mutant("storage-offset-always-zero", ("view.storage-offset.views",),
           replace("Tensor.storage_offset", lambda orig: lambda self: 0)),
    Mutant("nbytes-counts-elements", ("view.nbytes-itemsize.sizes",),
           replace("Tensor.nbytes", lambda orig: property(lambda self: self.numel()))),
    Mutant("unfold-copies-contiguous", ("view.unfold.shape-strides",),
           replace("Tensor.unfold", lambda orig: lambda self, *a: orig(self, *a).contiguous())),
    Mutant("as-strided-offset-relative", ("view.as-strided.storage-offset",),
           replace("Tensor.as_strided", _offset_relative)),
    Mutant("untyped-storage-of-a-copy", ("view.untyped-storage.shared",),
           replace("Tensor.untyped_storage", lambda orig: lambda self: orig(self.clone()))),
    Mutant("as-strided-in-place-returns-view", ("view.as-strided.in-place",),
           replace("Tensor.as_strided_", lambda orig: lambda self, *a, **k: self.as_strided(*a, **k))),
    Mutant("new-empty-strided-contiguous", ("view.new-empty-strided.layout",),
           replace("Tensor.new_empty_strided", lambda orig: lambda self, size, stride, **k: self.new_empty(size, **k))),
    Mutant("share-memory-not-recorded", ("view.share-memory.flag",),
           replace("Tensor.is_shared", lambda orig: lambda self: False)),
]
