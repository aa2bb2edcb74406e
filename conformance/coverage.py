"""Which behaviours the checks in ``suites/`` declare, read statically from the source.

Static so that it works on the xdist controller (which collects nothing) and for
``torch-conformance catalogue`` without importing any backend.
"""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import suites

SUITES_DIR = Path(suites.__file__).resolve().parent


@functools.cache
def declared_behaviours(root: Path = SUITES_DIR) -> dict[str, tuple[str, ...]]:
    """behaviour ID -> the check functions (``path::name``) that declare it with ``check(...)``."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and getattr(deco.func, "id", getattr(deco.func, "attr", "")) == "check":
                    for arg in deco.args:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                            where = f"{path.relative_to(root.parent).as_posix()}::{node.name}"
                            found.setdefault(arg.value, []).append(where)
    return {k: tuple(v) for k, v in found.items()}
