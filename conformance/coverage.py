"""Which behaviours the checks in ``suites/`` declare, read statically from the source.

Static so that it works on the xdist controller (which collects nothing) and for
``torch-conformance catalogue`` without importing any backend.
"""
from __future__ import annotations

import ast
import functools
from collections import deque
from pathlib import Path
from typing import Iterator

import suites

SUITES_DIR = Path(suites.__file__).resolve().parent


def _name_of(node: ast.stmt) -> str:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
    return next((t.id for t in targets if isinstance(t, ast.Name)), f"line{node.lineno}")


def _walk_mentioning(top: ast.AST, lines: list[str], word: str) -> Iterator[ast.AST]:
    """``ast.walk(top)``, less the nested statements whose source lacks ``word`` (nothing in them can
    name it): walking every node of every check's body was most of the time this module takes."""
    todo = deque([top])
    while todo:
        node = todo.popleft()
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.stmt) or any(word in line for line in lines[child.lineno - 1:child.end_lineno]):
                todo.append(child)
        yield node


@functools.cache
def declared_behaviours(root: Path = SUITES_DIR) -> dict[str, tuple[str, ...]]:
    """behaviour ID -> the checks (``path::name``) that declare it with ``check("<id>", ...)``.

    A ``check(...)`` call anywhere in a top-level statement of a ``test_*.py`` module counts: as a
    decorator, or in a spec table row (``pytest.param(..., marks=check("ops.unary.abs"))``).
    """
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for stmt in ast.parse(source, filename=str(path)).body:
            for node in _walk_mentioning(stmt, lines, "check"):
                if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "check":
                    for arg in node.args:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                            where = f"{path.relative_to(root.parent).as_posix()}::{_name_of(stmt)}"
                            found.setdefault(arg.value, []).append(where)
    return {k: tuple(v) for k, v in found.items()}
