"""The cross-backend scoreboard: one matrix of behaviours by backend, in Markdown and self-contained HTML.

Scores weigh every behaviour equally, however many checks verify it; the interop score counts the
behaviours every backend passes, as wpt.fyi's Interop does.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from conformance import catalogue
from conformance.report import align
from conformance.report.html import COLOURS
from conformance.report.markdown import is_smoke

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("conformance.report", "templates"),
                          autoescape=True, undefined=jinja2.StrictUndefined)


@dataclass(frozen=True)
class Column:
    """One backend's report: a column of the matrix."""

    report: dict[str, Any]
    html: str  # the report's report.html, relative to the scoreboard

    @property
    def name(self) -> str:
        return align.backend_of(self.report)[0]

    @property
    def version(self) -> str:
        return align.backend_of(self.report)[1]

    @property
    def device(self) -> str:
        return align.device_of(self.report)

    @property
    def label(self) -> str:
        smoke = ", smoke run" if is_smoke(self.report) else ""  # never mistaken for a full one
        return f"{self.name} {self.version} ({self.device}{smoke})"


@dataclass(frozen=True)
class Cell:
    status: str
    link: str | None  # report.html#<check> of the first check explaining a non-pass
    message: str  # that check's first message line


@dataclass(frozen=True)
class Row:
    bid: str
    topic: str
    statement: str
    cells: list[Cell]

    @property
    def interop(self) -> bool:
        return all(c.status == align.PASSED for c in self.cells)

    @property
    def judged(self) -> bool:
        """Every backend has a verdict: the row counts towards the interop score."""
        return all(align.is_verdict(c.status) for c in self.cells)

    @property
    def disagree(self) -> bool:
        verdicts = {c.status == align.PASSED for c in self.cells if align.is_verdict(c.status)}
        return len(verdicts) == 2


@dataclass(frozen=True)
class Score:
    label: str
    percents: list[float | None]  # per column
    interop: float | None


def _cell(column: Column, bid: str) -> Cell:
    status = align.behaviour_status(column.report, bid)
    if status == align.PASSED or not align.is_verdict(status):
        return Cell(status, None, "")
    result = align.first_result(column.report, bid, status)
    if result is None:
        return Cell(status, None, "")
    lines = result["message"].strip().splitlines()
    return Cell(status, f"{column.html}#{quote(result['nodeid'], safe='/:[]-_.')}", lines[0] if lines else "")


def _rows(columns: list[Column]) -> list[Row]:
    known: dict[str, dict[str, Any]] = {}
    for column in columns:
        for bid, b in column.report["behaviours"].items():
            known.setdefault(bid, b)
    order = {t: i for i, t in enumerate(catalogue.TOPICS)}
    ids = sorted(known, key=lambda bid: (order.get(known[bid]["topic"], len(order)), known[bid]["topic"], bid))
    return [Row(bid, known[bid]["topic"], known[bid]["statement"], [_cell(c, bid) for c in columns]) for bid in ids]


def _score(label: str, rows: list[Row], width: int) -> Score:
    judged = [r for r in rows if r.judged]
    interop = round(100.0 * sum(r.interop for r in judged) / len(judged), 2) if judged else None
    return Score(label, [align.behaviour_percent([r.cells[i].status for r in rows]) for i in range(width)], interop)


def _trends(reports: list[dict[str, Any]]) -> dict[str, list[tuple[str, float | None]]]:
    """Overall score per version, for every backend (and device) with reports of several versions."""
    series: dict[str, dict[str, float | None]] = {}
    for report in reports:
        name, version = align.backend_of(report)
        statuses = [b["status"] for b in report["behaviours"].values()]
        series.setdefault(f"{name} ({align.device_of(report)})", {})[version] = align.behaviour_percent(statuses)
    return {label: sorted(points.items(), key=lambda p: align.version_key(p[0]))
            for label, points in series.items() if len(points) > 1}


def _latest(reports: list[tuple[dict[str, Any], str]]) -> list[Column]:
    """The newest version of each backend on each device: the columns; older ones feed the trends."""
    newest: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for report, html in reports:
        key = (align.backend_of(report)[0], align.device_of(report))
        held = newest.get(key)
        rank = (align.version_key(align.backend_of(report)[1]), report["run"]["finished"])
        if held is None or rank >= (align.version_key(align.backend_of(held[0])[1]), held[0]["run"]["finished"]):
            newest[key] = (report, html)
    return [Column(r, h) for r, h in sorted(newest.values(), key=lambda p: align.backend_of(p[0]))]


def build(reports: list[tuple[dict[str, Any], str]]) -> dict[str, Any]:
    """The scoreboard's content from (report, path of its report.html relative to the scoreboard) pairs."""
    columns = _latest(reports)
    rows = _rows(columns)
    topics = list(dict.fromkeys(r.topic for r in rows))
    scores = [_score(t, [r for r in rows if r.topic == t], len(columns)) for t in topics]
    return {"columns": columns, "rows": rows, "topics": scores, "overall": _score("overall", rows, len(columns)),
            "disagree": [r for r in rows if r.disagree], "trends": _trends([r for r, _ in reports])}


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value}%"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").replace("[", "\\[").replace("]", "\\]")


def _md_cell(cell: Cell) -> str:
    return f"[{cell.status}]({cell.link})" if cell.link else cell.status


def render_markdown(board: dict[str, Any]) -> str:
    columns: list[Column] = board["columns"]
    head = "| | " + " | ".join(_md(c.label) for c in columns) + " | interop |"
    rule = "|---|" + "---:|" * (len(columns) + 1)
    lines = ["# torch-conformance scoreboard", "",
             "Conformance is the share of behaviours passed among those with a verdict (skipped, not run and "
             "uncovered behaviours left out), every behaviour weighing the same. **Interop** is the share of "
             "behaviours every backend passes, among those every backend has a verdict on.", "",
             "## Conformance by topic", "", head, rule]
    for score in [*board["topics"], board["overall"]]:
        label = f"**{score.label}**" if score is board["overall"] else score.label
        lines.append(f"| {label} | " + " | ".join(_pct(p) for p in score.percents) + f" | {_pct(score.interop)} |")
    if board["trends"]:
        lines += ["", "## Trends (overall conformance per version)", "", "| backend | version | conformance |", "|---|---|---:|"]
        for label, points in board["trends"].items():
            lines += [f"| {_md(label)} | {_md(v)} | {_pct(p)} |" for v, p in points]
    lines += ["", f"## Where backends disagree ({len(board['disagree'])})", ""]
    lines += _md_table(columns, board["disagree"]) if board["disagree"] else ["Nowhere: every behaviour has one verdict."]
    lines += ["", "## Every behaviour", ""] + _md_table(columns, board["rows"])
    return "\n".join(lines) + "\n"


def _md_table(columns: list[Column], rows: list[Row]) -> list[str]:
    lines = ["| behaviour | " + " | ".join(_md(c.label) for c in columns) + " |", "|---|" + "---|" * len(columns)]
    return lines + [f"| `{r.bid}` | " + " | ".join(_md_cell(c) for c in r.cells) + " |" for r in rows]


def _chart(points: list[tuple[str, float | None]]) -> dict[str, Any]:
    """Coordinates of a small line chart: x by version order, y by conformance 0..100."""
    width, height, pad = 320, 120, 24
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    dots = [{"x": round(pad + i * step, 1), "y": round(height - pad - (p or 0.0) * (height - 2 * pad) / 100, 1),
             "version": v, "percent": _pct(p)} for i, (v, p) in enumerate(points)]
    return {"width": width, "height": height, "pad": pad, "dots": dots,
            "line": " ".join(f"{d['x']},{d['y']}" for d in dots)}


def render_html(board: dict[str, Any]) -> str:
    charts = {label: _chart(points) for label, points in board["trends"].items()}
    return _ENV.get_template("scoreboard.html.j2").render(board=board, charts=charts, colours=COLOURS, pct=_pct)


def write(reports: list[tuple[dict[str, Any], Path]], out: Path) -> dict[str, Any]:
    """Write SCOREBOARD.md and SCOREBOARD.html to ``out``; ``reports`` pairs each report with its report.json path."""
    out.mkdir(parents=True, exist_ok=True)
    linked = [(r, Path(os.path.relpath(p.parent / "report.html", out)).as_posix()) for r, p in reports]
    board = build(linked)
    (out / "SCOREBOARD.md").write_text(render_markdown(board), encoding="utf-8")
    (out / "SCOREBOARD.html").write_text(render_html(board), encoding="utf-8")
    return board
