"""IterableDataset with DataLoader (docs facts 9.17-9.18): batching a stream, the options it rejects,
len(), and the per-worker copies that duplicate an unsharded stream."""
from hypothesis import given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, describe, expect, is_tensor, show, to_numpy
from suites.data.datasets import WORKER_TIMEOUT, stream_class
from suites.data.oracles import batch_sizes, loader_len


def _flat(batches):
    return [v for b in batches for v in (to_numpy(b).reshape(-1).tolist() if is_tensor(b) else [show(b)])]


@check("data.iterable.loader-rules")
@given(n=st.integers(0, 25), batch_size=st.integers(1, 6), drop_last=st.booleans())
def test_iterable_loader_batches_and_len(xp, n, batch_size, drop_last):
    D = xp.utils.data
    sized = stream_class(D.IterableDataset, True)(0, n)
    call = describe("DataLoader", f"<IterableDataset range({n}) with __len__>", batch_size=batch_size, drop_last=drop_last)
    loader = D.DataLoader(sized, batch_size=batch_size, drop_last=drop_last)
    want = loader_len(n, batch_size, drop_last)
    expect(len(loader) == want, call=f"len({call})", expected=want, got=len(loader))
    batches = list(loader)
    sizes = [int(b.shape[0]) if is_tensor(b) else show(b) for b in batches]
    expect(sizes == batch_sizes(n, batch_size, drop_last), call=call,
           expected=f"batch sizes {batch_sizes(n, batch_size, drop_last)}", got=f"batch sizes {sizes}")
    kept = n - (n % batch_size if drop_last else 0)
    expect(_flat(batches) == list(range(kept)), call=call, expected=f"the stream in order: {list(range(kept))}",
           got=_flat(batches))
    unsized = D.DataLoader(stream_class(D.IterableDataset)(0, n), batch_size=batch_size, drop_last=drop_last)
    assert_raises(TypeError, len, unsized,
                  call=f"len(DataLoader(<IterableDataset range({n}) without __len__>, batch_size={batch_size}))")


@check("data.iterable.loader-rules")
def test_iterable_loader_rejects_sampling_options(xp):
    D = xp.utils.data
    stream = stream_class(D.IterableDataset)(0, 6)
    cases = {
        "shuffle=True": dict(shuffle=True),
        "sampler=SequentialSampler(range(6))": dict(sampler=D.SequentialSampler(range(6))),
        "batch_sampler=BatchSampler(SequentialSampler(range(6)), 2, False)":
            dict(batch_sampler=D.BatchSampler(D.SequentialSampler(range(6)), 2, False)),
    }
    for text, kwargs in cases.items():
        assert_raises(ValueError, D.DataLoader, stream, **kwargs, call=f"DataLoader(<IterableDataset range(6)>, {text})")


@check("data.iterable.worker-copies")
def test_iterable_workers_duplicate_unless_sharded(xp):
    D = xp.utils.data
    make = stream_class(D.IterableDataset)
    call = describe("DataLoader", "<IterableDataset range(3, 7)>", num_workers=2, timeout=WORKER_TIMEOUT)
    got = sorted(_flat(D.DataLoader(make(3, 7), num_workers=2, timeout=WORKER_TIMEOUT)))
    want = sorted(list(range(3, 7)) * 2)
    expect(got == want, call=call, expected=f"each value once per worker: {want}", got=got)
    call = describe("DataLoader", "<IterableDataset range(3, 7) sharded by get_worker_info()>", num_workers=2,
                    timeout=WORKER_TIMEOUT)
    got = sorted(_flat(D.DataLoader(make(3, 7, True, D.get_worker_info), num_workers=2, timeout=WORKER_TIMEOUT)))
    expect(got == list(range(3, 7)), call=call, expected=f"each value once: {list(range(3, 7))}", got=got)
