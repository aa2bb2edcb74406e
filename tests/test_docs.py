"""The README and the guide say what a new user and a new check writer need."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from conformance import Adapter

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "docs" / "writing-checks.md").read_text(encoding="utf-8")


def test_setup_makes_a_virtual_environment_first() -> None:
    commands = README.split("```sh", 1)[1].split("```", 1)[0]
    assert commands.strip().startswith("python3 -m venv .venv && . .venv/bin/activate")
    assert "torch==2.13.0" in commands  # the README's commands still install the pinned CPU torch


def test_exit_codes_include_130_for_an_interrupted_run() -> None:
    assert re.search(r"130 when the run was interrupted", README)


def test_the_adapter_example_sets_every_adapter_field() -> None:
    example = README.split("Every field of `conformance.Adapter`", 1)[1].split("```", 2)[1]
    fields = [f.name for f in dataclasses.fields(Adapter) if f.init]
    missing = [name for name in fields if not re.search(rf"^\s+{name}=", example, re.M)]
    assert not missing, f"README's adapter example lacks {missing}"


def test_publishing_is_an_explicit_documented_command() -> None:
    assert "torch-conformance publish conformance-reports/torch" in README


def test_the_guide_has_the_reference_backend_and_mutant_steps() -> None:
    assert "## 5. The reference backend" in GUIDE and "--backend reference" in GUIDE
    assert "## 3. Mutants" in GUIDE and "test_every_behaviour_is_broken_by_a_mutant" in GUIDE


def test_ci_runs_the_readme_test_command() -> None:
    """``.ci/run`` runs each step of the README's test command (it times the mutant sweep on its own)."""
    line = next(c for c in README.split("```sh", 1)[1].split("```", 1)[0].splitlines() if c.endswith("# the tests"))
    steps = [s.strip() for s in line.split("#")[0].split("&&") if not s.strip().startswith("pip install")]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    missing = [s for s in steps if s not in ci]
    assert steps and not missing, f".ci/run lacks the README's test steps {missing}"
