"""report.html: self-contained (no network), a per-topic bar chart and a filterable table.

Rendered with Jinja2 autoescaping, so every backend-provided string is escaped.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

import jinja2
from markupsafe import Markup, escape

from conformance.report.markdown import SMOKE_NOTE, is_smoke, topic_score
from conformance.statuses import ALL, SEVERITY
from conformance.terminal import plural

_WORST_FIRST = tuple(s.value for s in SEVERITY if s != "xpassed")
ORDER = (*_WORST_FIRST[:_WORST_FIRST.index("unsupported")], "xpassed", *_WORST_FIRST[_WORST_FIRST.index("unsupported"):])
"""Worst first, with stale deviations (xpassed: clean the deviations file) before unsupported."""
_URL = re.compile(r"https?://[^\s;,<>\"']+")

COLOURS = {"passed": "#2e7d32", "failed": "#c62828", "error": "#6a1b9a", "skipped": "#9e9e9e",
           "xfailed": "#ef6c00", "xpassed": "#f9a825", "unsupported": "#455a64", "crashed": "#000000",
           "timeout": "#5d4037"}



def links(text: str) -> Markup:
    """Escaped text with its http(s) URLs as links."""
    out, at = [], 0
    for found in _URL.finditer(text):
        url = found.group()
        out += [escape(text[at:found.start()]), Markup('<a href="{}">{}</a>').format(url, url)]
        at = found.end()
    return Markup("").join([*out, escape(text[at:])])


def without_repro(message: str) -> str:
    """The message without its repro line, which the page shows once, under it."""
    return "\n".join(line for line in message.splitlines() if not line.startswith("repro: "))


_ENV = jinja2.Environment(loader=jinja2.PackageLoader("conformance.report", "templates"),
                          autoescape=True, undefined=jinja2.StrictUndefined)
_ENV.filters["links"] = links


PASSED_ROWS = 2000
"""Up to this many passed checks the page lists each one; past it, one row per behaviour counts its
passed checks (report.json keeps every one): nobody reads 100,000 rows, and a browser chokes on them."""


def passed_by_behaviour(passed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One summary row per behaviours cited: topic, behaviours, how many checks passed, their total time."""
    rows: dict[tuple[str, ...], dict[str, Any]] = {}
    for r in passed:
        key = tuple(r["behaviours"])
        row = rows.setdefault(key, {"topic": r["topic"], "behaviours": key, "checks": 0, "duration_s": 0.0})
        row["checks"] += 1
        row["duration_s"] += r["duration_s"]
    return [rows[k] for k in sorted(rows)]


def render(report: dict[str, Any]) -> str:
    return "".join(chunks(report))


def chunks(report: dict[str, Any]) -> Iterator[str]:
    """The page in pieces, to write as they come (100,000 rows make a page of tens of MB).

    Worst checks first, so a reader sees failures before the passes; every check that did not
    pass is listed in full, passes too unless there are more than :data:`PASSED_ROWS`."""
    rank = {s: i for i, s in enumerate(ORDER)}
    results = sorted(report["results"], key=lambda r: (rank[r["status"]], r["nodeid"]))
    passed = [r for r in results if r["status"] == "passed"]
    passed_rows = passed_by_behaviour(passed) if len(passed) > PASSED_ROWS else []
    if passed_rows:
        results = [r for r in results if r["status"] != "passed"]
    present = [s for s in ALL if report["summary"]["counts"].get(s)]
    behaviour_statuses = sorted({b["status"] for b in report["behaviours"].values()})
    causes = report.get("root_causes")
    return _ENV.get_template("report.html.j2").generate(
        report=report, results=results, passed_rows=passed_rows, statuses=ALL, present=present, colours=COLOURS,
        behaviour_statuses=behaviour_statuses, causes=causes if causes and causes["missing_api"] else None,
        topic_score=topic_score, without_repro=without_repro, plural=plural,
        smoke=is_smoke(report), smoke_note=SMOKE_NOTE)
