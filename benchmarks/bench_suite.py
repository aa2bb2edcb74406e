"""Wall time of a conformance run, the figure the speed targets are stated in.

    python benchmarks/bench_suite.py                       # all topics, -j 2, ci profile
    python benchmarks/bench_suite.py --topic creation --topic ops --topic view
    python benchmarks/bench_suite.py --backend reference --repeat 3

Runs ``torch-conformance run`` in a subprocess (start-up included, as a user sees it)
and prints the median wall time with the check counts. Targets live in the README.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="torch")
    parser.add_argument("--topic", action="append", default=[])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    times, summary = [], {}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            cmd = [sys.executable, "-m", "conformance.cli", "run", "--backend", args.backend, "-j", str(args.jobs),
                   "--output", out]
            for topic in args.topic:
                cmd += ["--topic", topic]
            start = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            report = Path(out) / "report.json"
            if not report.exists():
                print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
                return 2
            summary = json.loads(report.read_text())["summary"]
    topics = ", ".join(args.topic) or "all topics"
    counts = ", ".join(f"{n} {s}" for s, n in summary["counts"].items() if n)
    print(f"backend {args.backend}, {topics}, -j {args.jobs}, ci profile: "
          f"median {statistics.median(times):.1f} s over {len(times)} run(s) "
          f"(min {min(times):.1f}, max {max(times):.1f}); {summary['total']} checks: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
