"""Creation breadth: logspace, empty_strided, asarray's copy rules, frombuffer, complex/polar,
tril/triu_indices, randperm/normal/bernoulli/multinomial/poisson, RNG state, set_default_device.

Random draws are never compared with fixed numbers: ranges, shapes and dtypes exactly, statistics
under a fixed seed with wide bounds, reproducibility by comparing the backend only with itself.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import example, given, strategies as st

from conformance import check
from conformance.dtypes import COMPLEX_OF_FLOAT, FULL_FLOAT_DTYPES, GENERIC_DTYPES
from conformance.assertions import (assert_dtype, assert_raises, assert_shape, assert_tensor, assert_values, describe,
                                    expect, to_numpy)
from conformance.strategies import dtype_names, shapes
from suites.creation.helpers import device_type, dt
from suites.inputs import tensor_of

N = 4000  # sample size of the statistical checks: standard error of a mean about 0.016 sigma


@check("creation.logspace.values")
@given(start=st.integers(-3, 3), end=st.integers(-3, 3), steps=st.integers(0, 6),
       base=st.sampled_from([10.0, 2.0, 0.5]), dtype=st.none() | dtype_names(("float64",)))
@example(start=0, end=2, steps=3, base=10.0, dtype=None)
@example(start=1, end=1, steps=1, base=2.0, dtype=None)
def test_logspace(xp, start, end, steps, base, dtype):
    kwargs = {} if dtype is None else {"dtype": dt(xp, dtype)}
    call = describe("logspace", start, end, steps, base=base, **kwargs)
    want = base ** np.linspace(start, end, steps)
    assert_tensor(xp.logspace(start, end, steps, base=base, **kwargs), want, dtype=dtype or "float32", call=call)


@check("creation.empty-strided.size-stride")
@given(case=st.sampled_from([((2, 3), (3, 1)), ((2, 3), (1, 2)), ((4,), (2,)), ((2, 2, 2), (1, 4, 2)), ((0, 3), (3, 1))]),
       dtype=st.none() | dtype_names(GENERIC_DTYPES))
def test_empty_strided(xp, case, dtype):
    size, stride = case
    kwargs = {} if dtype is None else {"dtype": dt(xp, dtype)}
    call = describe("empty_strided", size, stride, **kwargs)
    got = xp.empty_strided(size, stride, **kwargs)
    assert_shape(got, size, call=call)
    assert_dtype(got, dtype or "float32", call=call)
    expect(tuple(got.stride()) == stride, call=call, expected=f"stride {stride}", got=f"stride {tuple(got.stride())}")


def _write_seen(xp: Any, source: Any, result: Any, call: str) -> None:
    """A write through the source (tensor or ndarray) shows in the result."""
    new = np.arange(10.0, 10.0 + result.numel())
    if isinstance(source, np.ndarray):
        source[...] = new.reshape(source.shape)
    else:
        source.copy_(tensor_of(xp, new.reshape(tuple(source.shape)), "float64"))
    assert_values(result, new.reshape(tuple(result.shape)), call=f"{call}, read after writing to its input")


@check("creation.asarray.shares-memory")
@given(shape=shapes(1, 3, 1, 3), from_numpy=st.booleans())
@example(shape=(2,), from_numpy=False)
@example(shape=(2,), from_numpy=True)
def test_asarray_shares(xp, shape, from_numpy):
    data = np.arange(float(np.prod(shape))).reshape(shape)
    source = data if from_numpy else tensor_of(xp, data, "float64")
    call = describe("asarray", source)
    result = xp.asarray(source)
    assert_tensor(result, data.copy(), dtype="float64", call=call)
    _write_seen(xp, source, result, call)


@check("creation.asarray.copy-true")
@given(from_numpy=st.booleans())
def test_asarray_copy_true(xp, from_numpy):
    data = np.arange(4.0)
    source = data.copy() if from_numpy else tensor_of(xp, data, "float64")
    call = describe("asarray", source, copy=True)
    result = xp.asarray(source, copy=True)
    if from_numpy:
        source[...] = -1.0
    else:
        source.copy_(tensor_of(xp, -np.ones(4), "float64"))
    assert_values(result, data, call=f"{call}, read after writing to its input")


@check("creation.asarray.copy-false-raises")
@given(from_numpy=st.booleans())
def test_asarray_copy_false_raises(xp, from_numpy):
    source = np.arange(4.0) if from_numpy else tensor_of(xp, np.arange(4.0), "float64")
    assert_raises(ValueError, xp.asarray, source, dtype=xp.int64, copy=False,
                  call=describe("asarray", source, dtype="int64", copy=False))


@check("creation.frombuffer.shares-memory")
@given(values=st.lists(st.integers(-100, 100), min_size=1, max_size=6), data=st.data())
@example(values=[1, 2, 3], data=None)
def test_frombuffer(xp, values, data):
    """count is -1 (all) or positive; the bytes from offset must hold count elements."""
    offset = 0 if data is None else data.draw(st.integers(0, len(values) - 1), "offset")
    count = -1 if data is None else data.draw(st.sampled_from([-1, *range(1, len(values) - offset + 1)]), "count")
    buffer = bytearray(np.array(values, dtype=np.int16).tobytes())
    call = describe("frombuffer", f"bytearray of int16 {values}", dtype="int16", count=count, offset=2 * offset)
    got = xp.frombuffer(buffer, dtype=xp.int16, count=count, offset=2 * offset)
    end = len(values) if count == -1 else offset + count
    assert_tensor(got, np.array(values[offset:end], dtype=np.int16), dtype="int16", call=call)
    view = np.frombuffer(buffer, dtype=np.int16)
    view[...] = -view - 1
    assert_values(got, view[offset:end], call=f"{call}, read after writing to the buffer")


@check("creation.complex.from-parts")
@given(shape=shapes(0, 2, 0, 3), dtype=dtype_names(FULL_FLOAT_DTYPES), broadcast=st.booleans())
def test_complex(xp, shape, dtype, broadcast):
    n = int(np.prod(shape))
    real, imag = np.arange(n, dtype=float).reshape(shape), np.array(-2.5 if broadcast else 1.5 - np.arange(n).reshape(shape))
    want = real + 1j * imag
    out = COMPLEX_OF_FLOAT[dtype]
    a, b = tensor_of(xp, real, dtype), tensor_of(xp, imag, dtype)
    assert_tensor(xp.complex(a, b), want, dtype=out, call=describe("complex", a, b))


@check("creation.polar.values")
@given(shape=shapes(0, 2, 0, 3), dtype=dtype_names(FULL_FLOAT_DTYPES))
def test_polar(xp, shape, dtype):
    n = int(np.prod(shape))
    magnitude, angle = (np.arange(n, dtype=float) / 2).reshape(shape), (np.arange(n, dtype=float) - 1.5).reshape(shape)
    out = COMPLEX_OF_FLOAT[dtype]
    a, b = tensor_of(xp, magnitude, dtype), tensor_of(xp, angle, dtype)
    want = magnitude * np.cos(angle) + 1j * magnitude * np.sin(angle)
    assert_tensor(xp.polar(a, b), want, dtype=out, call=describe("polar", a, b))


def _triangle(row: int, col: int, offset: int, lower: bool) -> np.ndarray:
    """Coordinates in row-major order with j - i <= offset (lower) or >= offset (upper)."""
    keep = [(i, j) for i in range(row) for j in range(col) if (j - i <= offset if lower else j - i >= offset)]
    return np.array(keep, dtype=np.int64).reshape(-1, 2).T


@check("creation.tril-triu-indices.row-major")
@given(row=st.integers(0, 4), col=st.integers(0, 4), offset=st.integers(-3, 3), lower=st.booleans())
@example(row=3, col=4, offset=-1, lower=True)
@example(row=2, col=4, offset=1, lower=False)
def test_tril_triu_indices(xp, row, col, offset, lower):
    name = "tril_indices" if lower else "triu_indices"
    call = describe(name, row, col, offset)
    assert_tensor(getattr(xp, name)(row, col, offset), _triangle(row, col, offset, lower), dtype="int64", call=call)


@check("creation.randperm.permutation")
@given(n=st.integers(0, 30), dtype=st.none() | dtype_names(GENERIC_DTYPES))
def test_randperm(xp, n, dtype):
    kwargs = {} if dtype is None else {"dtype": dt(xp, dtype)}
    call = describe("randperm", n, **kwargs)
    got = xp.randperm(n, **kwargs)
    assert_dtype(got, dtype or "int64", call=call)
    assert_shape(got, (n,), call=call)
    values = to_numpy(got)
    expect(sorted(values.tolist()) == list(range(n)), call=call, expected=f"a permutation of 0..{n - 1}",
           got=values.tolist())


def _moments(call: str, values: np.ndarray, mean: float, std: float) -> None:
    expect(abs(values.mean() - mean) < 0.1 * max(std, 1), call=call, expected=f"sample mean {mean} +/- 10%",
           got=f"mean {values.mean()!r}")
    expect(abs(values.std() - std) < 0.1 * max(std, 1), call=call, expected=f"sample std {std} +/- 10%",
           got=f"std {values.std()!r}")


@check("creation.normal.shapes-statistics")
def test_normal(xp):
    xp.manual_seed(7)
    call = describe("normal", 3.0, 2.0, size=(N,)) + " after manual_seed(7)"
    got = xp.normal(3.0, 2.0, size=(N,))
    assert_shape(got, (N,), call=call)
    assert_dtype(got, "float32", call=call)
    _moments(call, to_numpy(got).astype(np.float64), 3.0, 2.0)
    mean, std = tensor_of(xp, np.full((N, 1), -1.0)), tensor_of(xp, np.array([0.5, 4.0]))
    call = describe("normal", mean, std)
    got = xp.normal(mean, std)
    assert_shape(got, (N, 2), call=call)
    assert_dtype(got, "float64", call=call)
    values = to_numpy(got)
    for k, s in enumerate((0.5, 4.0)):
        _moments(f"{call}[:, {k}]", values[:, k], -1.0, s)


@check("creation.bernoulli.values")
@given(dtype=dtype_names(FULL_FLOAT_DTYPES), method=st.booleans())
def test_bernoulli(xp, dtype, method):
    xp.manual_seed(11)
    p = np.repeat([0.0, 1.0, 0.25], N)
    probs = tensor_of(xp, p, dtype)
    call = describe("Tensor.bernoulli" if method else "bernoulli", probs) + " after manual_seed(11)"
    got = probs.bernoulli() if method else xp.bernoulli(probs)
    assert_dtype(got, dtype, call=call)
    values = to_numpy(got)
    assert_values(got[: 2 * N], p[: 2 * N], call=f"{call}, where p is 0 or 1")
    expect(set(np.unique(values).tolist()) <= {0.0, 1.0}, call=call, expected="only 0 and 1", got=np.unique(values).tolist())
    expect(abs(values[2 * N:].mean() - 0.25) < 0.05, call=call, expected="mean 0.25 +/- 0.05 where p = 0.25",
           got=f"mean {values[2 * N:].mean()!r}")


@check("creation.multinomial.samples")
@given(weights=st.lists(st.sampled_from([0.0, 1.0, 2.0, 5.0]), min_size=1, max_size=6), data=st.data(),
       method=st.booleans())
@example(weights=[0.0, 1.0, 0.0, 3.0, 2.0], data=None, method=False)
def test_multinomial_without_replacement(xp, weights, data, method):
    nonzero = [i for i, w in enumerate(weights) if w]
    if not nonzero:
        weights, nonzero = weights + [1.0], [len(weights)]
    n = len(nonzero) if data is None else data.draw(st.integers(1, len(nonzero)), "n")
    w = tensor_of(xp, np.array([weights, weights[::-1]]), "float32")
    call = describe("Tensor.multinomial" if method else "multinomial", w, n)
    got = w.multinomial(n) if method else xp.multinomial(w, n)
    assert_dtype(got, "int64", call=call)
    assert_shape(got, (2, n), call=call)
    for row, allowed in ((0, set(nonzero)), (1, {len(weights) - 1 - i for i in nonzero})):
        drawn = to_numpy(got)[row].tolist()
        expect(len(set(drawn)) == n and set(drawn) <= allowed, call=f"{call}[{row}]",
               expected=f"{n} distinct indices among {sorted(allowed)}", got=drawn)


@check("creation.multinomial.samples")
def test_multinomial_frequencies(xp):
    xp.manual_seed(5)
    w = tensor_of(xp, np.array([1.0, 0.0, 3.0]))
    call = describe("multinomial", w, N, replacement=True) + " after manual_seed(5)"
    drawn = to_numpy(xp.multinomial(w, N, replacement=True))
    share = np.bincount(drawn, minlength=3) / N
    expect(share[1] == 0 and abs(share[2] - 0.75) < 0.05, call=call,
           expected="index 1 never, index 2 in 75% +/- 5% of draws", got=f"shares {share.tolist()}")


@check("creation.poisson.values")
@given(dtype=dtype_names(FULL_FLOAT_DTYPES))
def test_poisson(xp, dtype):
    xp.manual_seed(3)
    rates = tensor_of(xp, np.repeat([0.0, 4.0], N), dtype)
    call = describe("poisson", rates) + " after manual_seed(3)"
    got = xp.poisson(rates)
    assert_dtype(got, dtype, call=call)
    values = to_numpy(got).astype(np.float64)
    assert_values(got[:N], np.zeros(N), call=f"{call}, where the rate is 0")
    expect(bool(np.all(values >= 0) and np.all(values == np.round(values))), call=call,
           expected="non-negative integer values", got=f"min {values.min()!r}")
    expect(abs(values[N:].mean() - 4.0) < 0.3 and abs(values[N:].var() - 4.0) < 0.8, call=call,
           expected="mean 4 +/- 0.3 and variance 4 +/- 0.8 where the rate is 4",
           got=f"mean {values[N:].mean()!r}, variance {values[N:].var()!r}")


SAMPLERS: dict[str, Callable[..., Any]] = {
    "randperm(20)": lambda xp, **g: xp.randperm(20, **g),
    "normal(0, 1, size=(20,))": lambda xp, **g: xp.normal(0.0, 1.0, size=(20,), **g),
    "bernoulli(full(20, 0.5))": lambda xp, **g: xp.bernoulli(xp.full((20,), 0.5), **g),
    "multinomial(ones(20), 10)": lambda xp, **g: xp.multinomial(xp.ones(20), 10, **g),
    "poisson(full(20, 3.0))": lambda xp, **g: xp.poisson(xp.full((20,), 3.0), **g),
}


@check("creation.random.more-reproducible")
@pytest.mark.parametrize("name", list(SAMPLERS))
def test_seeded_draws_repeat(xp, name):
    draw = SAMPLERS[name]
    runs = []
    for _ in range(2):
        xp.manual_seed(21)
        runs.append(to_numpy(draw(xp)).tolist())
    expect(runs[0] == runs[1], call=f"{name} after manual_seed(21), twice", expected="the same draws", got=runs)
    runs = [to_numpy(draw(xp, generator=xp.Generator().manual_seed(21))).tolist() for _ in range(2)]
    expect(runs[0] == runs[1], call=f"{name}, generator=Generator().manual_seed(21), twice", expected="the same draws",
           got=runs)
    runs = [to_numpy(draw(xp, generator=xp.Generator().manual_seed(s))).tolist() for s in (1, 2)]
    expect(runs[0] != runs[1], call=f"{name} with generators seeded 1 and 2", expected="different draws", got=runs)


@check("creation.rng-state.restores")
def test_rng_state_restores(xp):
    xp.manual_seed(0)
    xp.rand(3)
    state = xp.get_rng_state()
    assert_dtype(state, "uint8", call="get_rng_state()")
    first = to_numpy(xp.rand(5)).tolist() + to_numpy(xp.randn(3)).tolist()
    xp.rand(7)
    xp.set_rng_state(state)
    again = to_numpy(xp.rand(5)).tolist() + to_numpy(xp.randn(3)).tolist()
    expect(first == again, call="set_rng_state(state) then rand(5), randn(3)", expected=first, got=again)


@check("creation.default-device.set")
def test_set_default_device(xp):
    """On the meta device, so it runs without an accelerator; the CPU default always comes back."""
    try:
        xp.set_default_device("meta")
        got = xp.zeros(2)
        call = "set_default_device('meta'); zeros(2)"
        expect(device_type(got) == "meta", call=call, expected="a meta tensor", got=f"device {got.device}")
        expect(xp.get_default_device().type == "meta", call="get_default_device()", expected="meta",
               got=str(xp.get_default_device()))
        explicit = xp.ones(2, device="cpu")
        expect(device_type(explicit) == "cpu", call="ones(2, device='cpu')", expected="cpu", got=str(explicit.device))
    finally:
        xp.set_default_device(None)
    got = xp.zeros(2)
    expect(device_type(got) == "cpu", call="set_default_device(None); zeros(2)", expected="a CPU tensor",
           got=f"device {got.device}")


def _log(values: np.ndarray) -> np.ndarray:
    return np.log(np.where(values > 0, values, np.nan))


# name -> (arguments, support (values -> bool array), statistic (name, values -> float), its expected value, tolerance)
IN_PLACE_SAMPLERS: dict[str, tuple[tuple[Any, ...], Callable[..., Any], tuple[str, Callable[..., float]], float, float]] = {
    "uniform_": ((2.0, 5.0), lambda v: (v >= 2) & (v < 5), ("mean", np.mean), 3.5, 0.1),
    "normal_": ((3.0, 2.0), np.isfinite, ("std", np.std), 2.0, 0.15),
    "bernoulli_": ((0.25,), lambda v: (v == 0) | (v == 1), ("mean", np.mean), 0.25, 0.03),
    "random_": ((0, 7), lambda v: (v >= 0) & (v < 7) & (v == np.round(v)), ("mean", np.mean), 3.0, 0.2),
    "exponential_": ((2.0,), lambda v: v >= 0, ("mean", np.mean), 0.5, 0.05),
    "geometric_": ((0.25,), lambda v: (v >= 1) & (v == np.round(v)), ("mean", np.mean), 4.0, 0.3),
    "cauchy_": ((1.0, 2.0), np.isfinite, ("median", np.median), 1.0, 0.2),
    "log_normal_": ((0.0, 0.5), lambda v: v > 0, ("std of log", lambda v: np.std(_log(v))), 0.5, 0.05),
}


@check("creation.sampling-in-place.fills-self")
@pytest.mark.parametrize("name", list(IN_PLACE_SAMPLERS))
def test_in_place_sampler(xp, name):
    args, support, (label, statistic), want, tol = IN_PLACE_SAMPLERS[name]
    xp.manual_seed(17)
    t = xp.zeros(N, dtype=xp.float64)
    call = f"zeros({N}, dtype=float64).{name}{args} after manual_seed(17)"
    result = getattr(t, name)(*args)
    expect(result is t, call=call, expected="self, filled in place", got=f"another object: {type(result).__name__}")
    assert_shape(t, (N,), call=call)
    assert_dtype(t, "float64", call=call)
    values = to_numpy(t)
    inside = support(values)
    expect(bool(inside.all()), call=call, expected="every value in the distribution's support",
           got=f"{int((~inside).sum())} outside, e.g. {values[~inside][:3].tolist()}")
    got = float(statistic(values))
    expect(abs(got - want) < tol, call=call, expected=f"{label} {want} +/- {tol}", got=f"{label} {got!r}")


@check("creation.random.initial-seed")
@given(seed=st.integers(0, 2**31))
def test_initial_seed(xp, seed):
    xp.manual_seed(seed)
    expect(xp.initial_seed() == seed, call=f"manual_seed({seed}); initial_seed()", expected=seed, got=xp.initial_seed())
    fresh = xp.seed()
    expect(isinstance(fresh, int) and xp.initial_seed() == fresh, call="seed(); initial_seed()",
           expected="the int seed() returned", got=f"seed() {fresh!r}, initial_seed() {xp.initial_seed()!r}")


@check("creation.empty-permuted.layout")
@given(shape=shapes(1, 4, 0, 4), data=st.data())
@example(shape=(2, 3, 4), data=None)
def test_empty_permuted(xp, shape, data):
    layout = (0, 2, 1) if data is None else tuple(data.draw(st.permutations(range(len(shape))), "physical_layout"))
    got = xp.empty_permuted(shape, layout)
    strides = [0] * len(shape)
    step = 1
    for d in reversed(layout):  # the innermost physical dim has stride 1
        strides[d] = step
        step *= max(shape[d], 1)
    call = describe("empty_permuted", shape, layout)
    assert_shape(got, shape, call=call)
    if math.prod(shape):
        expect(tuple(got.stride()) == tuple(strides), call=call, expected=f"stride {tuple(strides)}",
               got=f"stride {tuple(got.stride())}")
