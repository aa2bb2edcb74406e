"""Samplers (docs facts 9.28-9.30): SequentialSampler, RandomSampler, BatchSampler,
SubsetRandomSampler and WeightedRandomSampler. Random samplers always get a seeded generator
and are checked for properties (permutation, range, reproducibility), never for fixed sequences."""
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.assertions import assert_raises, describe, expect
from suites.data.datasets import Numbers
from suites.data.oracles import group


@check("data.sampler.sequential")
@given(n=st.integers(0, 30))
def test_sequential_sampler(xp, n):
    call = describe("SequentialSampler", f"Numbers(range({n}))")
    sampler = xp.utils.data.SequentialSampler(Numbers(range(n)))
    got = list(sampler)
    expect(got == list(range(n)), call=f"list({call})", expected=list(range(n)), got=got)
    expect(len(sampler) == n, call=f"len({call})", expected=n, got=len(sampler))


@check("data.sampler.random")
@given(n=st.integers(1, 30), seed=st.integers(0, 2**31 - 1))
def test_random_sampler_permutation(xp, n, seed):
    D = xp.utils.data
    call = describe("RandomSampler", f"Numbers(range({n}))", generator=f"Generator().manual_seed({seed})")
    got = list(D.RandomSampler(Numbers(range(n)), generator=xp.Generator().manual_seed(seed)))
    expect(sorted(got) == list(range(n)), call=f"list({call})", expected=f"a permutation of range({n})", got=got)
    again = list(D.RandomSampler(Numbers(range(n)), generator=xp.Generator().manual_seed(seed)))
    expect(again == got, call=f"list({call}), twice", expected=f"the same order {got}", got=again)
    expect(len(D.RandomSampler(Numbers(range(n)))) == n, call=f"len({call})", expected=n,
           got=len(D.RandomSampler(Numbers(range(n)))))


@check("data.sampler.random")
@given(n=st.integers(1, 10), num_samples=st.integers(1, 40), seed=st.integers(0, 2**31 - 1))
def test_random_sampler_with_replacement(xp, n, num_samples, seed):
    D = xp.utils.data

    def make():
        return D.RandomSampler(Numbers(range(n)), replacement=True, num_samples=num_samples,
                               generator=xp.Generator().manual_seed(seed))

    call = describe("RandomSampler", f"Numbers(range({n}))", replacement=True, num_samples=num_samples,
                    generator=f"Generator().manual_seed({seed})")
    got = list(make())
    ok = len(got) == num_samples and all(isinstance(i, int) and 0 <= i < n for i in got)
    expect(ok, call=f"list({call})", expected=f"{num_samples} indices in range({n})", got=got)
    expect(len(make()) == num_samples, call=f"len({call})", expected=num_samples, got=len(make()))
    expect(list(make()) == got, call=f"list({call}), twice", expected=f"the same draws {got}", got=list(make()))


@check("data.sampler.random")
def test_random_sampler_bad_num_samples(xp):
    for bad in (0, -1, 2.0):
        for replacement in (False, True):
            assert_raises(ValueError, xp.utils.data.RandomSampler, Numbers(range(3)), replacement=replacement,
                          num_samples=bad,
                          call=describe("RandomSampler", "Numbers(range(3))", replacement=replacement, num_samples=bad))


@check("data.sampler.batch")
@given(n=st.integers(0, 30), batch_size=st.integers(1, 8), drop_last=st.booleans())
@example(n=10, batch_size=3, drop_last=False)
@example(n=10, batch_size=3, drop_last=True)
def test_batch_sampler(xp, n, batch_size, drop_last):
    D = xp.utils.data
    call = describe("BatchSampler", f"SequentialSampler(range({n}))", batch_size, drop_last)
    sampler = D.BatchSampler(D.SequentialSampler(range(n)), batch_size, drop_last)
    want = group(list(range(n)), batch_size, drop_last)
    got = [list(b) for b in sampler]
    expect(got == want, call=f"list({call})", expected=want, got=got)
    expect(len(sampler) == len(want), call=f"len({call})", expected=len(want), got=len(sampler))


@check("data.sampler.subset-random")
@given(indices=st.lists(st.integers(-5, 100), max_size=12, unique=True), seed=st.integers(0, 2**31 - 1))
def test_subset_random_sampler(xp, indices, seed):
    call = describe("SubsetRandomSampler", indices, generator=f"Generator().manual_seed({seed})")
    sampler = xp.utils.data.SubsetRandomSampler(indices, generator=xp.Generator().manual_seed(seed))
    got = list(sampler)
    expect(sorted(got) == sorted(indices), call=f"list({call})", expected=f"a permutation of {indices}", got=got)
    expect(len(sampler) == len(indices), call=f"len({call})", expected=len(indices), got=len(sampler))


@check("data.sampler.weighted")
@given(weights=st.lists(st.sampled_from([0.0, 0.0, 0.5, 1.0, 3.0]), min_size=1, max_size=8).filter(any),
       num_samples=st.integers(1, 60), seed=st.integers(0, 2**31 - 1))
def test_weighted_sampler_skips_zero_weights(xp, weights, num_samples, seed):
    D = xp.utils.data
    positive = [i for i, w in enumerate(weights) if w > 0]
    call = describe("WeightedRandomSampler", weights, num_samples, generator=f"Generator().manual_seed({seed})")
    got = list(D.WeightedRandomSampler(weights, num_samples, generator=xp.Generator().manual_seed(seed)))
    ok = len(got) == num_samples and all(i in positive for i in got)
    expect(ok, call=f"list({call})", expected=f"{num_samples} draws among the weighted indices {positive}", got=got)
    k = min(num_samples, len(positive))
    call = describe("WeightedRandomSampler", weights, k, replacement=False, generator=f"Generator().manual_seed({seed})")
    got = list(D.WeightedRandomSampler(weights, k, replacement=False, generator=xp.Generator().manual_seed(seed)))
    ok = len(got) == k and len(set(got)) == k and all(i in positive for i in got)
    expect(ok, call=f"list({call})", expected=f"{k} distinct draws among the weighted indices {positive}", got=got)


@check("data.sampler.weighted")
@given(n=st.integers(1, 6), extra=st.integers(1, 3))
def test_weighted_sampler_too_many_without_replacement(xp, n, extra):
    weights = [1.0] * n
    call = describe("list(WeightedRandomSampler", weights, n + extra, replacement=False) + ")"
    assert_raises(RuntimeError, lambda: list(xp.utils.data.WeightedRandomSampler(weights, n + extra, replacement=False)),
                  call=call)
