"""Grad modes: no_grad, enable_grad, set_grad_enabled, inference_mode.

The mode is thread-local: a thread starts with grad enabled whatever other threads do
(autograd.grad-mode.no-grad). Each mode is a context manager that restores the previous
mode on exit and also decorates functions (autograd.grad-mode.enable-grad,
autograd.grad-mode.set-grad-enabled, autograd.grad-mode.inference-mode).
"""
from __future__ import annotations

import functools
import threading
from typing import Any, Callable


class _State(threading.local):
    enabled = True
    inference = False


_state = _State()


def is_grad_enabled() -> bool:
    return _state.enabled


def is_inference_mode_enabled() -> bool:
    return _state.inference


class _Mode:
    """Sets ``enabled`` (and ``inference`` unless None) on entry, restores both on exit."""

    def __init__(self) -> None:
        self._enabled, self._inference = True, None

    def __enter__(self) -> None:
        self._saved = (_state.enabled, _state.inference)
        _state.enabled = self._enabled
        if self._inference is not None:
            _state.inference = self._inference

    def __exit__(self, *exc: Any) -> None:
        _state.enabled, _state.inference = self._saved

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self._fresh():
                return fn(*args, **kwargs)

        return wrapper

    def _fresh(self) -> "_Mode":
        return self.__class__()


class no_grad(_Mode):
    def __init__(self) -> None:
        super().__init__()
        self._enabled = False


class enable_grad(_Mode):
    pass


class set_grad_enabled(_Mode):
    """Takes effect at construction, so a plain call changes the mode until changed again."""

    def __init__(self, mode: bool) -> None:
        super().__init__()
        self._enabled = bool(mode)
        self._before = (_state.enabled, _state.inference)
        _state.enabled = self._enabled

    def __enter__(self) -> None:
        self._saved = self._before

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """As a decorator the mode applies only while ``fn`` runs: construction's change is undone."""
        _state.enabled = self._before[0]
        return super().__call__(fn)

    def _fresh(self) -> "_Mode":
        return enable_grad() if self._enabled else no_grad()


class inference_mode(_Mode):
    """``inference_mode(True)``: grad off and results marked as inference tensors; ``False`` undoes both."""

    def __init__(self, mode: bool = True) -> None:
        super().__init__()
        self._enabled, self._inference = not mode, bool(mode)

    def _fresh(self) -> "_Mode":
        return inference_mode(self._inference)
