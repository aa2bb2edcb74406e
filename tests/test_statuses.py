"""Each status arises exactly where it should, is recorded in a schema-valid report, and
sets the exit code. Synthetic checks cite real catalogue IDs; a fake adapter declares
devices, unsupported capabilities and deviations."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance import catalogue
from conformance.report import validate

IDS = sorted(catalogue.behaviours())

CHECKS = '''
from conformance import check
from conformance.assertions import HarnessError, expect


@check("{a}")
def test_passes(xp):
    expect(True, call="noop()", expected=1, got=1)


@check("{a}")
def test_violates(xp):
    expect(False, call="zeros(2)", expected="dtype float32", got="dtype int64")


@check("{a}")
def test_backend_raises(xp):
    raise RuntimeError("backend exploded")


@check("{a}")
def test_harness_fault(xp):
    raise HarnessError("the check is broken")


@check("{a}")
def test_needs_accelerator(xp, other_device):
    pass


@check("{a}")
def test_per_device(xp, device):
    pass


@check("{b}")
def test_unsupported_feature(xp):
    raise AssertionError("must never run")


@check("{a}")
def test_declared_deviation_fails(xp):
    expect(False, call="f()", expected=1, got=2)


@check("{a}")
def test_declared_deviation_passes(xp):
    pass
'''

ADAPTER = '''
from pathlib import Path
from types import SimpleNamespace
from conformance import Adapter

def adapter():
    return Adapter(name="fake", namespace=SimpleNamespace(), version="9", devices=("cpu", "cuda"),
                   unsupported=("{b}",), deviations_file=Path(__file__).with_name("devs.toml"))
'''

DEVIATIONS = '''
[[deviation]]
id = "*test_declared_deviation_*"
reason = "tracked upstream"
'''


@pytest.fixture
def run(pytester: pytest.Pytester):
    pytester.makepyfile(test_synthetic=CHECKS.format(a=IDS[0], b=IDS[1]), fakeadapter=ADAPTER.format(b=IDS[1]))
    (pytester.path / "devs.toml").write_text(DEVIATIONS)
    pytester.syspathinsert()
    result = pytester.runpytest_subprocess("-p", "no:xdist", "--backend", "fakeadapter:adapter",
                                           "--conformance-report", "out")
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    return result, report, pytester.path / "out"


def test_every_status_is_recorded_honestly(run) -> None:
    result, report, _ = run
    validate(report)
    got = {r["nodeid"].split("::")[1]: r["status"] for r in report["results"]}
    assert got == {
        "test_passes": "passed",
        "test_violates": "failed",
        "test_backend_raises": "failed",
        "test_harness_fault": "error",
        "test_needs_accelerator": "skipped",
        "test_per_device[cpu]": "passed",
        "test_per_device[cuda]": "skipped",
        "test_unsupported_feature": "unsupported",
        "test_declared_deviation_fails": "xfailed",
        "test_declared_deviation_passes": "xpassed",
    }
    assert result.ret == 1


def test_messages_name_backend_behaviour_call_and_repro(run) -> None:
    _, report, _ = run
    by = {r["nodeid"].split("::")[1]: r for r in report["results"]}
    msg = by["test_violates"]["message"]
    b = catalogue.lookup(IDS[0])
    assert f"backend fake 9 violates {IDS[0]}: {b.statement}" in msg
    assert "call: zeros(2)" in msg and "expected: dtype float32" in msg and "got: dtype int64" in msg
    assert "source: " in msg and "repro: pytest" in msg and "--backend fakeadapter:adapter" in msg
    assert "backend raised" in by["test_backend_raises"]["message"] and "backend exploded" in by["test_backend_raises"]["message"]
    assert "check fault" in by["test_harness_fault"]["message"]
    assert by["test_needs_accelerator"]["message"] == "no CUDA device"
    assert by["test_per_device[cuda]"]["message"] == "no CUDA device"
    assert "tracked upstream" in by["test_declared_deviation_passes"]["message"]
    assert "remove it from the known-deviations file" in by["test_declared_deviation_passes"]["message"]


def test_summary_percent_and_behaviour_rollup(run) -> None:
    _, report, out = run
    counts = report["summary"]["counts"]
    assert counts["passed"] == 2 and counts["failed"] == 2 and counts["error"] == 1
    assert counts["skipped"] == 2 and counts["unsupported"] == 1 and counts["xfailed"] == 1 and counts["xpassed"] == 1
    applicable = 10 - 2
    assert report["summary"]["conformance_percent"] == round(100 * 2 / applicable, 2)
    assert report["summary"]["exit_code"] == 1
    assert report["behaviours"][IDS[0]]["status"] == "error"  # the worst of its checks
    assert report["behaviours"][IDS[1]]["status"] == "unsupported"
    assert report["run"]["backend"] == {"name": "fake", "version": "9", "spec": "fakeadapter:adapter", "devices": ["cpu", "cuda"]}
    assert report["run"]["complete"] is True
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len([line for line in lines if "kind" not in line]) == 10  # streamed as each check finished
    assert (out / "report.md").read_text().startswith("# torch-conformance: fake 9")


def test_a_backend_that_implements_nothing_passes_nothing(tmp_path: Path) -> None:
    """Rule 3: a missing feature is a failure, never a pass. Every check, run against a
    module with no attributes at all, must fail (or skip for want of a second device)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "pytest", str(root / "suites"), "-q", "-p", "no:xdist", "--tb=no",
                    "--backend", "tests.fakes.empty_torch", "--conformance-report", str(tmp_path)],
                   cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, timeout=900)
    report = json.loads((tmp_path / "report.json").read_text())
    counts = report["summary"]["counts"]
    passed = [r["nodeid"] for r in report["results"] if r["status"] in ("passed", "xpassed")]
    assert not passed, f"checks that pass against an empty backend: {passed}"
    skips = {r["message"] for r in report["results"] if r["status"] == "skipped"}
    assert skips <= {"the backend declares no device besides cpu"}, skips
    assert counts["failed"] + counts["skipped"] == report["summary"]["total"] and counts["failed"] > 0


def test_a_smoke_run_does_not_tell_to_remove_a_deviation_it_passed(pytester: pytest.Pytester) -> None:
    """A smoke run's few examples may miss the case a known deviation is about: its xpass says so."""
    pytester.makepyfile(test_synthetic=CHECKS.format(a=IDS[0], b=IDS[1]).split("@check", 1)[0]
                        + '@check("{}")\ndef test_declared_deviation_passes(xp):\n    pass\n'.format(IDS[0]),
                        fakeadapter=ADAPTER.format(b=IDS[1]))
    (pytester.path / "devs.toml").write_text(DEVIATIONS)
    pytester.syspathinsert()
    pytester.runpytest_subprocess("-p", "no:xdist", "--backend", "fakeadapter:adapter", "--tier", "smoke",
                                  "--conformance-report", "out")
    [row] = json.loads((pytester.path / "out" / "report.json").read_text())["results"]
    assert row["status"] == "xpassed"
    assert "passed in this smoke run" in row["message"] and "if the full suite passes it too" in row["message"]
