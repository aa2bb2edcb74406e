"""Map-style datasets (T45, CSV-backed), TensorDataset, Subset, ConcatDataset and random_split (docs facts 9.16, 9.23-9.27)."""
import csv
import warnings

import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, assert_tensor, describe, expect, show, to_numpy
from conformance.strategies import shapes
from suites.data.datasets import stream_class
from suites.data.oracles import split_lengths
from suites.inputs import tensor_of


def _flat(batches):
    return [v for b in batches for v in to_numpy(b).reshape(-1).tolist()]


@check("data.dataset.map-style")
@given(values=st.lists(st.integers(-1000, 1000), max_size=12), batch_size=st.integers(1, 5))
def test_map_style_dataset(xp, values, batch_size):
    class Doubled(xp.utils.data.Dataset):
        def __init__(self, items):
            self.items = items

        def __len__(self):
            return len(self.items)

        def __getitem__(self, index):
            return self.items[index] * 2

    ds = Doubled(values)
    call = describe("Doubled(Dataset)", values)
    expect(len(ds) == len(values), call=f"len({call})", expected=len(values), got=len(ds))
    got = [ds[i] for i in range(len(values))]
    expect(got == [2 * v for v in values], call=f"{call}[i] for each i", expected=[2 * v for v in values], got=got)
    loader = xp.utils.data.DataLoader(ds, batch_size=batch_size)
    got = _flat(loader)
    expect(got == [2 * v for v in values], call=describe("DataLoader", call, batch_size=batch_size),
           expected=f"every item in order: {[2 * v for v in values]}", got=got)


@check("data.dataset.map-style")
def test_dataset_without_getitem_cannot_be_indexed(xp):
    class NoItems(xp.utils.data.Dataset):
        def __len__(self):
            return 3

    assert_raises(NotImplementedError, lambda: NoItems()[0], call="NoItems(Dataset)()[0] (no __getitem__ defined)")


@check("data.dataset.csv-backed")
def test_csv_backed_dataset(xp, tmp_path):
    prices = [9500.0 + 1234.25 * i - (i % 4) * 0.5 for i in range(23)]
    path = tmp_path / "median_benchmark.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["SalesID", "SalePrice"])
        for i, price in enumerate(prices):
            writer.writerow([1000 + i, repr(price)])

    class BulldozerDataset(xp.utils.data.Dataset):
        def __init__(self, csv_file):
            with open(csv_file, newline="", encoding="utf-8") as f:
                self.rows = list(csv.DictReader(f))

        def __len__(self):
            return len(self.rows)

        def __getitem__(self, idx):
            return float(self.rows[idx]["SalePrice"])

    ds = BulldozerDataset(path)
    expect(len(ds) == len(prices), call="len(BulldozerDataset(<23-row csv>))", expected=len(prices), got=len(ds))
    call = describe("DataLoader", "BulldozerDataset(<23-row csv>)", batch_size=10, shuffle=True, num_workers=0,
                    generator="Generator().manual_seed(0)")
    loader = xp.utils.data.DataLoader(ds, batch_size=10, shuffle=True, num_workers=0,
                                      generator=xp.Generator().manual_seed(0))
    batches = list(loader)
    for b in batches:
        assert_tensor(b, to_numpy(b), dtype="float64", call=call)
    got = sorted(_flat(batches))
    expect(got == sorted(prices), call=call, expected=f"every SalePrice exactly once: {sorted(prices)}", got=got)


@check("data.tensor-dataset.items")
@given(n=st.integers(0, 6), extra=shapes(0, 2, 0, 3), k=st.integers(1, 3))
def test_tensor_dataset_items(xp, n, extra, k):
    shape = (n,) + extra
    arrays = [(np.arange(int(np.prod(shape)), dtype="int64") * (j + 1) - j).reshape(shape) for j in range(k)]
    tensors = [tensor_of(xp, a) for a in arrays]
    call = describe("TensorDataset", *tensors)
    ds = xp.utils.data.TensorDataset(*tensors)
    expect(len(ds) == n, call=f"len({call})", expected=n, got=len(ds))
    for i in range(n):
        item = ds[i]
        expect(isinstance(item, tuple) and len(item) == k, call=f"{call}[{i}]", expected=f"a tuple of {k} tensors",
               got=show(item))
        for j in range(k):
            assert_tensor(item[j], arrays[j][i], dtype="int64", call=f"{call}[{i}][{j}]")


@check("data.tensor-dataset.items")
@given(n=st.integers(0, 5), delta=st.integers(1, 3))
def test_tensor_dataset_size_mismatch(xp, n, delta):
    a, b = xp.zeros(n), xp.zeros(n + delta)
    assert_raises(AssertionError, xp.utils.data.TensorDataset, a, b, call=describe("TensorDataset", a, b))


@check("data.subset.items")
@given(data=st.data(), values=st.lists(st.integers(-100, 100), min_size=1, max_size=10))
def test_subset_items(xp, data, values):
    indices = data.draw(st.lists(st.integers(0, len(values) - 1), max_size=8), label="indices")
    call = describe("Subset", values, indices)
    sub = xp.utils.data.Subset(values, indices)
    expect(len(sub) == len(indices), call=f"len({call})", expected=len(indices), got=len(sub))
    got = [sub[i] for i in range(len(indices))]
    want = [values[i] for i in indices]
    expect(got == want, call=f"{call}[i] for each i", expected=want, got=got)
    expect(sub.dataset is values, call=f"{call}.dataset", expected="the wrapped dataset", got=show(sub.dataset))
    expect(list(sub.indices) == indices, call=f"{call}.indices", expected=indices, got=show(sub.indices))


@check("data.concat.indexing")
@given(parts=st.lists(st.lists(st.integers(-50, 50), max_size=5), min_size=1, max_size=4))
def test_concat_indexing(xp, parts):
    flat = [v for p in parts for v in p]
    call = describe("ConcatDataset", parts)
    ds = xp.utils.data.ConcatDataset(parts)
    expect(len(ds) == len(flat), call=f"len({call})", expected=len(flat), got=len(ds))
    got = [ds[i] for i in range(len(flat))]
    expect(got == flat, call=f"{call}[i] for i >= 0", expected=flat, got=got)
    got = [ds[-i] for i in range(1, len(flat) + 1)]
    want = [flat[-i] for i in range(1, len(flat) + 1)]
    expect(got == want, call=f"{call}[-i] for i = 1..len", expected=want, got=got)


@check("data.concat.indexing")
def test_concat_add_and_invalid_members(xp):
    a = xp.utils.data.TensorDataset(xp.tensor([1, 2, 3]))
    b = xp.utils.data.TensorDataset(xp.tensor([7, 8]))
    call = "TensorDataset(tensor([1, 2, 3])) + TensorDataset(tensor([7, 8]))"
    both = a + b
    expect(isinstance(both, xp.utils.data.ConcatDataset), call=call, expected="a ConcatDataset", got=show(both))
    got = [int(to_numpy(both[i][0])) for i in range(len(both))]
    expect(got == [1, 2, 3, 7, 8], call=f"({call})[i]", expected=[1, 2, 3, 7, 8], got=got)
    assert_raises(AssertionError, xp.utils.data.ConcatDataset, [], call="ConcatDataset([])")
    stream = stream_class(xp.utils.data.IterableDataset)(0, 3)
    assert_raises(AssertionError, xp.utils.data.ConcatDataset, [[1, 2], stream],
                  call="ConcatDataset([[1, 2], <IterableDataset range(0, 3)>])")


@st.composite
def _partition(draw):
    n = draw(st.integers(0, 40))
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=3)))
    bounds = [0, *cuts, n]
    return n, [hi - lo for lo, hi in zip(bounds, bounds[1:])]


@check("data.random-split.partition")
@given(case=_partition(), seed=st.integers(0, 2**31 - 1))
@example(case=(20, [5, 10, 5]), seed=0)
def test_random_split_partition(xp, case, seed):
    n, lengths = case
    values = list(range(100, 100 + n))
    call = describe("random_split", f"<{n} items>", lengths, generator=f"Generator().manual_seed({seed})")
    parts = xp.utils.data.random_split(values, lengths, generator=xp.Generator().manual_seed(seed))
    expect(len(parts) == len(lengths), call=call, expected=f"{len(lengths)} subsets", got=len(parts))
    for part, length in zip(parts, lengths):
        expect(isinstance(part, xp.utils.data.Subset) and len(part) == length, call=call,
               expected=f"a Subset of length {length}", got=f"{type(part).__name__} of length {len(part)}")
    items = [part[i] for part in parts for i in range(len(part))]
    expect(sorted(items) == values, call=call, expected="subsets covering every item exactly once",
           got=f"items {sorted(items)}")
    again = xp.utils.data.random_split(values, lengths, generator=xp.Generator().manual_seed(seed))
    first = [list(p.indices) for p in parts]
    second = [list(p.indices) for p in again]
    expect(first == second, call=f"{call}, twice", expected=f"the same split both times: {first}", got=second)


@check("data.random-split.partition")
@given(n=st.integers(1, 20), delta=st.sampled_from([-1, 1, 2]))
def test_random_split_bad_lengths(xp, n, delta):
    lengths = [n // 2, n - n // 2 + delta]  # sums to n + delta
    call = describe("random_split", f"<{n} items>", lengths)
    assert_raises(ValueError, xp.utils.data.random_split, list(range(n)), lengths,
                  generator=xp.Generator().manual_seed(0), call=call)


@check("data.random-split.fractions")
@given(n=st.integers(0, 60), weights=st.lists(st.integers(1, 9), min_size=1, max_size=4))
@example(n=30, weights=[3, 3, 4])
@example(n=10, weights=[1, 1, 2])
@example(n=11, weights=[1, 1])
def test_random_split_fractions(xp, n, weights):
    fractions = [w / sum(weights) for w in weights]
    want = split_lengths(n, fractions)
    call = describe("random_split", f"<{n} items>", fractions)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an empty split is allowed, with a UserWarning
        parts = xp.utils.data.random_split(list(range(n)), fractions, generator=xp.Generator().manual_seed(1))
    got = [len(p) for p in parts]
    expect(got == want, call=call, expected=f"lengths {want}", got=f"lengths {got}")
    items = sorted(p[i] for p in parts for i in range(len(p)))
    expect(items == list(range(n)), call=call, expected="subsets covering every item exactly once", got=items)
