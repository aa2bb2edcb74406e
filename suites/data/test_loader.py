"""DataLoader (T46-T48; docs facts 9.1-9.8, 9.15, 9.31): iteration, defaults, samplers it builds,
len and the last batch, shuffling, invalid arguments, batch_size=None and pin_memory."""
import numpy as np
from hypothesis import assume, example, given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, describe, expect, is_tensor, show, to_numpy
from conformance.strategies import NUMERIC_DTYPES, dtype_names, shapes
from suites.data.datasets import Numbers
from suites.data.oracles import batch_sizes, group, loader_len


def _values(batch):
    return to_numpy(batch).reshape(-1).tolist() if is_tensor(batch) else show(batch)


@check("data.loader.iteration")
@given(n=st.integers(1, 30), batch_size=st.integers(1, 12))
def test_loader_iteration(xp, n, batch_size):
    call = describe("DataLoader", f"Numbers(range({n}))", batch_size=batch_size)
    loader = xp.utils.data.DataLoader(Numbers(range(n)), batch_size=batch_size)
    want = group(list(range(n)), batch_size, False)
    first = next(iter(loader))
    assert_tensor(first, np.array(want[0]), dtype="int64", call=f"next(iter({call}))")
    for epoch in range(2):
        count = 0
        for i, batch in enumerate(loader):
            expect(i < len(want), call=f"enumerate({call}), pass {epoch + 1}", expected=f"{len(want)} batches",
                   got=f"a batch numbered {i}")
            assert_tensor(batch, np.array(want[i]), dtype="int64", call=f"enumerate({call}), pass {epoch + 1}, batch {i}")
            count += 1
        expect(count == len(want), call=f"enumerate({call}), pass {epoch + 1}", expected=f"{len(want)} batches",
               got=f"{count} batches")


@check("data.loader.defaults")
def test_loader_defaults(xp):
    ds = Numbers([5, 6, 7, 8])
    loader = xp.utils.data.DataLoader(ds)
    call = "DataLoader(Numbers([5, 6, 7, 8]))"
    want = {"batch_size": 1, "num_workers": 0, "pin_memory": False, "drop_last": False, "timeout": 0,
            "worker_init_fn": None, "generator": None, "prefetch_factor": None, "persistent_workers": False}
    for name, value in want.items():
        got = getattr(loader, name, "<missing>")
        same = got is value if value is None or isinstance(value, bool) else (got == value and not isinstance(got, bool))
        expect(same, call=f"{call}.{name}", expected=repr(value), got=show(got))
    batches = list(loader)
    expect(len(batches) == 4, call=call, expected="4 batches of one sample", got=f"{len(batches)} batches")
    for i, batch in enumerate(batches):  # shuffle off (dataset order) and default_collate (int -> int64 tensor)
        assert_tensor(batch, np.array([5 + i]), dtype="int64", call=f"{call}, batch {i}")


@check("data.loader.prefetch-factor-default")
def test_loader_prefetch_factor_default_with_workers(xp):
    got = xp.utils.data.DataLoader(Numbers([5, 6, 7, 8]), num_workers=2).prefetch_factor
    expect(got == 2 and not isinstance(got, bool), call="DataLoader(Numbers([5, 6, 7, 8]), num_workers=2).prefetch_factor",
           expected=2, got=show(got))


@check("data.loader.default-samplers")
@given(n=st.integers(1, 12), batch_size=st.integers(1, 5), drop_last=st.booleans())
def test_loader_default_samplers(xp, n, batch_size, drop_last):
    D = xp.utils.data
    for shuffle, kind in ((False, D.SequentialSampler), (True, D.RandomSampler)):
        call = describe("DataLoader", f"Numbers(range({n}))", batch_size=batch_size, shuffle=shuffle, drop_last=drop_last)
        loader = D.DataLoader(Numbers(range(n)), batch_size=batch_size, shuffle=shuffle, drop_last=drop_last)
        expect(isinstance(loader.sampler, kind), call=f"{call}.sampler", expected=f"a {kind.__name__}",
               got=type(loader.sampler).__name__)
        expect(isinstance(loader.batch_sampler, D.BatchSampler), call=f"{call}.batch_sampler", expected="a BatchSampler",
               got=type(loader.batch_sampler).__name__)
        if not shuffle:  # the sequential sampler's order, grouped by the batch sampler
            order = list(loader.sampler)
            got = [list(b) for b in loader.batch_sampler]
            want = group(list(range(n)), batch_size, drop_last)
            expect(order == list(range(n)), call=f"list({call}.sampler)", expected=list(range(n)), got=order)
            expect(got == want, call=f"list({call}.batch_sampler)", expected=want, got=got)


@check("data.loader.len")
@given(n=st.integers(0, 40), batch_size=st.integers(1, 12), drop_last=st.booleans())
@example(n=10, batch_size=3, drop_last=False)
@example(n=10, batch_size=3, drop_last=True)
@example(n=10, batch_size=20, drop_last=True)
def test_loader_len(xp, n, batch_size, drop_last):
    call = describe("DataLoader", f"Numbers(range({n}))", batch_size=batch_size, drop_last=drop_last)
    loader = xp.utils.data.DataLoader(Numbers(range(n)), batch_size=batch_size, drop_last=drop_last)
    want = loader_len(n, batch_size, drop_last)
    expect(len(loader) == want, call=f"len({call})", expected=want, got=len(loader))
    count = len(list(loader))
    expect(count == want, call=f"list({call})", expected=f"{want} batches", got=f"{count} batches")


@check("data.loader.last-batch")
@given(n=st.integers(0, 30), batch_size=st.integers(1, 8), drop_last=st.booleans(), shuffle=st.booleans())
@example(n=0, batch_size=3, drop_last=False, shuffle=False)
@example(n=10, batch_size=3, drop_last=False, shuffle=False)
@example(n=10, batch_size=3, drop_last=True, shuffle=False)
def test_loader_last_batch(xp, n, batch_size, drop_last, shuffle):
    assume(n > 0 or not shuffle)  # RandomSampler documents that it needs at least one sample
    call = describe("DataLoader", f"Numbers(range({n}))", batch_size=batch_size, drop_last=drop_last, shuffle=shuffle,
                    generator="Generator().manual_seed(7)")
    loader = xp.utils.data.DataLoader(Numbers(range(n)), batch_size=batch_size, drop_last=drop_last, shuffle=shuffle,
                                      generator=xp.Generator().manual_seed(7))
    batches = [_values(b) for b in loader]
    sizes = [len(b) if isinstance(b, list) else b for b in batches]
    want = batch_sizes(n, batch_size, drop_last)
    expect(sizes == want, call=call, expected=f"batch sizes {want}", got=f"batch sizes {sizes}")
    items = [v for b in batches for v in b]
    if drop_last:
        ok = len(set(items)) == len(items) == n - n % batch_size and set(items) <= set(range(n))
        expect(ok, call=call, expected=f"{n - n % batch_size} distinct samples (the incomplete batch dropped)", got=items)
    else:
        expect(sorted(items) == list(range(n)), call=call, expected="every sample exactly once", got=items)
    if not shuffle:
        expect(items == list(range(n - (n % batch_size if drop_last else 0))), call=call,
               expected="samples in dataset order", got=items)


@check("data.loader.shuffle")
@given(seed=st.integers(0, 2**31 - 1), batch_size=st.integers(1, 6))
def test_loader_shuffle(xp, seed, batch_size):
    n = 24
    call = describe("DataLoader", f"Numbers(range({n}))", batch_size=batch_size, shuffle=True,
                    generator=f"Generator().manual_seed({seed})")

    def epochs():
        loader = xp.utils.data.DataLoader(Numbers(range(n)), batch_size=batch_size, shuffle=True,
                                          generator=xp.Generator().manual_seed(seed))
        return [[v for b in loader for v in _values(b)] for _ in range(2)]

    first, second = epochs()
    for order in (first, second):
        expect(sorted(order) == list(range(n)), call=call, expected=f"a permutation of range({n}) per epoch", got=order)
    expect(first != second, call=f"{call}, two epochs", expected="a new order each epoch", got=f"{first} twice")
    again = epochs()
    expect(again == [first, second], call=f"{call}, built twice", expected=f"the same orders {[first, second]}",
           got=again)


@check("data.loader.sampler-conflicts")
def test_loader_sampler_conflicts(xp):
    D = xp.utils.data
    ds = Numbers(range(6))
    batches = D.BatchSampler(D.SequentialSampler(ds), 2, False)
    got = [_values(b) for b in D.DataLoader(ds, batch_sampler=batches)]
    expect(got == [[0, 1], [2, 3], [4, 5]], call="DataLoader(Numbers(range(6)), batch_sampler=BatchSampler(..., 2))",
           expected=[[0, 1], [2, 3], [4, 5]], got=got)
    cases = {
        "sampler=SequentialSampler(ds), shuffle=True": dict(sampler=D.SequentialSampler(ds), shuffle=True),
        "batch_sampler=..., batch_size=2": dict(batch_sampler=batches, batch_size=2),
        "batch_sampler=..., shuffle=True": dict(batch_sampler=batches, shuffle=True),
        "batch_sampler=..., sampler=SequentialSampler(ds)": dict(batch_sampler=batches, sampler=D.SequentialSampler(ds)),
        "batch_sampler=..., drop_last=True": dict(batch_sampler=batches, drop_last=True),
    }
    for text, kwargs in cases.items():
        assert_raises(ValueError, D.DataLoader, ds, **kwargs, call=f"DataLoader(Numbers(range(6)), {text})")


@check("data.loader.worker-arg-errors")
def test_loader_worker_argument_errors(xp):
    ds = Numbers(range(4))
    for kwargs in (dict(num_workers=-1), dict(num_workers=0, prefetch_factor=2), dict(num_workers=0, persistent_workers=True)):
        assert_raises(ValueError, xp.utils.data.DataLoader, ds, **kwargs, call=describe("DataLoader", "Numbers(range(4))", **kwargs))


@check("data.loader.no-auto-batching")
@given(dtype=dtype_names(NUMERIC_DTYPES + ("bool",)), shape=shapes(0, 3, 0, 3))
def test_loader_batch_size_none(xp, dtype, shape):
    array = (np.arange(int(np.prod(shape))) % 3).reshape(shape).astype(dtype)
    samples = [3, array, "text", 2.5, True]
    call = describe("DataLoader", samples, batch_size=None)
    got = list(xp.utils.data.DataLoader(Numbers(samples), batch_size=None))
    expect(len(got) == len(samples), call=call, expected=f"{len(samples)} samples, one at a time", got=f"{len(got)} items")
    for i in (0, 2, 3, 4):  # non-arrays unchanged
        expect(type(got[i]) is type(samples[i]) and got[i] == samples[i], call=f"{call}, item {i}",
               expected=f"{samples[i]!r} unchanged", got=show(got[i]))
    assert_tensor(got[1], array, dtype=dtype, call=f"{call}, item 1")
    assert_raises(ValueError, xp.utils.data.DataLoader, Numbers(samples), batch_size=None, drop_last=True,
                  call=describe("DataLoader", "Numbers(...)", batch_size=None, drop_last=True))


@check("data.loader.dict-samples")
def test_loader_dict_samples(xp):
    samples = [{"x": np.arange(3, dtype="float32") + 10 * i, "y": i, "s": f"s{i}"} for i in range(4)]
    call = describe("DataLoader", "Numbers([{'x': float32 ndarray (3,), 'y': int, 's': str} x 4])", batch_size=2)
    batches = list(xp.utils.data.DataLoader(Numbers(samples), batch_size=2))
    expect(len(batches) == 2, call=call, expected="2 batches", got=f"{len(batches)} batches")
    for k, batch in enumerate(batches):
        where = f"{call}, batch {k}"
        expect(isinstance(batch, dict) and set(batch) == {"x", "y", "s"}, call=where, expected="a dict with keys x, y, s",
               got=show(batch))
        pair = samples[2 * k: 2 * k + 2]
        assert_tensor(batch["x"], np.stack([p["x"] for p in pair]), dtype="float32", call=f"{where}['x']")
        assert_tensor(batch["y"], np.array([p["y"] for p in pair]), dtype="int64", call=f"{where}['y']")
        expect(batch["s"] == [p["s"] for p in pair] and type(batch["s"]) is list, call=f"{where}['s']",
               expected=[p["s"] for p in pair], got=show(batch["s"]))


@check("data.loader.pin-memory")
def test_loader_pin_memory(xp, other_device):
    # pinning needs an accelerator: other_device skips the check where the backend has none
    samples = [{"x": np.arange(3, dtype="float32") + i, "y": i} for i in range(4)]
    call = describe("DataLoader", "Numbers([{'x': float32 ndarray (3,), 'y': int} x 4])", batch_size=2, pin_memory=True)
    loader = xp.utils.data.DataLoader(Numbers(samples), batch_size=2, pin_memory=True)
    for k, batch in enumerate(loader):
        for key in ("x", "y"):
            t = batch[key]
            expect(t.is_pinned(), call=f"{call}, batch {k}['{key}'].is_pinned()", expected=True, got=False)
            expect(t.device.type == "cpu", call=f"{call}, batch {k}['{key}'].device", expected="cpu", got=str(t.device))
