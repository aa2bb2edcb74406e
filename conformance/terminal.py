"""The end-of-run list of what failed: grouped by behaviour, one line each, capped.

A full failure (call, expected, got, repro) is printed once, by pytest or in the report; this
list only names what to look at.
"""
from __future__ import annotations

from typing import Any, Iterable

from conformance.report.build import clip
from conformance.statuses import BAD, SEVERITY

MAX_LISTED = 10
MAX_REASON_CHARS = 110


def plural(n: int, word: str) -> str:
    """``1 behaviour``, ``2 behaviours``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def reason(message: str) -> str:
    """One line saying why: expected/got, the exception the backend raised, or the crash."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    headers = {i for i, line in enumerate(lines[1:]) if line.startswith("source:")}  # "backend X violates ID: ..."
    said = [line for i, line in enumerate(lines)
            if i not in headers and not line.startswith(("source:", "repro:", "call:", "where:"))]
    fields = dict(line.split(": ", 1) for line in said if line.startswith(("expected: ", "got: ")))
    if "expected" in fields and "got" in fields:
        text = f"expected {fields['expected']}, got {fields['got']}"
    else:
        text = said[0] if said else (lines[0] if lines else "")
    return clip(" ".join(text.split()), MAX_REASON_CHARS)


def failure_lines(entries: Iterable[dict[str, Any]], cap: int = MAX_LISTED) -> list[str]:
    """``entries``: one per check, with ``behaviours``, ``status`` and ``message``; the bad ones are listed."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        if entry["status"] in BAD:
            for bid in entry["behaviours"]:
                groups.setdefault(bid, []).append(entry)
    if not groups:
        return []
    checks = len({id(e) for group in groups.values() for e in group})
    lines = [f"{plural(len(groups), 'behaviour')} not met ({plural(checks, 'check')}):"]
    ordered = sorted(groups.items(), key=lambda kv: (min(SEVERITY.index(e["status"]) for e in kv[1]), -len(kv[1]), kv[0]))
    width = max(len(bid) for bid, _ in ordered[:cap])
    counts = max(len(str(len(group))) for _, group in ordered[:cap])
    for bid, group in ordered[:cap]:
        first = min(group, key=lambda e: SEVERITY.index(e["status"]))
        lines.append(f"  {bid:<{width}}  {first['status']} x{len(group):<{counts}}  {reason(first['message'])}")
    if len(ordered) > cap:
        lines.append(f"  and {len(ordered) - cap} more")
    return lines
