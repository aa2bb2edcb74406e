"""The ``torch-conformance`` command: run the suite, show the catalogue, list backends.

Exit codes: 0 every applicable check passed (or is a declared deviation / unsupported),
1 some check failed, errored, crashed or timed out, 2 usage or backend-loading error, 130 interrupted.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Sequence

from conformance import catalogue, cli_reports, isolation
from conformance.apisurface.command import add_parser as add_coverage_parser, cmd_coverage
from conformance.backend import BackendLoadError, load_backend, registered_backends
from conformance.coverage import SUITES_DIR, declared_behaviours

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _safe_dirname(name: str) -> str:
    """A single path component from a backend name: no separators, no '..', never empty."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:64] or "backend"


def cmd_run(args: argparse.Namespace, passthrough: list[str]) -> int:
    import pytest

    try:
        adapter = load_backend(args.backend)
    except BackendLoadError as exc:
        print(f"torch-conformance: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for topic in args.topic or ():
        if topic not in catalogue.TOPICS:
            print(f"torch-conformance: unknown topic {topic!r}; topics: {', '.join(catalogue.TOPICS)}", file=sys.stderr)
            return EXIT_USAGE
    out = Path(args.output or Path("reports") / _safe_dirname(adapter.name))
    pytest_args = [str(SUITES_DIR), "--backend", args.backend, "--conformance-report", str(out),
                   "--hypothesis-profile", args.profile, "-q", "--tb=no", "-rN", "-p", "no:cacheprovider",
                   "--rootdir", str(SUITES_DIR.parent), "-W", "ignore::pytest.PytestAssertRewriteWarning",
                   "-p", "no:unraisableexception"]  # isolation's hook re-raises interrupts lost in gc callbacks
    if args.topic:
        pytest_args += ["-m", " or ".join(args.topic)]
    for pattern in args.behaviour or ():
        pytest_args += ["--behaviour", pattern]
    # Checks always run in worker processes (even -j 1), fed two at a time so a hung worker holds
    # back no queue; a dead worker is replaced (see conformance/isolation.py).
    pytest_args += ["-n", str(max(args.jobs, 1)), "--maxschedchunk", "2",
                    "--timeout", str(args.timeout), "--memory-limit", str(args.memory_limit)]
    try:
        code = pytest.main(pytest_args + passthrough)
    except KeyboardInterrupt:
        code = pytest.ExitCode.INTERRUPTED
    report_file = out / "report.json"
    if code == pytest.ExitCode.INTERRUPTED:
        print(f"torch-conformance: interrupted; the checks that finished are in {out}", file=sys.stderr)
        return EXIT_INTERRUPTED
    if code == pytest.ExitCode.USAGE_ERROR or not report_file.exists():
        return EXIT_USAGE
    if code == pytest.ExitCode.NO_TESTS_COLLECTED:
        print("torch-conformance: no check matched the selection", file=sys.stderr)
        return EXIT_USAGE
    return int(json.loads(report_file.read_text(encoding="utf-8"))["summary"]["exit_code"])


def cmd_report(args: argparse.Namespace) -> int:
    from conformance.report.build import MalformedReport
    from conformance.report.recorder import rebuild

    try:
        report = rebuild(Path(args.from_log), Path(args.output))
    except (OSError, MalformedReport) as exc:
        print(f"torch-conformance: cannot rebuild a report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    missing = len(report["run"]["not_run"])
    state = "complete" if report["run"]["complete"] else f"incomplete, {missing} selected checks never finished"
    print(f"report ({state}) written to {args.output}")
    return 0


def cmd_catalogue(args: argparse.Namespace) -> int:
    declared = declared_behaviours()
    rows = [b for b in catalogue.behaviours().values() if not args.topic or b.topic in args.topic]
    if args.uncovered:
        rows = [b for b in rows if b.id not in declared]
    if args.format == "json":
        print(json.dumps([{"id": b.id, "topic": b.topic, "statement": b.statement, "source": b.source,
                           "checks": list(declared.get(b.id, ())), "difference": b.difference} for b in rows], indent=1))
        return 0
    for topic in catalogue.TOPICS:
        mine = [b for b in rows if b.topic == topic]
        if not mine:
            continue
        covered = sum(b.id in declared for b in mine)
        print(f"\n{topic}: {len(mine)} behaviours, {covered} covered")
        for b in mine:
            checks = declared.get(b.id, ())
            mark = f"{len(checks)} check{'s' if len(checks) != 1 else ''}" if checks else "UNCOVERED"
            print(f"  {b.id:<52} {mark:>10}  {b.statement}")
            print(f"  {'':<52} {'':>10}  source: {b.source}")
    total = len(rows)
    uncovered = sum(b.id not in declared for b in rows)
    print(f"\n{total} behaviours, {total - uncovered} covered, {uncovered} uncovered")
    return 0


def tutorial_markdown() -> str:
    """docs/tutorial.md: each tutorial item and the behaviours citing it."""
    citing: dict[str, list[str]] = {}
    for b in catalogue.behaviours().values():
        for t in b.tutorial:
            citing.setdefault(t, []).append(b.id)
    lines = ["# The tutorial's items", "",
             "The specification grew from a set of Chinese PyTorch study notes. Each item they show is restated",
             "here in our words, with the catalogued behaviours that cover it. Where the notes are out of date",
             "the behaviour states current PyTorch and records the difference.",
             "Generated by `torch-conformance tutorial`; `tests/test_catalogue.py` keeps it in sync.", ""]
    for tid, item in catalogue.tutorial_items().items():
        lines.append(f"- **{tid}** ({item['topic']}) {item['text']}")
        for bid in citing.get(tid, []):
            b = catalogue.behaviours()[bid]
            note = f" *Differs from the tutorial: {b.difference}*" if b.difference else ""
            lines.append(f"  - `{bid}`{note}")
    return "\n".join(lines) + "\n"


def cmd_tutorial(args: argparse.Namespace) -> int:
    print(tutorial_markdown(), end="")
    return 0


def cmd_backends(args: argparse.Namespace) -> int:
    for name, ep in sorted(registered_backends().items()):
        print(f"{name:<16} {ep.value}")
    print("\nor any importable torch-like module (--backend mypkg.mytorch), or module:attribute naming an Adapter")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="torch-conformance", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the suite against a backend and write a report",
                         description="Run the suite; arguments after -- go to pytest.")
    run.add_argument("--backend", default=os.environ.get("CONFORMANCE_BACKEND", "torch"),
                     help="registered name, dotted module path or module:attribute (default: torch)")
    run.add_argument("--output", "-o", help="report folder (default: reports/<backend>/)")
    run.add_argument("--topic", "-t", action="append", help="run one topic (repeatable)")
    run.add_argument("--behaviour", action="append", help="run checks of behaviours matching this glob (repeatable)")
    run.add_argument("--jobs", "-j", type=int, default=min(os.cpu_count() or 1, 4), help="parallel workers (1: none)")
    run.add_argument("--profile", choices=("ci", "thorough"), default="ci", help="hypothesis profile (default: ci)")
    run.add_argument("--timeout", type=float, default=isolation.DEFAULT_TIMEOUT_S, metavar="SECONDS",
                     help=f"per-check time limit; a check past it is stopped as `timeout` (default {isolation.DEFAULT_TIMEOUT_S:g})")
    run.add_argument("--memory-limit", type=int, default=isolation.DEFAULT_MEMORY_LIMIT_MB, metavar="MB",
                     help=f"data-segment cap per worker process, 0 for none (default {isolation.DEFAULT_MEMORY_LIMIT_MB})")
    rep = sub.add_parser("report", help="rebuild a report from a run's results.jsonl (e.g. of a killed run)")
    rep.add_argument("--from-log", required=True, metavar="RESULTS_JSONL", help="the run's results.jsonl")
    rep.add_argument("--output", "-o", required=True, metavar="DIR", help="folder for report.json/.md/.html")
    cat = sub.add_parser("catalogue", help="print the behaviour catalogue with coverage")
    cat.add_argument("--topic", "-t", action="append", choices=catalogue.TOPICS)
    cat.add_argument("--uncovered", action="store_true", help="only behaviours no check declares")
    cat.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_parser("tutorial", help="print the tutorial's items with the behaviours covering them (Markdown)")
    sub.add_parser("backends", help="list registered backends")
    add_coverage_parser(sub)
    cli_reports.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    passthrough: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, passthrough = argv[:i], argv[i + 1:]
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else 0
    if args.command == "run":
        return cmd_run(args, passthrough)
    if hasattr(args, "handler"):
        return int(args.handler(args))
    return {"report": cmd_report, "catalogue": cmd_catalogue, "tutorial": cmd_tutorial, "backends": cmd_backends,
            "coverage": cmd_coverage}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
