"""``--dist loadgroup`` keeps an ``xdist_group`` on one worker (tests/xdist_groups.py): the mutant
sweep runs each batch's subprocess once only if it does."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GROUPED = """
import pytest

@pytest.mark.xdist_group("one")
@pytest.mark.parametrize("i", range(8))
def test_grouped(i):
    pass
"""


def test_a_group_runs_on_one_worker(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    pytester.makepyfile(test_grouped=GROUPED)
    result = pytester.runpytest_subprocess("-p", "tests.xdist_groups", "-n", "2", "--dist", "loadgroup", "-v")
    result.assert_outcomes(passed=8)
    workers = set(re.findall(r"\[(gw\d+)\].*PASSED", result.stdout.str()))
    assert len(workers) == 1, f"group 'one' ran on {sorted(workers)}:\n{result.stdout.str()[-2000:]}"
