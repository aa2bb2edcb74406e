"""Speed figures of torch-conformance, as a user meets them (README "Speed"; targets in issue 14).

    python benchmarks/bench_suite.py suite      # full runs: torch and reference, -j 1 / -j 2, ci profile
    python benchmarks/bench_suite.py suite --backend torch --jobs 2 --profile thorough --topic ops
    python benchmarks/bench_suite.py smoke      # the smoke tier (one check per behaviour) against torch, -j 2
    python benchmarks/bench_suite.py suite --tier smoke --backend reference --jobs 1
    python benchmarks/bench_suite.py startup    # time to the first check vs `python -c "import torch"`
    python benchmarks/bench_suite.py startup --topic all --tier smoke   # ... collecting the whole suite
    python benchmarks/bench_suite.py overhead   # CLI run (isolation + report) vs a bare pytest run of the same checks
    python benchmarks/bench_suite.py report     # report building from a synthetic log of 100,000 results
    python benchmarks/bench_suite.py slowest    # the 20 slowest checks of a full torch run
    python benchmarks/bench_suite.py mutants    # the mutant sweep, as CI runs it
    python benchmarks/bench_suite.py digests    # hypothesis's source digests per row; inline parametrize tables

Every figure is a wall time of a subprocess, start-up included; nothing here is asserted: tests
never time anything. Run on a quiet machine and state the date, machine and versions with the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "conformance.cli"]


def _timed(cmd: list[str], **kw: Any) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, **kw)
    return time.perf_counter() - start, proc


def _run(backend: str, jobs: int, profile: str | None, topics: list[str], out: Path, extra: tuple[str, ...] = ()) -> tuple[float, dict]:
    cmd = [*CLI, "run", "--backend", backend, "-j", str(jobs), "--output", str(out), *extra]
    if profile:
        cmd += ["--profile", profile]
    for topic in topics:
        cmd += ["--topic", topic]
    wall, proc = _timed(cmd)
    report = out / "report.json"
    if not report.exists():
        sys.exit(f"no report from {' '.join(cmd)}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return wall, json.loads(report.read_text())


def cmd_suite(args: argparse.Namespace) -> None:
    backends = [args.backend] if args.backend else ["torch", "reference"]
    jobs = [args.jobs] if args.jobs else [1, 2]
    for backend in backends:
        for j in jobs:
            times, report = [], {}
            for _ in range(args.repeat):
                with tempfile.TemporaryDirectory() as out:
                    wall, report = _run(backend, j, args.profile, args.topic, Path(out), ("--tier", args.tier))
                    times.append(wall)
            summary = report["summary"]
            behaviours = sum(b["status"] not in ("uncovered", "not run") for b in report["behaviours"].values())
            med = statistics.median(times)
            durations = sorted(r["duration_s"] for r in report["results"])
            counts = ", ".join(f"{n} {s}" for s, n in summary["counts"].items() if n)
            tier = "" if args.tier == "full" else f"{args.tier} tier, "
            print(f"{backend:<10} -j {j} {tier}{report['run']['hypothesis']['profile']:<8} {', '.join(args.topic) or 'all topics'}: "
                  f"median {med:.1f} s "
                  f"(min {min(times):.1f}, max {max(times):.1f}, {len(times)} run(s)); {summary['total']} checks "
                  f"({summary['total'] / med:.1f}/s), {behaviours} behaviours ({behaviours / med:.1f}/s); "
                  f"per-check median {1000 * statistics.median(durations):.1f} ms; {counts}")


def cmd_smoke(args: argparse.Namespace) -> None:
    """The smoke tier as a user runs it before the full suite: torch (or --backend), -j 2 (or --jobs)."""
    args.tier, args.backend, args.jobs = "smoke", args.backend or "torch", args.jobs or 2
    cmd_suite(args)


def cmd_startup(args: argparse.Namespace) -> None:
    """Seconds from launch to the first result line in results.jsonl, against `import torch` alone."""
    import_torch, _ = _timed([sys.executable, "-c", "import torch"])
    with tempfile.TemporaryDirectory() as out:
        log = Path(out) / "results.jsonl"
        topics = args.topic or ["view"]
        cmd = [*CLI, "run", "--backend", args.backend or "torch", "-j", "2", "--tier", args.tier, "--output", out]
        cmd += [arg for topic in topics if topic != "all" for arg in ("--topic", topic)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        first = None
        while proc.poll() is None and first is None:
            if log.exists() and any("nodeid" in line and '"kind"' not in line for line in log.read_text().splitlines()):
                first = time.perf_counter() - start
            time.sleep(0.02)
        proc.wait()
    print(f"python -c 'import torch': {import_torch:.2f} s; time to the first finished check "
          f"(-j 2, {args.tier} tier, topics {', '.join(topics)}): {first if first is None else f'{first:.2f} s'}")


def cmd_overhead(args: argparse.Namespace) -> None:
    """The same checks (one topic, one process each way) through the CLI and through bare pytest."""
    topic = args.topic[0] if args.topic else "ops"
    bare = [sys.executable, "-m", "pytest", "suites", "-m", topic, "-q", "-p", "no:xdist", "--backend", args.backend or "torch"]
    with tempfile.TemporaryDirectory() as out:
        t_bare = statistics.median(_timed(bare)[0] for _ in range(args.repeat))
        t_cli = statistics.median(_run(args.backend or "torch", 1, "ci", [topic], Path(out))[0] for _ in range(args.repeat))
    print(f"topic {topic}: bare pytest {t_bare:.1f} s, torch-conformance run -j 1 (isolation + report) {t_cli:.1f} s: "
          f"overhead ratio {t_cli / t_bare:.2f}")


def cmd_report(args: argparse.Namespace) -> None:
    """Build JSON, Markdown and HTML from a results.jsonl of N synthetic results (a real run's, repeated)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        _, seed_report = _run("reference", 2, "ci", ["view"], tmp_path / "seed")
        rows = seed_report["results"]
        log = tmp_path / "results.jsonl"
        r = seed_report["run"]
        with log.open("w") as f:
            f.write(json.dumps({"kind": "run", "backend": r["backend"], "profile": "ci", "seed": None,
                                "started": r["started"], "command": ["synthetic"]}) + "\n")
            for i in range(args.results):
                row = dict(rows[i % len(rows)])
                row["nodeid"] = f"{row['nodeid']}#{i}"
                f.write(json.dumps(row) + "\n")
            f.write(json.dumps({"kind": "finished", "complete": True, "finished": r["finished"]}) + "\n")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        wall, proc = _timed([*CLI, "report", "--from-log", str(log), "--output", str(tmp_path / "big")])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if proc.returncode not in (0, 1):
            sys.exit(proc.stderr[-2000:])
        sizes = {p.name: p.stat().st_size / 1e6 for p in (tmp_path / "big").iterdir()}
    print(f"{args.results} results -> report.json/.md/.html in {wall:.2f} s, peak RSS {max(peak, before) / 1024:.0f} MB; "
          + ", ".join(f"{n} {s:.1f} MB" for n, s in sorted(sizes.items())))


def cmd_slowest(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as out:
        _, report = _run(args.backend or "torch", 2, "ci", args.topic, Path(out))
    for r in sorted(report["results"], key=lambda r: -r["duration_s"])[:20]:
        print(f"{r['duration_s'] * 1000:8.0f} ms  {r['nodeid']}")


def cmd_mutants(args: argparse.Namespace) -> None:
    wall, proc = _timed([sys.executable, "-m", "pytest", "tests/test_mutants.py", "-q", "-n", "2", "--dist", "loadgroup"],
                        env={**os.environ})
    print(f"mutant sweep (-n 2, loadgroup): {wall:.0f} s; {proc.stdout.strip().splitlines()[-1]}")


def cmd_digests(args: argparse.Namespace) -> None:
    """CPU a derandomized run spends in hypothesis's ``function_digest``: a hash of the check's cleaned
    source, decorators included, computed twice per parametrized row. Tables written inline in
    ``@pytest.mark.parametrize`` make each digest dearer; bound by assignment, they cost nothing here."""
    import ast
    import importlib
    import inspect
    from collections import Counter

    from hypothesis.internal.reflection import function_digest

    listing = subprocess.run([sys.executable, "-m", "pytest", "suites", "--backend", args.backend or "reference",
                              "--collect-only", "-q", "-p", "no:xdist", "--assert=plain"], capture_output=True, text=True, cwd=ROOT)
    rows = Counter(line.split("[")[0] for line in listing.stdout.splitlines() if "::" in line)
    sys.path.insert(0, str(ROOT))
    found = []  # (seconds per digest, decorator characters, rows, check)
    for path in sorted((ROOT / "suites").rglob("test_*.py")):
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for name, fn in vars(module).items():
            inner = getattr(getattr(fn, "hypothesis", None), "inner_test", None)
            if inner is None or not name.startswith("test"):
                continue
            source = inspect.getsource(inner)
            decorators = sum(len(line) for line in source.splitlines()[:ast.parse(source).body[0].lineno - 1])
            start = time.perf_counter()
            for _ in range(10):
                function_digest(inner)
            nodeid = f"{path.relative_to(ROOT).as_posix()}::{name}"
            found.append(((time.perf_counter() - start) / 10, decorators, rows[nodeid], nodeid))
    base = statistics.median(f[0] for f in found if f[1] < 300)
    total = sum(2 * f[0] * f[2] for f in found)
    print(f"{sum(f[2] for f in found)} hypothesis rows: {total:.2f} s of digests per derandomized run (2 per row); "
          f"baseline {1000 * base:.2f} ms per digest (decorators under 300 characters)")
    by_file: Counter[str] = Counter()
    for seconds, decorators, n, nodeid in found:
        if decorators >= 300 and n > 1:
            by_file[nodeid.split("::")[0]] += 2 * (seconds - base) * n
    print(f"of which inline tables (decorators of 300+ characters, parametrized): {sum(by_file.values()):.2f} s")
    for name, seconds in by_file.most_common():
        if seconds > 0.01:
            print(f"  {seconds:5.2f} s  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("suite", "smoke", "startup", "overhead", "report", "slowest", "mutants", "digests"))
    parser.add_argument("--backend")
    parser.add_argument("--topic", action="append", default=[])
    parser.add_argument("--jobs", type=int)
    parser.add_argument("--profile", choices=("ci", "thorough"), help="hypothesis profile (default: the tier's: ci, or smoke)")
    parser.add_argument("--tier", choices=("full", "smoke"), default="full")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--results", type=int, default=100_000)
    args = parser.parse_args()
    before = os.getloadavg()
    globals()[f"cmd_{args.what}"](args)
    print("load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f} on {} CPUs".format(
        *before, *os.getloadavg(), os.cpu_count()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
