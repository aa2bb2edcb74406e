"""The harness, the suite and the reference backend need no torch (torch is the ``[torch]`` extra).

Runs only where CONFORMANCE_TORCHLESS_PYTHON names the python of a virtual environment that has
torch-conformance installed without torch (``.ci/run`` makes one); skipped elsewhere.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYTHON = os.environ.get("CONFORMANCE_TORCHLESS_PYTHON")

pytestmark = pytest.mark.skipif(not PYTHON, reason="CONFORMANCE_TORCHLESS_PYTHON names no torch-less python")


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CONFORMANCE_BACKEND"}
    return subprocess.run([str(PYTHON), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_that_python_really_has_no_torch() -> None:
    assert _run("-c", "import torch").returncode != 0


def test_the_reference_backend_runs_a_topic_and_reports_no_torch(tmp_path: Path) -> None:
    out = tmp_path / "report"
    proc = _run("-m", "conformance.cli", "run", "--backend", "reference", "--topic", "data", "-j", "1", "--output", str(out))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    run = json.loads((out / "report.json").read_text())["run"]
    assert run["backend"]["name"] == "reference"
    assert run["environment"]["torch"] is None  # never a torch version torch did not provide
