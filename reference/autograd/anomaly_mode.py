"""Anomaly detection (autograd.anomaly.nan-raises): while enabled, a backward formula that returns NaN
raises RuntimeError naming the function, instead of letting the NaN reach the gradients."""
from __future__ import annotations

import warnings
from typing import Any, Sequence

import numpy as np

_enabled = [False]


def is_anomaly_enabled() -> bool:
    return _enabled[0]


class set_detect_anomaly:
    """Turn anomaly detection on or off: at once, and, used as a context manager, back on exit."""

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self.previous = _enabled[0]
        _enabled[0] = mode

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> None:
        _enabled[0] = self.previous


class detect_anomaly(set_detect_anomaly):
    """A context manager enabling anomaly detection inside it (warning that it slows things down)."""

    def __init__(self, check_nan: bool = True) -> None:
        self.previous = _enabled[0]

    def __enter__(self) -> None:
        warnings.warn("Anomaly Detection has been enabled. This mode will increase the runtime and should only be "
                      "enabled for debugging.", UserWarning, stacklevel=2)
        _enabled[0] = True


def check_nan(name: str, grads: Sequence[Any]) -> None:
    for i, g in enumerate(grads):
        if g is not None and np.isnan(g._a).any():
            raise RuntimeError(f"Function '{name}' returned nan values in its {i}th output.")
