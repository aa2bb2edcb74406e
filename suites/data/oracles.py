"""Plain-Python statements of the data-loading rules the checks compare against."""
from __future__ import annotations

import math
from typing import Any, Sequence


def batch_sizes(n: int, batch_size: int, drop_last: bool) -> list[int]:
    """Sizes of the batches of n samples: full batches, then the remainder unless dropped."""
    full, rest = divmod(n, batch_size)
    return [batch_size] * full + ([rest] if rest and not drop_last else [])


def loader_len(n: int, batch_size: int, drop_last: bool) -> int:
    """len(DataLoader): ceil(n / B), or floor(n / B) with drop_last."""
    return n // batch_size if drop_last else math.ceil(n / batch_size)


def group(indices: Sequence[Any], batch_size: int, drop_last: bool) -> list[list[Any]]:
    """What BatchSampler yields: consecutive lists of batch_size indices."""
    out = [list(indices[i:i + batch_size]) for i in range(0, len(indices), batch_size)]
    if drop_last and out and len(out[-1]) < batch_size:
        out.pop()
    return out


def split_lengths(n: int, fractions: Sequence[float]) -> list[int]:
    """random_split's lengths for fractions: floor(f * n) each, remainder dealt round-robin from the first."""
    lengths = [math.floor(n * f) for f in fractions]
    for i in range(n - sum(lengths)):
        lengths[i % len(lengths)] += 1
    return lengths


def distributed_share(order: Sequence[int], num_replicas: int, rank: int, drop_last: bool) -> list[int]:
    """DistributedSampler's indices for one rank, given the (possibly shuffled) order of all indices: the order
    padded by repeating its start to a multiple of num_replicas (cut down to one with drop_last), then every
    num_replicas-th element from position rank."""
    n = len(order)
    total = (n // num_replicas if drop_last else math.ceil(n / num_replicas)) * num_replicas
    padded = list(order)
    while len(padded) < total:
        padded += list(order)[:total - len(padded)]
    return padded[:total][rank::num_replicas]
