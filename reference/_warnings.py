"""Warn-always mode (torch.set_warn_always): warnings PyTorch gives once per process are given on every
call while it is on (numpy.from-numpy.read-only-warns)."""
from __future__ import annotations

import warnings

_state = {"always": False}
_given: set[str] = set()


def is_warn_always_enabled() -> bool:
    return _state["always"]


def set_warn_always(enabled: bool) -> None:
    _state["always"] = bool(enabled)


def warn_once(message: str, category: type[Warning] = UserWarning, stacklevel: int = 2) -> None:
    """Emit ``message`` the first time in this process, and every time in warn-always mode."""
    if _state["always"] or message not in _given:
        _given.add(message)
        warnings.warn(message, category, stacklevel=stacklevel + 1)
