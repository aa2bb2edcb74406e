"""rand, randn, randint: shapes, dtypes, ranges, loose statistics, errors and seeded reproducibility.

Values from the backend's generator are never compared with fixed numbers: ranges and
statistics use generous bounds under a fixed seed, and reproducibility compares the backend
only with itself (the documented rule: the same seed gives the same draws).
"""
import numpy as np
from hypothesis import example, given, strategies as st

from conformance import check, dtypes
from conformance.dtypes import FULL_FLOAT_DTYPES, FLOAT_DTYPES, INT_DTYPES
from conformance.assertions import assert_dtype, assert_raises, assert_shape, assert_values, describe, expect, to_numpy
from conformance.strategies import dtype_names, shapes

from suites.creation.helpers import dt

N = 20_000  # large sample: standard error of the mean 0.007, of the variance about 0.01


@check("creation.rand.range")
@given(shape=shapes(max_dims=3), dtype=st.none() | dtype_names(FLOAT_DTYPES))
def test_rand_shape_dtype_range(xp, shape, dtype):
    kwargs = {} if dtype is None else {"dtype": dt(xp, dtype)}
    call = describe("rand", shape, **kwargs)
    got = xp.rand(shape, **kwargs)
    assert_shape(got, shape, call=call)
    assert_dtype(got, dtype or "float32", call=call)
    values = to_numpy(got)
    expect(bool(np.all((values >= 0) & (values < 1))), call=call, expected="all values in [0, 1)",
           got=f"min {values.min(initial=0)!r}, max {values.max(initial=0)!r}")


@check("creation.rand.range")
def test_rand_is_uniform_on_unit_interval(xp):
    """A large sample under a fixed seed: inside [0, 1), spread over it, mean 1/2 and variance 1/12."""
    xp.manual_seed(1234)
    call = describe("rand", N) + " after manual_seed(1234)"
    values = to_numpy(xp.rand(N)).astype("float64")
    expect(bool(np.all((values >= 0) & (values < 1))), call=call, expected="all values in [0, 1)",
           got=f"min {values.min()!r}, max {values.max()!r}")
    expect(values.min() < 0.01 and values.max() > 0.99, call=call, expected="values spread over [0, 1)",
           got=f"min {values.min()!r}, max {values.max()!r}")
    expect(abs(values.mean() - 0.5) < 0.02, call=call, expected="mean 0.5 +/- 0.02", got=f"mean {values.mean()!r}")
    expect(abs(values.var() - 1 / 12) < 0.01, call=call, expected="variance 1/12 +/- 0.01", got=f"variance {values.var()!r}")


@check("creation.rand.range")
def test_tutorial_rand_5x3(xp):
    """T02: rand(5, 3) is a 5x3 float32 tensor of values in [0, 1)."""
    call = describe("rand", 5, 3)
    got = xp.rand(5, 3)
    assert_shape(got, (5, 3), call=call)
    assert_dtype(got, "float32", call=call)
    values = to_numpy(got)
    expect(bool(np.all((values >= 0) & (values < 1))), call=call, expected="all values in [0, 1)", got=values.tolist())


@check("creation.randn.shape-dtype")
@given(dtype=st.none() | dtype_names(FULL_FLOAT_DTYPES), shape=shapes(max_dims=3))
@example(dtype="float64", shape=(2, 3))
def test_randn_shape_dtype(xp, dtype, shape):
    dtypes.require(dtype)
    kwargs = {} if dtype is None else {"dtype": dt(xp, dtype)}
    call = describe("randn", shape, **kwargs)
    got = xp.randn(shape, **kwargs)
    assert_shape(got, shape, call=call)
    assert_dtype(got, dtype or "float32", call=call)


@check("creation.randn.statistics")
def test_randn_is_standard_normal(xp):
    xp.manual_seed(4321)
    call = describe("randn", N) + " after manual_seed(4321)"
    values = to_numpy(xp.randn(N)).astype("float64")
    expect(abs(values.mean()) < 0.05, call=call, expected="mean 0 +/- 0.05", got=f"mean {values.mean()!r}")
    expect(abs(values.var() - 1) < 0.06, call=call, expected="variance 1 +/- 0.06", got=f"variance {values.var()!r}")
    inside = np.mean(np.abs(values) < 1)  # 68.3 % of a standard normal lies within one sd
    expect(abs(inside - 0.6827) < 0.02, call=call, expected="about 68% of values in (-1, 1)", got=f"{inside:.3f}")


@check("creation.randn.statistics")
def test_randn_complex_parts(xp):
    xp.manual_seed(99)
    call = describe("randn", N, dtype=xp.complex64) + " after manual_seed(99)"
    got = xp.randn(N, dtype=xp.complex64)
    assert_dtype(got, "complex64", call=call)
    values = to_numpy(got).astype("complex128")
    for part, name in ((values.real, "real"), (values.imag, "imaginary")):
        expect(abs(part.mean()) < 0.04, call=call, expected=f"{name} part mean 0 +/- 0.04", got=f"mean {part.mean()!r}")
        expect(abs(part.var() - 0.5) < 0.04, call=call, expected=f"{name} part variance 1/2 +/- 0.04", got=f"variance {part.var()!r}")


@check("creation.rand.integer-dtype-rejected")
@given(dtype=dtype_names(INT_DTYPES), like=st.booleans())
def test_rand_rejects_integer_dtype(xp, dtype, like):
    if like:
        source = xp.zeros(3, dtype=dt(xp, dtype))
        assert_raises(RuntimeError, xp.rand_like, source, call=describe("rand_like", source))
    else:
        assert_raises(RuntimeError, xp.rand, 3, dtype=dt(xp, dtype), call=describe("rand", 3, dtype=dt(xp, dtype)))


@check("creation.randint.range-dtype")
@given(low=st.integers(-50, 50), span=st.integers(1, 30), shape=shapes(max_dims=3), form=st.sampled_from(["low-high", "high"]))
def test_randint_bounds_and_dtype(xp, low, span, shape, form):
    if form == "high":
        low, args = 0, (span, shape)
    else:
        args = (low, low + span, shape)
    high = low + span
    call = describe("randint", *args)
    got = xp.randint(*args)
    assert_shape(got, shape, call=call)
    assert_dtype(got, "int64", call=call)
    values = to_numpy(got)
    expect(bool(np.all((values >= low) & (values < high))), call=call, expected=f"all values in [{low}, {high})",
           got=f"min {values.min(initial=low)!r}, max {values.max(initial=low)!r}")


@check("creation.randint.range-dtype")
def test_randint_covers_range(xp):
    """A large fixed-seed sample of randint(0, 3) takes every value 0, 1, 2 and nothing else."""
    xp.manual_seed(7)
    call = describe("randint", 0, 3, (3000,)) + " after manual_seed(7)"
    got = xp.randint(0, 3, (3000,))
    assert_dtype(got, "int64", call=call)
    seen = sorted(set(to_numpy(got).tolist()))
    expect(seen == [0, 1, 2], call=call, expected="values exactly {0, 1, 2}", got=f"values {seen}")


@check("creation.randint.range-dtype")
@given(dtype=dtype_names(INT_DTYPES + FULL_FLOAT_DTYPES))
def test_randint_dtype_keyword(xp, dtype):
    call = describe("randint", 0, 10, (20,), dtype=dtype)
    got = xp.randint(0, 10, (20,), dtype=dt(xp, dtype))
    assert_dtype(got, dtype, call=call)
    values = to_numpy(got)
    expect(bool(np.all((values >= 0) & (values < 10) & (values == np.round(values)))), call=call,
           expected="integer values in [0, 10)", got=values.tolist())


@check("creation.randint.range-dtype")
@given(high=st.integers(1, 10), size=st.integers(0, 5))
def test_randint_size_must_be_tuple(xp, high, size):
    assert_raises(TypeError, xp.randint, high, size, call=describe("randint", high, size))


@check("creation.randint.empty-range")
@given(low=st.integers(-20, 20), gap=st.integers(0, 10))
def test_randint_empty_range_raises(xp, low, gap):
    args = (low, low - gap, (4,))
    assert_raises(RuntimeError, xp.randint, *args, call=describe("randint", *args))


def _draw(xp, kind, **kwargs):
    if kind == "randint":
        return xp.randint(0, 1000, (8,), **kwargs)
    return getattr(xp, kind)(8, **kwargs)


@check("creation.random.seed-reproducible")
@given(seed=st.integers(0, 2**31 - 1), kind=st.sampled_from(["rand", "randn", "randint"]))
def test_manual_seed_reproduces(xp, seed, kind):
    xp.manual_seed(seed)
    first = to_numpy(_draw(xp, kind))
    _draw(xp, kind)  # advance the generator: reseeding must still restart the stream
    xp.manual_seed(seed)
    second = _draw(xp, kind)
    assert_values(second, first, call=f"manual_seed({seed}); {kind}(8) twice", rtol=0, atol=0)


@check("creation.random.seed-reproducible")
@given(seed=st.integers(0, 2**31 - 1), kind=st.sampled_from(["rand", "randn", "randint"]))
def test_generator_seed_reproduces(xp, seed, kind):
    first = to_numpy(_draw(xp, kind, generator=xp.Generator().manual_seed(seed)))
    xp.rand(3)  # disturbing the global generator must not matter
    second = _draw(xp, kind, generator=xp.Generator().manual_seed(seed))
    assert_values(second, first, call=f"{kind}(8, generator=Generator().manual_seed({seed})) twice", rtol=0, atol=0)


@check("creation.random.seed-reproducible")
def test_generator_continues_its_own_stream(xp):
    """Two generators seeded alike produce the same sequence of draws, call after call."""
    g1, g2 = xp.Generator().manual_seed(5), xp.Generator().manual_seed(5)
    for i in range(3):
        a, b = xp.rand(4, generator=g1), xp.rand(4, generator=g2)
        assert_values(b, to_numpy(a), call=f"rand(4, generator=g) draw {i} from two Generator().manual_seed(5)",
                      rtol=0, atol=0)
