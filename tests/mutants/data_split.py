"""Mutants of the data behaviours split out by the one-check-one-behaviour audit."""
from __future__ import annotations

from typing import Any

from tests.mutants import Mutant
from tests.mutants.data import loader_init


def _prefetch_three(k: dict) -> dict:
    return {"prefetch_factor": 3, **k} if k.get("num_workers", 0) > 0 else k


def _init_fn_sees_another_seed(k: dict) -> dict:
    """As if worker_init_fn ran before the worker was seeded: it sees a seed that is not the worker's."""
    fn = k.get("worker_init_fn")
    if fn is not None:
        def init(worker_id: int) -> Any:
            import torch

            torch.manual_seed(12345 + worker_id)
            return fn(worker_id)
        k["worker_init_fn"] = init
    return k


MUTANTS = [
    Mutant("data-loader-prefetch-factor-3", ("data.loader.prefetch-factor-default",), loader_init(_prefetch_three),
           spares=("data.loader.defaults",)),
    Mutant("data-worker-init-fn-before-seeding", ("data.workers.init-fn-after-seeding",),
           loader_init(_init_fn_sees_another_seed), spares=("data.workers.init-fn",)),
]
