"""Run-to-run diff of two reports of one backend: what regressed, was fixed, appeared or disappeared.

Behaviours are aligned on their IDs, checks on their node ids, so reports of different suite or
catalogue versions still compare; whatever is only in one report is listed as not aligned.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance.report import align


@dataclass
class Changes:
    """One level (behaviours or checks) of the diff; each list holds (key, old status, new status)."""

    regressed: list[tuple[str, str, str]] = field(default_factory=list)
    fixed: list[tuple[str, str, str]] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)  # other status changes, e.g. failed -> error
    appeared: list[tuple[str, str, str]] = field(default_factory=list)
    disappeared: list[tuple[str, str, str]] = field(default_factory=list)
    unjudged: list[tuple[str, str, str]] = field(default_factory=list)  # in both, but without a verdict in one


def _compare(old: dict[str, str], new: dict[str, str]) -> Changes:
    changes = Changes()
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key, align.ABSENT), new.get(key, align.ABSENT)
        entry = (key, before, after)
        if key not in new:
            changes.disappeared.append(entry)
        elif key not in old:
            changes.appeared.append(entry)
        elif before == after:
            continue
        elif not (align.is_verdict(before) and align.is_verdict(after)):
            changes.unjudged.append(entry)
        elif before == align.PASSED:
            changes.regressed.append(entry)
        elif after == align.PASSED:
            changes.fixed.append(entry)
        else:
            changes.changed.append(entry)
    return changes


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Compare two reports of the same backend; raise IncompatibleReports for different backends."""
    old_name, new_name = align.backend_of(old)[0], align.backend_of(new)[0]
    if old_name != new_name:
        raise align.IncompatibleReports(f"reports of different backends: {old_name!r} and {new_name!r}")
    behaviours = _compare({b: v["status"] for b, v in old["behaviours"].items()},
                          {b: v["status"] for b, v in new["behaviours"].items()})
    checks = _compare({r["nodeid"]: r["status"] for r in old["results"]},
                      {r["nodeid"]: r["status"] for r in new["results"]})
    return {"backend": old_name, "old": old, "new": new, "behaviours": behaviours, "checks": checks,
            "regressed": bool(behaviours.regressed or checks.regressed)}


def _suite(report: dict[str, Any]) -> str:
    commit = report["run"].get("suite_commit")
    return f"suite {report['run']['suite_version']}" + (f" ({commit[:12]})" if commit else "")


def _section(title: str, entries: list[tuple[str, str, str]], lines: list[str]) -> None:
    if entries:
        lines += ["", f"### {title} ({len(entries)})", ""]
        lines += [f"- `{key}`: {before} -> {after}" for key, before, after in entries]


def render(result: dict[str, Any]) -> str:
    """Markdown: fit for a terminal, a CI job summary or a pull-request comment."""
    old, new = result["old"], result["new"]
    lines = [f"# torch-conformance diff: {result['backend']} {align.backend_of(old)[1]} -> {align.backend_of(new)[1]}", "",
             f"{_suite(old)} -> {_suite(new)}; conformance {old['summary']['conformance_percent']}% -> "
             f"{new['summary']['conformance_percent']}% of checks."]
    for level in ("behaviours", "checks"):
        c: Changes = result[level]
        aligned = len(set(_keys(old, level)) & set(_keys(new, level)))
        lines += ["", f"## {level.capitalize()}: {aligned} aligned, {len(c.regressed)} regressed, {len(c.fixed)} fixed, "
                      f"{len(c.appeared)} appeared, {len(c.disappeared)} disappeared"]
        _section("Regressed", c.regressed, lines)
        _section("Fixed", c.fixed, lines)
        _section("Changed between two failing statuses", c.changed, lines)
        _section("Appeared (only in NEW: could not be aligned)", c.appeared, lines)
        _section("Disappeared (only in OLD: could not be aligned)", c.disappeared, lines)
        _section("Not compared (no verdict in one run: skipped, not run or uncovered)", c.unjudged, lines)
    lines += ["", "REGRESSED" if result["regressed"] else "No regression."]
    return "\n".join(lines) + "\n"


def _keys(report: dict[str, Any], level: str) -> list[str]:
    return list(report["behaviours"]) if level == "behaviours" else [r["nodeid"] for r in report["results"]]
