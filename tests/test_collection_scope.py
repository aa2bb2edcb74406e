"""`torch-conformance run --topic/--behaviour` collects only the suite modules declaring a selected
behaviour (start-up: a worker imports and collects what it runs). That loses no check as long as every
check's module names its behaviours with ``check("<id>")`` literals, as the coverage scanner reads them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conformance import catalogue
from conformance.cli import _suite_paths
from conformance.coverage import SUITES_DIR, declared_behaviours


def test_every_check_is_in_a_module_that_declares_its_behaviours(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pytest", str(SUITES_DIR), "--backend", "reference", "--collect-only", "-q",
                    "-p", "no:xdist", "--assert=plain", "--conformance-report", str(tmp_path)],
                   cwd=SUITES_DIR.parent, capture_output=True, text=True, timeout=300)
    log = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text().splitlines()]
    checks = next(line["checks"] for line in log if line.get("kind") == "selected")
    declared = declared_behaviours()
    astray = [(c["nodeid"], b) for c in checks for b in c["behaviours"]
              if c["nodeid"].split("::")[0] not in {where.split("::")[0] for where in declared.get(b, ())}]
    assert astray == [], "checks whose module lacks a check(...) literal for their behaviour: --topic would miss them"
    for topic in catalogue.TOPICS:
        wanted = {c["nodeid"].split("::")[0] for c in checks if any(catalogue.lookup(b).topic == topic for b in c["behaviours"])}
        paths = {Path(p).relative_to(SUITES_DIR.parent).as_posix() for p in _suite_paths([topic], [])}
        assert wanted <= paths, f"--topic {topic} would not collect {sorted(wanted - paths)}"


def test_no_selection_collects_the_whole_suite() -> None:
    assert _suite_paths([], []) == [str(SUITES_DIR)]
    assert _suite_paths(["data"], ["ops.*"]) == [str(SUITES_DIR)]  # matches nothing: pytest says so, as before
