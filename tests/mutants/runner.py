"""Run mutants in this process, one after another: ``python -m tests.mutants.runner OUT NAME...``.

Each mutant is applied, the checks of the behaviours it breaks or spares (only the files
declaring them are collected) are run against it with ``pytest.main`` (``report.json`` only, in
``OUT/<name>/``), and the patch is undone before the next. A session per mutant keeps each
report, the plugin's state and the adapter's name its own; the process (torch, the imported
checks) is shared, which is what makes a mutant cost a fraction of a second.
"""
from __future__ import annotations

import gc
import importlib
import os
import sys
from pathlib import Path

import pytest

from conformance.coverage import declared_behaviours
from conformance.report.build import JSON_ONLY_ENV
from tests.mutants import all_mutants

SUITES = Path(__file__).resolve().parents[2] / "suites"


def run(out: Path, names: list[str]) -> None:
    mutants = all_mutants()
    declared = declared_behaviours()
    os.environ[JSON_ONLY_ENV] = "1"  # verdicts are read from report.json: no Markdown or HTML per mutant
    for name in names:
        mutant = mutants[name]
        os.environ["CONFORMANCE_MUTANT"] = name
        os.environ["CONFORMANCE_MUTANT_BACKEND"] = mutant.backend
        files = sorted({where.split("::")[0] for bid in mutant.breaks + mutant.spares for where in declared.get(bid, ())})
        if not files:
            continue  # no check declares these behaviours: no report, so the mutant test fails
        args = [*(str(SUITES.parent / f) for f in files), "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
                "--tb=no", "--no-header", "--backend", "tests.mutants.backend:adapter", "--conformance-report", str(out / name)]
        for bid in mutant.breaks + mutant.spares:
            args += ["--behaviour", bid]
        undo = mutant.patch(importlib.import_module(mutant.backend))
        # pytest collects garbage twice per session; torch and earlier sessions' objects are long-lived,
        # so freezing them keeps each collection to this session's objects (most of a mutant's time otherwise)
        gc.freeze()
        try:
            pytest.main(args)
        finally:
            undo()


if __name__ == "__main__":
    run(Path(sys.argv[1]), sys.argv[2:])
