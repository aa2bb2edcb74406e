"""Report documents: schema-valid, escaped views, malformed input refused, interrupts lose nothing."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from conformance import Adapter, catalogue
from conformance.report import load_report, validate
from conformance.report.build import MalformedReport, build_report, write_all
from conformance.results import CheckResult
from conformance.statuses import Status

HOSTILE = "<script>alert('x')</script> ``` | & \"quotes\""


def _report(status: str = "failed", message: str = HOSTILE) -> dict:
    bid = sorted(catalogue.behaviours())[0]
    results = [CheckResult("suites/x/test_a.py::test_a", (bid,), Status(status), message, 0.01,
                           "pytest suites/x/test_a.py::test_a --backend evil")]
    adapter = Adapter(name=HOSTILE, namespace=SimpleNamespace(), version=HOSTILE, spec=HOSTILE)
    return build_report(results, adapter, profile="ci", seed=None, started="t0", finished="t1",
                        complete=True, command=["x"])


def test_built_report_is_schema_valid() -> None:
    report = _report()
    validate(report)
    assert report["summary"]["exit_code"] == 1 and report["summary"]["counts"]["failed"] == 1
    assert set(report["behaviours"]) == set(catalogue.behaviours())


def test_html_is_self_contained_and_escapes_backend_strings(tmp_path: Path) -> None:
    write_all(_report(), tmp_path)
    html = (tmp_path / "report.html").read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "http://" not in html and "src=" not in html  # nothing fetched from the network
    assert html.count("<script>") == 1  # only the report's own filter script


def test_markdown_cannot_be_broken_by_backend_text(tmp_path: Path) -> None:
    write_all(_report(), tmp_path)
    md = (tmp_path / "report.md").read_text()
    assert "````\n" + HOSTILE in md  # the fence is longer than any backtick run inside
    assert "\\|" in md.splitlines()[0] or "|" not in md.splitlines()[0]


@pytest.mark.parametrize("content, needle", [
    ("not json", "not JSON"),
    (json.dumps({"schema_version": "1.0"}), "not a valid report"),
    (json.dumps({"schema_version": "9.0", "run": {}, "summary": {}, "topics": {}, "behaviours": {}, "results": []}),
     "not a valid report"),
])
def test_malformed_reports_are_refused_clearly(tmp_path: Path, content: str, needle: str) -> None:
    (tmp_path / "report.json").write_text(content)
    with pytest.raises(MalformedReport, match=needle):
        load_report(tmp_path)


def test_missing_report(tmp_path: Path) -> None:
    with pytest.raises(MalformedReport, match="no such report"):
        load_report(tmp_path / "nowhere.json")


def test_interrupted_run_keeps_finished_results(pytester: pytest.Pytester) -> None:
    bid = sorted(catalogue.behaviours())[0]
    pytester.makepyfile(test_interrupt=f'''
import os, signal, time
from conformance import check

@check("{bid}")
def test_a_first(xp):
    pass

@check("{bid}")
def test_b_interrupts(xp):
    os.kill(os.getpid(), signal.SIGINT)  # a real interrupt (a KeyboardInterrupt the backend raises is a failure)
    time.sleep(5)

@check("{bid}")
def test_c_never_runs(xp):
    pass
''')
    pytester.runpytest_subprocess("-p", "no:xdist", "--conformance-report", "out")
    report = load_report(pytester.path / "out")
    assert report["run"]["complete"] is False
    statuses = {r["nodeid"].split("::")[1]: r["status"] for r in report["results"]}
    assert statuses["test_a_first"] == "passed"
    assert "test_c_never_runs" not in statuses
    jsonl = [json.loads(line) for line in (pytester.path / "out" / "results.jsonl").read_text().splitlines()]
    assert [line["status"] for line in jsonl if "kind" not in line] == ["passed"]
    assert [n.split("::")[1] for n in report["run"]["not_run"]] == ["test_b_interrupts", "test_c_never_runs"]
