"""A run survives any backend: hostile backends (tests/fakes/hostile_backends.py) crash, hang,
raise what they should not and flood output; every run must end by itself with each selected
check recorded exactly once, under an honest status, in a report no backend text can break."""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conformance.report import load_report
from conformance.report.build import MAX_MESSAGE_CHARS
from tests.fakes.hostile_backends import HOSTILE, MARKUP

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "conformance.cli"]
RUN_LIMIT_S = 300  # a run still going after this did not end by itself


@dataclass
class Run:
    proc: subprocess.CompletedProcess[str]
    out: Path
    wall_s: float

    @property
    def report(self) -> dict[str, Any]:
        return load_report(self.out)

    def result(self, name: str) -> dict[str, Any]:
        (found,) = [r for r in self.report["results"] if r["nodeid"].endswith("::" + name)]
        return found


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _run(args: list[str], out: Path, cwd: Path = ROOT) -> Run:
    start = time.monotonic()
    proc = subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=RUN_LIMIT_S)
    return Run(proc, out, time.monotonic() - start)


def _outside_fences(markdown: str) -> str:
    return re.sub(r"(?ms)^(`{3,})\n.*?\n\1$", "", markdown)


def assert_sound(run: Run, selected: int) -> None:
    """Ended by itself, every selected check exactly once, pytest and the report agree, markup inert."""
    assert run.proc.returncode in (0, 1), run.proc.stdout[-3000:] + run.proc.stderr[-3000:]
    report = run.report
    nodeids = [r["nodeid"] for r in report["results"]]
    assert len(nodeids) == len(set(nodeids)) == selected and report["run"]["not_run"] == []
    assert report["run"]["complete"] is True
    said = re.findall(r"(\d+) (passed|failed|crashed|timeout|error)s?\b", run.proc.stdout.splitlines()[-1])
    counts = {s: n for s, n in report["summary"]["counts"].items() if n and s in ("passed", "failed", "crashed",
                                                                                   "timeout", "error")}
    assert {s: int(n) for n, s in said} == counts, run.proc.stdout.splitlines()[-1]
    html = (run.out / "report.html").read_text()
    assert "<script>alert" not in html and "<b>bold" not in html and html.count("<script>") == 1
    plain_md = _outside_fences((run.out / "report.md").read_text())
    assert "<script" not in plain_md and "<b>" not in plain_md


CASES = {  # hostile function: (status, what the message must say)
    "abort": ("crashed", "killed by signal SIGABRT"),
    "segfault": ("crashed", "killed by signal SIGSEGV"),
    "sigfpe": ("crashed", "killed by signal SIGFPE"),
    "exit": ("crashed", "exited with code 3"),
    "sleep": ("timeout", "per-check time limit of 2.0 s"),
    "spin_python": ("timeout", "in _spin_in_python"),
    "spin_c": ("timeout", "in fullmatch"),  # C code holding the GIL: only a GIL-free watchdog stops it
    "system_exit": ("failed", "SystemExit: 3"),
    "keyboard_interrupt": ("failed", "the backend raised KeyboardInterrupt() itself"),
    "memory_error": ("failed", "MemoryError"),
    "huge_allocation": ("failed", "MemoryError"),  # 8 GiB against the default 4 GiB cap
    "unprintable": ("failed", "<unprintable _Unprintable: str() raised RuntimeError>"),
    "wrong_type": ("failed", "AttributeError: 'str' object has no attribute 'shape'"),
    "markup": ("failed", "ValueError: " + MARKUP),
    "flood": ("failed", "ValueError: flooded"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One pytest -n 2 run of a check per hostile function, between checks that pass."""
    out = tmp_path_factory.mktemp("hostile") / "out"
    return _run([sys.executable, "-m", "pytest", "tests/fakes/hostile_checks.py", "-n", "2", "--timeout", "2", "-q",
                 "--tb=no", "--backend", "tests.fakes.hostile_backends:adapter", "--conformance-report", str(out)], out)


def test_every_hostile_function_has_a_case() -> None:
    assert set(CASES) == set(HOSTILE)


@pytest.mark.xdist_group("hostile")  # one worker runs the shared run (CI: --dist loadgroup)
@pytest.mark.parametrize("case", CASES)
def test_hostile_function_costs_one_check(hostile: Run, case: str) -> None:
    status, needle = CASES[case]
    result = hostile.result(f"test_{case}")
    assert result["status"] == status and needle in result["message"], result["message"]
    assert "repro: pytest" in result["message"]
    assert hostile.result("test_a_passes_first")["status"] == hostile.result("test_z_passes_last")["status"] == "passed"
    assert_sound(hostile, len(HOSTILE) + 3)


@pytest.mark.xdist_group("hostile")
def test_a_slow_check_can_raise_its_own_limit(hostile: Run) -> None:
    assert hostile.result("test_slow_but_allowed")["status"] == "passed"


@pytest.mark.xdist_group("hostile")
def test_output_flood_stays_out_of_the_report(hostile: Run) -> None:
    message = hostile.result("test_flood")["message"]
    assert len(message) < MAX_MESSAGE_CHARS + 200 and "more characters cut" in message
    assert (hostile.out / "report.json").stat().st_size < 1_000_000
    assert (hostile.out / "report.html").stat().st_size < 1_000_000


def test_cli_isolates_even_at_one_job_and_keeps_the_report_in_its_folder(tmp_path: Path) -> None:
    """torch's add aborts; the adapter is named ../../escaped. -j 1 still runs checks in a worker."""
    run = _run(CLI + ["run", "--backend", "tests.fakes.hostile_backends:abort_in_add", "--behaviour", "ops.add.*",
                      "-j", "1", "--timeout", "20"], tmp_path / "conformance-reports" / "escaped", cwd=tmp_path)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["conformance-reports"]
    assert [p.name for p in (tmp_path / "conformance-reports").iterdir()] == ["escaped"]
    statuses = {r["nodeid"].split("::")[1]: r["status"] for r in run.report["results"]}
    assert statuses["test_add_function_and_method_equal_sum"] == "crashed"
    assert statuses["test_plus_operator_adds_elementwise"] == "passed"  # x + y does not call add
    assert_sound(run, len(statuses))
    assert run.proc.returncode == 1


def test_backend_that_fails_to_import_stops_with_one_line(tmp_path: Path) -> None:
    run = _run(CLI + ["run", "--backend", "tests.fakes.raises_on_import", "-o", str(tmp_path)], tmp_path)
    assert run.proc.returncode == 2
    assert run.proc.stderr.strip().count("\n") == 0 and "broken at import" in run.proc.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_killed_controller_leaves_a_log_that_rebuilds_the_report(tmp_path: Path, sig: signal.Signals) -> None:
    out = tmp_path / "out"
    log = out / "results.jsonl"
    proc = subprocess.Popen(CLI + ["run", "--backend", "tests.fakes.hostile_backends:slow", "--behaviour", "creation.*",
                                   "-j", "1", "-o", str(out)], cwd=ROOT, env=_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + RUN_LIMIT_S
        while not (log.exists() and sum('"nodeid"' in line and '"kind"' not in line
                                        for line in log.read_text().splitlines()) >= 2):
            assert time.monotonic() < deadline and proc.poll() is None, "the run never got going"
            time.sleep(0.2)
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # its workers, when the controller was killed outright
    if sig != signal.SIGKILL:
        assert proc.returncode == 130 and "Traceback" not in stderr
        assert stderr.strip().splitlines()[-1].startswith("torch-conformance: interrupted")
        assert load_report(out)["run"]["complete"] is False
    rebuilt = subprocess.run(CLI + ["report", "--from-log", str(log), "--output", str(tmp_path / "rebuilt")],
                             cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
    assert rebuilt.returncode == 0, rebuilt.stderr
    report = load_report(tmp_path / "rebuilt")
    selected = [c["nodeid"] for line in log.read_text().splitlines() if '"selected"' in line
                for c in json.loads(line)["checks"]]
    ran = [r["nodeid"] for r in report["results"]]
    assert report["run"]["complete"] is False and report["run"]["not_run"]
    assert sorted(ran + report["run"]["not_run"]) == sorted(selected)
    assert "never finished" in (tmp_path / "rebuilt" / "report.html").read_text()


def test_deterministic_profile_gives_identical_statuses(tmp_path: Path) -> None:
    """Two ci-profile runs of the reference backend; the report records profile and seed."""
    statuses = []
    for n in (1, 2):
        out = tmp_path / str(n)
        _run([sys.executable, "-m", "pytest", "suites", "-p", "no:xdist", "-q", "--tb=no", "--backend", "reference",
              "--behaviour", "ops.broadcast.*", "--behaviour", "view.*", "--conformance-report", str(out)], out)
        report = load_report(out)
        assert report["run"]["hypothesis"] == {"profile": "ci", "seed": "derandomized"}
        statuses.append({r["nodeid"]: r["status"] for r in report["results"]})
    assert statuses[0] == statuses[1] and len(statuses[0]) > 10
