"""Join partial reports (shards, or topics run separately) of one run into one report.

Parts must come from one backend, one backend version and one suite commit: anything else would
mix verdicts of different software under one name.
"""
from __future__ import annotations

from typing import Any, Callable

from conformance import statuses
from conformance.report import align
from conformance.report.build import _summary

IDENTITY: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...] = (("backend", lambda r: r["run"]["backend"]["name"]),
            ("backend version", lambda r: r["run"]["backend"]["version"]),
            ("suite version", lambda r: r["run"]["suite_version"]),
            ("suite commit", lambda r: r["run"].get("suite_commit")),
            ("tier", lambda r: r["run"].get("tier", "full")))


def _refuse_mixed(parts: list[tuple[str, dict[str, Any]]]) -> None:
    for what, get in IDENTITY:
        seen = {get(report): name for name, report in parts}
        if len(seen) > 1:
            said = ", ".join(f"{value!r} ({name})" for value, name in seen.items())
            raise align.IncompatibleReports(f"cannot merge reports of different {what}s: {said}")


def _results(parts: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every check once; a check run by several parts (e.g. one citing two topics) keeps its worst outcome."""
    chosen: dict[str, dict[str, Any]] = {}
    for _, report in parts:
        for r in report["results"]:
            held = chosen.get(r["nodeid"])
            if held is None or statuses.SEVERITY.index(r["status"]) < statuses.SEVERITY.index(held["status"]):
                chosen[r["nodeid"]] = r
    return sorted(chosen.values(), key=lambda r: r["nodeid"])


def _behaviours(parts: list[tuple[str, dict[str, Any]]], results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    ran: dict[str, list[str]] = {}
    for r in results:
        for bid in r["behaviours"]:
            ran.setdefault(bid, []).append(r["status"])
    out: dict[str, dict[str, Any]] = {}
    for _, report in parts:
        for bid, b in report["behaviours"].items():
            out.setdefault(bid, dict(b))
    for bid, b in out.items():
        found = ran.get(bid, [])
        b["checks"] = len(found)
        b["status"] = statuses.worst(found) if found else ("uncovered" if b["status"] == "uncovered" else "not run")
    return out


def _topics(results: list[dict[str, Any]], behaviours: dict[str, dict[str, Any]], names: list[str]) -> dict[str, Any]:
    topics = {}
    for topic in names:
        beh = [b for b in behaviours.values() if b["topic"] == topic]
        topics[topic] = {**_summary([r for r in results if r["topic"] == topic]), "behaviours": len(beh),
                         "uncovered": sum(b["status"] == "uncovered" for b in beh)}
    return topics


def merge(parts: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Merge ``(name, report)`` parts; raise IncompatibleReports when they are not parts of one run."""
    if not parts:
        raise align.IncompatibleReports("nothing to merge")
    _refuse_mixed(parts)
    reports = [r for _, r in parts]
    results = _results(parts)
    behaviours = _behaviours(parts, results)
    topic_names = list(dict.fromkeys(t for r in reports for t in r["topics"]))
    durations = [r["run"].get("duration_s") for r in reports]
    run = {**reports[0]["run"],
           "started": min(r["run"]["started"] for r in reports), "finished": max(r["run"]["finished"] for r in reports),
           "complete": all(r["run"]["complete"] for r in reports),
           "duration_s": None if None in durations else round(sum(durations), 3),
           "parts": [name for name, _ in parts]}
    return {"schema_version": max((r["schema_version"] for r in reports), key=align.version_key),
            "run": run, "summary": _summary(results), "topics": _topics(results, behaviours, topic_names),
            "behaviours": behaviours, "results": results}
