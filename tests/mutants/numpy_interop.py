"""Mutants of the NumPy interop family (numpy/interop.toml): copies where memory must be shared,
a wrong DLPack device, and a reflected operator that lets NumPy compute."""
from __future__ import annotations

from tests.mutants import Mutant, replace


def _array_of_copy(orig):
    return lambda self, *a, **k: orig(self.clone(), *a, **k)


def _reflected_via_numpy(orig):
    """__radd__ with an ndarray hands NumPy the tensor's values: the result is an ndarray."""
    return lambda self, other: other + self.numpy() if type(other).__module__ == "numpy" else orig(self, other)


MUTANTS = [
    Mutant("array-protocol-copies", ("numpy.array-protocol.shares-memory",), replace("Tensor.__array__", _array_of_copy)),
    Mutant("from-dlpack-copies", ("numpy.dlpack.from-numpy-shares",),
           replace("from_dlpack", lambda orig: lambda ext: orig(ext).clone())),
    Mutant("dlpack-export-copies", ("numpy.dlpack.numpy-from-tensor-shares",),
           replace("Tensor.__dlpack__", _array_of_copy)),
    Mutant("dlpack-device-wrong", ("numpy.dlpack.tensor-round-trip",),
           replace("Tensor.__dlpack_device__", lambda orig: lambda self: (2, 0))),
    Mutant("ndarray-left-operand-computes", ("numpy.array-priority.tensor-operand-wins",),
           replace("Tensor.__radd__", _reflected_via_numpy)),
]
