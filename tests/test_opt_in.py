"""Installing torch-conformance leaves every other pytest run of the environment alone."""
from __future__ import annotations

import pytest

UNRELATED = '''
import os
import sys
from hypothesis import given, settings, strategies as st

@given(st.integers())
def test_defaults(n):
    with open(os.environ["SETTINGS_SEEN"], "w") as f:
        f.write(repr(settings()))
    assert "torch" not in sys.modules
'''


def test_an_unrelated_project_sees_nothing_of_ours(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its hypothesis settings are those it gets with our plugin disabled (hypothesis's own, which differ
    under a CI environment), torch is not imported, nothing of ours is printed."""
    monkeypatch.delenv("CONFORMANCE_BACKEND", raising=False)
    pytester.makepyfile(test_unrelated=UNRELATED)
    seen = {}
    for label, args in (("without us", ["-p", "no:torch_conformance"]), ("with us", [])):
        monkeypatch.setenv("SETTINGS_SEEN", str(pytester.path / f"{label}.txt"))
        result = pytester.runpytest_subprocess("-p", "no:xdist", *args)
        assert result.ret == 0, result.stdout.str()
        result.assert_outcomes(passed=1)
        seen[label] = (pytester.path / f"{label}.txt").read_text()
    assert seen["with us"] == seen["without us"]
    ours = [line for line in result.outlines + result.errlines
            if "conformance" in line and not line.startswith("plugins:")]  # pytest lists installed plugins
    assert not ours, ours


def test_the_backend_option_and_variable_still_load_the_backend(pytester: pytest.Pytester,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makepyfile(test_unrelated="def test_x():\n    pass\n")
    monkeypatch.setenv("CONFORMANCE_BACKEND", "no_such_backend_module")
    assert pytester.runpytest_subprocess("-p", "no:xdist").ret == 2
    monkeypatch.delenv("CONFORMANCE_BACKEND")
    result = pytester.runpytest_subprocess("-p", "no:xdist", "--backend", "reference")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*torch-conformance: backend reference*"])
