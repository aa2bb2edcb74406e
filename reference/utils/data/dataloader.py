"""DataLoader: batches from a dataset through a sampler and a collate function, in this process or in
worker subprocesses (data.loader.iteration, data.loader.defaults, data.loader.default-samplers,
data.loader.len, data.loader.last-batch, data.loader.shuffle, data.loader.sampler-conflicts,
data.loader.worker-arg-errors, data.loader.no-auto-batching, data.loader.dict-samples,
data.loader.pin-memory, data.iterable.loader-rules, data.workers.*).

A map-style loader draws indices from its sampler (SequentialSampler, or RandomSampler with
shuffle=True), grouped by a BatchSampler unless batch_size is None. An IterableDataset has no
sampler: the loader (each worker, with its own copy) batches the stream as it comes.
Workers are started afresh for every pass, or once with persistent_workers (kept for the loader's life).
"""
from __future__ import annotations

import itertools
import math
from typing import Any, Callable, Iterator

from reference import _random
from reference.utils.data.collate import default_collate, default_convert
from reference.utils.data.dataset import IterableDataset
from reference.utils.data.fetch import make_fetcher
from reference.utils.data.pin_memory import pin_memory as pin_batch
from reference.utils.data.pool import WorkerPool
from reference.utils.data.sampler import BatchSampler, RandomSampler, SequentialSampler


def _check_worker_args(num_workers: int, timeout: float, prefetch_factor: int | None,
                       persistent_workers: bool) -> int | None:
    """The prefetch_factor to use (2 with workers); ValueError for the combinations the docs rule out."""
    if num_workers < 0:
        raise ValueError("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
    if timeout < 0:
        raise ValueError("timeout option should be non-negative")
    if num_workers == 0 and prefetch_factor is not None:
        raise ValueError("prefetch_factor option could only be specified in multiprocessing. "
                         "let num_workers > 0 to enable multiprocessing, otherwise set prefetch_factor to None.")
    if prefetch_factor is not None and prefetch_factor < 0:
        raise ValueError("prefetch_factor option should be non-negative")
    if persistent_workers and num_workers == 0:
        raise ValueError("persistent_workers option needs num_workers > 0")
    return 2 if num_workers > 0 and prefetch_factor is None else prefetch_factor


def _check_sampling_args(iterable: bool, batch_size: int | None, shuffle: Any, sampler: Any, batch_sampler: Any,
                         drop_last: bool) -> None:
    if iterable and shuffle not in (None, False):
        raise ValueError("DataLoader with IterableDataset: expected unspecified shuffle option, but got "
                         f"shuffle={shuffle}")
    if iterable and sampler is not None:
        raise ValueError("DataLoader with IterableDataset: expected unspecified sampler option, but got "
                         f"sampler={sampler}")
    if iterable and batch_sampler is not None:
        raise ValueError("DataLoader with IterableDataset: expected unspecified batch_sampler option, but got "
                         f"batch_sampler={batch_sampler}")
    if sampler is not None and shuffle:
        raise ValueError("sampler option is mutually exclusive with shuffle")
    if batch_sampler is not None and (batch_size != 1 or shuffle or sampler is not None or drop_last):
        raise ValueError("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last")
    if batch_sampler is None and batch_size is None and drop_last:
        raise ValueError("batch_size=None option disables auto-batching and is mutually exclusive with drop_last")


class DataLoader:
    """Iterable over the batches of ``dataset``; re-iterable, one pass per ``iter()``."""

    def __init__(self, dataset: Any, batch_size: int | None = 1, shuffle: bool | None = None, sampler: Any = None,
                 batch_sampler: Any = None, num_workers: int = 0, collate_fn: Callable[[Any], Any] | None = None,
                 pin_memory: bool = False, drop_last: bool = False, timeout: float = 0,
                 worker_init_fn: Callable[[int], Any] | None = None, multiprocessing_context: Any = None,
                 generator: _random.Generator | None = None, *, prefetch_factor: int | None = None,
                 persistent_workers: bool = False, pin_memory_device: str = "", in_order: bool = True) -> None:
        iterable = isinstance(dataset, IterableDataset)
        self.prefetch_factor = _check_worker_args(num_workers, timeout, prefetch_factor, persistent_workers)
        _check_sampling_args(iterable, batch_size, shuffle, sampler, batch_sampler, drop_last)
        if batch_sampler is not None:
            batch_size, drop_last = None, False
        if sampler is None and not iterable:
            sampler = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
        if batch_sampler is None and batch_size is not None and not iterable:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.dataset, self.batch_size, self.drop_last = dataset, batch_size, drop_last
        self.sampler, self.batch_sampler, self.generator = sampler, batch_sampler, generator
        self.num_workers, self.timeout, self.worker_init_fn = num_workers, timeout, worker_init_fn
        self.multiprocessing_context, self.persistent_workers = multiprocessing_context, persistent_workers
        self.pin_memory = pin_memory
        self.in_order = in_order  # in_order=False only allows out-of-order batches: these always come in order
        self._pool: WorkerPool | None = None  # the persistent workers, once started
        self._auto_collation = batch_size is not None or batch_sampler is not None
        self.collate_fn = collate_fn or (default_collate if self._auto_collation else default_convert)

    def __len__(self) -> int:
        """Batches per pass; for an IterableDataset, from its own __len__ (TypeError without one)."""
        if not isinstance(self.dataset, IterableDataset):
            return len(self.batch_sampler if self.batch_sampler is not None else self.sampler)
        n = len(self.dataset)
        if self.batch_size is None:
            return n
        return n // self.batch_size if self.drop_last else math.ceil(n / self.batch_size)

    def __iter__(self) -> Iterator[Any]:
        batches = self._single_process() if self.num_workers == 0 else self._multi_process()
        return (pin_batch(batch) for batch in batches) if self.pin_memory else batches

    def _indices(self) -> Iterator[Any]:
        """What each fetch is given: the batch sampler's lists, the sampler's indices, or None for a stream."""
        if isinstance(self.dataset, IterableDataset):
            return itertools.repeat(None)
        return iter(self.batch_sampler if self.batch_sampler is not None else self.sampler)

    def _fetch_options(self) -> dict[str, Any]:
        return dict(auto_collation=self._auto_collation, collate_fn=self.collate_fn, batch_size=self.batch_size,
                    drop_last=self.drop_last)

    def _single_process(self) -> Iterator[Any]:
        fetcher = make_fetcher(self.dataset, **self._fetch_options())
        for index in self._indices():
            try:
                batch = fetcher.fetch(index)
            except StopIteration:
                return
            yield batch

    def _multi_process(self) -> Iterator[Any]:
        """Batches loaded by workers seeded base_seed + worker_id, base_seed drawn from the loader's generator:
        fresh workers for each pass, or the loader's persistent ones."""
        pool = self._pool
        if pool is None:
            base_seed = int(_random.rng(self.generator).integers(2**63 - 1))
            pool = WorkerPool(self, self._indices(), self._fetch_options(), base_seed)
            if self.persistent_workers:
                self._pool = pool
        else:
            pool.new_pass(self._indices())
        if self.persistent_workers:
            yield from pool
            return
        try:
            yield from pool
        finally:
            pool.shutdown()

    def __del__(self) -> None:
        if self.__dict__.get("_pool") is not None:
            self._pool.shutdown()
