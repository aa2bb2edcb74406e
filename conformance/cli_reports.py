"""``torch-conformance scoreboard | diff | merge``: commands that read finished reports.

Bad input (an unreadable or schema-invalid report, reports that cannot be compared or joined)
ends with one line on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

from conformance.report import align, diff, merge, scoreboard
from conformance.report.build import MalformedReport, load_report, validate, write_all

EXIT_BAD_INPUT = 2


def _report_path(name: str) -> Path:
    path = Path(name)
    return path / "report.json" if path.is_dir() else path


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (MalformedReport, align.IncompatibleReports) as exc:
            print(f"torch-conformance {args.command}: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
    return run


def _load_all(names: list[str]) -> list[tuple[Path, dict[str, Any]]]:
    return [(_report_path(n), load_report(n)) for n in names]


def cmd_scoreboard(args: argparse.Namespace) -> int:
    out = Path(args.output)
    scoreboard.write([(report, path) for path, report in _load_all(args.reports)], out)
    print(f"scoreboard: {out / 'SCOREBOARD.md'}, {out / 'SCOREBOARD.html'}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    result = diff.diff(load_report(args.old), load_report(args.new))
    print(diff.render(result), end="")
    return 1 if result["regressed"] else 0


def cmd_merge(args: argparse.Namespace) -> int:
    merged = merge.merge([(str(path), report) for path, report in _load_all(args.parts)])
    validate(merged)
    out = Path(args.output)
    write_all(merged, out)
    print(f"merged {len(args.parts)} reports: {merged['summary']['total']} checks, "
          f"{merged['summary']['conformance_percent']}% conformant; {out / 'report.json'}")
    return int(merged["summary"]["exit_code"])


def add_parsers(sub: Any) -> None:
    """Register the report commands on the main parser's subparsers; each sets ``handler``."""
    board = sub.add_parser("scoreboard", help="one matrix of several backends' reports (Markdown + HTML)")
    board.add_argument("reports", nargs="+", metavar="REPORT.json", help="report files or folders holding report.json")
    board.add_argument("--output", "-o", default="reports", help="folder for SCOREBOARD.md/.html (default: reports)")
    board.set_defaults(handler=_guarded(cmd_scoreboard))
    changes = sub.add_parser("diff", help="what regressed or was fixed between two reports of one backend (exit 1 on regression)")
    changes.add_argument("old", metavar="OLD.json")
    changes.add_argument("new", metavar="NEW.json")
    changes.set_defaults(handler=_guarded(cmd_diff))
    join = sub.add_parser("merge", help="join partial reports (shards, topics) of one run into one report")
    join.add_argument("parts", nargs="+", metavar="PART.json")
    join.add_argument("--output", "-o", required=True, help="folder for the merged report")
    join.set_defaults(handler=_guarded(cmd_merge))
