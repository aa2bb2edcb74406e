"""Fetching one loader item from a dataset, the same way in the main process and in each worker
(data.loader.no-auto-batching, data.iterable.loader-rules, data.iterable.worker-copies)."""
from __future__ import annotations

import itertools
from typing import Any, Callable

from reference.utils.data.dataset import IterableDataset


class MapFetcher:
    """An index (or, when batching, a list of indices from the batch sampler) -> collated samples."""

    def __init__(self, dataset: Any, auto_collation: bool, collate_fn: Callable[[Any], Any]) -> None:
        self.dataset, self.auto_collation, self.collate_fn = dataset, auto_collation, collate_fn

    def fetch(self, index: Any) -> Any:
        if self.auto_collation:
            return self.collate_fn([self.dataset[i] for i in index])
        return self.collate_fn(self.dataset[index])


class IterableFetcher:
    """The next batch_size samples of this fetcher's own pass over the stream (one sample without batching).

    Raises StopIteration once the stream is spent, or when only a short batch is left and drop_last is set.
    """

    def __init__(self, dataset: IterableDataset, auto_collation: bool, collate_fn: Callable[[Any], Any],
                 batch_size: int | None, drop_last: bool) -> None:
        self.iterator = iter(dataset)
        self.auto_collation, self.collate_fn = auto_collation, collate_fn
        self.batch_size, self.drop_last = batch_size, drop_last
        self.ended = False

    def fetch(self, index: None = None) -> Any:
        if self.ended:
            raise StopIteration
        if not self.auto_collation:
            return self.collate_fn(next(self.iterator))
        batch = list(itertools.islice(self.iterator, self.batch_size))
        self.ended = len(batch) < self.batch_size
        if not batch or (self.ended and self.drop_last):
            raise StopIteration
        return self.collate_fn(batch)


def make_fetcher(dataset: Any, auto_collation: bool, collate_fn: Callable[[Any], Any], batch_size: int | None,
                 drop_last: bool) -> MapFetcher | IterableFetcher:
    if isinstance(dataset, IterableDataset):
        return IterableFetcher(dataset, auto_collation, collate_fn, batch_size, drop_last)
    return MapFetcher(dataset, auto_collation, collate_fn)
