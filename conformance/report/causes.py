"""Failures grouped by root cause: a missing API versus wrong behaviour.

When hundreds of checks fail because the namespace lacks one name or a method rejects one keyword,
the report says so once. A missing API is an AttributeError on the namespace or a method, or a
TypeError for an unexpected keyword; every other failure is wrong behaviour. Both stay failures.
"""
from __future__ import annotations

import re
from typing import Any

_MISSING = (
    (re.compile(r"AttributeError: .*?has no attribute '([^']+)'"), "attribute"),
    (re.compile(r"TypeError: .*?unexpected keyword argument '([^']+)'"), "keyword"),
)


def missing_api(message: str) -> tuple[str, str] | None:
    """(name, "attribute" or "keyword") of the API the failure says is missing, or None."""
    for pattern, kind in _MISSING:
        found = pattern.search(message)
        if found:
            return found.group(1), kind
    return None


def label(cause: dict[str, Any]) -> str:
    """``requires_grad keyword``, ``rot90``: what is missing, in words."""
    return f"{cause['api']} keyword" if cause["kind"] == "keyword" else cause["api"]


def root_causes(results: list[dict[str, Any]]) -> dict[str, Any]:
    """``missing_api``: one entry per missing name, most checks first; ``wrong_behaviour``: the other failures."""
    missing: dict[str, dict[str, Any]] = {}
    seen: dict[str, set[str]] = {}  # each entry's behaviours, for a lookup that does not grow with them
    wrong = 0
    for r in results:
        if r["status"] != "failed":
            continue
        what = missing_api(r["message"])
        if what is None:
            wrong += 1
            continue
        key = " ".join(what)
        entry = missing.setdefault(key, {"api": what[0], "kind": what[1], "checks": 0, "behaviours": []})
        entry["checks"] += 1
        known = seen.setdefault(key, set())
        for b in r["behaviours"]:
            if b not in known:
                known.add(b)
                entry["behaviours"].append(b)
    ordered = sorted(missing.values(), key=lambda e: (-e["checks"], e["api"], e["kind"]))
    return {"missing_api": ordered, "wrong_behaviour": wrong}
