"""Large reports stay cheap to write and to read: report.json keeps every result, one per line; the
HTML page lists every check that did not pass and, past a threshold, counts passes per behaviour;
validation checks the rows without jsonschema unless one is wrong."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conformance.report import html
from conformance.report.build import MalformedReport, dumps, validate, write_all
from tests import synthetic_reports as sr


def _big() -> dict:
    results = [sr.result(sr.OPS[i % 3], "passed", check=str(i)) for i in range(12)]
    results += [sr.result(sr.VIEW[0], "failed", check="f1"), sr.result(sr.VIEW[1], "failed", check="f2")]
    return sr.make(results)


def test_report_json_round_trips_with_one_result_per_line(tmp_path: Path) -> None:
    report = _big()
    write_all(report, tmp_path)
    text = (tmp_path / "report.json").read_text()
    assert json.loads(text) == report
    rows = [line for line in text.splitlines() if line.startswith('  {"nodeid": ')]
    assert len(rows) == len(report["results"])
    assert json.loads(dumps({**report, "results": []}))["results"] == []


def test_html_lists_failures_in_full_and_summarises_many_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    report = _big()
    monkeypatch.setattr(html, "PASSED_ROWS", 5)
    page = html.render(report)
    assert re.findall(r'<tr id="[^"]+" data-status="(\w+)"', page) == ["failed", "failed"]
    summary = re.findall(r'<tr data-status="passed" data-topic="ops">.*?(\d+) checks passed', page, re.S)
    assert summary == ["4", "4", "4"]  # one row per behaviour, counting its passed checks


def test_html_lists_each_pass_up_to_the_threshold() -> None:
    page = html.render(_big())
    assert re.findall(r'<tr id="[^"]+" data-status="(\w+)"', page) == ["failed"] * 2 + ["passed"] * 12
    assert "checks passed (each listed in report.json)" not in page


@pytest.mark.parametrize("fault, where", [
    ({"status": "nope"}, "results/3/status"), ({"duration_s": -1}, "results/3/duration_s"),
    ({"duration_s": True}, "results/3/duration_s"), ({"behaviours": []}, "results/3/behaviours"),
    ({"behaviours": [1]}, "results/3/behaviours/0"), ({"unsupported_dtypes": "f"}, "results/3/unsupported_dtypes"),
    ({"repro": None}, "results/3/repro"),
])
def test_rows_are_checked_as_strictly_as_the_schema_says(fault: dict, where: str) -> None:
    """The rows skip jsonschema (seconds for 100,000) unless one is wrong: then jsonschema says where."""
    report = sr.make([sr.result(sr.OPS[i % 3], "passed", check=str(i)) for i in range(5)])
    validate(report)
    report["results"][3] = {**report["results"][3], **fault}
    with pytest.raises(MalformedReport, match=f"not a valid report at {where}:"):
        validate(report)
