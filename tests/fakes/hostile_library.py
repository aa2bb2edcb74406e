"""The hostile library: functions that kill, hang or mislead the harness, one way each that a real
immature library misbehaves. A module of its own, apart from the adapters in ``hostile_backends.py``,
as a real library is: what these raise is the backend's doing, not an adapter fault."""
from __future__ import annotations

import ctypes
import os
import re
import signal
import sys
import time
from typing import Any, Callable

MARKUP = "<script>alert('pwned')</script><b>bold</b>"


class _Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("__str__ exploded")


def _spin_in_c(*_: Any, **__: Any) -> None:
    """Catastrophic regex backtracking: C code that holds the GIL and never returns."""
    re.fullmatch(r"(a+)+b", "a" * 64)


def _spin_in_python(*_: Any, **__: Any) -> None:
    while True:
        pass


def _flood(*_: Any, **__: Any) -> None:
    chunk = "flood " * 100_000
    for _ in range(20):
        print(chunk)
        print(chunk, file=sys.stderr)
        os.write(1, chunk.encode())
    raise ValueError("flooded " + chunk * 10)


def _raise(exc: BaseException) -> Callable[..., Any]:
    def hostile(*_: Any, **__: Any) -> Any:
        raise exc
    return hostile


def _any_arguments(fn: Callable[[], Any]) -> Callable[..., Any]:
    return lambda *_, **__: fn()


HOSTILE: dict[str, Callable[..., Any]] = {
    "abort": _any_arguments(os.abort),
    "segfault": _any_arguments(lambda: ctypes.string_at(0)),
    "sigfpe": _any_arguments(lambda: signal.raise_signal(signal.SIGFPE)),
    "exit": _any_arguments(lambda: os._exit(3)),
    "sleep": _any_arguments(lambda: time.sleep(3600)),
    "spin_python": _spin_in_python,
    "spin_c": _spin_in_c,
    "system_exit": _raise(SystemExit(3)),
    "keyboard_interrupt": _raise(KeyboardInterrupt()),
    "memory_error": _raise(MemoryError()),
    "huge_allocation": _any_arguments(lambda: bytearray(8 << 30)),  # 8 GiB: past the default memory cap
    "unprintable": _raise(_Unprintable()),
    "wrong_type": _any_arguments(lambda: "not a tensor"),
    "markup": _raise(ValueError(MARKUP)),
    "flood": _flood,
}
