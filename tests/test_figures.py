"""The README's figures match the catalogue, the checks and the mutants."""
from __future__ import annotations

from tests.figures import README, render


def test_readme_figures_are_in_sync() -> None:
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "README figures are stale: run python -m tests.figures"
