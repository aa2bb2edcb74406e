"""The smoke tier: one cheap check per behaviour, few hypothesis examples, and a report that says so."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conformance.coverage import SUITES_DIR, declared_behaviours
from conformance.report import html, markdown, validate
from conformance.tiers import SMOKE_EXAMPLES, SMOKE_SEED, smoke_selection
from tests import synthetic_reports as sr


class _Item:
    """What the selection reads of a pytest item: its function and its skip mark."""

    def __init__(self, hypothesis: bool = False, skipped: bool = False) -> None:
        self.obj = SimpleNamespace(is_hypothesis_test=hypothesis)
        self.skipped = skipped

    def get_closest_marker(self, name: str) -> Any:
        return object() if name == "skip" and self.skipped else None


def test_smoke_prefers_a_plain_check_then_the_first_row_and_skipped_ones_last() -> None:
    items = [_Item(hypothesis=True), _Item(), _Item(), _Item(skipped=True), _Item(hypothesis=True), _Item()]
    cited = [("a",), ("a",), ("a",), ("b",), ("b",), ()]
    assert smoke_selection(items, cited) == [1, 4, 5]  # the item citing no behaviour is not a check: kept


def test_an_item_kept_for_one_behaviour_counts_for_the_others_it_cites() -> None:
    items = [_Item(), _Item(), _Item()]
    assert smoke_selection(items, [("a", "b"), ("b",), ("c",)]) == [0, 2]


def test_smoke_keeps_exactly_one_check_per_behaviour_of_the_suite(tmp_path: Path) -> None:
    """The real suite, collected with --tier smoke: every behaviour a check declares, each exactly once."""
    subprocess.run([sys.executable, "-m", "pytest", str(SUITES_DIR), "--backend", "reference", "--tier", "smoke",
                    "--collect-only", "-q", "-p", "no:xdist", "--assert=plain", "--conformance-report", str(tmp_path)],
                   cwd=SUITES_DIR.parent, capture_output=True, text=True, timeout=300)
    log = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text().splitlines()]
    kept = next(line["checks"] for line in log if line.get("kind") == "selected")
    per_behaviour = Counter(b for check in kept for b in check["behaviours"])
    assert set(per_behaviour) == set(declared_behaviours())
    assert {b: n for b, n in per_behaviour.items() if n != 1} == {}


def test_a_smoke_run_runs_few_examples_and_its_report_says_smoke(pytester: pytest.Pytester) -> None:
    bid, other = sorted(declared_behaviours())[:2]
    calls = pytester.path / "calls"
    pytester.makepyfile(test_smoke=f'''
from hypothesis import example, given, settings, strategies as st
from conformance import check

@check("{bid}")
@settings(max_examples=50)
@given(st.integers())
@example(-1)
def test_drawn(xp, n):
    with open({str(calls)!r}, "a") as f:
        f.write(f"{{n}}\\n")
''')
    result = pytester.runpytest_subprocess("-p", "no:xdist", "--backend", "reference", "--tier", "smoke",
                                           "--conformance-report", "out")
    assert result.ret == 0, result.stdout.str()
    assert 1 < len(calls.read_text().split()) <= SMOKE_EXAMPLES + 1  # the @example row, then few generated
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    validate(report)
    assert report["run"]["tier"] == "smoke"
    assert report["run"]["hypothesis"] == {"profile": "smoke", "seed": SMOKE_SEED}  # reproducible, not derandomized
    assert report["behaviours"][other]["status"] == "not run"
    assert "(smoke run)" in (pytester.path / "out" / "report.md").read_text().splitlines()[0]
    assert "smoke run: one check per behaviour" in result.stdout.str()


def test_headlines_label_a_smoke_report_and_only_a_smoke_report() -> None:
    smoke = sr.make([sr.result(sr.VIEW[0], "passed")], tier="smoke")
    full = sr.make([sr.result(sr.VIEW[0], "passed")])
    validate(smoke)
    assert full["run"]["tier"] == "full"
    assert markdown.render(smoke).startswith("# torch-conformance: fake 1.0 (smoke run)\n")
    assert "of smoke checks passed" in markdown.render(smoke) and "Not a conformance figure" in markdown.render(smoke)
    page = html.render(smoke)
    assert "<h1>torch-conformance: fake 1.0 (smoke run)</h1>" in page and 'id="smoke"' in page
    assert "smoke run" not in markdown.render(full).lower() and "smoke run" not in html.render(full).lower()


def test_a_smoke_part_and_a_full_part_are_not_merged() -> None:
    from conformance.report import align, merge

    smoke = sr.make([sr.result(sr.VIEW[0], "passed")], tier="smoke")
    full = sr.make([sr.result(sr.VIEW[1], "passed")])
    with pytest.raises(align.IncompatibleReports, match="different tiers"):
        merge.merge([("smoke", smoke), ("full", full)])


def test_a_scoreboard_column_of_a_smoke_report_says_so() -> None:
    from conformance.report import scoreboard

    board = scoreboard.build([(sr.make([sr.result(sr.VIEW[0], "passed")], tier="smoke"), "r0/report.html")])
    assert "fake 1.0 (cpu, smoke run)" in scoreboard.render_markdown(board)
