"""Every mutant must be caught: each behaviour it breaks is reported ``failed``.

Mutants run per topic in one subprocess (torch imported once); each mutant's verdict
is then its own test, so a miss names the mutant. Under xdist use ``--dist loadgroup``
so each topic's subprocess runs on one worker only.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import catalogue
from tests.mutants import TOPIC_MODULES, all_mutants

MUTANTS = all_mutants()
ROOT = Path(__file__).resolve().parent.parent


def _topic(name: str) -> str:
    return catalogue.lookup(MUTANTS[name].breaks[0]).topic


@pytest.fixture(scope="module")
def topic_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """topic -> the folder holding one report per mutant of that topic (run lazily, once)."""
    return {}


def _reports_for(topic: str, cache: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    if topic not in cache:
        out = tmp_path_factory.mktemp(f"mutants-{topic}")
        names = [n for n in sorted(MUTANTS) if _topic(n) == topic]
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        proc = subprocess.run([sys.executable, "-m", "tests.mutants.runner", str(out), *names], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=900)
        (out / "runner.log").write_text(proc.stdout + proc.stderr)
        cache[topic] = out
    return cache[topic]


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xdist_group(_topic(n)))  # with --dist loadgroup a topic runs once
    for n in sorted(MUTANTS, key=lambda n: (TOPIC_MODULES.index(_topic(n)), n))
])
def test_mutant_is_caught(name: str, topic_reports: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> None:
    mutant = MUTANTS[name]
    out = _reports_for(_topic(name), topic_reports, tmp_path_factory)
    report_path = out / name / "report.json"
    log = (out / "runner.log").read_text()[-3000:]
    assert report_path.exists(), f"mutant {name} wrote no report; runner output:\n{log}"
    behaviours = json.loads(report_path.read_text())["behaviours"]
    statuses = {bid: behaviours[bid]["status"] for bid in mutant.breaks}
    assert all(s == "failed" for s in statuses.values()), f"mutant {name} not caught: {statuses}"
