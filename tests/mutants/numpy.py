"""Mutants of the NumPy bridge: each breaks one documented behaviour of numpy()/from_numpy/tensor/as_tensor."""
import warnings

import numpy as np
import torch

from tests.mutants import Mutant, replace


def _numpy(transform):
    """Tensor.numpy replaced by ``transform(orig, self, force)``."""
    return replace("Tensor.numpy", lambda orig: lambda self, *, force=False: transform(orig, self, force))


def _from_numpy(transform):
    return replace("from_numpy", lambda orig: lambda a: transform(orig, a))


def _copy_if_non_contiguous(orig, self, force):
    out = orig(self, force=force)
    return out if self.is_contiguous() else np.ascontiguousarray(out).copy()


def _from_numpy_silently(orig, a):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return orig(a)


def _reject_int8(orig, self, force):
    if self.dtype == torch.int8:
        raise TypeError("can't convert CharTensor to numpy")  # what the tutorial claims
    return orig(self, force=force)


def _as_tensor_copies(orig):
    def as_tensor(data, *args, **kwargs):
        return orig(data.copy() if isinstance(data, np.ndarray) else data, *args, **kwargs)
    return as_tensor


def _tensor_shares(orig):
    def tensor(data, *args, **kwargs):
        return torch.as_tensor(data, *args, **kwargs) if isinstance(data, np.ndarray) else orig(data, *args, **kwargs)
    return tensor


def _tensor_default_dtype(orig):
    def tensor(data, *args, **kwargs):
        if isinstance(data, np.ndarray) and data.dtype == np.float64 and "dtype" not in kwargs:
            kwargs["dtype"] = torch.float32
        return orig(data, *args, **kwargs)
    return tensor


MUTANTS = [
    # Tensor.numpy()
    Mutant("numpy-copies", ("numpy.numpy.shares-memory", "numpy.numpy.non-contiguous", "numpy.from-numpy.round-trip"),
           _numpy(lambda orig, self, force: orig(self, force=force).copy())),
    Mutant("numpy-non-contiguous-copies", ("numpy.numpy.non-contiguous", "numpy.numpy.byte-strides"),
           _numpy(_copy_if_non_contiguous)),
    Mutant("numpy-zero-dim-as-1d", ("numpy.numpy.zero-dim",),
           _numpy(lambda orig, self, force: orig(self, force=force).reshape(-1) if self.dim() == 0 else orig(self, force=force))),
    Mutant("numpy-float16-as-float32", ("numpy.numpy.dtype-mapping",),
           _numpy(lambda orig, self, force: orig(self.float() if self.dtype == torch.float16 else self, force=force))),
    Mutant("numpy-rejects-int8", ("numpy.numpy.int8-converts", "numpy.numpy.dtype-mapping"), _numpy(_reject_int8)),
    Mutant("numpy-ignores-requires-grad", ("numpy.numpy.requires-grad-raises",),
           _numpy(lambda orig, self, force: orig(self.detach(), force=force))),
    Mutant("numpy-resolves-conj-silently", ("numpy.numpy.conj-raises",),
           _numpy(lambda orig, self, force: orig(self.resolve_conj(), force=force))),
    Mutant("numpy-bfloat16-as-float32", ("numpy.numpy.unsupported-dtype-raises",),
           _numpy(lambda orig, self, force: orig(self.float() if self.dtype == torch.bfloat16 else self, force=force))),
    Mutant("numpy-ignores-force", ("numpy.numpy.force",), _numpy(lambda orig, self, force: orig(self))),
    Mutant("numpy-force-drops-conj", ("numpy.numpy.force",),
           _numpy(lambda orig, self, force: orig(self.conj() if force and self.is_conj() else self, force=force))),
    # torch.from_numpy
    Mutant("from-numpy-copies", ("numpy.from-numpy.shares-memory", "numpy.from-numpy.round-trip",
                                 "numpy.from-numpy.keeps-strides"),
           _from_numpy(lambda orig, a: orig(a.copy()))),
    Mutant("from-numpy-float64-as-float32", ("numpy.from-numpy.dtype-mapping",),
           _from_numpy(lambda orig, a: orig(a.astype(np.float32)) if a.dtype == np.float64 else orig(a))),
    Mutant("from-numpy-resizable", ("numpy.from-numpy.not-resizable",), _from_numpy(lambda orig, a: orig(a).clone())),
    Mutant("from-numpy-object-as-zeros", ("numpy.from-numpy.unsupported-dtype-raises",),
           _from_numpy(lambda orig, a: orig(np.zeros(a.shape)) if a.dtype.kind in "OUSM" else orig(a))),
    Mutant("from-numpy-rejects-read-only", ("numpy.from-numpy.read-only-accepted",),
           _from_numpy(lambda orig, a: (_ for _ in ()).throw(ValueError("read-only")) if not a.flags.writeable else orig(a))),
    Mutant("from-numpy-no-read-only-warning", ("numpy.from-numpy.read-only-warns",), _from_numpy(_from_numpy_silently)),
    Mutant("from-numpy-copies-negative-strides", ("numpy.from-numpy.negative-strides-raise",),
           _from_numpy(lambda orig, a: orig(a.copy()) if any(s < 0 for s in a.strides) else orig(a))),
    Mutant("from-numpy-contiguous-copy", ("numpy.from-numpy.keeps-strides",),
           _from_numpy(lambda orig, a: orig(np.ascontiguousarray(a)))),
    # torch.tensor / torch.as_tensor
    Mutant("tensor-shares-ndarray", ("numpy.tensor.copies",), replace("tensor", _tensor_shares)),
    Mutant("tensor-ndarray-default-dtype", ("numpy.tensor.copies",), replace("tensor", _tensor_default_dtype)),
    Mutant("as-tensor-copies", ("numpy.as-tensor.shares-or-copies",), replace("as_tensor", _as_tensor_copies)),
]
