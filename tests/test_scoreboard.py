"""The scoreboard: behaviour-weighted scores, interop, disagreements, links to failures, trends, bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from conformance.cli import main
from conformance.report import scoreboard
from tests.synthetic_reports import OPS, VIEW, make, result, save

HOSTILE = "<script>alert('x')</script>|"


def _board(tmp_path: Path, *reports: dict) -> dict:
    return scoreboard.write([(r, save(r, tmp_path / f"r{i}")) for i, r in enumerate(reports)], tmp_path / "out")


def test_every_behaviour_weighs_the_same_however_many_checks(tmp_path: Path) -> None:
    three_passing = [result(VIEW[0], "passed", c) for c in "abc"]
    board = _board(tmp_path, make(three_passing + [result(VIEW[1], "failed")]))
    view = next(s for s in board["topics"] if s.label == "view")
    assert view.percents == [50.0]  # 2 behaviours, one passed; by checks it would be 75%
    assert board["overall"].percents == [50.0]


def test_behaviours_without_a_verdict_are_left_out(tmp_path: Path) -> None:
    board = _board(tmp_path, make([result(VIEW[0], "passed"), result(VIEW[1], "skipped")]))
    assert board["overall"].percents == [100.0]
    assert next(s for s in board["topics"] if s.label == "ops").percents == [None]  # not run: no score, not 0%


def test_interop_and_disagreements(tmp_path: Path) -> None:
    a = make([result(VIEW[0], "passed"), result(VIEW[1], "passed"), result(VIEW[2], "passed")], name="a")
    b = make([result(VIEW[0], "passed"), result(VIEW[1], "failed"), result(VIEW[2], "unsupported")], name="b")
    board = _board(tmp_path, a, b)
    assert [c.name for c in board["columns"]] == ["a", "b"]
    assert board["overall"].interop == round(100 / 3, 2)
    assert [r.bid for r in board["disagree"]] == [VIEW[1], VIEW[2]]
    md = (tmp_path / "out" / "SCOREBOARD.md").read_text()
    assert "## Where backends disagree (2)" in md


def test_a_failing_cell_links_to_the_failure(tmp_path: Path) -> None:
    failing = result(VIEW[1], "failed", message="expected 1, got 2")
    _board(tmp_path, make([result(VIEW[0], "passed"), failing]))
    link = f"../r0/report.html#{failing['nodeid']}"
    assert f"[failed]({link})" in (tmp_path / "out" / "SCOREBOARD.md").read_text()
    html = (tmp_path / "out" / "SCOREBOARD.html").read_text()
    assert f'href="{link}" title="expected 1, got 2"' in html


def test_trends_chart_older_versions_and_columns_show_the_newest(tmp_path: Path) -> None:
    reports = [make([result(VIEW[0], s), result(VIEW[1], "passed")], version=v)
               for v, s in (("1.10", "passed"), ("1.9", "failed"), ("1.2", "failed"))]
    board = _board(tmp_path, *reports)
    assert [c.version for c in board["columns"]] == ["1.10"]
    assert board["trends"] == {"fake (cpu)": [("1.2", 50.0), ("1.9", 50.0), ("1.10", 100.0)]}
    html = (tmp_path / "out" / "SCOREBOARD.html").read_text()
    assert "<polyline" in html and "<h2>Trends</h2>" in html


def test_html_is_self_contained_and_escapes_backend_strings(tmp_path: Path) -> None:
    _board(tmp_path, make([result(VIEW[0], "failed", message=HOSTILE)], name=HOSTILE, version=HOSTILE))
    html = (tmp_path / "out" / "SCOREBOARD.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "http://" not in html and "https://" not in html and "src=" not in html
    md = (tmp_path / "out" / "SCOREBOARD.md").read_text()
    assert "\\|" in md


def test_cli_writes_both_views(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = save(make([result(OPS[0], "passed")], name="a"), tmp_path / "a")
    save(make([result(OPS[0], "failed")], name="b"), tmp_path / "b")
    assert main(["scoreboard", str(a), str(tmp_path / "b"), "--output", str(tmp_path / "out")]) == 0  # a file or its folder
    assert (tmp_path / "out" / "SCOREBOARD.html").exists() and (tmp_path / "out" / "SCOREBOARD.md").exists()
    assert "scoreboard:" in capsys.readouterr().out


@pytest.mark.parametrize("content, needle", [("{not json", "not JSON"), ('{"schema_version": "1.0"}', "not a valid report")])
def test_cli_refuses_bad_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, needle: str) -> None:
    good = save(make([result(OPS[0], "passed")]), tmp_path / "good")
    (tmp_path / "bad.json").write_text(content)
    assert main(["scoreboard", str(good), str(tmp_path / "bad.json"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()
