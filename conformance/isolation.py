"""Crash, hang and memory isolation of checks: a hostile backend costs one check, never the run.

Checks run in pytest-xdist worker processes. In each worker:

* before a check starts, a *marker file* (one per worker process) is rewritten with the check's
  node ID, behaviours and repro line;
* the per-check time limit (pytest-timeout's ``--timeout`` / ``@pytest.mark.timeout``) is enforced
  by :func:`faulthandler.dump_traceback_later`, a C watchdog thread that needs no GIL: it writes
  ``Timeout (...)!`` and the stacks into the marker file and ends the process, so even a backend
  spinning in C that never returns to the interpreter is stopped;
* fatal signals (abort, segfault, SIGFPE, ...) dump the Python stack into the marker file too;
* the data segment is capped (``RLIMIT_DATA``) so a huge allocation fails in that one check.

When a worker dies, xdist calls ``pytest_handlecrashitem`` on the controller, which reads the
worker's exit status and marker file (:func:`diagnose`) and labels the check ``crashed`` or
``timeout``; xdist starts a replacement worker and reschedules the checks queued behind it.
"""
from __future__ import annotations

import _thread
import faulthandler
import json
import os
import resource
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from conformance.statuses import Status

DEFAULT_TIMEOUT_S = 60.0
"""Per-check limit: about 25 times the slowest check of a full torch run on a loaded 2-core
machine (2.3 s), so the thorough profile's longer checks still fit."""

DEFAULT_MEMORY_LIMIT_MB = 4096
"""Per-worker data-segment cap: about 8 times a worker's peak on a full torch run (VmData
under 500 MiB), and 4 workers at the cap still fit a 16 GiB machine."""

MARKER_DIR_INPUT = "conformance_marker_dir"
SELECTED_FILE = "selected.json"
TIMEOUT_BANNER = "Timeout ("
MAX_STACK_LINES = 12

_user_interrupt = False


def _on_interrupt(signum: int, frame: Any) -> None:
    global _user_interrupt
    _user_interrupt = True
    raise KeyboardInterrupt(f"stopped by {signal.Signals(signum).name}")


def install_interrupt_handlers(*, controller: bool) -> dict[int, Any]:
    """Note real interrupts, so a KeyboardInterrupt the backend raises itself can be told apart.

    On the controller SIGTERM interrupts the run like SIGINT, so the report is still written.
    Returns the previous handlers for :func:`restore_handlers`.
    """
    previous: dict[int, Any] = {}
    if sys.unraisablehook is sys.__unraisablehook__:
        sys.unraisablehook = _unraisable
    wanted = [signal.SIGINT] + ([signal.SIGTERM] if controller else [])
    for sig in wanted:
        current = signal.getsignal(sig)
        if current in (signal.default_int_handler, signal.SIG_DFL):
            try:
                previous[sig] = signal.signal(sig, _on_interrupt)
            except ValueError:  # not the main thread
                pass
    return previous


def restore_handlers(previous: dict[int, Any]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)
    if sys.unraisablehook is _unraisable:
        sys.unraisablehook = sys.__unraisablehook__


def _unraisable(unraisable: Any) -> None:
    """An interrupt that landed in a gc callback (hypothesis has one) would be swallowed: raise it again."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt) and _user_interrupt:
        threading.Timer(0.1, _thread.interrupt_main).start()
        return
    sys.__unraisablehook__(unraisable)


def user_interrupted() -> bool:
    """True once a real SIGINT/SIGTERM arrived in this process."""
    return _user_interrupt


class BackendInterrupt(Exception):
    """The backend raised KeyboardInterrupt itself, with no interrupt signal received."""


def cap_memory(limit_mb: int) -> None:
    """Cap this process's data segment (heap and private writable mappings); 0 means no cap."""
    if limit_mb <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = limit_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))


class Watchdog:
    """The GIL-free per-check timer and, in an xdist worker, the marker file and fatal-signal dumps.

    Without a marker folder (plain pytest, no ``-n``) the timer still ends a hung process, with the
    stacks on stderr: there is no controller left to record the check.
    """

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / f"{os.getpid()}.marker" if folder is not None else None
        self.file: IO[Any] = open(self.path, "w+b") if self.path else (sys.__stderr__ or sys.stderr)  # noqa: SIM115
        self.info: dict[str, Any] = {}
        if self.path is not None:
            faulthandler.enable(file=self.file, all_threads=False)

    def starting(self, info: dict[str, Any]) -> None:
        """Record the check about to run (read by the controller if this process dies)."""
        faulthandler.cancel_dump_traceback_later()
        self.info = info
        if self.path is None:
            return
        self.file.seek(0)
        self.file.truncate()
        self.file.write(json.dumps(info).encode() + b"\n")
        self.file.flush()

    def arm(self, seconds: float) -> None:
        self.starting({**self.info, "timeout_s": seconds})
        faulthandler.dump_traceback_later(seconds, exit=True, file=self.file)

    def disarm(self) -> None:
        faulthandler.cancel_dump_traceback_later()

    def close(self) -> None:
        self.disarm()
        if self.path is not None:
            faulthandler.disable()
            self.file.close()
            self.path.unlink(missing_ok=True)


@dataclass
class Death:
    """What the controller learns about a worker that died in a check."""

    status: Status  # CRASHED or TIMEOUT
    cause: str
    info: dict[str, Any]
    stack: str


def _exit_status(worker: Any) -> tuple[int | None, int | None]:
    """(pid, returncode) of an xdist worker's process, waiting briefly for it to end."""
    popen = getattr(getattr(getattr(worker, "gateway", None), "_io", None), "popen", None)
    if popen is None:
        return None, None
    try:
        return popen.pid, popen.wait(timeout=10)
    except subprocess.TimeoutExpired:
        popen.kill()
        return popen.pid, popen.wait()


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "the worker process ended (exit status unknown)"
    if code < 0:
        try:
            sig = signal.Signals(-code)
            return f"killed by signal {sig.name} ({signal.strsignal(sig) or sig.name})"
        except ValueError:
            return f"killed by signal {-code}"
    return f"the worker process exited with code {code}"


def diagnose(worker: Any, folder: Path | None) -> Death:
    pid, code = _exit_status(worker)
    info: dict[str, Any] = {}
    dump = ""
    marker = folder / f"{pid}.marker" if folder is not None and pid is not None else None
    if marker is not None and marker.exists():
        raw = marker.read_bytes().decode("utf-8", "replace")
        first, _, dump = raw.partition("\n")
        try:
            info = json.loads(first)
        except ValueError:
            info = {}
        marker.unlink(missing_ok=True)
    stack = _main_thread_stack(dump)
    if dump.lstrip().startswith(TIMEOUT_BANNER):
        limit = info.get("timeout_s")
        return Death(Status.TIMEOUT, f"still running after the per-check time limit of {limit} s; the worker was stopped "
                                "and replaced (raise the limit with --timeout SECONDS or @pytest.mark.timeout(N))",
                     info, stack)
    return Death(Status.CRASHED, _describe_exit(code), info, stack)


def _main_thread_stack(dump: str) -> str:
    """The banner and the innermost frames of the main thread (faulthandler lists it last)."""
    lines = dump.strip().splitlines()
    if not lines:
        return ""
    starts = [i for i, line in enumerate(lines) if line.startswith(("Thread 0x", "Current thread 0x", "Stack ("))]
    block = lines[starts[-1]:] if starts else lines[1:]
    return "\n".join([lines[0]] + block[:MAX_STACK_LINES])


def write_selected(folder: Path, checks: list[dict[str, Any]]) -> None:
    """Worker side: the selected checks, for the controller (which collects nothing under xdist)."""
    tmp = folder / f"{SELECTED_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps(checks), encoding="utf-8")
    os.replace(tmp, folder / SELECTED_FILE)


def read_selected(folder: Path) -> list[dict[str, Any]] | None:
    try:
        checks: list[dict[str, Any]] = json.loads((folder / SELECTED_FILE).read_text(encoding="utf-8"))
        return checks
    except (OSError, ValueError):
        return None
