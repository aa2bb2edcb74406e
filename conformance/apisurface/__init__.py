"""The API surface: every public name in scope, and which behaviours cover it.

Reads the committed data in ``conformance/catalogue/api/`` (written by
``python -m conformance.apisurface.generate``), never torch, so coverage is known without
importing any backend. A name is *covered* when some behaviour that has at least one check
lists it in its ``api`` field.
"""
from __future__ import annotations

import functools
import tomllib
from typing import Any
from dataclasses import dataclass
from pathlib import Path

from conformance import catalogue
from conformance.coverage import declared_behaviours

API_DIR = Path(__file__).resolve().parent.parent / "catalogue" / "api"


@dataclass(frozen=True)
class Surface:
    """The committed surface: names per namespace, and the out-of-scope ones with their category."""

    torch_version: str
    namespaces: dict[str, tuple[str, ...]]
    out_of_scope: dict[str, str]
    categories: dict[str, str]
    namespace_of: dict[str, str]
    """name -> its namespace"""


@dataclass(frozen=True)
class NamespaceCoverage:
    """One namespace's figures: names covered, in scope (surface less out of scope), out of scope."""

    namespace: str
    covered: tuple[str, ...]
    in_scope: int
    out_of_scope: int
    uncovered: tuple[str, ...]

    @property
    def percent(self) -> float:
        return round(100 * len(self.covered) / self.in_scope, 1) if self.in_scope else 100.0


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads((API_DIR / name).read_text(encoding="utf-8"))


@functools.cache
def load_surface() -> Surface:
    surface, oos = _read("surface.toml"), _read("out_of_scope.toml")
    namespaces = {ns: tuple(v["names"]) for ns, v in surface["namespace"].items()}
    return Surface(torch_version=surface["torch_version"], namespaces=namespaces,
                   out_of_scope=dict(oos["out_of_scope"]), categories=dict(oos["categories"]),
                   namespace_of={n: ns for ns, names in namespaces.items() for n in names})


@functools.cache
def load_floor() -> dict[str, int]:
    """The committed ratchet: the fewest covered names each namespace may have."""
    return dict(_read("floor.toml")["covered"])


def covering_behaviours(topic: str | None = None) -> dict[str, tuple[str, ...]]:
    """name -> the IDs of behaviours with at least one check that list it (of one topic, if given)."""
    declared = declared_behaviours()
    found: dict[str, list[str]] = {}
    for b in catalogue.behaviours().values():
        if b.id in declared and (topic is None or b.topic == topic):
            for name in b.api:
                found.setdefault(name, []).append(b.id)
    return {k: tuple(v) for k, v in found.items()}


def report_block() -> dict[str, dict[str, dict[str, int]]]:
    """The report's ``api_coverage``: figures per namespace, and per topic the names its behaviours cover."""
    namespaces = {r.namespace: {"covered": len(r.covered), "in_scope": r.in_scope, "out_of_scope": r.out_of_scope}
                  for r in coverage()}
    topics = {t: {r.namespace: len(r.covered) for r in coverage(t) if r.covered} for t in catalogue.TOPICS}
    return {"namespaces": namespaces, "topics": topics}


def coverage(topic: str | None = None) -> list[NamespaceCoverage]:
    """Per namespace, in the surface's order: what the behaviours (of one topic, if given) cover."""
    surface = load_surface()
    covered = covering_behaviours(topic)
    rows = []
    for ns, names in surface.namespaces.items():
        in_scope = [n for n in names if n not in surface.out_of_scope]
        rows.append(NamespaceCoverage(ns, tuple(n for n in in_scope if n in covered), len(in_scope),
                                      len(names) - len(in_scope), tuple(n for n in in_scope if n not in covered)))
    return rows
