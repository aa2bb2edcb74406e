"""Run metadata a results dashboard needs: suite commit, execution target, duration."""
from __future__ import annotations

import datetime as dt
import platform
import subprocess
from pathlib import Path
from typing import Any

from conformance.backend import Adapter

SUITE_ROOT = Path(__file__).resolve().parents[2]
GPU_DEVICES = frozenset({"cuda", "gpu", "mps", "xpu", "rocm", "metal"})


def suite_commit() -> str | None:
    """The suite checkout's git commit; None outside a git checkout (e.g. an installed wheel)."""
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=SUITE_ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def target(adapter: Adapter) -> dict[str, Any]:
    """Where the checks ran: cpu or gpu, the devices available, and their models where known."""
    devices = [d for d in adapter.devices if adapter.device_available(d)]
    models = {"cpu": _cpu_model()} | {d: adapter.device_model(d) for d in devices if d != "cpu"}
    return {"kind": "gpu" if GPU_DEVICES.intersection(devices) else "cpu", "devices": devices, "models": models}


def duration_s(started: str, finished: str) -> float | None:
    """Wall time of the run from its ISO timestamps; None when they are not timestamps."""
    try:
        return round((dt.datetime.fromisoformat(finished) - dt.datetime.fromisoformat(started)).total_seconds(), 3)
    except ValueError:
        return None
