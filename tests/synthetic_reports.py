"""Small synthetic reports built with the real builder, for the scoreboard, diff and merge tests."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from conformance import Adapter, catalogue
from conformance.report.build import build_report
from conformance.results import CheckResult

VIEW, OPS = (sorted(b for b in catalogue.behaviours() if b.startswith(f"{t}."))[:3] for t in ("view", "ops"))
"""Three behaviour IDs of each of two topics."""


def result(bid: str, status: str, check: str = "a", message: str = "") -> dict[str, Any]:
    nodeid = f"suites/{bid.split('.')[0]}/test_x.py::test_{bid.replace('.', '_').replace('-', '_')}_{check}"
    return {"nodeid": nodeid, "behaviours": [bid], "status": status, "message": message or (f"{status}: why" if status != "passed" else ""),
            "duration_s": 0.01, "repro": f"pytest {nodeid}"}


def make(results: list[dict[str, Any]], name: str = "fake", version: str = "1.0", **run: Any) -> dict[str, Any]:
    """A schema-valid report of backend ``name`` ``version``; ``run`` overrides run metadata."""
    adapter = Adapter(name=name, namespace=SimpleNamespace(), version=version, spec=name)
    report = build_report([CheckResult.from_json(r) for r in results], adapter, profile="ci", seed=None,
                          started="2026-12-01T10:00:00+00:00", finished="2026-12-01T10:00:05+00:00",
                          complete=True, command=["x"])
    report["run"].update(run)
    return report


def save(report: dict[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    return path
