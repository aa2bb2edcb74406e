"""from_numpy and Tensor.numpy share memory both ways (numpy.* behaviours)."""
from __future__ import annotations

import numpy as np

from reference import _dtype as D
from reference._tensor import Tensor


def from_numpy(array: np.ndarray) -> Tensor:
    """The tensor views the array itself; negative strides are refused."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    if any(s < 0 for s in array.strides):
        raise ValueError("At least one stride in the given numpy array is negative, and tensors with negative "
                         "strides are not currently supported. (You can probably work around this by making a copy "
                         "of your array with array.copy().) ")
    if not array.flags.writeable:
        import warnings

        warnings.warn("The given NumPy array is not writable, and PyTorch does not support non-writable tensors.",
                      UserWarning, stacklevel=2)
    return Tensor(array.view(), D.from_numpy_dtype(array.dtype))
