"""diff: regressions gate (exit 1), fixes, reports of different catalogue versions aligned on IDs, bad input (exit 2)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conformance.cli import main
from tests.synthetic_reports import OPS, VIEW, make, result, save


def _diff(tmp_path: Path, old: dict, new: dict) -> int:
    return main(["diff", str(save(old, tmp_path / "old")), str(save(new, tmp_path / "new"))])


def test_a_regression_exits_1_and_names_behaviour_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = make([result(VIEW[0], "passed"), result(VIEW[1], "failed")], version="1.0")
    new = make([result(VIEW[0], "failed"), result(VIEW[1], "failed")], version="1.1")
    assert _diff(tmp_path, old, new) == 1
    out = capsys.readouterr().out
    assert "fake 1.0 -> 1.1" in out and "### Regressed (1)" in out
    assert f"- `{VIEW[0]}`: passed -> failed" in out and f"- `{result(VIEW[0], 'x')['nodeid']}`: passed -> failed" in out
    assert out.rstrip().endswith("REGRESSED")


def test_fixes_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = make([result(VIEW[0], "failed"), result(VIEW[1], "error")])
    new = make([result(VIEW[0], "passed"), result(VIEW[1], "failed")])
    assert _diff(tmp_path, old, new) == 0
    out = capsys.readouterr().out
    assert "### Fixed (1)" in out and "### Changed between two failing statuses (1)" in out and "No regression." in out


def test_a_check_that_stops_running_is_not_a_regression(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = make([result(VIEW[0], "passed")])
    new = make([result(VIEW[0], "skipped")])
    assert _diff(tmp_path, old, new) == 0
    assert "### Not compared" in capsys.readouterr().out


def test_reports_of_different_catalogues_align_on_ids_and_say_what_did_not(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    old = make([result(VIEW[0], "passed"), result(OPS[0], "passed")], suite_version="0.1.0")
    new = make([result(VIEW[0], "passed"), result(OPS[0], "passed")], suite_version="0.2.0")
    del new["behaviours"][OPS[1]]  # the new catalogue dropped one behaviour ...
    new["behaviours"]["ops.renamed.aspect"] = dict(old["behaviours"][OPS[1]])  # ... and gained another
    assert _diff(tmp_path, old, new) == 0
    out = capsys.readouterr().out
    assert "suite 0.1.0" in out and "suite 0.2.0" in out
    assert "### Appeared (only in NEW: could not be aligned) (1)" in out and "`ops.renamed.aspect`" in out
    assert "### Disappeared (only in OLD: could not be aligned) (1)" in out and f"`{OPS[1]}`" in out


@pytest.mark.parametrize("content, needle", [
    ("{not json", "not JSON"),
    ('{"schema_version": "1.0", "run": {}}', "not a valid report"),
    (None, "no such report"),
])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None,
                                          needle: str) -> None:
    good = save(make([result(VIEW[0], "passed")]), tmp_path / "good")
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content)
    assert main(["diff", str(good), str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and len(err.splitlines()) == 1


def test_reports_of_different_backends_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _diff(tmp_path, make([], name="a"), make([], name="b")) == 2
    err = capsys.readouterr().err.strip()
    assert "different backends: 'a' and 'b'" in err and len(err.splitlines()) == 1
