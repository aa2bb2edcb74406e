"""Window functions (creation.window.*): the symmetric NumPy window of the documented formula, one point longer
with the last point dropped when periodic; length 1 gives [1.]."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from reference import _dtype as D
from reference._creation import _new
from reference._tensor import Tensor

__all__ = ["hann_window", "hamming_window", "bartlett_window", "blackman_window", "kaiser_window"]


def _values(window_length: int, periodic: bool, symmetric: Callable[[int], np.ndarray]) -> np.ndarray:
    if window_length == 1:
        return np.ones(1)
    return symmetric(window_length + 1)[:-1] if periodic else symmetric(window_length)


def _window(symmetric: Callable[[int], np.ndarray]) -> Callable[..., Tensor]:
    def window(window_length: int, periodic: bool = True, *, dtype: D.dtype | None = None, device: Any = None,
               requires_grad: bool = False, **unsupported: Any) -> Tensor:
        if unsupported:
            raise NotImplementedError(f"reference window: {sorted(unsupported)} not implemented")
        return _new(_values(window_length, periodic, symmetric), dtype or D.get_default_dtype(), device, requires_grad)
    return window


hann_window = _window(np.hanning)
hamming_window = _window(np.hamming)
bartlett_window = _window(np.bartlett)
blackman_window = _window(np.blackman)


def kaiser_window(window_length: int, periodic: bool = True, beta: float = 12.0, **kwargs: Any) -> Tensor:
    return _window(lambda n: np.kaiser(n, beta))(window_length, periodic, **kwargs)
