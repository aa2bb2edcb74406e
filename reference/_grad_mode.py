"""Grad modes: no_grad, enable_grad, set_grad_enabled, inference_mode (autograd.grad-mode.*)."""
from __future__ import annotations

import functools
from typing import Any, Callable

_state = {"enabled": True, "inference": False}


def is_grad_enabled() -> bool:
    return _state["enabled"]


def is_inference_mode_enabled() -> bool:
    return _state["inference"]


class _Mode:
    """A context manager that is also a decorator, restoring the previous mode on exit."""

    _enabled: bool = True
    _inference: bool | None = None

    def __enter__(self) -> None:
        self._saved = dict(_state)
        _state["enabled"] = self._enabled
        if self._inference is not None:
            _state["inference"] = self._inference

    def __exit__(self, *exc: Any) -> None:
        _state.update(self._saved)

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.__class__(*self._args):
                return fn(*args, **kwargs)

        return wrapper

    _args: tuple[Any, ...] = ()


class no_grad(_Mode):
    _enabled = False


class enable_grad(_Mode):
    _enabled = True


class set_grad_enabled(_Mode):
    """Takes effect at construction (usable as a plain function call) and as a context manager."""

    def __init__(self, mode: bool) -> None:
        self._args = (mode,)
        self._enabled = bool(mode)
        self._before = dict(_state)
        _state["enabled"] = bool(mode)

    def __enter__(self) -> None:
        self._saved = self._before

    def __exit__(self, *exc: Any) -> None:
        _state.update(self._saved)


class inference_mode(_Mode):
    def __init__(self, mode: bool = True) -> None:
        self._args = (mode,)
        self._enabled = not mode
        self._inference = bool(mode)
