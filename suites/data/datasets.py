"""Datasets and worker hooks the data checks hand to DataLoader workers.

Everything a worker receives is defined at module level here, so it pickles by reference
whatever the multiprocessing start method. Backend objects (``get_worker_info``,
``initial_seed``, the ``IterableDataset`` base) are passed in by the checks from ``xp``;
this module never imports a backend.
"""
from __future__ import annotations

import functools
import os
import time
from typing import Any, Callable

WORKER_TIMEOUT = 60
"""Seconds a check's multi-worker loader waits for a batch (DataLoader ``timeout``), so a hung worker fails the check."""


class Numbers:
    """A duck-typed map-style dataset: item i is ``values[i]`` (no backend base class needed)."""

    def __init__(self, values: list[Any]) -> None:
        self.values = list(values)

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index: int) -> Any:
        return self.values[index]


class Probe:
    """Map-style dataset whose items report where and how they were loaded.

    Item i is a dict: the index, the loading process id, the worker id (-1 in the main
    process), the worker count and seed from ``get_worker_info()``, the backend's
    ``initial_seed()`` in that process, whether ``info.dataset`` is this very copy, and what
    ``worker_init_fn`` recorded in this copy before the item was loaded. Seeds are decimal
    strings (collated to lists), since a seed may not fit in int64.
    """

    def __init__(self, n: int, get_worker_info: Callable[[], Any], initial_seed: Callable[[], int]) -> None:
        self.n = n
        self.get_worker_info = get_worker_info
        self.initial_seed = initial_seed
        self.init_id = -1          # set by record_init in a worker
        self.init_calls = 0
        self.init_seed = "-1"

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, index: int) -> dict[str, int]:
        info = self.get_worker_info()
        return {
            "index": int(index),
            "pid": os.getpid(),
            "worker": -1 if info is None else int(info.id),
            "num_workers": 0 if info is None else int(info.num_workers),
            "seed": "-1" if info is None else str(int(info.seed)),
            "initial_seed": str(int(self.initial_seed())),
            "own_copy": int(info is not None and info.dataset is self),
            "init_id": self.init_id,
            "init_calls": self.init_calls,
            "init_seed": self.init_seed,
        }


def record_init(get_worker_info: Callable[[], Any], initial_seed: Callable[[], int], worker_id: int) -> None:
    """A worker_init_fn (bind the first two arguments with functools.partial): notes its call in the worker's dataset copy."""
    info = get_worker_info()
    dataset = info.dataset
    dataset.init_id = int(worker_id)
    dataset.init_calls += 1
    dataset.init_seed = str(int(initial_seed()))


# ---------------------------------------------------------------- IterableDataset subclasses

def _make_stream(base: type, start: int, end: int, shard: bool, sized: bool, get_worker_info: Any) -> Any:
    return stream_class(base, sized)(start, end, shard, get_worker_info)


@functools.cache
def stream_class(base: type, sized: bool = False) -> type:
    """A subclass of the backend's ``IterableDataset`` streaming ``range(start, end)``.

    With ``shard=True`` each worker yields only the values ``start + id, start + id + num_workers, ...``
    (the sharding the docs show with ``get_worker_info()``). ``sized=True`` adds ``__len__``.
    Instances pickle through ``_make_stream``, so the class itself need not be importable by name.
    """

    class RangeStream(base):  # type: ignore[misc, valid-type]
        def __init__(self, start: int, end: int, shard: bool = False, get_worker_info: Any = None) -> None:
            self.start, self.end, self.shard, self.get_worker_info = start, end, shard, get_worker_info

        def __iter__(self) -> Any:
            first, step = self.start, 1
            if self.shard:
                info = self.get_worker_info()
                if info is not None:
                    first, step = self.start + info.id, info.num_workers
            return iter(range(first, self.end, step))

        def __reduce__(self) -> Any:
            return (_make_stream, (base, self.start, self.end, self.shard, sized, self.get_worker_info))

    if sized:
        RangeStream.__len__ = lambda self: max(0, self.end - self.start)  # type: ignore[attr-defined]
    RangeStream.__qualname__ = RangeStream.__name__ = "SizedRangeStream" if sized else "RangeStream"
    return RangeStream


class Slow:
    """A map-style dataset whose items take ``delay`` seconds each to load: item i is i."""

    def __init__(self, n: int, delay: float) -> None:
        self.n, self.delay = n, delay

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, index: int) -> int:
        time.sleep(self.delay)
        return index
