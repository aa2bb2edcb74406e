"""Collects check results as they arrive (also from xdist workers) and writes the report.

Every finished check is appended to ``results.jsonl`` at once, so an interrupted run
loses nothing; the final report says whether the run was complete.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.backend import Adapter
from conformance.report import build


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Recorder:
    """A pytest plugin object living on the controller process only."""

    def __init__(self, out: Path, adapter: Adapter, *, profile: str, seed: Any) -> None:
        self.out, self.adapter, self.profile, self.seed = out, adapter, profile, seed
        self.pending: dict[str, dict[str, Any]] = {}
        self.results: list[dict[str, Any]] = []
        self.started = ""
        self.written: dict[str, Any] | None = None
        self._stream: Any = None

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.started = _now()
        self.out.mkdir(parents=True, exist_ok=True)
        self._stream = open(self.out / "results.jsonl", "w", encoding="utf-8")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict(report.user_properties).get("conformance")
        if props is None:
            return
        entry = self.pending.setdefault(report.nodeid, {
            "nodeid": report.nodeid, "behaviours": props["behaviours"], "status": None,
            "message": "", "duration_s": 0.0, "repro": props["repro"],
        })
        entry["duration_s"] = round(entry["duration_s"] + report.duration, 4)
        # The first phase with something to say decides; a teardown error cannot hide a failure.
        if props["status"] is not None and entry["status"] in (None, "passed"):
            entry["status"], entry["message"] = props["status"], props["message"]
        if report.when == "teardown":
            self._finish_entry(self.pending.pop(report.nodeid))

    def _finish_entry(self, entry: dict[str, Any]) -> None:
        entry["status"] = entry["status"] or "error"
        self.results.append(entry)
        if self._stream is not None:
            self._stream.write(json.dumps(entry) + "\n")
            self._stream.flush()

    def finish(self, *, interrupted: bool) -> dict[str, Any]:
        for entry in list(self.pending.values()):  # checks cut short by an interrupt
            entry["status"] = entry["status"] or "error"
            entry["message"] = (entry["message"] + "\nrun interrupted before this check finished").strip()
            self._finish_entry(entry)
        self.pending.clear()
        if self._stream is not None:
            self._stream.close()
        report = build.build_report(
            self.results, self.adapter, profile=self.profile, seed=self.seed,
            started=self.started or _now(), finished=_now(), complete=not interrupted, command=sys.argv,
        )
        build.write_all(report, self.out)
        self.written = report
        return report

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self.finish(interrupted=exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR))
