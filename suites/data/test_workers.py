"""Multi-process loading (T48; docs facts 9.19-9.22): workers are subprocesses that yield the same
batches as the main process, get_worker_info(), worker_init_fn, and worker seeds.

Worker start-up is slow, so these checks are few, use tiny datasets and num_workers=2, and do not
use hypothesis. The datasets and the worker_init_fn live in suites/data/datasets.py so they pickle."""
import functools
import os

import numpy as np

from conformance import check
from conformance.assertions import assert_tensor, describe, expect, is_tensor, show, to_numpy
from suites.data.datasets import WORKER_TIMEOUT, Numbers, Probe, record_init


def _rows(batches):
    """Probe batches (dicts of int64 tensors) -> one dict of ints per sample."""
    rows = []
    for batch in batches:
        columns = {k: to_numpy(v).reshape(-1).tolist() if is_tensor(v) else list(v) for k, v in batch.items()}
        rows += [dict(zip(columns, values)) for values in zip(*columns.values())]
    return rows


def _probe(xp, n):
    return Probe(n, xp.utils.data.get_worker_info, xp.initial_seed)


@check("data.workers.same-batches")
def test_workers_yield_same_batches(xp):
    D = xp.utils.data
    samples = [np.array([i, -i], dtype="float32") / 4 for i in range(11)]
    single = list(D.DataLoader(Numbers(samples), batch_size=3, num_workers=0))
    multi = list(D.DataLoader(Numbers(samples), batch_size=3, num_workers=2, timeout=WORKER_TIMEOUT))
    call = describe("DataLoader", "Numbers(11 float32 arrays (2,))", batch_size=3, num_workers=2, timeout=WORKER_TIMEOUT)
    expect(len(multi) == len(single) == 4, call=call, expected="4 batches, as with num_workers=0", got=f"{len(multi)} batches")
    for k, (a, b) in enumerate(zip(single, multi)):
        assert_tensor(b, to_numpy(a), dtype="float32", call=f"{call}, batch {k} against num_workers=0")
        assert_tensor(b, np.stack(samples[3 * k: 3 * k + 3]), dtype="float32", call=f"{call}, batch {k}")
    call = describe("DataLoader", "Probe(8)", batch_size=2, num_workers=2, timeout=WORKER_TIMEOUT)
    rows = _rows(D.DataLoader(_probe(xp, 8), batch_size=2, num_workers=2, timeout=WORKER_TIMEOUT))
    got = [r["index"] for r in rows]
    expect(got == list(range(8)), call=call, expected="samples in sampler order 0..7", got=got)
    pids = sorted({r["pid"] for r in rows})
    expect(os.getpid() not in pids, call=call, expected=f"samples loaded in subprocesses, not in the main process {os.getpid()}",
           got=f"loaded in processes {pids}")


@check("data.workers.worker-info")
def test_get_worker_info(xp):
    D = xp.utils.data
    got = D.get_worker_info()
    expect(got is None, call="get_worker_info() in the main process", expected=None, got=show(got))
    call = describe("DataLoader", "Probe(8)", batch_size=2, num_workers=2, timeout=WORKER_TIMEOUT)
    rows = _rows(D.DataLoader(_probe(xp, 8), batch_size=2, num_workers=2, timeout=WORKER_TIMEOUT))
    for r in rows:
        ok = r["worker"] in (0, 1) and r["num_workers"] == 2 and r["own_copy"] == 1
        expect(ok, call=f"get_worker_info() in a worker of {call}",
               expected="id in [0, 2), num_workers 2, dataset being the worker's own copy",
               got=f"id {r['worker']}, num_workers {r['num_workers']}, dataset is own copy: {bool(r['own_copy'])}")
    by_worker = {}
    for r in rows:
        by_worker.setdefault(r["worker"], set()).add(r["pid"])
    pids = [p for ps in by_worker.values() for p in ps]
    expect(len(pids) == len(set(pids)) == len(by_worker), call=call, expected="one process per worker id",
           got=f"processes by worker id: {by_worker}")


def _init_fn_rows(xp):
    """(the call, one row per sample) for a 2-worker loader whose worker_init_fn notes its calls and seed."""
    D = xp.utils.data
    init = functools.partial(record_init, D.get_worker_info, xp.initial_seed)
    call = describe("DataLoader", "Probe(8)", batch_size=2, num_workers=2, worker_init_fn="record_init")
    return call, _rows(D.DataLoader(_probe(xp, 8), batch_size=2, num_workers=2, worker_init_fn=init, timeout=WORKER_TIMEOUT))


@check("data.workers.init-fn")
def test_worker_init_fn(xp):
    call, rows = _init_fn_rows(xp)
    for r in rows:
        ok = r["init_id"] == r["worker"] and r["worker"] in (0, 1) and r["init_calls"] == 1
        expect(ok, call=call, expected="worker_init_fn called once in each worker, with its id, before loading",
               got=f"sample {r['index']} loaded by worker {r['worker']} after {r['init_calls']} init call(s) "
                   f"with id {r['init_id']}")


@check("data.workers.init-fn-after-seeding")
def test_worker_init_fn_runs_after_seeding(xp):
    call, rows = _init_fn_rows(xp)
    for r in rows:
        expect(r["init_seed"] == r["seed"], call=call, expected=f"worker seeded ({r['seed']}) before worker_init_fn runs",
               got=f"initial_seed() {r['init_seed']} inside worker_init_fn")


@check("data.workers.seeds")
def test_worker_seeds(xp):
    D = xp.utils.data

    def seeds(seed):
        loader = D.DataLoader(_probe(xp, 6), batch_size=1, num_workers=2, generator=xp.Generator().manual_seed(seed),
                              timeout=WORKER_TIMEOUT)
        return _rows(loader)

    call = describe("DataLoader", "Probe(6)", batch_size=1, num_workers=2, generator="Generator().manual_seed(3)")
    rows = seeds(3)
    for r in rows:
        expect(r["initial_seed"] == r["seed"], call=call, expected=f"initial_seed() in worker {r['worker']} == its info.seed {r['seed']}",
               got=r["initial_seed"])
    bases = sorted({int(r["seed"]) - r["worker"] for r in rows})
    expect(len(bases) == 1, call=call, expected="every worker's seed = one base_seed + worker id",
           got=f"seed - worker id: {bases} (worker, seed): {sorted({(r['worker'], r['seed']) for r in rows})}")
    first = sorted({(r["worker"], r["seed"]) for r in rows})
    again = sorted({(r["worker"], r["seed"]) for r in seeds(3)})
    expect(again == first, call=f"{call}, built twice", expected=f"the same worker seeds {first}", got=again)
