"""The torch.utils.data names beyond the tutorial's: StackDataset, ChainDataset, DistributedSampler (with
num_replicas and rank given, so no process group is needed), default_convert, get_worker_info in the main
process, DataLoader's collate_fn, in_order, persistent_workers and timeout. Single-process except the last
three, whose checks start one or two workers per pass."""
import os

import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, describe, expect, is_tensor, show, to_numpy
from suites.data.datasets import WORKER_TIMEOUT, Numbers, Probe, Slow, stream_class
from suites.data.oracles import distributed_share, group


@check("data.stack-dataset.items")
@given(columns=st.lists(st.lists(st.integers(-9, 9), min_size=3, max_size=3), min_size=1, max_size=3),
       by_name=st.booleans())
@example(columns=[[1, 2, 3], [4, 5, 6]], by_name=False)
def test_stack_dataset_gathers_item_i_of_each(xp, columns, by_name):
    names = [f"c{k}" for k in range(len(columns))]
    if by_name:
        stack = xp.utils.data.StackDataset(**{n: Numbers(c) for n, c in zip(names, columns)})
        call = describe("StackDataset", **{n: f"Numbers({c})" for n, c in zip(names, columns)})
    else:
        stack = xp.utils.data.StackDataset(*(Numbers(c) for c in columns))
        call = describe("StackDataset", *(f"Numbers({c})" for c in columns))
    expect(len(stack) == 3, call=f"len({call})", expected=3, got=show(len(stack)))
    for i in range(3):
        want = {n: c[i] for n, c in zip(names, columns)} if by_name else tuple(c[i] for c in columns)
        got = stack[i]
        expect(type(got) is type(want) and got == want, call=f"{call}[{i}]", expected=show(want), got=show(got))


@check("data.stack-dataset.errors")
@given(n=st.integers(1, 4), extra=st.integers(1, 3))
def test_stack_dataset_refuses_mismatched_or_mixed_inputs(xp, n, extra):
    D = xp.utils.data
    a, b = Numbers(range(n)), Numbers(range(n + extra))
    assert_raises(ValueError, D.StackDataset, a, b, call=describe("StackDataset", f"<{n} items>", f"<{n + extra} items>"))
    assert_raises(ValueError, D.StackDataset, a, x=a, call=describe("StackDataset", f"<{n} items>", x=f"<{n} items>"))
    assert_raises(ValueError, D.StackDataset, call="StackDataset()")


@check("data.chain-dataset.iteration")
@given(bounds=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 4)), max_size=3))
def test_chain_dataset_iterates_each_in_turn(xp, bounds):
    Stream = stream_class(xp.utils.data.IterableDataset, sized=True)
    parts = [Stream(start, start + size) for start, size in bounds]
    call = describe("ChainDataset", [f"RangeStream({s}, {s + k})" for s, k in bounds])
    chain = xp.utils.data.ChainDataset(parts)
    want = [v for s, k in bounds for v in range(s, s + k)]
    got = list(chain)
    expect(got == want, call=f"list({call})", expected=want, got=show(got))
    expect(len(chain) == len(want), call=f"len({call})", expected=len(want), got=show(len(chain)))


@check("data.distributed-sampler.partition")
@given(n=st.integers(1, 20), num_replicas=st.integers(1, 5), drop_last=st.booleans())
@example(n=10, num_replicas=3, drop_last=False)
@example(n=10, num_replicas=3, drop_last=True)
@example(n=2, num_replicas=5, drop_last=False)
def test_distributed_sampler_without_shuffle(xp, n, num_replicas, drop_last):
    for rank in range(num_replicas):
        call = describe("DistributedSampler", f"Numbers(range({n}))", num_replicas=num_replicas, rank=rank,
                        shuffle=False, drop_last=drop_last)
        sampler = xp.utils.data.DistributedSampler(Numbers(range(n)), num_replicas=num_replicas, rank=rank,
                                                   shuffle=False, drop_last=drop_last)
        want = distributed_share(range(n), num_replicas, rank, drop_last)
        got = list(sampler)
        expect(got == want, call=f"list({call})", expected=want, got=show(got))
        expect(len(sampler) == len(want), call=f"len({call})", expected=len(want), got=show(len(sampler)))


@check("data.distributed-sampler.shuffle")
@given(per_rank=st.integers(2, 4), num_replicas=st.integers(1, 3), seed=st.integers(0, 2**16), epoch=st.integers(1, 5))
def test_distributed_sampler_shuffles_one_permutation_per_seed_and_epoch(xp, per_rank, num_replicas, seed, epoch):
    n = per_rank * num_replicas + 8  # n >= 10: two epochs drawing one permutation would be a 1 in 3.6e6 fluke

    def shares(epoch_set=None):
        out = []
        for rank in range(num_replicas):
            sampler = xp.utils.data.DistributedSampler(Numbers(range(n)), num_replicas=num_replicas, rank=rank,
                                                       seed=seed)
            if epoch_set is not None:
                sampler.set_epoch(epoch_set)
            out.append(list(sampler))
        return out

    call = describe("DistributedSampler", f"Numbers(range({n}))", num_replicas=num_replicas, rank="r", seed=seed)
    first = shares()
    order = [i for position in zip(*first) for i in position]  # positions 0, R, 2R, ... of the padded permutation
    expect(sorted(set(order)) == list(range(n)) and len(order) == num_replicas * -(-n // num_replicas),
           call=f"[list({call}) for r in range({num_replicas})]",
           expected=f"together a permutation of range({n}) padded to {num_replicas * -(-n // num_replicas)}",
           got=show(first))
    expect(shares() == first, call=f"{call}, built again", expected=show(first), got=show(shares()))
    again = shares(epoch)
    expect(again == shares(epoch), call=f"{call}.set_epoch({epoch}), twice", expected=show(again), got=show(shares(epoch)))
    expect(again != first, call=f"{call}.set_epoch({epoch}) against epoch 0",
           expected="another order (set_epoch reseeds the shuffle)", got=show(again))


@check("data.distributed-sampler.bad-rank")
@given(num_replicas=st.integers(1, 4), offset=st.sampled_from([0, 1, 3]), negative=st.booleans())
def test_distributed_sampler_rank_out_of_range(xp, num_replicas, offset, negative):
    rank = -1 - offset if negative else num_replicas + offset
    assert_raises(ValueError, xp.utils.data.DistributedSampler, Numbers(range(4)), num_replicas=num_replicas, rank=rank,
                  call=describe("DistributedSampler", "Numbers(range(4))", num_replicas=num_replicas, rank=rank))


@check("data.default-convert.conversions")
@given(values=st.lists(st.integers(-5, 5), min_size=1, max_size=4), scalar=st.integers(-5, 5))
def test_default_convert_converts_without_batching(xp, values, scalar):
    array = np.array(values, dtype=np.int32)
    sample = (array, scalar, {"a": np.float32(scalar)}, "text", [np.array(["x"])])
    call = describe("default_convert", f"(np.array({values}, int32), {scalar}, {{'a': np.float32({scalar})}}, "
                                       f"'text', [np.array(['x'])])")
    got = xp.utils.data.default_convert(sample)
    expect(isinstance(got, list) and len(got) == 5, call=call, expected="a list of 5 (a tuple becomes a list)",
           got=show(got))
    assert_tensor(got[0], array, dtype="int32", call=f"{call}[0]")
    expect(got[1] == scalar and type(got[1]) is int, call=f"{call}[1]", expected=f"the int {scalar}", got=show(got[1]))
    expect(isinstance(got[2], dict) and list(got[2]) == ["a"], call=f"{call}[2]", expected="a dict with key 'a'",
           got=show(got[2]))
    assert_tensor(got[2]["a"], np.float32(scalar), dtype="float32", call=f"{call}[2]['a']")
    expect(got[3] == "text", call=f"{call}[3]", expected="'text'", got=show(got[3]))
    leaf = got[4][0] if isinstance(got[4], list) and got[4] else None
    expect(isinstance(leaf, np.ndarray) and not is_tensor(leaf), call=f"{call}[4][0]",
           expected="the array of strings unchanged", got=show(leaf))


@check("data.worker-info.main-process")
def test_get_worker_info_is_none_in_the_main_process(xp):
    got = xp.utils.data.get_worker_info()
    expect(got is None, call="get_worker_info() in the main process", expected="None", got=show(got))


@check("data.loader.collate-fn")
@given(n=st.integers(0, 9), batch_size=st.sampled_from([None, 1, 2, 3]), drop_last=st.booleans())
@example(n=5, batch_size=2, drop_last=False)
@example(n=3, batch_size=None, drop_last=False)
def test_collate_fn_receives_each_batch_list(xp, n, batch_size, drop_last):
    drop_last = drop_last and batch_size is not None
    call = describe("DataLoader", f"Numbers(range({n}))", batch_size=batch_size, drop_last=drop_last,
                    collate_fn="lambda b: ('C', b)")
    got = list(xp.utils.data.DataLoader(Numbers(range(n)), batch_size=batch_size, drop_last=drop_last,
                                        collate_fn=lambda b: ("C", b)))
    items = list(range(n)) if batch_size is None else group(list(range(n)), batch_size, drop_last)
    want = [("C", item) for item in items]
    expect(got == want, call=f"list({call})", expected=show(want), got=show(got))


@check("data.loader.in-order")
def test_in_order_false_still_yields_every_batch_once(xp):
    D = xp.utils.data
    default = D.DataLoader(Numbers(range(4)))
    expect(default.in_order is True, call="DataLoader(Numbers(range(4))).in_order", expected="True",
           got=show(default.in_order))
    call = describe("DataLoader", "Numbers(range(10))", batch_size=2, num_workers=2, in_order=False,
                    timeout=WORKER_TIMEOUT)
    batches = D.DataLoader(Numbers(range(10)), batch_size=2, num_workers=2, in_order=False, timeout=WORKER_TIMEOUT)
    got = sorted(to_numpy(b).tolist() for b in batches)
    want = group(list(range(10)), 2, False)
    expect(got == want, call=f"sorted(list({call}))", expected=f"each batch of {want} once, in any order", got=show(got))


@check("data.loader.persistent-workers")
def test_persistent_workers_serve_every_epoch(xp):
    D = xp.utils.data

    def worker_pids(persistent):
        loader = D.DataLoader(Probe(4, D.get_worker_info, xp.initial_seed), batch_size=2, num_workers=2,
                              persistent_workers=persistent, timeout=WORKER_TIMEOUT)
        return [sorted({int(p) for batch in loader for p in to_numpy(batch["pid"]).reshape(-1).tolist()})
                for _ in range(2)]

    for persistent, same in ((True, True), (False, False)):
        first, second = worker_pids(persistent)
        call = describe("DataLoader", "Probe(4)", batch_size=2, num_workers=2, persistent_workers=persistent,
                        timeout=WORKER_TIMEOUT) + ", iterated twice: the worker pids of each epoch"
        expect((first == second) is same and os.getpid() not in first, call=call,
               expected="the same worker processes both epochs" if same else "new worker processes each epoch",
               got=f"{first} then {second}")


@check("data.loader.timeout")
def test_timeout_raises_when_a_batch_is_late(xp):
    call = describe("list(DataLoader", "Slow(2, delay=0.3)", num_workers=1, timeout=0.05) + ")"
    loader = xp.utils.data.DataLoader(Slow(2, 0.3), num_workers=1, timeout=0.05)
    assert_raises(RuntimeError, lambda: list(loader), call=call)
