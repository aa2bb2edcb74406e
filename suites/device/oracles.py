"""The documented rule for "is this tensor on the requested device": a device given without an
index means the current device of that type, so only the type must match then (tensor_attributes)."""
from __future__ import annotations

from typing import Any


def on_device(xp: Any, got: Any, requested: Any) -> bool:
    """Whether the device ``got`` (a tensor's ``.device``) is the ``requested`` device (str or device)."""
    want = xp.device(requested) if isinstance(requested, str) else requested
    return got.type == want.type and (want.index is None or got.index == want.index)


def where(t: Any) -> str:
    """The tensor's device for a failure message."""
    try:
        return str(t.device)
    except Exception as exc:  # a broken backend: say so instead of failing the message
        return f"<unreadable device: {type(exc).__name__}>"
