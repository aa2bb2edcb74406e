"""Sharding and remote workers: shards are disjoint, balanced and together the whole selection; three
local shards merged equal one full run; a run spread over execnet gateways (popen, standing in for
remote machines) gives the same statuses as a local one."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.sharding import assign, parse_shard

ROOT = Path(__file__).resolve().parent.parent
SELECTION = ["suites", "-m", "view", "--backend", "reference", "-q", "--behaviour", "view.view.*",
             "--behaviour", "view.transpose.*"]


def _pytest(args: list[str], out: Path) -> dict[str, str]:
    proc = subprocess.run([sys.executable, "-m", "pytest", *SELECTION, *args, "--conformance-report", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return _statuses(out)


def _statuses(out: Path) -> dict[str, str]:
    return {r["nodeid"]: r["status"] for r in json.loads((out / "report.json").read_text())["results"]}


def test_assignment_is_stable_disjoint_and_balanced() -> None:
    ids = [f"suites/x.py::test_{i}" for i in range(10)]
    owner = assign(ids, 3, {})
    assert owner == assign(list(reversed(ids)), 3, {}), "the share depends on collection order"
    sizes = sorted(list(owner.values()).count(k) for k in range(3))
    assert sizes == [3, 3, 4] and set(owner) == set(ids)


def test_recorded_durations_balance_time_not_count() -> None:
    durations = {"a": 9.0, "b": 1.0, "c": 1.0, "d": 1.0, "e": 5.0, "f": 4.0}
    owner = assign(list(durations), 2, durations)
    load = [sum(d for n, d in durations.items() if owner[n] == k) for k in range(2)]
    assert sorted(load) == [10.0, 11.0]


@pytest.mark.parametrize("text", ["0/3", "4/3", "1-3", "x"])
def test_a_bad_shard_is_a_usage_error(text: str) -> None:
    with pytest.raises(pytest.UsageError):
        parse_shard(text)


@pytest.mark.xdist_group("sharding")
def test_three_merged_shards_equal_one_full_run(tmp_path: Path) -> None:
    full = _pytest(["-p", "no:xdist"], tmp_path / "full")
    for i in (1, 2, 3):
        _pytest(["-p", "no:xdist", "--shard", f"{i}/3"], tmp_path / f"shard{i}")
    parts = [str(tmp_path / f"shard{i}" / "report.json") for i in (1, 2, 3)]
    assert main(["merge", *parts, "--output", str(tmp_path / "merged")]) == 0
    shards = [_statuses(tmp_path / f"shard{i}") for i in (1, 2, 3)]
    assert sum(len(s) for s in shards) == len(full), "shards overlap or miss checks"
    assert _statuses(tmp_path / "merged") == full


@pytest.mark.xdist_group("sharding")
def test_a_run_over_execnet_gateways_gives_the_same_statuses(tmp_path: Path) -> None:
    """``--tx`` popen gateways stand in for remote machines (ssh=host//python=... in real use)."""
    local = _pytest(["-p", "no:xdist"], tmp_path / "local")
    remote = _pytest(["--tx", f"2*popen//python={sys.executable}", "--dist", "load"], tmp_path / "remote")
    assert remote == local


def test_a_group_stays_in_one_shard() -> None:
    """Mutant batches share a subprocess: splitting one across shards would run it twice."""
    groups = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "c1": "C"}
    owner = assign(list(groups), 2, {}, groups)
    assert owner["a1"] == owner["a2"] == owner["a3"] and owner["b1"] != owner["a1"]


def test_the_mutant_sweep_shards_into_whole_batches() -> None:
    """Three shards of tests/test_mutants.py: disjoint, together every mutant, each batch in one shard only
    (README "Scaling out": one CI job per shard of the sweep)."""
    from tests.test_mutants import BATCH_OF

    shards = []
    for i in (1, 2, 3):
        proc = subprocess.run([sys.executable, "-m", "pytest", "tests/test_mutants.py", "--collect-only", "-q",
                               "-p", "no:xdist", "--shard", f"{i}/3"], cwd=ROOT, capture_output=True, text=True,
                              timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        shards.append({line.split("[", 1)[1].rsplit("]", 1)[0] for line in proc.stdout.splitlines()
                       if "test_mutant_is_caught[" in line})
    assert sum(map(len, shards)) == len(set().union(*shards)) == len(BATCH_OF), [len(s) for s in shards]
    owners: dict[str, set[int]] = {}
    for i, shard in enumerate(shards):
        for name in shard:
            owners.setdefault(BATCH_OF[name], set()).add(i)
    split = {batch: sorted(shard_ids) for batch, shard_ids in owners.items() if len(shard_ids) > 1}
    assert not split, f"batches split across shards: {split}"
