"""report.html: self-contained (no network), a per-topic bar chart and a filterable table.

Rendered with Jinja2 autoescaping, so every backend-provided string is escaped.
"""
from __future__ import annotations

from typing import Any

import jinja2

from conformance.statuses import ALL, SEVERITY

COLOURS = {"passed": "#2e7d32", "failed": "#c62828", "error": "#6a1b9a", "skipped": "#9e9e9e",
           "xfailed": "#ef6c00", "xpassed": "#f9a825", "unsupported": "#455a64", "crashed": "#000000",
           "timeout": "#5d4037"}

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("conformance.report", "templates"),
                          autoescape=True, undefined=jinja2.StrictUndefined)


def render(report: dict[str, Any]) -> str:
    """Worst checks first, so a reader sees failures before the passes."""
    results = sorted(report["results"], key=lambda r: (SEVERITY.index(r["status"]), r["nodeid"]))
    return _ENV.get_template("report.html.j2").render(report=report, results=results, statuses=ALL, colours=COLOURS)
