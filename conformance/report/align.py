"""What scoreboard, diff and merge share: reading behaviour verdicts and telling reports apart."""
from __future__ import annotations

from typing import Any

from packaging.version import InvalidVersion, Version

from conformance.statuses import Status

PASSED = Status.PASSED.value
ABSENT = "absent"
"""A behaviour the report does not know (another catalogue version)."""

NOT_APPLICABLE = frozenset({Status.SKIPPED.value, "not run", "uncovered", ABSENT})
"""Behaviour statuses that are no verdict: left out of every percentage and comparison."""


class IncompatibleReports(ValueError):
    """Reports that cannot be compared or joined (different backends, versions, suite commits)."""


def behaviour_status(report: dict[str, Any], bid: str) -> str:
    return str(report["behaviours"].get(bid, {}).get("status", ABSENT))


def is_verdict(status: str) -> bool:
    return status not in NOT_APPLICABLE


def behaviour_percent(found: list[str]) -> float | None:
    """Passed behaviours over behaviours with a verdict, every behaviour weighing the same."""
    verdicts = [s for s in found if is_verdict(s)]
    return round(100.0 * verdicts.count(PASSED) / len(verdicts), 2) if verdicts else None


def backend_of(report: dict[str, Any]) -> tuple[str, str]:
    backend = report["run"]["backend"]
    return backend["name"], backend["version"]


def device_of(report: dict[str, Any]) -> str:
    """cpu or gpu (with the GPU's model where known); 'unknown' for reports older than schema 1.1."""
    target = report["run"].get("target")
    if not target:
        return "unknown"
    gpu = next((m for d, m in target["models"].items() if d != "cpu" and m), None)
    return f"gpu ({gpu})" if target["kind"] == "gpu" and gpu else target["kind"]


def version_key(version: str) -> tuple[int, Any]:
    """Order versions as PEP 440 does where they parse, as text otherwise (after those that parse)."""
    try:
        return (0, Version(version))
    except InvalidVersion:
        return (1, version)


def first_result(report: dict[str, Any], bid: str, status: str) -> dict[str, Any] | None:
    """The first check of behaviour ``bid`` that ended in ``status``: where its failure is explained."""
    return next((r for r in report["results"] if bid in r["behaviours"] and r["status"] == status), None)
