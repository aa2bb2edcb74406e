"""The typed CheckResult and the report's JSON Schema describe the same record."""
from __future__ import annotations

import dataclasses
import json

from conformance import catalogue
from conformance.report.build import SCHEMA_PATH, result_row
from conformance.results import CheckResult
from conformance.statuses import Status

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
ROW = SCHEMA["properties"]["results"]["items"]
TRANSIT_ONLY = {"when"}  # a phase's name travels from workers to the recorder, never into the report
ADDED_BY_BUILDER = {"topic"}


def test_schema_statuses_are_the_status_enum() -> None:
    assert SCHEMA["$defs"]["status"]["enum"] == [s.value for s in Status]


def test_schema_result_fields_are_check_result_fields() -> None:
    fields = {f.name for f in dataclasses.fields(CheckResult)} - TRANSIT_ONLY
    assert set(ROW["properties"]) == fields | ADDED_BY_BUILDER
    required = {f.name for f in dataclasses.fields(CheckResult)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    assert required <= set(ROW["required"])


def test_result_round_trips_through_json() -> None:
    bid = sorted(catalogue.behaviours())[0]
    result = CheckResult("suites/x/test_a.py::test_a", (bid,), Status.UNSUPPORTED, "why", 0.5, "pytest x",
                         unsupported_dtypes=("complex128",))
    assert CheckResult.from_json(json.loads(json.dumps(result.to_json()))) == result
    import jsonschema

    jsonschema.validate(result_row(result), {**ROW, "$defs": SCHEMA["$defs"]})


def test_first_phase_with_a_verdict_decides() -> None:
    setup = CheckResult("n", ("a.b",), None, duration_s=0.1, when="setup")
    call = CheckResult("n", ("a.b",), Status.FAILED, "bad", duration_s=0.2, when="call")
    teardown = CheckResult("n", ("a.b",), Status.ERROR, "teardown broke", duration_s=0.3, when="teardown")
    folded = setup.merged(call).merged(teardown)
    assert (folded.status, folded.message, folded.duration_s) == (Status.FAILED, "bad", 0.6)


def test_status_writes_out_as_its_value() -> None:
    assert (str(Status.CRASHED), f"{Status.TIMEOUT}", json.dumps([Status.FAILED])) == ("crashed", "timeout", '["failed"]')
