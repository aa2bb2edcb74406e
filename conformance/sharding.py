"""Deterministic sharding: ``--shard I/N`` keeps a stable, balanced share of the selected checks.

Checks are ordered by node ID (independent of collection order and machine); with
``--shard-durations REPORT.json`` (a previous run's report) they are dealt longest first to
the shard with the least recorded time so far (unknown checks count as the median), else
round-robin, so every shard gets the same number of checks to within one. Items of one
``xdist_group`` (e.g. a batch of mutants sharing a subprocess) stay in one shard. The N shards'
selections are disjoint and together make the whole selection; ``torch-conformance merge``
joins their reports into one.
"""
from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import pytest

_SHARD = re.compile(r"^(\d+)/(\d+)$")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("torch-conformance")
    group.addoption("--shard", metavar="I/N", default=None,
                    help="run only shard I of N (1-based) of the selected checks: stable and balanced")
    group.addoption("--shard-durations", metavar="REPORT", default=None,
                    help="a previous report.json whose durations balance the shards (default: by count)")


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/3"`` -> (2, 3); raises ``pytest.UsageError`` for anything else."""
    match = _SHARD.match(text.strip())
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise pytest.UsageError(f"--shard {text!r}: expected I/N with 1 <= I <= N, e.g. --shard 2/3")
    return int(match.group(1)), int(match.group(2))


def _durations(path: str | None) -> dict[str, float]:
    if not path:
        return {}
    try:
        results = json.loads(Path(path).read_text(encoding="utf-8"))["results"]
        return {r["nodeid"]: float(r["duration_s"]) for r in results}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise pytest.UsageError(f"--shard-durations {path}: not a readable report.json ({exc})") from None


def assign(nodeids: list[str], shards: int, durations: dict[str, float],
           groups: dict[str, str] | None = None) -> dict[str, int]:
    """node ID -> its shard (0-based): longest-first greedy by recorded duration, else round-robin.

    ``groups`` maps node IDs that must share a shard to a common group name."""
    members: dict[str, list[str]] = {}
    for n in sorted(nodeids):
        members.setdefault((groups or {}).get(n, n), []).append(n)
    if not durations and not groups:
        return {n: i % shards for i, n in enumerate(sorted(nodeids))}
    default = statistics.median(durations.values()) if durations else 1.0
    weight = {g: sum(durations.get(n, default) for n in ns) for g, ns in members.items()}
    load = [0.0] * shards
    out: dict[str, int] = {}
    for g in sorted(members, key=lambda g: (-weight[g], g)):
        k = min(range(shards), key=lambda s: (load[s], s))
        out.update(dict.fromkeys(members[g], k))
        load[k] += weight[g]
    return out


def _group(item: pytest.Item) -> str | None:
    mark = item.get_closest_marker("xdist_group")
    return str(mark.args[0] if mark.args else mark.kwargs.get("name")) if mark else None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    option = config.getoption("shard", None)
    if not option:
        return
    index, shards = parse_shard(option)
    groups = {i.nodeid: g for i in items if (g := _group(i)) is not None}
    owner = assign([i.nodeid for i in items], shards, _durations(config.getoption("shard_durations")), groups)
    kept = [i for i in items if owner[i.nodeid] == index - 1]
    dropped = [i for i in items if owner[i.nodeid] != index - 1]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
