"""Every mutant must be caught: each behaviour it breaks is reported ``failed`` (and each it
spares, ``passed``: one check, one behaviour).

Mutants run in batches (at most ``BATCH`` mutants of one topic) in one subprocess each
(torch imported once per batch); each mutant's verdict is then its own test, so a miss
names the mutant. Under xdist use ``--dist loadgroup`` so each batch's subprocess runs on
one worker only, and batches spread over the workers; ``--shard I/N`` keeps a batch in one
shard (it is an ``xdist_group``), so every shard runs whole batches and judges its own mutants.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import catalogue
from tests.mutants import TOPIC_MODULES, all_mutants, mutant_module

MUTANTS = all_mutants()
ROOT = Path(__file__).resolve().parent.parent
BATCH = 80


def _topic(name: str) -> str:
    return catalogue.lookup(MUTANTS[name].breaks[0]).topic


def _batches() -> dict[str, list[str]]:
    """batch name (``<topic>-<k>``) -> its mutants: each topic's mutants, by module, cut into near-equal
    batches of at most ``BATCH`` (few batches: each pays a process start-up importing torch)."""
    by_topic: dict[str, list[str]] = {}
    for n in sorted(MUTANTS, key=lambda n: (mutant_module(n), n)):
        by_topic.setdefault(_topic(n), []).append(n)
    out: dict[str, list[str]] = {}
    for topic, names in by_topic.items():
        count = -(-len(names) // BATCH)
        out.update({f"{topic}-{k}": names[k * len(names) // count:(k + 1) * len(names) // count] for k in range(count)})
    return out


BATCHES = _batches()
BATCH_OF = {n: batch for batch, names in BATCHES.items() for n in names}


@pytest.fixture(scope="module")
def batch_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """batch -> the folder holding one report per mutant of that batch (run lazily, once)."""
    return {}


@pytest.fixture(scope="module")
def selected(request: pytest.FixtureRequest) -> set[str]:
    """The mutants this run selected (``-k``, ``--shard``): a batch runs only those."""
    return {item.callspec.params["name"] for item in request.session.items
            if getattr(item, "originalname", "") == "test_mutant_is_caught"}


def _reports_for(batch: str, cache: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, selected: set[str]) -> Path:
    if batch not in cache:
        out = tmp_path_factory.mktemp(f"mutants-{batch}")
        names = [n for n in BATCHES[batch] if n in selected]
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        proc = subprocess.run([sys.executable, "-m", "tests.mutants.runner", str(out), *names], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=900)
        (out / "runner.log").write_text(proc.stdout + proc.stderr)
        cache[batch] = out
    return cache[batch]


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xdist_group(BATCH_OF[n]))  # with --dist loadgroup a batch runs once
    for n in sorted(MUTANTS, key=lambda n: (TOPIC_MODULES.index(_topic(n)), BATCH_OF[n], n))
])
def test_mutant_is_caught(name: str, batch_reports: dict[str, Path], tmp_path_factory: pytest.TempPathFactory,
                          selected: set[str]) -> None:
    mutant = MUTANTS[name]
    out = _reports_for(BATCH_OF[name], batch_reports, tmp_path_factory, selected)
    report_path = out / name / "report.json"
    log = (out / "runner.log").read_text()[-3000:]
    assert report_path.exists(), f"mutant {name} wrote no report; runner output:\n{log}"
    behaviours = json.loads(report_path.read_text())["behaviours"]
    statuses = {bid: behaviours[bid]["status"] for bid in mutant.breaks}
    assert all(s == "failed" for s in statuses.values()), f"mutant {name} not caught: {statuses}"
    spared = {bid: behaviours.get(bid, {}).get("status", "not run") for bid in mutant.spares}
    assert all(s == "passed" for s in spared.values()), \
        f"mutant {name} also fails behaviours it should leave alone (a check asserts outside its behaviour): {spared}"


def test_every_behaviour_is_broken_by_a_mutant() -> None:
    """The README's promise: each catalogued behaviour is proven able to fail by some mutant."""
    broken = {bid for m in MUTANTS.values() for bid in m.breaks}
    unproven = sorted(set(catalogue.behaviours()) - broken)
    assert not unproven, f"{len(unproven)} behaviours no mutant breaks: {unproven}"
