"""Mutants of the torch.utils.data names beyond the tutorial's (catalogue data/more.toml)."""
from __future__ import annotations

from typing import Any

from tests.mutants import Mutant, replace


def _stack_without_size_check(orig: Any) -> Any:
    def __init__(self, *args, **kwargs):
        try:
            orig(self, *args, **kwargs)
        except ValueError:
            self.datasets, self._length = (args or kwargs), 0
    return __init__


def _chain_skips_last(orig: Any) -> Any:
    def __iter__(self):
        for dataset in list(self.datasets)[:-1]:
            yield from dataset
    return __iter__


def _rank_wrapped(orig: Any) -> Any:
    def __init__(self, dataset, num_replicas=None, rank=None, **kwargs):
        orig(self, dataset, num_replicas=num_replicas, rank=rank % num_replicas, **kwargs)
    return __init__


def _drop_last_ignored(orig: Any) -> Any:
    return lambda self, *args, drop_last=False, **kwargs: orig(self, *args, **kwargs)


def _tuples_kept(orig: Any) -> Any:
    return lambda data: tuple(orig(data)) if isinstance(data, tuple) else orig(data)


def _collate_fn_dropped(orig: Any) -> Any:
    return lambda self, *args, collate_fn=None, **kwargs: orig(self, *args, **kwargs)


def _in_order_default_false(orig: Any) -> Any:
    return lambda self, *args, in_order=False, **kwargs: orig(self, *args, in_order=in_order, **kwargs)


def _unordered_drops_last(orig: Any) -> Any:
    def __iter__(self):
        batches = list(orig(self))
        return iter(batches if self.in_order else batches[:-1])
    return __iter__


def _never_persistent(orig: Any) -> Any:
    return lambda self, *args, persistent_workers=False, **kwargs: orig(self, *args, **kwargs)


def _no_timeout(orig: Any) -> Any:
    return lambda self, *args, timeout=0, **kwargs: orig(self, *args, **kwargs)


MUTANTS = [
    Mutant("stack-dataset-tuple-reversed", ("data.stack-dataset.items",),
           replace("utils.data.StackDataset.__getitem__", lambda orig: lambda self, i: (
               orig(self, i)[::-1] if isinstance(orig(self, i), tuple) else orig(self, i)))),
    Mutant("stack-dataset-no-size-check", ("data.stack-dataset.errors",),
           replace("utils.data.StackDataset.__init__", _stack_without_size_check)),
    Mutant("chain-dataset-skips-last", ("data.chain-dataset.iteration",),
           replace("utils.data.ChainDataset.__iter__", _chain_skips_last)),
    Mutant("distributed-drop-last-ignored", ("data.distributed-sampler.partition",),
           replace("utils.data.DistributedSampler.__init__", _drop_last_ignored)),
    Mutant("distributed-set-epoch-ignored", ("data.distributed-sampler.shuffle",),
           replace("utils.data.DistributedSampler.set_epoch", lambda orig: lambda self, epoch: None)),
    Mutant("distributed-rank-wrapped", ("data.distributed-sampler.bad-rank",),
           replace("utils.data.DistributedSampler.__init__", _rank_wrapped)),
    Mutant("default-convert-keeps-tuples", ("data.default-convert.conversions",),
           replace("utils.data.default_convert", _tuples_kept)),
    Mutant("worker-info-in-main-process", ("data.worker-info.main-process",),
           replace("utils.data.get_worker_info", lambda orig: lambda: object())),
    Mutant("loader-collate-fn-dropped", ("data.loader.collate-fn",),
           replace("utils.data.DataLoader.__init__", _collate_fn_dropped)),
    Mutant("loader-in-order-default-false", ("data.loader.in-order",),
           replace("utils.data.DataLoader.__init__", _in_order_default_false)),
    Mutant("loader-unordered-drops-last-batch", ("data.loader.in-order",),
           replace("utils.data.DataLoader.__iter__", _unordered_drops_last)),
    Mutant("loader-workers-never-persistent", ("data.loader.persistent-workers",),
           replace("utils.data.DataLoader.__init__", _never_persistent)),
    Mutant("loader-timeout-ignored", ("data.loader.timeout",), replace("utils.data.DataLoader.__init__", _no_timeout)),
]
