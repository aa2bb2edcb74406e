"""merge: parts of one run join into one valid report; parts of different runs and bad input are refused (exit 2)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from conformance.cli import main
from conformance.report import load_report
from tests.synthetic_reports import OPS, VIEW, make, result, save


def _merge(tmp_path: Path, *parts: dict) -> int:
    paths = [str(save(p, tmp_path / f"part{i}")) for i, p in enumerate(parts)]
    return main(["merge", *paths, "--output", str(tmp_path / "merged")])


def test_topic_parts_join_into_one_report(tmp_path: Path) -> None:
    view = make([result(VIEW[0], "passed"), result(VIEW[1], "passed")])
    ops = make([result(OPS[0], "failed")], started="2026-12-01T09:00:00+00:00")
    assert _merge(tmp_path, view, ops) == 1  # the merged run has a failure
    merged = load_report(tmp_path / "merged")
    assert merged["summary"]["counts"]["passed"] == 2 and merged["summary"]["counts"]["failed"] == 1
    assert merged["topics"]["view"]["total"] == 2 and merged["topics"]["ops"]["conformance_percent"] == 0.0
    assert merged["behaviours"][VIEW[0]]["status"] == "passed" and merged["behaviours"][OPS[0]]["status"] == "failed"
    assert merged["behaviours"][OPS[1]]["status"] == "not run"
    assert merged["run"]["started"] == "2026-12-01T09:00:00+00:00" and merged["run"]["duration_s"] == 10.0
    assert len(merged["run"]["parts"]) == 2
    assert (tmp_path / "merged" / "report.html").exists() and (tmp_path / "merged" / "report.md").exists()


def test_a_check_in_two_parts_keeps_its_worst_outcome(tmp_path: Path) -> None:
    assert _merge(tmp_path, make([result(VIEW[0], "passed")]), make([result(VIEW[0], "error")])) == 1
    merged = load_report(tmp_path / "merged")
    assert merged["summary"]["total"] == 1 and merged["results"][0]["status"] == "error"


@pytest.mark.parametrize("change, what", [
    (lambda run: run["backend"].update(name="other"), "backends"),
    (lambda run: run["backend"].update(version="2.0"), "backend versions"),
    (lambda run: run.update(suite_version="0.2.0"), "suite versions"),
    (lambda run: run.update(suite_commit="f" * 40), "suite commits"),
])
def test_parts_of_different_runs_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             change: Callable[[dict], None], what: str) -> None:
    first, second = make([result(VIEW[0], "passed")]), make([result(OPS[0], "passed")])
    change(second["run"])
    assert _merge(tmp_path, first, second) == 2
    err = capsys.readouterr().err.strip()
    assert f"cannot merge reports of different {what}" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "merged").exists()


@pytest.mark.parametrize("content, needle", [("", "not JSON"), (json.dumps({"schema_version": "1.0"}), "not a valid report")])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, needle: str) -> None:
    good = save(make([result(VIEW[0], "passed")]), tmp_path / "good")
    (tmp_path / "bad.json").write_text(content)
    assert main(["merge", str(good), str(tmp_path / "bad.json"), "-o", str(tmp_path / "merged")]) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and len(err.splitlines()) == 1
