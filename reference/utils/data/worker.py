"""The worker side of multi-process loading (data.workers.worker-info, data.workers.init-fn,
data.workers.seeds, data.iterable.worker-copies).

Each worker is a subprocess holding its own copy of the dataset. It seeds itself with
``base_seed + worker_id``, publishes ``get_worker_info()``, calls ``worker_init_fn(worker_id)``, and
then answers numbered tasks from its index queue until it receives ``None``.
"""
from __future__ import annotations

import pickle
import random
import sys
import traceback
from typing import Any, Callable

from reference import _random
from reference.utils.data.fetch import make_fetcher


class WorkerInfo:
    """What ``get_worker_info()`` returns inside a worker: its ``id``, ``num_workers``, ``seed`` and its own
    copy of the ``dataset``."""

    def __init__(self, id: int, num_workers: int, seed: int, dataset: Any) -> None:  # noqa: A002 - torch's name
        self.id, self.num_workers, self.seed, self.dataset = id, num_workers, seed, dataset

    def __repr__(self) -> str:
        return f"WorkerInfo(id={self.id}, num_workers={self.num_workers})"


_worker_info: WorkerInfo | None = None


def get_worker_info() -> WorkerInfo | None:
    """This worker's WorkerInfo; None in the main process."""
    return _worker_info


class Exhausted:
    """A worker's answer when its copy of an IterableDataset has no more batches."""

    def __init__(self, worker_id: int) -> None:
        self.worker_id = worker_id


class WorkerError:
    """The exception being handled in a worker, to be re-raised in the main process with the worker's traceback."""

    def __init__(self, worker_id: int) -> None:
        exc_type = sys.exc_info()[0]
        self.text = (f"Caught {exc_type.__name__} in DataLoader worker process {worker_id}.\n"
                     f"Original {traceback.format_exc()}")
        try:
            pickle.dumps(exc_type)
            self.exc_type = exc_type
        except Exception:  # a class defined locally cannot travel back; report it as a RuntimeError
            self.exc_type = RuntimeError

    def reraise(self) -> None:
        try:
            error = self.exc_type(self.text)
        except Exception:  # an exception type that does not take one message
            error = RuntimeError(self.text)
        raise error


RESET = "reset"
"""Sent to a persistent worker between passes."""


def _answer(fetcher: Any, index: Any, worker_id: int) -> Any:
    try:
        return fetcher.fetch(index)
    except StopIteration:
        return Exhausted(worker_id)
    except Exception:
        return WorkerError(worker_id)


def worker_loop(dataset: Any, fetch_options: dict[str, Any], index_queue: Any, result_queue: Any, worker_id: int,
                num_workers: int, seed: int, init_fn: Callable[[int], Any] | None) -> None:
    """Run in the worker process: set up, then put ``(task number, batch)`` for each ``(task number, index)``."""
    global _worker_info
    result_queue.cancel_join_thread()  # exiting must not wait for unread results
    random.seed(seed)
    _random.manual_seed(seed)
    _worker_info = WorkerInfo(worker_id, num_workers, seed, dataset)
    fetcher, failure = None, None
    try:
        if init_fn is not None:
            init_fn(worker_id)
        fetcher = make_fetcher(dataset, **fetch_options)
    except Exception:
        failure = WorkerError(worker_id)  # reported as the answer to every task
    while (task := index_queue.get()) is not None:
        if task == RESET:  # a persistent worker's next pass: a fresh fetcher (a fresh iterator for a stream)
            fetcher = None if failure else make_fetcher(dataset, **fetch_options)
            continue
        number, index = task
        result_queue.put((number, failure or _answer(fetcher, index, worker_id)))
