"""Collects check results as they arrive (also from xdist workers) and writes the report.

``results.jsonl`` is the run's log, appended and flushed line by line so that a run killed at any
moment (even by SIGKILL) leaves it readable: a ``{"kind": "run"}`` line with the backend and
profile, a ``{"kind": "selected"}`` line naming every selected check, one line per finished check
(no ``kind``), and ``{"kind": "finished"}`` at the end. :func:`rebuild` makes a report from it.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from dataclasses import replace
from types import SimpleNamespace
from typing import IO, Any

import pytest

from conformance.backend import Adapter
from conformance.report import build
from conformance.results import PROPERTY, CheckResult
from conformance.statuses import Status

Selected = dict[str, Any]
"""A selected check as logged: ``{"nodeid": ..., "behaviours": [...]}``."""


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Recorder:
    """A pytest plugin object living on the controller process only."""

    def __init__(self, out: Path, adapter: Adapter, *, profile: str, seed: Any, tier: str = "full") -> None:
        self.out, self.adapter, self.profile, self.seed, self.tier = out, adapter, profile, seed, tier
        self.pending: dict[str, CheckResult] = {}
        self.results: list[CheckResult] = []
        self.selected: list[Selected] | None = None
        self.collection_errors: list[dict[str, str]] = []
        self.started = ""
        self.written: dict[str, Any] | None = None
        self._stream: IO[str] | None = None

    def _log(self, line: dict[str, Any]) -> None:
        if self._stream is not None:
            self._stream.write(json.dumps(line) + "\n")
            self._stream.flush()

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.started = _now()
        self.out.mkdir(parents=True, exist_ok=True)
        self._stream = open(self.out / "results.jsonl", "w", encoding="utf-8")  # noqa: SIM115 - the run's log
        a = self.adapter
        self._log({"kind": "run", "backend": {"name": a.name, "version": a.version, "spec": a.spec,
                                              "devices": list(a.devices)},
                   "profile": self.profile, "seed": None if self.seed is None else str(self.seed), "tier": self.tier,
                   "started": self.started, "command": list(sys.argv)})

    def select(self, checks: list[Selected]) -> None:
        """The checks this run will run (node IDs and behaviours), logged before any result."""
        self.selected = checks
        self._log({"kind": "selected", "checks": checks})

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """A suite module that fails to collect (e.g. an ImportError) hides its checks: record it, and log it."""
        if report.failed:
            error = {"nodeid": report.nodeid, "message": build.clip(str(report.longrepr), build.MAX_MESSAGE_CHARS)}
            if error not in self.collection_errors:
                self.collection_errors.append(error)
                self._log({"kind": "collection_error", **error})

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict(report.user_properties).get(PROPERTY)
        if not isinstance(props, dict):
            return
        phase = replace(CheckResult.from_json(props), nodeid=report.nodeid, duration_s=report.duration)
        start = CheckResult(report.nodeid, phase.behaviours, None, repro=phase.repro)
        self.pending[report.nodeid] = self.pending.get(report.nodeid, start).merged(phase)
        if report.when == "teardown" or phase.when == "crash":
            self._finish_entry(self.pending.pop(report.nodeid))

    def _finish_entry(self, entry: CheckResult) -> None:
        entry = replace(entry, status=entry.status or Status.ERROR, when="",
                        message=build.clip(entry.message, build.MAX_MESSAGE_CHARS))
        if not entry.behaviours:  # died before saying which behaviours it checks: cannot be placed
            return
        self.results.append(entry)
        self._log(entry.to_json())

    def finish(self, *, interrupted: bool) -> dict[str, Any]:
        self.pending.clear()  # checks cut short by an interrupt: listed as not run, never given a verdict
        complete = not interrupted and not not_run(self.selected, self.results)
        self._log({"kind": "finished", "complete": complete, "finished": _now()})
        if self._stream is not None:
            self._stream.close()
        report = build.build_report(
            self.results, self.adapter, profile=self.profile, seed=self.seed, tier=self.tier,
            started=self.started or _now(), finished=_now(), complete=complete, command=sys.argv,
            not_run=not_run(self.selected, self.results), collection_errors=self.collection_errors,
        )
        build.write_all(report, self.out)
        self.written = report
        return report

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self.finish(interrupted=exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR))


def not_run(selected: list[Selected] | None, results: list[CheckResult]) -> list[str]:
    """Selected checks with no result, in selection order."""
    done = {r.nodeid for r in results}
    return [c["nodeid"] for c in selected or () if c["nodeid"] not in done]


def rebuild(log: Path, out: Path) -> dict[str, Any]:
    """Write a report from a run's results.jsonl, however the run ended.

    A line cut short by a kill is ignored. The report is complete only if the log says the run
    finished with every selected check done.
    """
    header: dict[str, Any] | None = None
    selected: list[Selected] | None = None
    finished: dict[str, Any] = {}
    results: dict[str, CheckResult] = {}
    collection_errors: list[dict[str, str]] = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if kind == "run":
            header = entry
        elif kind == "selected":
            selected = entry["checks"]
        elif kind == "finished":
            finished = entry
        elif kind == "collection_error":
            collection_errors.append({"nodeid": entry["nodeid"], "message": entry["message"]})
        elif kind is None and isinstance(entry, dict) and "nodeid" in entry:
            results[entry["nodeid"]] = CheckResult.from_json(entry)
    if header is None:
        raise build.MalformedReport(f"{log}: no run header line: not a torch-conformance results log")
    b = header["backend"]
    adapter = Adapter(name=b["name"], namespace=SimpleNamespace(), version=b["version"], spec=b["spec"],
                      devices=tuple(b["devices"]))
    rows = list(results.values())
    missing = not_run(selected, rows)
    report = build.build_report(
        rows, adapter, profile=header["profile"], seed=header["seed"], tier=header.get("tier", "full"), started=header["started"],
        finished=finished.get("finished", _now()), complete=bool(finished.get("complete")) and not missing,
        command=header["command"], not_run=missing, collection_errors=collection_errors,
    )
    build.write_all(report, out)
    return report
