"""Mutants of torch.utils.data: each breaks one documented data-loading behaviour."""
from __future__ import annotations

import itertools
from typing import Any, Callable

from tests.mutants import Mutant, combine, replace


def collate_entry(key: Any, make: Callable[[Any], Any]) -> Callable[[Any], Callable[[], None]]:
    """A patch of default_collate's per-type rule (used by default_collate and DataLoader alike)."""

    def patch(torch: Any) -> Callable[[], None]:
        table = torch.utils.data._utils.collate.default_collate_fn_map
        resolved = torch.Tensor if key == "Tensor" else key
        original = table[resolved]
        table[resolved] = make(original)
        return lambda: table.__setitem__(resolved, original)

    return patch


def both_collates(make: Callable[[Any], Any]) -> Callable[[Any], Callable[[], None]]:
    """Replace default_collate both where checks call it and where DataLoader picks it up."""
    return combine(replace("utils.data.default_collate", make), replace("utils.data._utils.collate.default_collate", make))


def loader_init(change: Callable[[dict], dict]) -> Callable[[Any], Callable[[], None]]:
    """Wrap DataLoader.__init__ so its keyword arguments pass through ``change`` first."""
    return replace("utils.data.DataLoader.__init__",
                   lambda orig: lambda self, dataset, *a, **k: orig(self, dataset, *a, **change(dict(k))))


def _no_shuffle_with_sampler(k: dict) -> dict:
    if k.get("sampler") is not None:
        k.pop("shuffle", None)
    return k


def _iterable_shuffle_ignored(torch: Any) -> Callable[[], None]:
    iterable = torch.utils.data.IterableDataset
    return replace("utils.data.DataLoader.__init__", lambda orig: lambda self, dataset, *a, **k: orig(
        self, dataset, *a, **({x: v for x, v in k.items() if x != "shuffle"} if isinstance(dataset, iterable) else k)))(torch)


def _workers_in_main_process(orig: Any) -> Any:
    def __iter__(self: Any) -> Any:
        saved = self.num_workers
        self.num_workers = 0
        try:
            return orig(self)
        finally:
            self.num_workers = saved
    return __iter__


def _workers_reverse_batches(orig: Any) -> Any:
    def __iter__(self: Any) -> Any:
        return iter(list(orig(self))[::-1]) if self.num_workers else orig(self)
    return __iter__


def _init_fn_off_by_one(k: dict) -> dict:
    fn = k.get("worker_init_fn")
    if fn is not None:
        k["worker_init_fn"] = lambda worker_id: fn(worker_id + 1)
    return k


def _worker_seed_doubled(orig: Any) -> Any:
    def loop(*args: Any, **kwargs: Any) -> Any:
        args = list(args)
        args[8] = args[8] + args[10]  # base_seed + worker_id: the worker then seeds base + 2 * id
        return orig(*args, **kwargs)
    return loop


def _pad_last_batch(orig: Any) -> Any:
    def __iter__(self: Any) -> Any:
        for batch in orig(self):
            yield batch + batch[-1:] * (self.batch_size - len(batch))
    return __iter__


def _same_order_every_epoch(orig: Any) -> Any:
    def __iter__(self: Any) -> Any:
        if not hasattr(self, "_mutant_order"):
            self._mutant_order = list(orig(self))
        return iter(self._mutant_order)
    return __iter__


def _split_remainder_to_last(orig: Any) -> Any:
    import math

    def random_split(dataset: Any, lengths: Any, generator: Any = None) -> Any:
        n = len(dataset)
        if lengths and all(isinstance(f, float) for f in lengths) and math.isclose(sum(lengths), 1):
            lengths = [math.floor(n * f) for f in lengths]
            lengths[-1] += n - sum(lengths)
        return orig(dataset, lengths, generator) if generator is not None else orig(dataset, lengths)
    return random_split


def _dict_values_uncollated(orig: Any) -> Any:
    return lambda batch: {k: [d[k] for d in batch] for k in batch[0]} if isinstance(batch[0], dict) else orig(batch)


def _namedtuple_as_tuple(orig: Any) -> Any:
    return lambda batch: tuple(orig(batch)) if hasattr(batch[0], "_fields") else orig(batch)


def _sequences_as_tuple(orig: Any) -> Any:
    def collate(batch: Any) -> Any:
        out = orig(batch)
        return tuple(out) if type(out) is list and isinstance(batch[0], (tuple, list)) else out
    return collate


def _errors_swallowed(orig: Any) -> Any:
    def collate(batch: Any) -> Any:
        try:
            return orig(batch)
        except (RuntimeError, TypeError):
            return list(batch)
    return collate


def _uniform_weighted(torch: Any) -> Callable[[], None]:
    def make(orig: Any) -> Any:
        return lambda self: iter(torch.randint(len(self.weights), (self.num_samples,), generator=self.generator).tolist())
    return replace("utils.data.WeightedRandomSampler.__iter__", make)(torch)


def _subset_positions(torch: Any) -> Callable[[], None]:
    def make(orig: Any) -> Any:
        return lambda self: iter(torch.randperm(len(self.indices), generator=self.generator).tolist())
    return replace("utils.data.SubsetRandomSampler.__iter__", make)(torch)


def _random_ignores_generator(orig: Any) -> Any:
    def __iter__(self: Any) -> Any:
        saved, self.generator = self.generator, None
        try:
            yield from orig(self)
        finally:
            self.generator = saved
    return __iter__


def _float_as_float32(torch: Any) -> Callable[[], None]:
    return collate_entry(float, lambda orig: lambda batch, **k: torch.tensor(batch, dtype=torch.float32))(torch)


def _int_as_int32(torch: Any) -> Callable[[], None]:
    return collate_entry(int, lambda orig: lambda batch, **k: torch.tensor(batch, dtype=torch.int32))(torch)


def _tensors_concatenated(torch: Any) -> Callable[[], None]:
    return collate_entry("Tensor", lambda orig: lambda batch, **k: torch.cat([t.reshape(-1) for t in batch]))(torch)


def _arrays_as_float32(torch: Any) -> Callable[[], None]:
    import numpy as np

    def make(orig: Any) -> Any:
        return lambda batch, **k: torch.stack([torch.as_tensor(b).to(torch.float32) for b in batch])
    return collate_entry(np.ndarray, make)(torch)


MUTANTS = [
    # datasets
    Mutant("data-dataset-base-getitem-returns-none", ("data.dataset.map-style",),
           replace("utils.data.Dataset.__getitem__", lambda orig: lambda self, index: None)),
    Mutant("data-collate-float-as-float32", ("data.dataset.csv-backed", "data.collate.numbers"), _float_as_float32),
    Mutant("data-tensor-dataset-reversed-items", ("data.tensor-dataset.items",),
           replace("utils.data.TensorDataset.__getitem__", lambda orig: lambda self, i: tuple(reversed(orig(self, i))))),
    Mutant("data-tensor-dataset-no-size-check", ("data.tensor-dataset.items",),
           replace("utils.data.TensorDataset.__init__", lambda orig: lambda self, *tensors: setattr(self, "tensors", tensors))),
    Mutant("data-subset-ignores-indices", ("data.subset.items",),
           replace("utils.data.Subset.__getitem__", lambda orig: lambda self, i: self.dataset[i])),
    Mutant("data-concat-negative-off-by-one", ("data.concat.indexing",),
           replace("utils.data.ConcatDataset.__getitem__",
                   lambda orig: lambda self, i: orig(self, i - 1) if i < -1 else orig(self, i))),
    Mutant("data-random-split-ignores-generator", ("data.random-split.partition",),
           replace("utils.data.random_split", lambda orig: lambda ds, lengths, generator=None: orig(ds, lengths))),
    Mutant("data-random-split-remainder-to-last", ("data.random-split.fractions",),
           replace("utils.data.random_split", _split_remainder_to_last)),
    # DataLoader
    Mutant("data-loader-iter-skips-first-batch", ("data.loader.iteration", "data.loader.len"),
           replace("utils.data.DataLoader.__iter__",
                   lambda orig: lambda self: itertools.islice(orig(self), 1, None))),
    Mutant("data-loader-default-batch-size-2", ("data.loader.defaults",),
           replace("utils.data.DataLoader.__init__",
                   lambda orig: lambda self, dataset, batch_size=2, *a, **k: orig(self, dataset, batch_size, *a, **k))),
    Mutant("data-loader-default-drop-last", ("data.loader.defaults",),
           loader_init(lambda k: {"drop_last": True, **k})),
    Mutant("data-loader-shuffle-ignored", ("data.loader.default-samplers", "data.loader.shuffle"),
           loader_init(lambda k: {**k, "shuffle": False})),
    Mutant("data-batch-sampler-len-floor", ("data.loader.len", "data.sampler.batch"),
           replace("utils.data.BatchSampler.__len__", lambda orig: lambda self: len(self.sampler) // self.batch_size)),
    Mutant("data-batch-sampler-pads-last", ("data.loader.last-batch", "data.sampler.batch"),
           replace("utils.data.BatchSampler.__iter__", _pad_last_batch)),
    Mutant("data-random-sampler-same-every-epoch", ("data.loader.shuffle",),
           replace("utils.data.RandomSampler.__iter__", _same_order_every_epoch)),
    Mutant("data-random-sampler-ignores-generator", ("data.loader.shuffle", "data.sampler.random"),
           replace("utils.data.RandomSampler.__iter__", _random_ignores_generator)),
    Mutant("data-loader-allows-sampler-with-shuffle", ("data.loader.sampler-conflicts",),
           loader_init(_no_shuffle_with_sampler)),
    Mutant("data-loader-negative-workers-accepted", ("data.loader.worker-arg-errors",),
           loader_init(lambda k: {**k, "num_workers": max(0, k.get("num_workers", 0))})),
    Mutant("data-loader-no-batching-keeps-arrays", ("data.loader.no-auto-batching",),
           replace("utils.data._utils.collate.default_convert", lambda orig: lambda data: data)),
    Mutant("data-collate-str-as-tuple", ("data.collate.strings", "data.loader.dict-samples"),
           collate_entry(str, lambda orig: lambda batch, **k: tuple(batch))),
    # default_collate
    Mutant("data-collate-tensors-concatenated", ("data.collate.tensors",), _tensors_concatenated),
    Mutant("data-collate-arrays-as-float32", ("data.collate.numpy-arrays",), _arrays_as_float32),
    Mutant("data-collate-int-as-int32", ("data.collate.numbers", "data.loader.dict-samples"), _int_as_int32),
    Mutant("data-collate-dict-values-uncollated", ("data.collate.mappings",),
           replace("utils.data.default_collate", _dict_values_uncollated)),
    Mutant("data-collate-namedtuple-as-tuple", ("data.collate.namedtuples",),
           replace("utils.data.default_collate", _namedtuple_as_tuple)),
    Mutant("data-collate-sequences-as-tuple", ("data.collate.sequences",), both_collates(_sequences_as_tuple)),
    Mutant("data-collate-errors-swallowed", ("data.collate.errors",),
           replace("utils.data.default_collate", _errors_swallowed)),
    # IterableDataset and workers
    Mutant("data-iterable-shuffle-accepted", ("data.iterable.loader-rules",), _iterable_shuffle_ignored),
    Mutant("data-get-worker-info-always-none", ("data.iterable.worker-copies", "data.workers.worker-info"),
           replace("utils.data.get_worker_info", lambda orig: lambda: None)),
    Mutant("data-workers-in-main-process", ("data.workers.same-batches", "data.workers.worker-info"),
           replace("utils.data.DataLoader.__iter__", _workers_in_main_process)),
    Mutant("data-workers-reverse-batches", ("data.workers.same-batches",),
           replace("utils.data.DataLoader.__iter__", _workers_reverse_batches)),
    Mutant("data-worker-init-fn-off-by-one", ("data.workers.init-fn",), loader_init(_init_fn_off_by_one)),
    Mutant("data-worker-seed-doubled", ("data.workers.seeds",),
           replace("utils.data._utils.worker._worker_loop", _worker_seed_doubled)),
    # samplers
    Mutant("data-sequential-sampler-reversed", ("data.sampler.sequential",),
           replace("utils.data.SequentialSampler.__iter__", lambda orig: lambda self: reversed(range(len(self.data_source))))),
    Mutant("data-subset-random-yields-positions", ("data.sampler.subset-random",), _subset_positions),
    Mutant("data-weighted-sampler-ignores-weights", ("data.sampler.weighted",), _uniform_weighted),
]
