"""The end of a run names what failed, once, grouped by behaviour and capped, with the report's paths."""
from __future__ import annotations

import pytest

from conformance import catalogue
from conformance.terminal import MAX_LISTED, failure_lines, reason

IDS = sorted(catalogue.behaviours())[: MAX_LISTED + 2]
HEADER = """
import numpy as np
from conformance import check
from conformance.assertions import assert_values
"""
CHECK = '''
@check("{bid}")
def test_{n}(xp):
    assert_values(xp.tensor([1.0, 2.0]), np.array([1.0, 3.0], dtype=np.float32), call="xp.tensor([1.0, 2.0])")
'''


def test_failures_are_grouped_by_behaviour_and_capped(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_many=HEADER + "".join(CHECK.format(bid=bid, n=n) for n, bid in enumerate(IDS)))
    result = pytester.runpytest_subprocess("-p", "no:xdist", "--backend", "reference", "--conformance-report", "out")
    assert result.ret == 1
    text = result.stdout.str()
    lines = result.stdout.lines
    start = lines.index(f"{len(IDS)} behaviours not met ({len(IDS)} checks):")
    first = f"  {IDS[0]:<{max(map(len, IDS[:MAX_LISTED]))}}  failed x1  "
    assert lines[start + 1] == first + "expected ndarray([1.0, 3.0], dtype=float32), got tensor([1., 2.]) (float32)"
    assert lines[start + MAX_LISTED + 1:start + MAX_LISTED + 4] == [
        "  and 2 more", "conformance 0.0% (12 failed)", "report: out/report.html, out/report.md, out/report.json"]
    assert "assertions.py" not in text  # __tracebackhide__: no walk through the assertion helpers


def test_reason_is_one_line() -> None:
    message = "backend b 1 violates x.y: s\n  source: u\ncall: f(1)\nexpected: 1\ngot: 2\nrepro: pytest ..."
    assert reason(message) == "expected 1, got 2"
    assert reason("backend b 1 violates x.y: s\n  source: u\nbackend raised at m.py:3: TypeError: bad\nrepro: r") == \
        "backend raised at m.py:3: TypeError: bad"


def test_nothing_bad_lists_nothing() -> None:
    assert failure_lines([{"behaviours": [IDS[0]], "status": "passed", "message": ""}]) == []


def test_plain_pytest_prints_each_failure_once(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest shows the ConformanceFailure's call/expected/got; our section adds only behaviour, source, repro.
    (Under a CI environment pytest's own short summary repeats whole messages: that is pytest's choice.)"""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("BUILD_NUMBER", raising=False)
    pytester.makepyfile(test_once="""
from conformance import check
from conformance.assertions import expect

@check("ops.add.operator")
def test_sum(xp):
    expect(False, call="x + y", expected="tensor([3])", got="tensor([4])")
""")
    result = pytester.runpytest_subprocess("--backend", "reference", "-p", "no:xdist")
    out = result.stdout.str()
    assert out.count("expected: tensor([3])") == 1, out
    assert "violates ops.add.operator" in out and "repro: " in out
