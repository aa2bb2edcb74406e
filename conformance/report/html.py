"""report.html."""
from __future__ import annotations

from typing import Any


def render(report: dict[str, Any]) -> str:
    return "TODO\n"
