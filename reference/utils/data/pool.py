"""The main-process side of multi-process loading (data.workers.same-batches, data.iterable.worker-copies).

For one pass over a DataLoader, ``num_workers`` subprocesses are started (``worker.worker_loop``).
Tasks -- an index or list of indices from the sampler, or ``None`` ("your next batch") for an
IterableDataset -- are numbered in sampler order and dealt round-robin to the workers, at most
``prefetch_factor * num_workers`` ahead. Results come back on one queue in any order and are yielded
in task order, so a map-style loader yields exactly what it would with ``num_workers=0``. A worker
whose IterableDataset copy runs out answers ``Exhausted`` and is given no more tasks; the pass ends
when no task is outstanding and none can be sent.

With ``persistent_workers`` the loader keeps its pool: ``new_pass(indices)`` starts the next pass on the
same workers (data.loader.persistent-workers), each told to ``RESET`` its fetcher; task numbers run on
across passes, so a late answer from an abandoned pass is recognised as stale and dropped.
"""
from __future__ import annotations

import itertools
import multiprocessing
import queue
import time
from typing import Any, Iterator

from reference.utils.data.worker import RESET, Exhausted, WorkerError, worker_loop

STATUS_CHECK_INTERVAL = 5.0
"""Seconds between checks that the workers are still alive while waiting for a result."""


class WorkerPool:
    """The workers of one pass; iterate it for the batches, then call ``shutdown()``."""

    def __init__(self, loader: Any, indices: Iterator[Any], fetch_options: dict[str, Any], base_seed: int) -> None:
        context = loader.multiprocessing_context
        context = multiprocessing.get_context(context) if context is None or isinstance(context, str) else context
        n = loader.num_workers
        self.results = context.Queue()
        self.queues = [context.Queue() for _ in range(n)]
        self.workers = [context.Process(target=worker_loop, daemon=True,
                                        args=(loader.dataset, fetch_options, self.queues[i], self.results, i, n,
                                              base_seed + i, loader.worker_init_fn))
                        for i in range(n)]
        for worker in self.workers:
            worker.start()
        self.timeout, self.limit, self.n = loader.timeout, loader.prefetch_factor * n, n
        self.sent = self.due = 0             # tasks sent so far; the task whose result is yielded next
        self.new_pass(indices, reset=False)

    def new_pass(self, indices: Iterator[Any], reset: bool = True) -> None:
        """Start a pass over ``indices``; ``reset`` tells each worker to start its dataset copy afresh."""
        self.indices, self.due = indices, self.sent  # anything still outstanding is stale
        self.owner: dict[int, int] = {}      # task number -> worker, until its result is yielded or skipped
        self.ready: dict[int, Any] = {}      # results that arrived before their turn
        self.active = set(range(self.n))     # workers that may still have data
        self.turn = itertools.cycle(range(self.n))
        if reset:
            for index_queue in self.queues:
                index_queue.put(RESET)

    def __iter__(self) -> Iterator[Any]:
        while True:
            self._skip_lost_tasks()
            self._send_tasks()
            if self.due == self.sent:
                return
            if self.due not in self.ready:
                self._receive()
                continue
            result = self.ready.pop(self.due)
            del self.owner[self.due]
            self.due += 1
            if isinstance(result, WorkerError):
                result.reraise()
            yield result

    def _skip_lost_tasks(self) -> None:
        """Tasks of a worker that ran out of data have no batch (its earlier batches all arrived before it said so)."""
        while self.due < self.sent and self.due not in self.ready and self.owner[self.due] not in self.active:
            del self.owner[self.due]
            self.due += 1

    def _send_tasks(self) -> None:
        while self.active and self.sent - self.due < self.limit:
            index = next(self.indices, StopIteration)
            if index is StopIteration:
                return
            worker = next(w for w in self.turn if w in self.active)
            self.queues[worker].put((self.sent, index))
            self.owner[self.sent] = worker
            self.sent += 1

    def _receive(self) -> None:
        number, result = self._get()
        if isinstance(result, Exhausted):
            self.active.discard(result.worker_id)
        elif number >= self.due:
            self.ready[number] = result

    def _get(self) -> tuple[int, Any]:
        """The next result; RuntimeError after ``timeout`` seconds (if positive) or when a worker has died."""
        deadline = time.monotonic() + self.timeout if self.timeout > 0 else None
        while True:
            left = STATUS_CHECK_INTERVAL if deadline is None else deadline - time.monotonic()
            wait = min(STATUS_CHECK_INTERVAL, left)
            try:
                return self.results.get(timeout=max(wait, 0))
            except queue.Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise RuntimeError(f"DataLoader timed out after {self.timeout} seconds") from None
                dead = [w.pid for w in self.workers if not w.is_alive()]
                if dead:
                    raise RuntimeError(f"DataLoader worker (pid(s) {dead}) exited unexpectedly") from None

    def shutdown(self) -> None:
        for index_queue in self.queues:
            index_queue.put(None)
        for worker in self.workers:
            worker.join(timeout=STATUS_CHECK_INTERVAL)
            if worker.is_alive():
                worker.terminate()
        for q in (*self.queues, self.results):
            q.cancel_join_thread()
            q.close()
