"""Adapter capabilities route, never decide: unsupported dtypes are reported as not run (never
passed), device names are the library's, faults in the adapter's own module are the adapter's,
and global backend state set by one check never reaches the next."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance import catalogue

IDS = sorted(catalogue.behaviours())

CHECKS = '''
from hypothesis import given
from conformance import check, dtypes
from conformance.assertions import expect
from conformance.strategies import small_arrays


@check("{a}")
def test_loops_over_dtypes(xp):
    for name in dtypes.supported(dtypes.ALL_DTYPES):
        expect(name != "complex128", call=name, expected="never complex128", got=name)


@check("{a}")
def test_needs_only_unsupported(xp):
    dtypes.supported(("complex128",))


@check("{a}")
@given(arr=small_arrays(dtypes.COMPLEX_DTYPES))
def test_draws_dtypes(xp, arr):
    expect(arr.dtype.name == "complex64", call="draw", expected="complex64", got=arr.dtype.name)


@check("{a}")
@given(arr=small_arrays(("complex128",)))
def test_draws_only_unsupported(xp, arr):
    pass


@check("{a}")
def test_fails_on_a_supported_dtype(xp):
    for name in dtypes.supported(("int8", "complex128")):
        expect(False, call=name, expected=1, got=2)


@check("{a}")
def test_untouched_by_dtypes(xp):
    pass


@check("{a}")
def test_device_is_the_librarys(xp, device):
    expect(device == "CPU", call="device", expected="CPU", got=device)


@check("{a}")
def test_adapter_raises(xp):
    xp.routed()


@check("{a}")
def test_backend_raises(xp):
    xp.native()


@check("{a}")
def test_changes_default_dtype(xp):
    xp.set_default_dtype("float64")


@check("{a}")
def test_sees_default_dtype_restored(xp):
    expect(xp.get_default_dtype() == "float32", call="get_default_dtype()", expected="float32",
           got=xp.get_default_dtype())
'''

ADAPTER = '''
from types import SimpleNamespace
from conformance import Adapter
from mylib import native, state


def routed():
    return {}["no such route"]


def adapter():
    namespace = SimpleNamespace(routed=routed, native=native, get_default_dtype=lambda: state["dtype"],
                                set_default_dtype=lambda d: state.update(dtype=d))
    return Adapter(name="fake", namespace=namespace, unsupported_dtypes=("complex128",), device_names={"cpu": "CPU"})
'''

LIBRARY = '''
state = {"dtype": "float32"}


def native():
    raise ValueError("the library itself raised")
'''




@pytest.fixture
def run(pytester: pytest.Pytester) -> dict[str, dict[str, Any]]:
    pytester.makepyfile(test_synthetic=CHECKS.format(a=IDS[0]), fakeadapter=ADAPTER, mylib=LIBRARY)
    pytester.syspathinsert()
    pytester.runpytest_subprocess("-p", "no:xdist", "--backend", "fakeadapter:adapter", "--conformance-report", "out")
    report = json.loads((pytester.path / "out" / "report.json").read_text())
    return {r["nodeid"].split("::")[1]: r for r in report["results"]}


def test_capabilities(run: dict[str, dict[str, Any]]) -> None:
    got = {name: r["status"] for name, r in run.items()}
    assert got == {
        "test_loops_over_dtypes": "unsupported",
        "test_needs_only_unsupported": "unsupported",
        "test_draws_dtypes": "unsupported",
        "test_draws_only_unsupported": "unsupported",
        "test_fails_on_a_supported_dtype": "failed",
        "test_untouched_by_dtypes": "passed",
        "test_device_is_the_librarys[cpu]": "passed",
        "test_adapter_raises": "error",
        "test_backend_raises": "failed",
        "test_changes_default_dtype": "passed",
        "test_sees_default_dtype_restored": "passed",
    }, {name: r["message"] for name, r in run.items()}
    loops = run["test_loops_over_dtypes"]
    assert loops["unsupported_dtypes"] == ["complex128"] and "complex128" in loops["message"]
    assert "unsupported_dtypes" not in run["test_untouched_by_dtypes"]
    assert "adapter fault at fakeadapter.py:7: KeyError" in run["test_adapter_raises"]["message"]
    assert "backend raised at mylib.py:5: ValueError" in run["test_backend_raises"]["message"]



ROOT = Path(__file__).resolve().parent.parent
NO_DOUBLE = ("float64", "complex128")
SUBSET = ("suites/ops/test_promotion.py", "suites/ops/test_division.py", "suites/ops/test_reductions.py",
          "suites/ops/test_arithmetic.py", "suites/ops/test_out.py", "suites/ops/test_linalg.py", "suites/creation")
"""Checks that draw, loop over and parametrize dtypes (ops, creation): a few seconds against the reference backend."""


@pytest.fixture(scope="module")
def no_double(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, Any]], dict[str, Any], dict[str, str]]:
    """The subset run against the reference backend declaring float64 and complex128 unsupported (it has both):
    (results by node id, the report's summary, the declared-unsupported dtypes each check read from xp)."""
    out = tmp_path_factory.mktemp("no-double")
    subprocess.run([sys.executable, "-m", "pytest", *SUBSET, "-p", "no:xdist", "-p", "no:cacheprovider", "-q",
                    "-p", "tests.fakes.dtype_witness", "--backend", "tests.fakes.adapters:reference_without_double",
                    "--conformance-report", str(out)],
                   cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "DTYPE_WITNESS": str(out / "read.tsv")})
    report = json.loads((out / "report.json").read_text())
    read = dict(line.rstrip("\n").split("\t") for line in (out / "read.tsv").read_text().splitlines(keepends=True))
    return {r["nodeid"]: r for r in report["results"]}, report["summary"], read


@pytest.mark.xdist_group("no-double")  # one run of the subset, on one worker
def test_dropped_dtypes_make_a_check_unsupported_and_the_rest_pass(no_double: Any) -> None:
    results, summary, _ = no_double
    dropped = {node: r["unsupported_dtypes"] for node, r in results.items() if r.get("unsupported_dtypes")}
    wrong = {node: r["status"] for node, r in results.items() if r["status"] != ("unsupported" if node in dropped else "passed")}
    assert not wrong, wrong
    assert all(set(names) <= set(NO_DOUBLE) and all(n in results[node]["message"] for n in names)
               for node, names in dropped.items())
    counts = summary["counts"]
    assert counts["unsupported"] == len(dropped) > 0 and counts["passed"] == len(results) - len(dropped) > 0
    statuses = {node.split("::", 1)[1]: r["status"] for node, r in results.items()}
    assert statuses["test_promotion_table_all_dimensioned_pairs"] == "unsupported"  # loops over every dtype pair
    assert statuses["test_dtype_properties"] == "unsupported"  # draws from every dtype
    assert statuses["test_float_alpha_with_integer_inputs_raises"] == "passed"  # integers only
    assert results["suites/ops/test_promotion.py::test_promotion_table_all_dimensioned_pairs"]["unsupported_dtypes"] \
        == list(NO_DOUBLE)


@pytest.mark.xdist_group("no-double")  # one run of the subset, on one worker
def test_no_check_passes_having_used_a_declared_unsupported_dtype(no_double: Any) -> None:
    """Independent of what the checks record: the namespace saw every read of float64 / complex128. In the ops
    checks, a check that read one and passed used it behind dtypes.supported's back (creation also has checks
    whose one fixed float64 input is not a dtype rule: a library without float64 fails those, never passes them)."""
    results, _, read = no_double
    passed_reading = {node: names for node, names in read.items()
                      if names and node.startswith("suites/ops/") and results[node]["status"] == "passed"}
    assert not passed_reading, passed_reading
    assert read["suites/creation/test_more.py::test_asarray_shares"] == "float64"  # the witness sees reads
