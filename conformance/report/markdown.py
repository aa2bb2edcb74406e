"""report.md: a summary fit for a CI job summary or a pull-request comment.

Backend-provided text is either fenced (code spans and blocks longer than any backtick run in it)
or escaped (:func:`_cell`), so it can neither inject HTML nor restructure the document.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from conformance.statuses import ALL
from conformance.terminal import plural

COLUMNS = ("passed", "failed", "crashed", "timeout", "error", "unsupported", "xfailed", "xpassed", "skipped")
MAX_LISTED = 50
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _cell(text: Any) -> str:
    """One line of inert text: HTML escaped, Markdown punctuation backslash-escaped."""
    one_line = " ".join(str(text).split())
    escaped = re.sub(r"[&<>]", lambda m: _HTML[m.group()], one_line)
    return re.sub(r"([\\`*_\[\]|])", r"\\\1", escaped)


def _inline(text: Any) -> str:
    """An inline code span that backend text cannot close early."""
    one_line = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", one_line)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {one_line} {fence}"


def _code(text: str) -> str:
    """A fenced block that backend-provided text cannot break out of."""
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}\n{text}\n{fence}"


def _results(report: dict[str, Any], status: str) -> list[dict[str, Any]]:
    return [r for r in report["results"] if r["status"] == status]


def _detail_section(report: dict[str, Any], status: str, title: str, lines: list[str]) -> None:
    items = _results(report, status)
    if not items:
        return
    lines += ["", f"## {title} ({len(items)})", ""]
    for r in items[:MAX_LISTED]:
        behaviours = ", ".join(f"`{b}`" for b in r["behaviours"])
        lines += [f"### {behaviours}", "", f"- check: {_inline(r['nodeid'])}",
                  f"- statement: {_cell(report['behaviours'][r['behaviours'][0]]['statement'])}",
                  f"- source: {_cell(report['behaviours'][r['behaviours'][0]]['source'])}",
                  f"- repro: {_inline(r['repro'])}", "", _code(r["message"].strip()[:2000])]
    if len(items) > MAX_LISTED:
        lines.append(f"\n... and {len(items) - MAX_LISTED} more (see report.json)")


def topic_score(t: dict[str, Any]) -> str:
    """A topic's conformance: "not run" when no check of it ran, "unsupported" when all were declared so."""
    counts = t["counts"]
    if not t["total"] or t["total"] == counts.get("skipped", 0):
        return "not run"
    if counts.get("unsupported", 0) == t["total"] - counts.get("skipped", 0):
        return "unsupported"
    return f"{t['conformance_percent']}%"


def _causes(report: dict[str, Any], lines: list[str]) -> None:
    """Failures by root cause, once at the top (absent from older reports)."""
    causes = report.get("root_causes")
    if not causes or not causes["missing_api"]:
        return
    lines += ["", "## Failures by root cause", ""]
    for c in causes["missing_api"]:
        kind = " keyword" if c["kind"] == "keyword" else ""
        lines.append(f"- missing API: {_inline(c['api'])}{kind}, {plural(c['checks'], 'check')}")
    if causes["wrong_behaviour"]:
        lines.append(f"- wrong behaviour: {plural(causes['wrong_behaviour'], 'check')}")


def _api_table(report: dict[str, Any], lines: list[str]) -> None:
    """Public API names covered per namespace, with the topics covering them (absent from older reports)."""
    api = report.get("api_coverage")
    if not api:
        return
    lines += ["", "## API coverage", "", "| namespace | covered | in scope | % | out of scope | by topic |",
              "|---|---:|---:|---:|---:|---|"]
    for ns, f in api["namespaces"].items():
        percent = f"{round(100 * f['covered'] / f['in_scope'], 1)}%" if f["in_scope"] else "-"
        topics = ", ".join(f"{t} {n[ns]}" for t, n in api["topics"].items() if n.get(ns))
        lines.append(f"| {ns} | {f['covered']} | {f['in_scope']} | {percent} | {f['out_of_scope']} | {topics} |")


SMOKE_NOTE = ("Smoke run: one check per behaviour with few hypothesis examples, to see that every behaviour runs; "
              "behaviours whose checks were left out are \"not run\". Not a conformance figure: run the full suite for one.")


def is_smoke(report: dict[str, Any]) -> bool:
    """The report is of a smoke run (``run.tier``; reports before schema 1.3 are full runs)."""
    return bool(report["run"].get("tier") == "smoke")


def render(report: dict[str, Any]) -> str:
    run, summary = report["run"], report["summary"]
    backend = run["backend"]
    counts = summary["counts"]
    said = ", ".join(f"{counts[s]} {s}" for s in ALL if counts.get(s))
    smoke = is_smoke(report)
    lines = [
        f"# torch-conformance: {_cell(backend['name'])} {_cell(backend['version'])}{' (smoke run)' if smoke else ''}",
        *(["", f"> **{SMOKE_NOTE}**"] if smoke else []),
        "",
        f"**{summary['conformance_percent']}% {'of smoke checks passed' if smoke else 'conformant'}**: "
        f"{said or 'no checks ran'}, of {plural(summary['total'], 'check')}.",
        "",
        f"Backend spec {_inline(backend['spec'])}, devices {_cell(', '.join(backend['devices']))}; suite {run['suite_version']}; "
        f"hypothesis profile `{run['hypothesis']['profile']}`; Python {run['environment']['python']}, "
        f"NumPy {run['environment']['numpy']}; {run['started']} to {run['finished']}.",
    ]
    if not run["complete"]:
        lines += ["", "> **Incomplete run**: interrupted; only the checks listed here finished."]
        missing = run.get("not_run", [])
        if missing:
            lines += [f"> {plural(len(missing), 'selected check')} never finished:"]
            lines += [f"> - {_inline(nodeid)}" for nodeid in missing[:MAX_LISTED]]
            if len(missing) > MAX_LISTED:
                lines.append(f"> - ... and {len(missing) - MAX_LISTED} more (see report.json)")
    broken = run.get("collection_errors", [])
    if broken:
        lines += ["", f"> **{plural(len(broken), 'suite module')} failed to collect**: their checks never ran, so the run exits 1."]
        lines += [f"> - {_inline(e['nodeid'])}: {_inline(e['message'].strip().splitlines()[-1] if e['message'].strip() else '')}"
                  for e in broken[:MAX_LISTED]]
    _causes(report, lines)
    lines += ["", "| topic | conformance | " + " | ".join(COLUMNS) + " | behaviours | uncovered |",
              "|---|---:|" + "---:|" * (len(COLUMNS) + 2)]
    for topic, t in report["topics"].items():
        if t["total"] or t["behaviours"]:
            cells = " | ".join(str(t["counts"].get(c, 0)) for c in COLUMNS)
            lines.append(f"| {topic} | {topic_score(t)} | {cells} | {t['behaviours']} | {t['uncovered']} |")
    _api_table(report, lines)
    _detail_section(report, "failed", "Failures", lines)
    _detail_section(report, "crashed", "Crashes (the backend killed its worker process)", lines)
    _detail_section(report, "timeout", "Timeouts (past the per-check time limit)", lines)
    _detail_section(report, "error", "Errors (the check could not run)", lines)
    _detail_section(report, "xpassed", "Declared deviations that now pass: remove them from the deviations file", lines)
    for status, title in (("unsupported", "Unsupported (declared by the adapter)"), ("skipped", "Skipped (environment)"),
                          ("xfailed", "Known deviations (still failing)")):
        reasons = Counter(r["message"].splitlines()[0] if r["message"] else "" for r in _results(report, status))
        if reasons:
            lines += ["", f"## {title}", ""] + [f"- {plural(n, 'check')}: {_cell(reason)}" for reason, n in reasons.most_common()]
    uncovered = [bid for bid, b in report["behaviours"].items() if b["status"] == "uncovered"]
    if uncovered:
        lines += ["", f"## Uncovered behaviours ({len(uncovered)})", ""] + [f"- `{b}`" for b in uncovered]
    return "\n".join(lines) + "\n"
