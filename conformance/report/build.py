"""Build the report document from check results, validate it, and write all three views."""
from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from conformance import __version__, apisurface, catalogue, statuses
from conformance.backend import Adapter
from conformance.coverage import declared_behaviours
from conformance.report import causes, metadata
from conformance.results import CheckResult

SCHEMA_VERSION = "1.3"
SCHEMA_PATH = Path(__file__).with_name("schema.json")


MAX_MESSAGE_CHARS = 4000
"""A check's message is cut past this length (a note says how much went), so floods stay out."""
MAX_NAME_CHARS = 200
"""The backend's name, version and spec are cut past this length."""
MAX_SECTION_CHARS = 20000
"""Captured output kept per check phase (it travels from the worker, never into the report)."""


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with a note saying how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}\n[... {len(text) - limit} more characters cut: texts are kept to {limit} characters]"


class MalformedReport(ValueError):
    """A file that is not a valid torch-conformance report."""


def _version_of(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _counts(items: list[str]) -> dict[str, int]:
    return {s: items.count(s) for s in statuses.ALL}


def _summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    counts = _counts([r["status"] for r in results])
    return {"total": len(results), "counts": counts,
            "conformance_percent": statuses.conformance_percent(counts), "exit_code": statuses.exit_code(counts)}


def _behaviours(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    per: dict[str, list[str]] = {}
    for r in results:
        for bid in r["behaviours"]:
            per.setdefault(bid, []).append(r["status"])
    declared = declared_behaviours()
    out: dict[str, dict[str, Any]] = {}
    for bid, b in catalogue.behaviours().items():
        ran = per.get(bid, [])
        status = statuses.worst(ran) if ran else ("not run" if bid in declared else "uncovered")
        out[bid] = {"topic": b.topic, "statement": b.statement, "source": b.source, "status": status,
                    "checks": len(ran), "documented": b.documented, "difference": b.difference}
    return out


def result_row(result: CheckResult) -> dict[str, Any]:
    """A finished check's entry in the report's ``results``: its JSON form plus its topic."""
    if result.status is None:
        raise ValueError(f"{result.nodeid}: a finished check has a status")
    row = result.to_json()
    row.pop("when", None)
    row["topic"] = catalogue.lookup(result.behaviours[0]).topic
    row["message"] = clip(result.message, MAX_MESSAGE_CHARS)
    return row


def build_report(checks: Sequence[CheckResult], adapter: Adapter, *, profile: str, seed: Any,
                 started: str, finished: str, complete: bool, command: list[str],
                 not_run: Sequence[str] = (), collection_errors: Sequence[dict[str, str]] = (),
                 tier: str = "full") -> dict[str, Any]:
    """``tier``: "smoke" for a smoke run (one check per behaviour; see conformance/tiers.py).
    ``not_run``: node IDs of selected checks that never finished (an interrupted run).
    ``collection_errors``: suite modules that failed to collect (``nodeid``, ``message``): their checks
    never ran, so the run exits 1 whatever the checks that did run say."""
    results = [result_row(r) for r in sorted(checks, key=lambda r: r.nodeid)]
    behaviours = _behaviours(results)
    topics = {}
    for topic in catalogue.TOPICS:
        mine = [r for r in results if r["topic"] == topic]
        beh = [b for b in behaviours.values() if b["topic"] == topic]
        topics[topic] = {**_summary(mine), "behaviours": len(beh),
                         "uncovered": sum(b["status"] == "uncovered" for b in beh)}
    return {
        "schema_version": SCHEMA_VERSION,
        "run": {
            "suite_version": __version__,
            "backend": {"name": clip(adapter.name, MAX_NAME_CHARS), "version": clip(adapter.version, MAX_NAME_CHARS),
                        "spec": clip(adapter.spec, MAX_NAME_CHARS),
                        "devices": [clip(str(d), MAX_NAME_CHARS) for d in adapter.devices]},
            "environment": {"python": platform.python_version(), "platform": platform.platform(),
                            "numpy": _version_of("numpy"), "torch": _version_of("torch"),
                            "hypothesis": _version_of("hypothesis"), "pytest": _version_of("pytest")},
            "hypothesis": {"profile": profile, "seed": None if seed is None else str(seed)}, "tier": tier,
            "started": started, "finished": finished, "complete": complete, "command": list(command),
            "suite_commit": metadata.suite_commit(), "target": metadata.target(adapter),
            "duration_s": metadata.duration_s(started, finished),
            "not_run": list(not_run),
            "collection_errors": [{"nodeid": clip(e["nodeid"], MAX_NAME_CHARS), "message": clip(e["message"], MAX_MESSAGE_CHARS)}
                                  for e in collection_errors],
        },
        "summary": {**(summary := _summary(results)), "exit_code": 1 if collection_errors else summary["exit_code"]},
        "root_causes": causes.root_causes(results),
        "topics": topics,
        "behaviours": behaviours,
        "api_coverage": apisurface.report_block(),
        "results": results,
    }


_TYPES: dict[str, type | tuple[type, ...]] = {"string": str, "object": dict, "array": list, "number": (int, float)}


def _fits(value: Any, rule: dict[str, Any], defs: dict[str, Any]) -> bool:
    """``value`` matches ``rule``, proven with the few keywords a result row's schema uses; False for
    anything else (a keyword this does not know included), which :func:`validate` leaves to jsonschema."""
    if "$ref" in rule:
        rule = defs[rule["$ref"].removeprefix("#/$defs/")]
    kind = rule.get("type")
    if kind is not None and (not isinstance(kind, str) or kind not in _TYPES or not isinstance(value, _TYPES[kind])
                             or isinstance(value, bool)):
        return False
    for keyword, want in rule.items():
        if keyword in ("type", "description"):
            continue
        if keyword == "enum":
            ok = value in want
        elif keyword == "required":
            ok = all(k in value for k in want)
        elif keyword == "properties":
            ok = all(_fits(value[k], r, defs) for k, r in want.items() if k in value)
        elif keyword == "items":
            ok = all(_fits(v, want, defs) for v in value)
        elif keyword == "minItems":
            ok = len(value) >= want
        elif keyword == "minimum":
            ok = value >= want
        else:
            return False
        if not ok:
            return False
    return True


def validate(report: Any) -> None:
    """Raise :class:`MalformedReport` unless ``report`` matches the JSON Schema.

    jsonschema takes seconds over 100,000 results, so it checks the report without its results, and
    the rows are checked against the schema's row rule by :func:`_fits`; jsonschema reports any fault."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    rows = report.get("results") if isinstance(report, dict) else None
    try:
        if isinstance(rows, list):
            jsonschema.validate({**report, "results": []}, schema)
            rule, defs = schema["properties"]["results"]["items"], schema["$defs"]
            if all(_fits(row, rule, defs) for row in rows):
                return
        jsonschema.validate(report, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        raise MalformedReport(f"not a valid report at {where}: {exc.message}") from None


def load_report(path: Path | str) -> dict[str, Any]:
    """Read and validate a report.json (or a directory holding one)."""
    path = Path(path)
    if path.is_dir():
        path = path / "report.json"
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MalformedReport(f"{path}: no such report") from None
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MalformedReport(f"{path}: not JSON: {exc}") from None
    validate(report)
    checked: dict[str, Any] = report  # validated against the schema, whose top level is an object
    return checked


JSON_ONLY_ENV = "CONFORMANCE_REPORT_JSON_ONLY"


def write_all(report: dict[str, Any], out: Path) -> None:
    from conformance.report import html, markdown

    out.mkdir(parents=True, exist_ok=True)
    _write_atomically(out / "report.json", dumps(report))
    if os.environ.get(JSON_ONLY_ENV):  # the mutant sweep reads report.json only (tests/mutants/runner.py)
        return
    _write_atomically(out / "report.md", markdown.render(report))
    _write_atomically(out / "report.html", html.chunks(report))


_ROW_START = '}, {"nodeid": '
"""Where one result ends and the next begins in the compact JSON of the results (never inside a
string, where the quotes would be escaped)."""


def dumps(report: dict[str, Any]) -> str:
    """report.json's text: indented, except one line per check result.

    ``indent`` makes :mod:`json` fall back to its pure-Python encoder (seconds for 100,000 results),
    so the results are encoded in one call of the C encoder and split into lines after: readable and
    diffable. A row that does not start with its node ID only shares a line; the JSON stays valid.
    """
    fields = [f" {json.dumps(k)}: " + json.dumps(v, indent=1).replace("\n", "\n ")
              for k, v in report.items() if k != "results"]
    if "results" in report:
        rows = json.dumps(report["results"])[1:-1].replace(_ROW_START, "},\n  " + _ROW_START[3:])
        fields.append(f' "results": [\n  {rows}\n ]' if rows else ' "results": []')
    return "{\n" + ",\n".join(fields) + "\n}\n"


def _write_atomically(path: Path, text: str | Iterable[str]) -> None:
    """A reader sees the old file or the new one, never half of one. ``text``: a string, or its pieces."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.writelines([text] if isinstance(text, str) else text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
