"""A suite module that fails to import hides its checks: the report says so and the run exits 1,
never a clean 100%."""
from __future__ import annotations

from pathlib import Path

import pytest

from conformance.report import load_report
from conformance.report.recorder import rebuild


def test_a_module_that_fails_to_collect_fails_the_run(pytester: pytest.Pytester, tmp_path: Path) -> None:
    pytester.makepyfile(test_ok="""
from conformance import check

@check("ops.add.operator")
def test_fine(xp):
    pass
""", test_broken="""
from suites.no_such_module import nothing  # an ImportError at collection
""")
    out = tmp_path / "out"
    result = pytester.runpytest_subprocess("--backend", "reference", "--conformance-report", str(out), "-p", "no:xdist",
                                         "--continue-on-collection-errors")  # as torch-conformance run passes it
    assert result.ret != 0
    report = load_report(out)
    assert report["summary"]["counts"]["passed"] == 1 and report["summary"]["exit_code"] == 1
    [error] = report["run"]["collection_errors"]
    assert error["nodeid"].endswith("test_broken.py") and "ModuleNotFoundError" in error["message"]
    assert "failed to collect" in (out / "report.md").read_text() and "failed to collect" in (out / "report.html").read_text()
    rebuilt = rebuild(out / "results.jsonl", tmp_path / "rebuilt")
    assert rebuilt["run"]["collection_errors"] == report["run"]["collection_errors"] and rebuilt["summary"]["exit_code"] == 1
