"""Small helpers for the creation checks: dtype lookup, device names, default-dtype scoping
(dtype knowledge itself lives in ``conformance/dtypes.py``).

Nothing here computes an expected value from the backend: these only resolve names on the
backend (``getattr(xp, "int64")``) and put global state back after a check changes it.
"""
from __future__ import annotations

import contextlib
from typing import Any, Iterator

# Factories whose size argument and default dtype follow the same documented rules.
FLOAT_FACTORIES = ("zeros", "ones", "empty", "rand", "randn")


def dt(xp: Any, name: str) -> Any:
    """The backend's dtype object called ``name``."""
    return getattr(xp, name)


def device_type(tensor: Any) -> str:
    """``"cpu"``, ``"cuda"``, ``"meta"``: the type part of a tensor's device."""
    return str(tensor.device.type)


def device_kind(device: str) -> str:
    """The type part of a device string (``"cuda:0"`` -> ``"cuda"``)."""
    return device.split(":", 1)[0]


@contextlib.contextmanager
def default_dtype(xp: Any, name: str) -> Iterator[None]:
    """Run a block with the backend's default float dtype set to ``name``; always restored."""
    previous = xp.get_default_dtype()
    xp.set_default_dtype(dt(xp, name))
    try:
        yield
    finally:
        xp.set_default_dtype(previous)


def make(xp: Any, factory: str, size: Any, **kwargs: Any) -> Any:
    """Call ``xp.<factory>`` with ``size`` spread as varargs if it is a non-empty tuple of ints,
    else as one argument (a list, a torch.Size, or ``()`` for a 0-dim result)."""
    fn = getattr(xp, factory)
    if isinstance(size, tuple) and size and all(isinstance(s, int) for s in size):
        return fn(*size, **kwargs)
    return fn(size, **kwargs)
