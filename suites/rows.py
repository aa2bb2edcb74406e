"""Spec-table rows as pytest parameters, each citing its own behaviour (shared by the nn and optim tables)."""
from __future__ import annotations

from typing import Any, Mapping

import pytest


def cited_rows(table: Mapping[str, Any], *cited: tuple[str, pytest.MarkDecorator]) -> list[Any]:
    """``pytest.param`` per (row name, ``check(...)`` mark): a spec-table row citing its own behaviour."""
    return [pytest.param(table[name], id=name, marks=mark) for name, mark in cited]
