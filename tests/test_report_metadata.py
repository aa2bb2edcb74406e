"""Run metadata for dashboards: suite commit, execution target (cpu/gpu and models), duration."""
from __future__ import annotations

import re
from types import SimpleNamespace

from conformance import Adapter
from conformance.report import align, validate
from conformance.report.build import build_report


def _report(adapter: Adapter) -> dict:
    return build_report([], adapter, profile="ci", seed=None, started="2026-12-01T10:00:00+00:00",
                        finished="2026-12-01T10:01:30+00:00", complete=True, command=["x"])


def test_gpu_target_names_its_model() -> None:
    adapter = Adapter(name="g", namespace=SimpleNamespace(), devices=("cpu", "cuda"), device_available=lambda d: True,
                      device_model=lambda d: "Fake GPU 80GB" if d == "cuda" else None)
    report = _report(adapter)
    validate(report)
    target = report["run"]["target"]
    assert target["kind"] == "gpu" and target["devices"] == ["cpu", "cuda"] and target["models"]["cuda"] == "Fake GPU 80GB"
    assert align.device_of(report) == "gpu (Fake GPU 80GB)"


def test_cpu_only_run_with_commit_and_duration() -> None:
    report = _report(Adapter(name="c", namespace=SimpleNamespace(), devices=("cpu", "cuda")))
    run = report["run"]
    assert run["target"]["kind"] == "cpu" and run["target"]["devices"] == ["cpu"]
    assert run["duration_s"] == 90.0
    assert run["suite_commit"] is None or re.fullmatch(r"[0-9a-f]{40}", run["suite_commit"])
