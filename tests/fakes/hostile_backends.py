"""Hostile backends: real torch, except for functions that kill, hang or mislead the harness.

Each hostile function (``hostile_library.py``) is one way a real immature library misbehaves;
``HOSTILE`` names them all and :func:`adapter` serves torch with every one of them added (checks in
``hostile_checks.py`` call one each). :func:`abort_in_add` breaks a commonly used function of
real torch instead, for running the real suites.
"""
from __future__ import annotations

import time
from typing import Any, Callable

import torch

from conformance import Adapter
from tests.fakes.hostile_library import HOSTILE, MARKUP, _spin_in_c

__all__ = ["HOSTILE", "MARKUP", "abort_in_add", "adapter", "hang_in_add", "slow"]


class _Proxy:
    """torch, with some names replaced."""

    def __init__(self, overrides: dict[str, Callable[..., Any]]) -> None:
        self.__dict__.update(overrides)

    def __getattr__(self, name: str) -> Any:
        return getattr(torch, name)


def adapter() -> Adapter:
    return Adapter(name=f"hostile {MARKUP}", namespace=_Proxy(HOSTILE), version=MARKUP)


def abort_in_add() -> Adapter:
    """torch whose ``add`` aborts the process; the name tries to leave the output folder."""
    return Adapter(name="../../escaped", namespace=_Proxy({"add": HOSTILE["abort"]}), version=MARKUP)


def hang_in_add() -> Adapter:
    """torch whose ``add`` spins in C forever."""
    return Adapter(name="hangs", namespace=_Proxy({"add": _spin_in_c}), version="1")


def slow() -> Adapter:
    """torch whose ``zeros`` takes a second, so a run can be interrupted part-way."""
    def zeros(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1)
        return torch.zeros(*args, **kwargs)
    return Adapter(name="slow", namespace=_Proxy({"zeros": zeros}), version="1")
