"""Mutants of the window functions (suites/creation/test_windows.py): each window off by one, the periodic
flag ignored, and a length-1 window following the formula (NaN or 0) instead of [1.]."""
from __future__ import annotations

from typing import Any, Callable

from tests.mutants import Mutant, replace
from tests.mutants._family import ignores, wrong_values


def _length_one_by_formula(orig: Callable[..., Any]) -> Callable[..., Any]:
    def window(n: int, *args: Any, **kwargs: Any) -> Any:
        return orig(n, *args, **kwargs) * 0 if n == 1 else orig(n, *args, **kwargs)
    return window


MUTANTS = [wrong_values(f"creation.window.{name}", f"{name}_window")
           for name in ("hann", "hamming", "bartlett", "blackman", "kaiser")] + [
    ignores("creation.window.hann", "hann_window", "periodic", 1),
    ignores("creation.window.kaiser", "kaiser_window", "periodic", 1),
    Mutant("window-length-one-by-formula", ("creation.window.blackman",),
           replace("blackman_window", _length_one_by_formula)),
]
