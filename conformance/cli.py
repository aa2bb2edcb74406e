"""The torch-conformance command: run the suite against a backend, show the catalogue, compare reports.

Exit codes: 0 every applicable check passed (or is a declared deviation / unsupported),
1 some check failed, errored, crashed or timed out, 2 usage or backend-loading error, 130 interrupted.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from conformance import __version__, catalogue, cli_reports, isolation, tiers
from conformance.apisurface.command import add_parser as add_coverage_parser, cmd_coverage
from conformance.backend import BackendLoadError, load_backend, registered_backends
from conformance.coverage import SUITES_DIR, declared_behaviours
from conformance.report import folder
from conformance.terminal import plural

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
DESCRIPTION = __doc__.split("\n\n")[0].replace("The torch-conformance command: ", "").capitalize()
EPILOG = __doc__.split("\n\n", 1)[1]


def _say(text: str) -> None:
    print(f"torch-conformance: {text}", file=sys.stderr, flush=True)


def _progress(text: str) -> None:
    """Start-up steps, for a person watching a terminal (logs keep one line per outcome)."""
    if sys.stderr.isatty():
        _say(text)


def _selected_ids(topics: list[str], patterns: list[str]) -> list[str]:
    """Behaviours with a check that the topics and behaviour globs select (all when neither is given)."""
    ids = [bid for bid in declared_behaviours() if not topics or catalogue.lookup(bid).topic in topics]
    return [bid for bid in ids if not patterns or any(fnmatch.fnmatchcase(bid, p) for p in patterns)]


def _suite_paths(topics: list[str], patterns: list[str]) -> list[str]:
    """What pytest collects: for a selection, only the suite modules that declare a selected behaviour
    (every check names its behaviours there, as coverage reads them), so a worker does not import and
    collect the whole suite to run one topic; otherwise the whole suite."""
    declared = declared_behaviours()
    files = sorted({where.split("::")[0] for bid in _selected_ids(topics, patterns) for where in declared[bid]})
    if not (topics or patterns) or not files:
        return [str(SUITES_DIR)]
    return [str(SUITES_DIR.parent / f) for f in files]


def _selection_error(topics: list[str], patterns: list[str]) -> str | None:
    """Why the selection can select no check (checked before the backend loads), or None."""
    for topic in topics:
        if topic not in catalogue.TOPICS:
            return f"unknown topic {topic!r}; topics: {', '.join(catalogue.TOPICS)}"
    if _selected_ids(topics, patterns):
        return None
    where = f" in topic {', '.join(topics)}" if topics else ""
    what = f" matches {' or '.join(repr(p) for p in patterns)}" if patterns else " has a check"
    return f"no catalogue ID{what}{where}: nothing to run (see `torch-conformance catalogue`)"


def _importable_from_cwd() -> None:
    """A backend module in the current directory is found, as ``python -m pytest`` finds it (workers too)."""
    cwd = os.getcwd()
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if cwd not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([cwd, *paths])


def _profile(args: argparse.Namespace) -> str:
    """--profile, else the tier's: smoke runs few examples."""
    return str(args.profile or tiers.default_profile(args.tier))


def cmd_run(args: argparse.Namespace, passthrough: list[str]) -> int:
    import pytest

    problem = _selection_error(args.topic or [], args.behaviour or [])
    if problem:
        _say(problem)
        return EXIT_USAGE
    _importable_from_cwd()
    _progress(f"loading backend {args.backend!r} ...")
    began = time.monotonic()
    try:
        adapter = load_backend(args.backend)
    except BackendLoadError as exc:
        _say(str(exc))
        return EXIT_USAGE
    jobs = max(args.jobs, 1)
    _progress(f"backend {adapter.name} {adapter.version} loaded in {time.monotonic() - began:.1f} s; "
         f"collecting checks in {plural(jobs, 'worker process')} ...")
    out = Path(args.output or folder.DEFAULT_ROOT / folder.safe_dirname(adapter.name))
    pytest_args = [*_suite_paths(args.topic or [], args.behaviour or []), "--backend", args.backend, "--conformance-report", str(out),
                   "--hypothesis-profile", _profile(args), "--tier", args.tier, "-q", "--tb=no", "-rN", "-p", "no:cacheprovider",
                   "--rootdir", str(SUITES_DIR.parent), "-W", "ignore::pytest.PytestAssertRewriteWarning",
                   "-p", "no:unraisableexception",  # isolation's hook re-raises interrupts lost in gc callbacks
                   # Checks never use bare asserts (conformance.assertions raises), so rewriting every suite
                   # module buys nothing and costs each process over a second where no .pyc is cached.
                   "--assert=plain"]
    if args.topic:
        pytest_args += ["-m", " or ".join(args.topic)]
    for pattern in args.behaviour or ():
        pytest_args += ["--behaviour", pattern]
    # Checks always run in worker processes (even -j 1), fed two at a time so a hung worker holds
    # back no queue; a dead worker is replaced (see conformance/isolation.py).
    pytest_args += ["-n", str(jobs), "--maxschedchunk", "2",
                    "--timeout", str(args.timeout), "--memory-limit", str(args.memory_limit)]
    # A check module that fails to import is recorded (report.run.collection_errors, exit 1); the rest still run.
    pytest_args += ["--continue-on-collection-errors"]
    earlier = folder.keep_earlier(out)
    try:
        try:
            code = pytest.main(pytest_args + passthrough)
        except KeyboardInterrupt:
            code = pytest.ExitCode.INTERRUPTED
    finally:
        written = folder.settle(out, earlier)
    if written != out:
        _say(f"the earlier complete report in {out} is kept; this run's unfinished report is in {written}")
    report_file = out / "report.json"
    if code == pytest.ExitCode.INTERRUPTED:
        _say(f"interrupted; the checks that finished are in {written}")
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
    state = "complete" if report["run"]["complete"] else f"incomplete, {plural(missing, 'selected check')} never finished"
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
        print(f"\n{topic}: {plural(len(mine), 'behaviour')}, {covered} covered")
        for b in mine:
            checks = declared.get(b.id, ())
            mark = plural(len(checks), "check") if checks else "UNCOVERED"
            print(f"  {b.id:<52} {mark:>10}  {b.statement}")
            print(f"  {'':<52} {'':>10}  source: {b.source}")
    total = len(rows)
    uncovered = sum(b.id not in declared for b in rows)
    print(f"\n{plural(total, 'behaviour')}, {total - uncovered} covered, {uncovered} uncovered")
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


def cmd_publish(args: argparse.Namespace) -> int:
    from conformance.report.build import MalformedReport, load_report

    source = Path(args.report)
    try:
        report = load_report(source)
    except MalformedReport as exc:
        _say(f"publish: {exc}")
        return EXIT_USAGE
    if not report["run"]["complete"]:
        _say(f"publish: {source} holds an incomplete run; only a complete report is published")
        return EXIT_USAGE
    dest = Path(args.to or folder.PUBLISHED_ROOT / folder.safe_dirname(report["run"]["backend"]["name"]))
    folder.publish(source if source.is_dir() else source.parent, dest)
    print(f"published {', '.join(folder.REPORT_FILES)} to {dest}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="torch-conformance", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"torch-conformance {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="run the suite against a backend and write a report",
                         description="Run the suite; arguments after -- go to pytest.", epilog=EPILOG,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("--backend", default=os.environ.get("CONFORMANCE_BACKEND", "torch"),
                     help="registered name, dotted module path or module:attribute (env CONFORMANCE_BACKEND; default: torch)")
    run.add_argument("--output", "-o", help=f"report folder (default: {folder.DEFAULT_ROOT}/<backend>/, not tracked by git; "
                                            "`torch-conformance publish` copies a report to reports/)")
    run.add_argument("--topic", "-t", action="append", metavar="TOPIC",
                     help=f"run one topic (repeatable): {', '.join(catalogue.TOPICS)}")
    run.add_argument("--behaviour", action="append", help="run checks of behaviours matching this glob (repeatable)")
    run.add_argument("--jobs", "-j", type=int, default=min(os.cpu_count() or 1, 4), help="parallel workers (1: none)")
    run.add_argument("--profile", choices=("ci", "thorough"), help="hypothesis profile (default: ci; smoke for --tier smoke)")
    run.add_argument("--tier", choices=tiers.TIERS, default="full",
                     help="full: every check (default); smoke: one cheap check per behaviour with few examples, "
                          "in seconds; its report says so and is never a conformance figure")
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
    pub = sub.add_parser("publish", help="copy a complete report into reports/<backend>/ (tracked by git)")
    pub.add_argument("report", metavar="REPORT", help=f"a report folder or its report.json, e.g. {folder.DEFAULT_ROOT}/torch")
    pub.add_argument("--to", metavar="DIR", help="destination folder (default: reports/<backend>/)")
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
    try:
        if args.command == "run":
            return cmd_run(args, passthrough)
        if hasattr(args, "handler"):
            return int(args.handler(args))
        return {"report": cmd_report, "catalogue": cmd_catalogue, "tutorial": cmd_tutorial, "backends": cmd_backends,
                "coverage": cmd_coverage, "publish": cmd_publish}[args.command](args)
    except BrokenPipeError:  # e.g. `torch-conformance catalogue | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit-time flush is quiet too
        return 0


if __name__ == "__main__":
    sys.exit(main())
