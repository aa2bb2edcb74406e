"""``reference.utils.data``: the torch.utils.data names, in pure Python + NumPy (data.*).

One module per concern: ``dataset`` (datasets and random_split), ``sampler``, ``collate``
(default_collate, default_convert), ``fetch`` (one batch from a dataset), ``worker`` and ``pool``
(the two sides of multi-process loading), ``pin_memory`` and ``dataloader``.
"""
from reference.utils.data.collate import default_collate, default_convert
from reference.utils.data.dataloader import DataLoader
from reference.utils.data.dataset import (ChainDataset, ConcatDataset, Dataset, IterableDataset, Subset, TensorDataset,
                                          random_split)
from reference.utils.data.more import DistributedSampler, StackDataset
from reference.utils.data.sampler import (BatchSampler, RandomSampler, Sampler, SequentialSampler, SubsetRandomSampler,
                                          WeightedRandomSampler)
from reference.utils.data.worker import WorkerInfo, get_worker_info

__all__ = ["BatchSampler", "ChainDataset", "ConcatDataset", "DataLoader", "Dataset", "DistributedSampler",
           "IterableDataset", "RandomSampler", "Sampler", "SequentialSampler", "StackDataset", "Subset",
           "SubsetRandomSampler", "TensorDataset", "WeightedRandomSampler", "WorkerInfo", "default_collate",
           "default_convert", "get_worker_info", "random_split"]
